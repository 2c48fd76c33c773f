"""What each page's map shows: a company's places, one region, or the whole registry.

Every number is read from the registry's regions index (`Registry.regions`, `regions_of`):
a count here is the number of operations and entities the index files under a code.
The home page's map is aggregated by country and province, so it does not grow with
the number of companies.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache

from ..model import ENTITY_LISTS, Disclosure
from ..registry.registry import Region, RegionEntry, Registry, region_name
from .maps import Picture, Place, Point, coordinates, draw, legend, outlines


def _items(entries: Iterable[RegionEntry]) -> int:
    return sum(len(e.operations) + len(e.entities) for e in entries)


def _unplaced(entries: Iterable[RegionEntry]) -> int:
    """Operations and entities in a country with no subdivision given."""
    return sum(1 for e in entries for x in (*e.operations, *e.entities) if not x.subdivision)


@cache
def _codes() -> frozenset[str]:
    return frozenset(s.code for s in outlines().shapes)


def _drawn(counts: Mapping[str, int]) -> dict[str, int]:
    """Codes the map can show: countries, and China's provinces (other subdivisions count in their country)."""
    codes = _codes()
    return {c: n for c, n in counts.items() if c in codes}


def _hrefs(codes: Iterable[str], root: str) -> dict[str, str]:
    return {c: f"{root}regions/{c.lower()}/" for c in codes}


def _places(counts: Mapping[str, int], hrefs: Mapping[str, str]) -> tuple[Place, ...]:
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(Place(c, region_name(c), n, hrefs.get(c, "")) for c, n in ranked if n > 0)


def _counted(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def company_points(company: Disclosure) -> list[Point]:
    """Entities that give `coordinates`, read from the disclosure as written (MODEL 1.1)."""
    found = []
    for list_name in ENTITY_LISTS:
        rows = company.raw.get(list_name)
        for raw in rows if isinstance(rows, list) else ():
            if type(raw) is dict and "coordinates" not in raw:  # most entities: asked before the full check
                continue
            where = coordinates(raw)
            if where and isinstance(raw, Mapping):
                found.append(Point(*where, str(raw.get("name", "")), f"#entity-{raw.get('id', '')}"))
    return found


def company_map(company: Disclosure, registry: Registry, root: str) -> Picture | None:
    entries = registry.regions_of.get(company.id, {})
    if not entries:
        return None
    counts = _drawn({code: _items([e]) for code, e in entries.items()})
    hrefs = _hrefs(entries, root)
    titles = {c: f"{region_name(c)} ({c}): {_counted(n, 'operation or entity', 'operations or entities')}"
              for c, n in counts.items()}
    cn = entries.get("CN")
    unplaced = _unplaced([cn]) if cn else 0
    if unplaced:
        titles["CN"] += f", {unplaced} with no province given"
    countries = {c for c in counts if "-" not in c}
    label = (f"Map of where {company.name} operates and where its partners, suppliers and government "
             f"counterparties are: {_counted(len(countries), 'country', 'countries')}, shaded by the number "
             f"of operations and entities in each")
    xj = counts.get("CN-XJ", 0)
    if xj:
        label += f"; {xj} in Xinjiang (CN-XJ)"
    return _picture(counts, titles, hrefs, label, company_points(company), unplaced)


def region_map(region: Region, registry: Registry, root: str) -> Picture:
    world = outlines()
    code = region.code if world.shape(region.code) else region.code.split("-")[0]
    pages = _hrefs((r.code for r in registry.regions), root)
    hrefs = {c: h for c, h in pages.items() if c != region.code}  # the page itself is not a link
    ops = sum(len(e.operations) for e in region.entries)
    label = (f"Map of {region.name} ({region.code}): {_counted(len(region.entries), 'company', 'companies')} "
             f"disclose {region.entity_count} partners, suppliers or government counterparties and "
             f"{_counted(ops, 'operation', 'operations')} here")
    if code != region.code:
        label += f"; drawn as {region_name(code)}, whose subdivisions the map does not show"
    titles = {code: label}
    svg = draw({}, titles, hrefs, label, highlight=code)
    items = {region.code: _items(region.entries)}
    return Picture(svg, label, (("dcm-hl", region.name),), _places(items, {}), world.note)


def registry_map(registry: Registry, root: str) -> Picture | None:
    counts = _drawn({r.code: _items(r.entries) for r in registry.regions})
    if not counts:
        return None
    companies = {r.code: len(r.entries) for r in registry.regions}
    hrefs = _hrefs((r.code for r in registry.regions), root)
    titles = {c: f"{region_name(c)} ({c}): {_counted(companies[c], 'company', 'companies')}, "
                 f"{_counted(n, 'operation or entity', 'operations or entities')}" for c, n in counts.items()}
    cn = next((r for r in registry.regions if r.code == "CN"), None)
    unplaced = _unplaced(cn.entries) if cn else 0
    firms = _counted(len(registry.companies), "company", "companies")
    label = (f"Map of every country and Chinese province where the {firms} of this registry operate or name "
             f"partners, suppliers or government counterparties, shaded by the number of operations and entities")
    if counts.get("CN-XJ"):
        label += f"; {counts['CN-XJ']} in Xinjiang (CN-XJ) from {_counted(companies['CN-XJ'], 'company', 'companies')}"
    return _picture(counts, titles, hrefs, label, [], unplaced)


def _picture(counts: dict[str, int], titles: dict[str, str], hrefs: dict[str, str], label: str,
             points: list[Point], unplaced: int) -> Picture:
    # The CN shape stands for China as a whole: shaded only by what no province holds.
    shaded = {c: n for c, n in counts.items() if c != "CN"}
    svg = draw(shaded, titles, {c: h for c, h in hrefs.items() if c in counts}, label, points, unplaced)
    keys = list(legend(shaded.values()))
    if unplaced:
        keys.append(("dcm-unplaced", f"China, no province given ({unplaced})"))
    if points:
        keys.append(("dcm-pt", f"a site with coordinates ({len(points)})"))
    return Picture(svg, label, tuple(keys), _places(counts, hrefs), outlines().note)
