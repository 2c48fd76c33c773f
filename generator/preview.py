"""`disclose serve`'s quick pass: a saved disclosure's own pages, redrawn at once from the last build.

A full build redoes what covers the whole registry (cross-firm grouping, the data downloads,
the search index, every list page); at a thousand companies that takes minutes. A preview
needs the page of the file just saved. So when only disclosures changed, and each changed
one is valid, its company pages are rendered again with what the last full build knew (its
history, its cross-firm entity pages, the watchlists and profiles) and written over the
served ones; the full build follows once the files are quiet, and its site is what stays.
Anything else (a removed file, a file with problems, a changed page or setting) goes straight
to the full build, which reports it as always.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .check.validation import check_file
from .history.timeline import History
from .load.files import NotAFile, entries, read_regular
from .load.loader import DEFAULT_LIMITS
from .model import Disclosure
from .pipeline import Settings, _extras
from .registry.registry import Registry
from .registry.screening import screen_registry
from .site.pages import company_pages
from .site.shell import Shell, depth
from .site.writer import Job, write


@dataclass(frozen=True)
class Last:
    """What the last full build knew, kept by the plugin for the quick passes that follow it."""

    source: Path
    settings: Settings
    files: Mapping[str, tuple[str, str]]   # each disclosure's path → digest of the bytes built from, company id
    registry: Registry
    history: History
    lists: tuple[Any, ...]
    profiles: tuple[Any, ...]


def changed(last: Last) -> list[Path] | None:
    """The disclosures saved since the last build; None when one was removed or cannot be read."""
    now: dict[str, Path] = {}
    for entry in entries(last.source) if last.source.is_dir() else []:
        if entry.level == "error":
            return None
        if entry.level:   # a name almost a disclosure's: the full build says so
            continue
        now[str(entry.path)] = entry.path
    if set(last.files) - set(now):
        return None
    found = []
    for name, path in now.items():
        try:
            digest = hashlib.sha256(read_regular(path, DEFAULT_LIMITS.max_bytes)).hexdigest()
        except (OSError, NotAFile):
            return None
        if last.files.get(name, ("", ""))[0] != digest:
            found.append(path)
    return found


def _with_links(company: Disclosure, last: Last) -> Registry:
    """A registry of the one company that links its entities as the last build did."""
    registry = Registry.of([company])
    links = {pair: slug for pair, slug in last.registry.entity_pages.items() if pair[0] == company.id}
    registry.__dict__["entity_pages"] = links   # a cached_property: set before it is first computed
    return registry


def quick_pass(last: Last, shells: Mapping[int, Shell], site_dir: Path) -> list[str] | None:
    """Redraw the pages of the disclosures saved since the last build; the URLs written, or None
    when the change needs the full build (nothing is written then)."""
    paths = changed(last)
    if not paths:
        return None
    today = last.settings.today or dt.date.today()
    companies = []
    for path in paths:
        doc, found = check_file(path, today)
        if doc.data is None or any(p.is_error for p in found):
            return None
        company = Disclosure.of(doc.data)
        # A new id, or one another file holds: the full build renames or reports it.
        others = {held for name, (_, held) in last.files.items() if name != str(path)}
        if last.files.get(str(path), ("", company.id))[1] != company.id or company.id in others:
            return None
        companies.append(company)
    urls: list[str] = []
    for company in companies:
        registry = _with_links(company, last)
        matches = screen_registry([company], last.lists)
        extras = _extras(registry, last.history, matches, last.settings, list(last.profiles), {})
        pages = company_pages(company, registry, today, extras)
        if any(depth(p) not in shells for p in pages):
            return None
        urls.extend(write(Job(site_dir, shells, "", None), pages).urls)
    return urls


def quiet_seconds() -> float:
    """How long the files must rest before the full build follows a quick pass."""
    try:
        return max(0.0, float(os.environ.get("DISCLOSE_SERVE_QUIET", "2")))
    except ValueError:
        return 2.0
