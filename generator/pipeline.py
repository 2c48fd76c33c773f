"""The one pipeline both faces (the CLI and the MkDocs plugin) run: files → pages."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from .check.schema import SCHEMA_PATH
from .check.validation import Result, validate_paths
from .history.timeline import History, read_history
from .load.files import read_regular
from .load.forks import collector_off
from .load.loader import DEFAULT_LIMITS
from .model import Disclosure, entity_rows
from .problems import Problem
from .registry.cache import scored, screened
from .registry.completeness import Profile, load_profiles, percentages
from .registry.group_cache import grouped
from .registry.registry import Registry
from .registry.screening import Match
from .registry.watchlists import Watchlist, load_watchlists
from .site.exports import exports
from .site.history_pages import history_pages, timeline_context
from .site.pages import Asset, Extras, Page, site_pages
from .site.table_files import TableFiles
from .site.watchlist_pages import watchlist_pages

T = TypeVar("T")

# What a registry gets without writing it: theme overrides, pages, profiles, watchlists.
DEFAULTS = Path(__file__).with_name("defaults")

Folders = Path | Sequence[Path] | None


@dataclass(frozen=True)
class Settings:
    """What the site is built with besides the disclosures; folders may be absent.

    `watchlists` and `profiles` may name several folders: a file in a later one replaces
    the one with the same id in an earlier one (a registry's own over the packaged ones).
    """

    today: dt.date | None = None
    repo_url: str | None = None
    cache_dir: Path | None = None
    watchlists: Folders = None
    profiles: Folders = None


def layered(registry_folder: Path) -> tuple[Path, Path]:
    """The packaged folder of that name under the registry's own, which wins."""
    return DEFAULTS / registry_folder.name, registry_folder


def _folders(folders: Folders) -> tuple[Path, ...]:
    if folders is None:
        return ()
    return (folders,) if isinstance(folders, Path) else tuple(folders)


def _by_id(folders: Folders,
           load: Callable[[Path], tuple[list[T], list[Problem]]]) -> tuple[dict[str, T], list[Problem]]:
    """What `load` finds in each folder by id: a later folder's item replaces an earlier one's."""
    by_id: dict[str, T] = {}
    problems: list[Problem] = []
    for folder in _folders(folders):
        items, found = load(folder)
        problems.extend(found)
        by_id.update((item.id, item) for item in items)  # type: ignore[attr-defined]
    return by_id, problems


def load_lists(folders: Folders) -> tuple[list[Watchlist], list[Problem]]:
    """Every watchlist of the folders; a later folder's list replaces an earlier one's of the same id."""
    by_id, problems = _by_id(folders, load_watchlists)
    return sorted(by_id.values(), key=lambda w: w.id), problems


def load_all_profiles(folders: Folders) -> tuple[list[Profile], list[Problem]]:
    """Every profile of the folders; a later folder's profile replaces an earlier one's of the same id."""
    by_id, problems = _by_id(folders, load_profiles)
    return sorted(by_id.values(), key=lambda p: (p.order, p.id)), problems


@dataclass(frozen=True)
class Site:
    result: Result
    registry: Registry
    pages: tuple[Page, ...]
    assets: tuple[Asset, ...] = ()
    notes: tuple[str, ...] = field(default=())  # said in the build log: history unavailable, and why
    history: History | None = None   # kept for `disclose serve`'s quick pass (preview.py)
    lists: tuple[Watchlist, ...] = ()
    profiles: tuple[Profile, ...] = ()


def _under(cache_dir: Path | None, name: str) -> Path | None:
    return cache_dir / name if cache_dir is not None else None


def load_registry(source: Path, today: dt.date | None = None,
                  cache_dir: Path | None = None) -> tuple[Registry, Result]:
    """A missing folder is an empty registry: git keeps no empty folder once the last company withdrew."""
    # Each disclosure is made as the checking workers send its file back, while they go on.
    # Its entities' fields are read there too (`entity_rows`), on both cores: two thirds of making them.
    result = validate_paths([source] if source.exists() else [], today, cache_dir=_under(cache_dir, "checked"),
                            make=Disclosure.of, prepare=entity_rows)
    return Registry.of(result.valid_made()), result


def _sources(result: Result) -> dict[str, Callable[[], bytes]]:
    # Read as validated: a regular file, never through a link; read when written, not held.
    return {doc.data["company"]["id"]: partial(read_regular, Path(doc.path), DEFAULT_LIMITS.max_bytes)
            for doc in result.valid_documents()}


def _digests(result: Result) -> dict[str, str]:
    """company id → digest of its file's bytes: the cache key of what its pages show."""
    return {doc.data["company"]["id"]: doc.digest for doc in result.valid_documents()}


def _extras(registry: Registry, history: History, matches: list[Match], settings: Settings,
            profiles: list[Any], digests: dict[str, str]) -> Extras:
    by_company: dict[str, list[Match]] = defaultdict(list)
    by_entity: dict[tuple[str, str], list[Match]] = defaultdict(list)
    for m in matches:
        by_company[m.company].append(m)
        by_entity[(m.company, m.entity)].append(m)
    scores = scored(registry.companies, profiles, digests, _under(settings.cache_dir, "completeness"))
    company = {c.id: {**timeline_context(history, c.id, settings.repo_url),
                      "matches": by_company[c.id], "scores": scores[c.id]} for c in registry.companies}
    coverage = {c.id: percentages(scores[c.id]) for c in registry.companies}
    profile_titles = {p.id: p.title for p in profiles}
    return Extras(company, history.last_changed, coverage, profile_titles, dict(by_entity), digests)


def _outside(pages: Sequence[Page], assets: Sequence[Asset]) -> Problem | None:
    """A page or file whose path would leave the site folder. Checked data never names one (ids are
    patterned); this stands behind every check, so that no data can make the build write elsewhere."""
    for path in (*(p.path for p in pages), *(a.path for a in assets)):
        if path.startswith("/") or "\\" in path or ".." in path.split("/"):
            return Problem(path, 1, 1, "error", "unsafe-path", f"the site would have a file at {path!r}, outside "
                           "its folder; nothing was built")
    return None


def build_site(source: Path, settings: Settings | None = None,
               meanwhile: Callable[[Registry], None] | None = None) -> Site:
    """Every page and file of the site; nothing when any disclosure (or list, or profile) has an error.

    `meanwhile` is the caller's own work on the registry (the search index), done while the
    data tables are still being made on the other core: a wait for them is a core left idle."""
    settings = settings or Settings()
    # Every stage makes objects by the million that live as long as the build, and no cycle among
    # them: with the collector on, it walked all of them again and again (`collector_off`).
    with collector_off():
        return _stages(source, settings, meanwhile or (lambda _: None))


def _stages(source: Path, settings: Settings, meanwhile: Callable[[Registry], None]) -> Site:
    registry, result = load_registry(source, settings.today, settings.cache_dir)
    lists, list_problems = load_lists(settings.watchlists)
    profiles, profile_problems = load_all_profiles(settings.profiles)
    result = Result(result.documents, (*result.problems, *list_problems, *profile_problems))
    if not result.ok:
        return Site(result, registry, ())
    history = read_history(source, settings.cache_dir, result.valid_documents())
    digests = _digests(result)
    # The data tables need only the disclosures and the history: made on a core of their own from here.
    tables = TableFiles.start(registry, history, digests, _under(settings.cache_dir, "tables"))
    try:
        matches = screened(registry.companies, lists, digests, _under(settings.cache_dir, "screening"))
        grouped(registry, _under(settings.cache_dir, "grouping"), digests)
        extras = _extras(registry, history, matches, settings, profiles, digests)
        changes, feeds = history_pages(history, registry, settings.repo_url)
        pages = (*site_pages(registry, settings.today, extras), *changes,
                 *watchlist_pages(matches, registry, lists))
        meanwhile(registry)
        assets = (*exports(registry, _sources(result), history, digests, made=tables), *feeds,
                  Asset("schema/disclosure.schema.json", SCHEMA_PATH.read_bytes()))
        notes = () if history.available else (f"history: {history.message}",)
        if stray := _outside(pages, assets):
            return Site(Result(result.documents, (*result.problems, stray)), registry, ())
        return Site(result, registry, pages, assets, notes, history, tuple(lists), tuple(profiles))
    except BaseException:
        tables.cancel()
        raise
