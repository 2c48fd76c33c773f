"""What each bulk page is made from, as a short digest: the key of its output in the cache.

A key names every input a page shows: the disclosures (by the digest of their bytes), the
history and screening it shows, and the registry-wide facts it links by (which entities
have a page, which regions exist). The code and templates are not named here: the output
cache adds its own digest of the package, and the theme's shell, to every key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..model import Disclosure
from ..registry.registry import Region, RegionEntry, Registry, SharedEntity


def digest(*parts: object) -> str:
    """A digest of the parts' reprs: frozen records and plain values, whose repr is their content."""
    h = hashlib.sha256()
    for part in parts:
        h.update(repr(part).encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def _links(registry: Registry, pairs: Iterable[tuple[str, str]]) -> list[str | None]:
    return list(map(registry.entity_pages.get, pairs))


def _regions(registry: Registry) -> tuple[str, ...]:
    return tuple(r.code for r in registry.regions)


def company_key(company: Disclosure, registry: Registry, digests: Mapping[str, str], stale: bool,
                context: Mapping[str, Any]) -> str:
    """A company page and its list pages: its file, its history and screening, its entities' pages."""
    if company.id not in digests:
        return ""
    links = _links(registry, ((company.id, e.id) for e in company.entities))
    return digest("company", digests[company.id], stale, sorted(context.items()), links)


def entity_key(entity: SharedEntity, digests: Mapping[str, str], matches: object) -> str:
    """An entity page: every disclosure that names it, and their watchlist matches."""
    files = [(m.company.id, m.entity.id, digests.get(m.company.id)) for m in entity.mentions]
    if None in (f for *_, f in files):
        return ""
    return digest("entity", entity.slug, files, matches)


def region_key(region: Region, registry: Registry, digests: Mapping[str, str]) -> str:
    """A region page: every disclosure with a place in it, their entities' pages, and which regions exist."""
    files = [(e.company.id, digests.get(e.company.id)) for e in region.entries]
    if None in (f for _, f in files):
        return ""
    links = _links(registry, ((e.company.id, x.id) for e in region.entries for x in e.entities))
    return digest("region", region.code, files, links, _regions(registry))


def region_totals(region: Region) -> tuple[int, int, bool]:
    """What a region's pages say of all of it: companies, entities, and whether any operates there."""
    return len(region.entries), region.entity_count, any(e.operations for e in region.entries)


def region_page_key(region: Region, registry: Registry, digests: Mapping[str, str], number: int, count: int,
                    chunk: Sequence[RegionEntry], totals: tuple[int, int, bool]) -> str:
    """A page after the first of a region: the region's totals in its heading, and only the companies it lists.

    The first page draws the region's map (every entry, and which regions exist): it keeps
    `region_key`. A rebuild after one change so remakes one page of a long region, not all.
    """
    files = [(e.company.id, digests.get(e.company.id)) for e in chunk]
    if None in (f for _, f in files):
        return ""
    links = _links(registry, ((e.company.id, x.id) for e in chunk for x in e.entities))
    return digest("region page", region.code, number, count, totals, files, links)
