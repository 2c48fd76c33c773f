"""Which pages the site has, each rendered to an HTML fragment from a jinja2 template.

Pages are HTML, not Markdown: company text is untrusted, and escaped HTML from jinja2
is both safer and faster than Markdown for large tables. Lists that grow with the
registry (companies, compare, entities) are paged (paging.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, partial
from typing import Any

import jinja2

from ..check.checks import is_stale
from ..model import ALL_STEPS, KEY_STEPS, LIST_LABELS, LIST_TITLES, Disclosure, Entity
from ..registry.names import normalise
from ..registry.registry import Region, RegionEntry, Registry, SharedEntity, region_name
from . import charts, inputs, rows, snippets
from .map_pictures import company_map, region_map, registry_map
from .paging import PAGE_SIZE, Pager, paged
from .schema_doc import schema_sections


@dataclass(frozen=True)
class Body:
    """How to render a page body, kept instead of the HTML: ten thousand bodies held at once
    would take gigabytes, so each is rendered where it is written, then dropped."""

    template: str
    path: str
    context: Callable[[], Mapping[str, Any]]

    def render(self) -> str:
        return render(self.template, self.path, **self.context())


@dataclass(frozen=True)
class Page:
    path: str          # source path handed to MkDocs, e.g. companies/acme/index.md
    title: str         # safe in any HTML context (see safe_title)
    content: str | Body  # the page body, every value escaped, or how to render it
    searchable: bool = True  # its text is a search record; company, entity and region records come from search.py
    bulk: bool = False             # one of many alike: rendered from a shell, not one by one by MkDocs
    wide: bool = False             # wide tables: the page gives up the navigation sidebar too
    key: str = ""      # what a bulk body is made from (see inputs.py), for the output cache; "" is never cached

    @property
    def html(self) -> str:
        return self.content if isinstance(self.content, str) else self.content.render()


@dataclass(frozen=True)
class Asset:
    """A file published as it is: JSON, CSV, Atom, YAML downloads."""

    path: str          # e.g. api/v1/index.json
    content: str | bytes | Callable[[], str | bytes]  # or how to make it, when it is one of many (bulk)
    bulk: bool = False  # one of many alike (a company's downloads): written by the workers, not MkDocs
    key: str = ""       # what it is made from, for the output cache; "" is never cached

    def data(self) -> str | bytes:
        return self.content() if callable(self.content) else self.content


@dataclass(frozen=True)
class Extras:
    """What later stages add to the pages: history, watchlist flags, completeness."""

    company: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # company id → template context
    last_changed: Callable[[str], str | None] = lambda company_id: None
    coverage: Mapping[str, Mapping[str, int]] = field(default_factory=dict)  # company id → profile id → %
    profiles: Mapping[str, str] = field(default_factory=dict)  # profile id → title, in column order
    matches: Mapping[tuple[str, str], Any] = field(default_factory=dict)  # (company id, entity id) → matches
    digests: Mapping[str, str] = field(default_factory=dict)  # company id → digest of its file, for cache keys


# A company page without history or screening still renders: it says so.
_NO_EXTRAS = {"timeline": None, "history_message": "the change history was not read for this build",
              "repo_url": "", "matches": [], "scores": []}


# MkDocs themes print page titles without escaping, and some unescape entities first:
# the characters that could open markup become look-alikes that cannot.
_TITLE_SAFE = str.maketrans({"<": "‹", ">": "›", "&": "＆", '"': "”", "'": "’", "`": "ˋ", "{": "｛", "}": "｝"})


def safe_title(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_TITLE_SAFE)).strip()[:200]


def entity_names(entities: Iterable[Entity]) -> list[str]:
    """Each name once, in Latin and local script, as the search index keeps it: normalised."""
    found = dict.fromkeys(normalise(n) for e in entities for n in (e.name, e.local_name) if n)
    return [n for n in found if n]


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.site", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # package files: not asked for their time on disk at every include of every page
    )
    env.globals.update(KEY_STEPS=KEY_STEPS, ALL_STEPS=ALL_STEPS, LIST_LABELS=LIST_LABELS, LIST_TITLES=LIST_TITLES,
                       region_name=region_name, status=snippets.status, status_text=snippets.status_text,
                       entity_name=snippets.entity_name,
                       place=snippets.place, link=snippets.link, sources=snippets.sources,
                       due_diligence_chart=charts.company_chart, step_moments=charts.moments,
                       step_story=charts.story, sparkline=charts.sparkline, entity_rows=rows.entity_rows,
                       mention_rows=rows.mention_rows, region_entries=rows.region_entries,
                       step_rows=rows.step_rows, completeness_sections=rows.completeness_sections)
    env.filters["words"] = snippets.words
    env.filters["day"] = lambda value: str(value or "")[:10]  # an ISO timestamp shown as its date
    env.filters["entity_names"] = entity_names
    return env


def render(template: str, path: str, **context: Any) -> str:
    """Render a page body; `root` is the relative way back to the site root from `path`."""
    root = "../" * path.count("/") or "./"
    return environment().get_template(template).render(root=root, **context)


def _page(template: str, path: str, title: str, searchable: bool = True, bulk: bool = False, wide: bool = False,
          **context: Any) -> Page:
    return Page(path, safe_title(title), render(template, path, **context), searchable, bulk, wide)


def _lazy(template: str, path: str, title: str, key: str, context: Callable[[], Mapping[str, Any]]) -> Page:
    """A bulk page: rendered from a shell when it is written, not now."""
    return Page(path, safe_title(title), Body(template, path, context), searchable=False, bulk=True, key=key)


LIST_ROWS = 200    # entities of one list shown on the company page itself
LIST_PAGE = 1_000  # entities to a page of the full list: about 330 KB of HTML


def _list_folder(company: Disclosure, list_name: str) -> str:
    return f"companies/{company.id}/{list_name.replace('_', '-')}/"


def company_pages(company: Disclosure, registry: Registry, today: dt.date, extras: Extras,
                  links: str | None = None) -> list[Page]:
    """The company's page, and for a list too long for it (5,000 suppliers), that list a page at a time.
    `links`: the company's `inputs.links_digest`, when already made."""
    path = f"companies/{company.id}/index.md"
    stale = is_stale(company.updated, today) if company.updated else False
    context = {**_NO_EXTRAS, **extras.company.get(company.id, {})}
    links = inputs.links_digest(registry, company) if links is None else links
    key = inputs.company_key(company, extras.digests, stale, context, links)
    shown, more, elsewhere, pages = {}, {}, {}, []
    for list_name, label in LIST_TITLES.items():
        rows = company.listed(list_name)
        shown[list_name] = rows[:LIST_ROWS]
        if len(rows) <= LIST_ROWS:
            continue
        here = {e.id for e in shown[list_name]}
        for chunk, p in paged(rows, _list_folder(company, list_name), LIST_PAGE):
            more.setdefault(list_name, p)
            elsewhere.update({e.id: p.href(p.number, "") for e in chunk if e.id not in here})
            pages.append(_lazy("company_list.html", p.path, _titled(f"{label} of {company.name}", p.number), key,
                               partial(dict, company=company, list_name=list_name, label=label, rows=chunk, pages=p,
                                       total=len(rows), links=registry.entity_pages)))
    # Risks point at entities shown elsewhere by a path from the company's folder.
    elsewhere = {k: v.removeprefix(f"companies/{company.id}/") for k, v in elsewhere.items()}
    page = _lazy("company.html", path, company.name, key,
                 partial(_company_context, company, registry, path, dict(company=company, links=registry.entity_pages,
                         stale=stale, shown=shown, more=more, elsewhere=elsewhere, list_size=LIST_PAGE, **context)))
    return [page, *pages]


