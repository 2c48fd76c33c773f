"""`disclose serve`'s quick pass: a saved disclosure's own pages, redrawn at once from the last build.

A full build redoes what covers the whole registry (cross-firm grouping, the data downloads,
the search index, every list page); at a thousand companies that takes minutes. A preview
needs the page of the file just saved. So when only disclosures changed, and each changed
one is valid, its company pages are rendered again with what the last full build knew (its
history, its cross-firm entity pages, the watchlists and profiles) and written over the
served ones; the full build follows once the files are quiet, and its site is what stays.
Anything else (a removed file, a file with problems, a changed page or setting) goes straight
to the full build, which reports it as always.

Each full build writes a folder of its own, and the browser is shown it only once the build
succeeded: a saved mistake leaves the last good site served, with the problems in the terminal.
The server itself (MkDocs') answers only a browser on this machine (site/serve_guard.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
import tempfile
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .check.validation import check_file
from .history.timeline import History
from .load.files import NotAFile, entries, read_regular
from .load.loader import DEFAULT_LIMITS
from .model import Disclosure
from .pipeline import Settings, _extras
from .problems import as_text
from .registry.registry import Registry
from .registry.screening import screen_registry
from .site.config_file import config_problems
from .site.pages import company_pages
from .site.removal import discard
from .site.shell import Shell, depth
from .site.writer import Job, write
from .text import printable


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


class Sites:
    """serve's built sites: each full build writes a fresh folder, shown only once the build succeeded."""

    def __init__(self) -> None:
        self.parent: Path | None = None    # MkDocs' temporary folder, removed when serve ends
        self.building: Path | None = None
        self.served: Path | None = None

    def fresh(self, given: Path) -> Path:
        self.parent = self.parent or given
        self.failed()
        self.building = Path(tempfile.mkdtemp(prefix="build-", dir=self.parent))
        return self.building

    def succeeded(self, server: Any) -> None:
        """Show the folder just built; the one before goes (a request still reading it keeps its open file)."""
        if self.building is None:
            return
        old, self.served, self.building = self.served, self.building, None
        server.root = str(self.served)
        if old is not None:   # tens of thousands of files at 10,000 companies: not removed on the build's thread
            discard(old)

    def failed(self) -> None:
        if self.building is not None:
            discard(self.building)
            self.building = None


class Previewer:
    """serve's builder: a saved disclosure's pages at once, the full build once files are quiet, and
    the last good site kept served when a build fails."""

    def __init__(self, last: Callable[[], tuple[Last, Mapping[int, Shell]] | None], builder: Callable[[], None],
                 server: Any, sites: Sites, config_file: Path) -> None:
        self.last, self.builder, self.server, self.sites, self.config_file = last, builder, server, sites, config_file
        self.timer: threading.Timer | None = None
        self.full_due = False

    def __call__(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
        if not self.full_due and self._quick():
            return
        self.full_due = False
        self._full_build()

    def _quick(self) -> bool:
        last = self.last()
        if last is None or self.sites.served is None:
            return False
        try:
            urls = quick_pass(last[0], last[1], self.sites.served)
        except Exception:  # whatever the quick pass trips on, the full build reports
            urls = None
        if not urls:
            return False
        quiet = quiet_seconds()
        print(f"preview: {len(urls)} pages of the saved disclosures redrawn; the full build follows "
              f"after {quiet:g} s without changes", file=sys.stderr)
        self.timer = threading.Timer(quiet, self._full)
        self.timer.daemon = True
        self.timer.start()
        return True

    def _full_build(self) -> None:
        # MkDocs reads mkdocs.yml with a loader that runs Python tags: a file changed under the
        # preview (a pull request's branch checked out) is checked first, as `disclose serve` did.
        if problems := config_problems(self.config_file):
            print(f"{as_text(problems)}\nnot rebuilt: mkdocs.yml asks what a build does not do; {_KEPT}",
                  file=sys.stderr)
            return
        try:
            self.builder()
        except (Exception, SystemExit) as e:   # MkDocs' Abort is a SystemExit; its problems are printed
            self.sites.failed()
            said = str(e) if isinstance(e, SystemExit) else f"unexpected error: {type(e).__name__}: {e}"
            print(f"not rebuilt ({printable(said)}); {_KEPT}", file=sys.stderr)
            return
        self.sites.succeeded(self.server)

    def _full(self) -> None:
        """Ask serve's build loop for a full build, as its file watcher does."""
        self.full_due = True
        with self.server._rebuild_cond:
            self.server._want_rebuild = True
            self.server._rebuild_cond.notify_all()


_KEPT = "the preview still shows the last site that built"
