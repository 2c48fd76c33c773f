"""The one pipeline both faces (the CLI and the MkDocs plugin) run: files → pages."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .check.schema import SCHEMA_PATH
from .check.validation import Result, validate_paths
from .history.timeline import History, read_history
from .model import Disclosure
from .registry.completeness import completeness, load_profiles, percentages
from .registry.registry import Registry
from .registry.screening import Match, screen_registry
from .registry.watchlists import load_watchlists
from .site.exports import exports
from .site.history_pages import history_pages, timeline_context
from .site.pages import Asset, Extras, Page, site_pages
from .site.watchlist_pages import watchlist_pages


@dataclass(frozen=True)
class Settings:
    """What the site is built with besides the disclosures; folders may be absent."""

    today: dt.date | None = None
    repo_url: str | None = None
    cache_dir: Path | None = None
    watchlists: Path | None = None
    profiles: Path | None = None


@dataclass(frozen=True)
class Site:
    result: Result
    registry: Registry
    pages: tuple[Page, ...]
    assets: tuple[Asset, ...] = ()
    notes: tuple[str, ...] = field(default=())  # said in the build log: history unavailable, and why


def load_registry(source: Path, today: dt.date | None = None) -> tuple[Registry, Result]:
    result = validate_paths([source], today)
    registry = Registry.of(Disclosure.of(doc.data) for doc in result.valid_documents())
    return registry, result


def _sources(result: Result) -> dict[str, bytes]:
    return {doc.data["company"]["id"]: Path(doc.path).read_bytes() for doc in result.valid_documents()}


def _extras(registry: Registry, history: History, matches: list[Match], settings: Settings,
            profiles: list[Any]) -> Extras:
    by_company: dict[str, list[Match]] = defaultdict(list)
    by_entity: dict[tuple[str, str], list[Match]] = defaultdict(list)
    for m in matches:
        by_company[m.company].append(m)
        by_entity[(m.company, m.entity)].append(m)
    scores = {c.id: completeness(c, profiles) for c in registry.companies}
    company = {c.id: {**timeline_context(history, c.id, settings.repo_url),
                      "matches": by_company[c.id], "scores": scores[c.id]} for c in registry.companies}
    coverage = {c.id: percentages(scores[c.id]) for c in registry.companies}
    profile_titles = {p.id: p.title for p in profiles}
    return Extras(company, history.last_changed, coverage, profile_titles, dict(by_entity))


def build_site(source: Path, settings: Settings | None = None) -> Site:
    """Every page and file of the site; nothing when any disclosure (or list, or profile) has an error."""
    settings = settings or Settings()
    registry, result = load_registry(source, settings.today)
    lists, list_problems = load_watchlists(settings.watchlists) if settings.watchlists else ([], [])
    profiles, profile_problems = load_profiles(settings.profiles) if settings.profiles else ([], [])
    result = Result(result.documents, (*result.problems, *list_problems, *profile_problems))
    if not result.ok:
        return Site(result, registry, ())
    history = read_history(source, settings.cache_dir)
    matches = screen_registry(registry.companies, lists)
    extras = _extras(registry, history, matches, settings, profiles)
    changes, feeds = history_pages(history, registry, settings.repo_url)
    pages = (*site_pages(registry, settings.today, extras), *changes,
             *watchlist_pages(matches, registry, lists))
    assets = (*exports(registry, _sources(result), history), *feeds,
              Asset("schema/disclosure.schema.json", SCHEMA_PATH.read_bytes()))
    notes = () if history.available else (f"history: {history.message}",)
    return Site(result, registry, pages, assets, notes)