def _company_context(company: Disclosure, registry: Registry, path: str, context: dict[str, Any]) -> dict[str, Any]:
    return {**context, "picture": company_map(company, registry, "../" * path.count("/"))}


def _titled(title: str, number: int) -> str:
    return title if number == 1 else f"{title}, page {number}"


# Compare's rows are 15 steps wide with a sparkline each: 50 of them keep a phone's first load light
# (Lighthouse: about 2,000 fewer elements than at 100).
COMPARE_PAGE = 50


def list_pages(registry: Registry, extras: Extras) -> list[Page]:
    """The lists that grow with the registry, a page of PAGE_SIZE rows at a time."""
    total = len(registry.companies)
    timelines = {k: v.get("timeline") for k, v in extras.company.items()}
    pages = [_page("companies.html", p.path, _titled("All companies", p.number), searchable=False, companies=chunk,
                   pages=p, total=total, last_changed=extras.last_changed)
             for chunk, p in paged(registry.companies, "companies/")]
    pages += [_page("compare.html", p.path, _titled("Compare companies", p.number), searchable=False, wide=True,
                    companies=chunk, pages=p, last_changed=extras.last_changed, coverage=extras.coverage,
                    profiles=extras.profiles, timelines=timelines)
              for chunk, p in paged(registry.companies, "compare/", COMPARE_PAGE)]
    pages += [_page("entities.html", p.path, _titled("Entities across companies", p.number), searchable=False,
                    entities=chunk, pages=p) for chunk, p in paged(registry.shared_entities, "entities/")]
    return pages


