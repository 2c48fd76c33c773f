"""What each bulk page is made from, as a short digest: the key of its output in the cache.

A key names every input a page shows: the disclosures (by the digest of their bytes), the
history and screening it shows, and the registry-wide facts it links by (which entities
have a page, which regions exist). The code and templates are not named here: the output
cache adds its own digest of the package, and the theme's shell, to every key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from ..model import Disclosure
from ..registry.registry import Mention, Region, RegionEntry, Registry, SharedEntity


def digest(*parts: object) -> str:
    """A digest of the parts' reprs: frozen records and plain values, whose repr is their content."""
    h = hashlib.sha256()
    for part in parts:
        h.update(repr(part).encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


# Digests of values that thousands of keys share (a completeness profile and its items), by identity:
# made once each rather than spelled out again in every company's key (10 KB of repr a company).
_SHARED: dict[int, tuple[object, str]] = {}
T = TypeVar("T")


def _shared(value: T, made: Callable[[T], str] = digest) -> str:
    found = _SHARED.get(id(value))
    if found is None:
        if len(_SHARED) >= 4096:   # a long `disclose serve` loads new profiles at every build
            _SHARED.clear()
        found = _SHARED[id(value)] = (value, made(value))   # the value kept: its id is not reused
    return found[1]


def _scores(scores: Iterable[Any]) -> list[tuple[str, list[tuple[str, bool, str]]]]:
    """A company's completeness scores (`completeness.Score`) as its page shows them."""
    return [(_shared(s.profile), [(_shared(r.item), r.covered, r.detail) for r in s.results]) for s in scores]


def links_digest(registry: Registry, company: Disclosure) -> str:
    """Which cross-company page each of the company's entities links to: named by the keys of its
    own pages and of the regions it is in, made once for all of them."""
    return digest(list(map(registry.entity_pages.get, ((company.id, e.id) for e in company.entities))))


def _regions(registry: Registry) -> str:
    """Which regions exist, made once for all their pages' keys (a file may name 5,000 subdivisions)."""
    return _shared(registry.regions, lambda regions: digest(tuple(r.code for r in regions)))


def company_key(company: Disclosure, digests: Mapping[str, str], stale: bool, context: Mapping[str, Any],
                links: str) -> str:
    """A company page and its list pages: its file, its history and screening, its entities' pages (`links_digest`)."""
    if company.id not in digests:
        return ""
    shown = sorted({**context, "scores": _scores(context.get("scores", ()))}.items())
    return digest("company", digests[company.id], stale, shown, links)


def entity_heading(entity: SharedEntity) -> str:
    """What every page of an entity says of all of it: names, country, identifiers, how many companies name it."""
    return digest("entity", entity.slug, entity.name, entity.names, entity.country, entity.identifiers,
                  len(entity.companies))


def entity_page_key(heading: str, digests: Mapping[str, str], number: int, count: int, chunk: Sequence[Mention],
                    matches: object) -> str:
    """A page of an entity: its heading (`entity_heading`), and only the companies it lists and their
    watchlist matches. A rebuild after one change so remakes the one page that lists it, not all twenty
    pages of an entity that ten thousand companies name (unless its names or count change)."""
    files = [(m.company.id, m.entity.id, digests.get(m.company.id)) for m in chunk]
    if None in (f for _, _, f in files):
        return ""
    return digest("entity page", heading, number, count, files, matches)


def region_key(region: Region, registry: Registry, digests: Mapping[str, str], links: Mapping[str, str]) -> str:
    """A region page: every disclosure with a place in it, their entities' pages (`links_digest` by company id),
    and which regions exist."""
    files = _entry_files(region.entries, digests, links)
    return digest("region", region.code, files, _regions(registry)) if files is not None else ""


def region_totals(region: Region) -> tuple[int, int, bool]:
    """What a region's pages say of all of it: companies, entities, and whether any operates there."""
    return len(region.entries), region.entity_count, any(e.operations for e in region.entries)


def region_page_key(region: Region, digests: Mapping[str, str], number: int, count: int,
                    chunk: Sequence[RegionEntry], totals: tuple[int, int, bool], links: Mapping[str, str]) -> str:
    """A page after the first of a region: the region's totals in its heading, and only the companies it lists.

    The first page draws the region's map (every entry, and which regions exist): it keeps
    `region_key`. A rebuild after one change so remakes one page of a long region, not all.
    """
    files = _entry_files(chunk, digests, links)
    return digest("region page", region.code, number, count, totals, files) if files is not None else ""


def _entry_files(entries: Sequence[RegionEntry], digests: Mapping[str, str],
                 links: Mapping[str, str]) -> list[tuple[str, str | None, str | None]] | None:
    """Each entry's company, file digest and `links_digest`; None when a file has no digest (not cached)."""
    files = [(e.company.id, digests.get(e.company.id), links.get(e.company.id)) for e in entries]
    return None if None in (f for _, f, _ in files) else files
