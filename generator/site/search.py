"""The site search: one record per page a reader looks for, written as a Pagefind index.

Pagefind splits the index into chunks, so a reader's browser downloads only the chunks a
query needs, not the whole registry. Records are built from the registry, not parsed back
out of the site's pages: each is written as a tiny page Pagefind reads (the title, the
names, the facets as filters), which Pagefind's service indexes (indexer.py).
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ..model import LIST_LABELS, Disclosure
from ..registry.registry import Region, Registry, SharedEntity, region_name
from .snippets import words

INDEX_DIR = "pagefind"
# One language for every record: the site is English, names are often Chinese, and only the
# Chinese segmenter splits "乌鲁木齐视界分销有限公司" so that "视界" finds it.
LANGUAGE = "zh"
# Beside Pagefind's files: the words so many records hold that Pagefind scoring them alone is slow (assets/search.js).
BROAD_WORDS = "broad-words.json"
# A word in this many records takes Pagefind's WebAssembly about 300 ms to score alone on a 2-core machine (about
# 0.3 ms a result), the whole wait allowed for a first result. At 10,000 companies × 100 entities a city such as
# 乌鲁木齐 is in 1,152 records, a legal form (有限公司) in 6,912, a company's trade name in at most 483.
BROAD_AT = 1000


@dataclass(frozen=True)
class Record:
    url: str                  # from the site root, e.g. /companies/acme/
    title: str
    content: str              # plain text
    kind: str = "Page"        # shown beside each result: Company, Entity, Region, Page
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    weight: float = 1.0       # Pagefind's weight of the content: ranks it above equal matches of lower weight


def disclosure_weight(companies: int) -> float:
    """An entity more companies disclose ranks above an equal match that fewer disclose: a reader typing the
    start of a name (乌鲁木齐华鑫, Urumqi Huaxin) most likely means the one most disclosed. Logarithmic, so a
    name disclosed by thousands does not bury a closer match."""
    return round(1 + math.log10(max(companies, 1)), 1)


def place(code: str) -> str:
    return f"{region_name(code)} ({code})" if code else ""


def _values(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({i for i in items if i}))


def _filters(countries: Iterable[str], subdivisions: Iterable[str], lists: Iterable[str],
             kinds: Iterable[str], steps: Iterable[str] = ()) -> dict[str, tuple[str, ...]]:
    # Each value named once before it is spelled out: a company's hundred entities are in a few places.
    found = {"country": _values(map(place, set(countries))), "subdivision": _values(map(place, set(subdivisions))),
             "list": _values(LIST_LABELS[x] for x in set(lists)), "counterparty kind": _values(map(words, set(kinds))),
             "due diligence": _values(steps)}
    return {k: v for k, v in found.items() if v}


def company_record(company: Disclosure, linked: Collection[str] = frozenset()) -> Record:
    """The company's own names; the names of its entities too, except those with a page of their own
    (ids in `linked`): their records lead to the company, and each name here would be carried, and
    fetched with every result, once per company that discloses it."""
    c = company.company
    names = [c.get("legal_name", ""), c.get("local_name", ""), *c.get("aliases", [])]
    unlinked = (e for e in company.entities if e.id not in linked)
    entity_names = dict.fromkeys(n for e in unlinked for n in (e.name, e.local_name, *e.aliases) if n)
    content = " · ".join(n for n in (*names, place(c.get("headquarters", "")), *entity_names) if n)
    places = [*company.operations, *company.entities]
    steps = [f"{words(s.step).capitalize()}: {words(s.status)}" for s in company.steps]
    return Record(f"/companies/{company.id}/", company.name, content, "Company", _filters(
        [c.get("headquarters", ""), *(p.country for p in places)], [p.subdivision for p in places],
        [e.list for e in company.entities], [e.kind for e in company.entities], steps))


def entity_record(entity: SharedEntity) -> Record:
    """Names, identifiers and place; the companies only counted: the page lists them, and a supplier of
    thousands of firms would otherwise carry thousands of names into every result it appears in."""
    ids = [v for values in entity.identifiers.values() for v in values]
    mentioned = [m.entity for m in entity.mentions]
    count = len(entity.companies)
    disclosed = f"disclosed by {count} {'company' if count == 1 else 'companies'}"
    content = " · ".join([*entity.names, *ids, place(entity.country), disclosed])
    return Record(f"/entities/{entity.slug}/", entity.name, content, "Entity", _filters(
        [entity.country], [e.subdivision for e in mentioned], [e.list for e in mentioned],
        [e.kind for e in mentioned]), disclosure_weight(count))


def region_record(region: Region) -> Record:
    country, _, sub = region.code.partition("-")
    content = f"{region.name} ({region.code}): {len(region.entries)} companies disclose {region.entity_count} entities"
    return Record(f"/regions/{region.slug}/", f"{region.name} ({region.code})", content, "Region",
                  _filters([country], [region.code] if sub else [], [], []))


def registry_records(registry: Registry) -> Iterator[Record]:
    linked: dict[str, set[str]] = defaultdict(set)
    for company_id, entity_id in registry.entity_pages:
        linked[company_id].add(entity_id)
    yield from (company_record(c, linked[c.id]) for c in registry.companies)
    yield from map(entity_record, registry.shared_entities)
    yield from map(region_record, registry.regions)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in ("script", "style") and self.skip > 0

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def page_record(url: str, title: str, body: str) -> Record:
    """A page of prose (about, format, a withdrawn company): its visible text."""
    parser = _Text()
    parser.feed(body)
    parser.close()
    return Record(url, html.unescape(title), re.sub(r"\s+", " ", " ".join(parser.parts)).strip())


def record_html(r: Record) -> str:
    """A record as the smallest page Pagefind reads: the title and text indexed, filters and kind beside them.

    Filter values are element text, not attribute syntax, so commas and colons in them stay whole.
    """
    esc = html.escape
    weight = "" if r.weight == 1 else f' data-pagefind-weight="{r.weight:g}"'
    facets = "".join(f'<span data-pagefind-filter="{esc(k)}">{esc(v)}</span>'
                     for k, values in r.filters.items() for v in values)
    return (f'<!DOCTYPE html><html lang="{LANGUAGE}"><head><meta charset="utf-8"><title>{esc(r.title)}</title></head>'
            f'<body><main data-pagefind-body><h1 data-pagefind-meta="title">{esc(r.title)}</h1>'
            f'<p{weight}>{esc(r.content)}</p>'
            f'<div data-pagefind-ignore><span data-pagefind-meta="kind">{esc(r.kind)}</span>{facets}</div>'
            "</main></body></html>")


_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_LATIN_WORD = re.compile(r"[a-z0-9]+")


def record_words(r: Record) -> set[str]:
    """The words of a record that may be common to many: each Latin word of three letters or more, and the first
    and last two to four characters of each Chinese name. Chinese has no spaces, and the words a name starts and
    ends with are the shared ones (a city, a legal form: 乌鲁木齐…有限公司); the browser checks a query's words
    against these as prefixes, so the extra non-words (乌鲁木) cost nothing."""
    text = f"{r.title} {r.content}"
    found = {w for w in _LATIN_WORD.findall(text.lower()) if len(w) > 2}
    for run in set(_HAN_RUN.findall(text)):
        found.update(run[:n] for n in (2, 3, 4) if len(run) >= n)
        found.update(run[-n:] for n in (2, 3, 4) if len(run) >= n)
    return found


def broad_words(counts: Counter[str], at_least: int = BROAD_AT) -> list[str]:
    """The words held by at least `at_least` records, from `counts` of records per word."""
    return sorted(w for w, n in counts.items() if n >= at_least)


def write_broad_words(words: list[str], out: Path) -> None:
    (out / BROAD_WORDS).write_text(json.dumps(words, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