MENTIONS_PER_PAGE = 500  # an entity every company names: about 190 KB a page


def entity_pages(entity: SharedEntity, extras: Extras, per_page: int = MENTIONS_PER_PAGE) -> list[Page]:
    """An entity's page, from the shell; when very many companies name it, the rest of them a page at a time."""
    heading = inputs.entity_heading(entity)
    pages = []
    for chunk, p in paged(entity.mentions, f"entities/{entity.slug}/", per_page):
        # Each page shows the watchlist matches of the mentions it lists: a listed entity that thousands of
        # firms name has a match for each, and all of them on every page would grow with the registry.
        matches = [m for x in chunk for m in extras.matches.get((x.company.id, x.entity.id), ())]
        key = inputs.entity_page_key(heading, extras.digests, p.number, p.count, chunk, matches)
        pages.append(_lazy("entity.html", p.path, _titled(entity.name, p.number), key,
                           partial(dict, entity=entity, mentions=chunk, pages=p, matches=matches)))
    return pages


def site_pages(registry: Registry, today: dt.date | None = None, extras: Extras | None = None) -> list[Page]:
    today, extras = today or dt.date.today(), extras or Extras()
    changed = {c.id: extras.last_changed(c.id) or c.updated for c in registry.companies}
    recent = sorted(registry.companies, key=lambda c: (changed[c.id], c.id), reverse=True)[:10]
    pages = [
        _page("home.html", "index.md", "Human-rights disclosures", registry=registry, recent=recent,
              last_changed=extras.last_changed, flagged=len({k[0] for k in extras.matches}), page_size=PAGE_SIZE,
              picture=registry_map(registry, "./")),
        *list_pages(registry, extras),
        _page("regions.html", "regions/index.md", "Regions", registry=registry, searchable=False),
        _page("schema.html", "schema/index.md", "Disclosure format", sections=schema_sections()),
    ]
    links = {c.id: inputs.links_digest(registry, c) for c in registry.companies}
    pages += [p for c in registry.companies for p in company_pages(c, registry, today, extras, links[c.id])]
    # Entity pages are many: names are found through the company pages that link to them.
    pages += [p for e in registry.shared_entities for p in entity_pages(e, extras)]
    pages += [p for r in registry.regions for p in region_pages(r, registry, extras, links)]
    return pages


def region_pages(region: Region, registry: Registry, extras: Extras, links: Mapping[str, str]) -> list[Page]:
    """A region's pages; `links`: each company's `inputs.links_digest`."""
    key = inputs.region_key(region, registry, extras.digests, links)
    totals = inputs.region_totals(region)  # once: every page's key names them

    def page_key(p: Pager, chunk: Sequence[RegionEntry]) -> str:
        return key if p.number == 1 else inputs.region_page_key(region, extras.digests, p.number, p.count, chunk,
                                                                totals, links)
    return [_lazy("region.html", p.path, _titled(f"{region.name} ({region.code})", p.number), page_key(p, chunk),
                  partial(_region_context, region, registry, p, chunk)) for chunk, p in paged(region.entries,
                                                                                              f"regions/{region.slug}/")]


def _region_context(region: Region, registry: Registry, p: Pager, chunk: Sequence[RegionEntry]) -> dict[str, Any]:
    picture = region_map(region, registry, "../" * p.path.count("/")) if p.number == 1 else None
    return {"region": region, "entries": chunk, "pages": p, "links": registry.entity_pages, "picture": picture}
