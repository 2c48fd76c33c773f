"""Which pages the site has, each rendered to an HTML fragment from a jinja2 template.

Pages are HTML, not Markdown: company text is untrusted, and escaped HTML from jinja2
is both safer and faster than Markdown for large tables. Bulk tables are kept out of
the search index (`data-search-exclude`); names stay findable through a short list.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import jinja2

from ..check.checks import is_stale
from ..model import ALL_STEPS, KEY_STEPS, LIST_LABELS, LIST_TITLES, Disclosure, Entity
from ..registry.names import normalise
from ..registry.registry import Registry, region_name
from . import charts, snippets
from .map_pictures import company_map, region_map, registry_map
from .schema_doc import schema_sections


@dataclass(frozen=True)
class Page:
    path: str          # source path handed to MkDocs, e.g. companies/acme/index.md
    title: str         # safe in any HTML context (see safe_title)
    html: str          # the page body, every value escaped
    searchable: bool = True
    index_html: str | None = None  # what the site search indexes instead of the body
    bulk: bool = False             # one of many alike: rendered from a shell, not one by one by MkDocs
    wide: bool = False             # wide tables: the page gives up the navigation sidebar too


@dataclass(frozen=True)
class Asset:
    """A file published as it is: JSON, CSV, Atom, YAML downloads."""

    path: str          # e.g. api/v1/index.json
    content: str | bytes


@dataclass(frozen=True)
class Extras:
    """What later stages add to the pages: history, watchlist flags, completeness."""

    company: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # company id → template context
    last_changed: Callable[[str], str | None] = lambda company_id: None
    coverage: Mapping[str, Mapping[str, int]] = field(default_factory=dict)  # company id → profile id → %
    profiles: Mapping[str, str] = field(default_factory=dict)  # profile id → title, in column order
    matches: Mapping[tuple[str, str], Any] = field(default_factory=dict)  # (company id, entity id) → matches


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
    )
    env.globals.update(KEY_STEPS=KEY_STEPS, ALL_STEPS=ALL_STEPS, LIST_LABELS=LIST_LABELS, LIST_TITLES=LIST_TITLES,
                       region_name=region_name, status=snippets.status, entity_name=snippets.entity_name,
                       place=snippets.place, link=snippets.link, sources=snippets.sources,
                       due_diligence_chart=charts.company_chart, step_moments=charts.moments,
                       step_story=charts.story, sparkline=charts.sparkline)
    env.filters["words"] = snippets.words
    env.filters["day"] = lambda value: str(value or "")[:10]  # an ISO timestamp shown as its date
    env.filters["entity_names"] = entity_names
    return env


def render(template: str, path: str, **context: Any) -> str:
    """Render a page body; `root` is the relative way back to the site root from `path`."""
    root = "../" * path.count("/") or "./"
    return environment().get_template(template).render(root=root, **context)


def _page(template: str, path: str, title: str, searchable: bool = True, index: str | None = None,
          bulk: bool = False, wide: bool = False, **context: Any) -> Page:
    """`index` names the template of the page's search entry; without one the body is indexed."""
    entry = render(index, path, **context) if index else None
    return Page(path, safe_title(title), render(template, path, **context), searchable, entry, bulk, wide)


def company_page(company: Disclosure, registry: Registry, today: dt.date, extras: Extras) -> Page:
    path = f"companies/{company.id}/index.md"
    root = "../" * path.count("/")
    return _page("company.html", path, company.name, index="index/company.html", company=company,
                 links=registry.entity_pages, picture=company_map(company, registry, root),
                 stale=is_stale(company.updated, today) if company.updated else False,
                 **{**_NO_EXTRAS, **extras.company.get(company.id, {})})


def site_pages(registry: Registry, today: dt.date | None = None, extras: Extras | None = None) -> list[Page]:
    today, extras = today or dt.date.today(), extras or Extras()
    changed = {c.id: extras.last_changed(c.id) or c.updated for c in registry.companies}
    recent = sorted(registry.companies, key=lambda c: (changed[c.id], c.id), reverse=True)[:10]
    pages = [
        _page("home.html", "index.md", "Human-rights disclosures", registry=registry, recent=recent,
              last_changed=extras.last_changed, flagged=len({k[0] for k in extras.matches}),
              picture=registry_map(registry, "./")),
        _page("compare.html", "compare/index.md", "Compare companies", registry=registry,
              last_changed=extras.last_changed, coverage=extras.coverage, profiles=extras.profiles,
              timelines={k: v.get("timeline") for k, v in extras.company.items()}, searchable=False, wide=True),
        _page("entities.html", "entities/index.md", "Entities across companies", registry=registry, searchable=False),
        _page("regions.html", "regions/index.md", "Regions", registry=registry, searchable=False),
        _page("schema.html", "schema/index.md", "Disclosure format", sections=schema_sections()),
    ]
    pages += [company_page(c, registry, today, extras) for c in registry.companies]
    # Entity pages are many: names are found through the company pages that link to them.
    pages += [_page("entity.html", f"entities/{e.slug}/index.md", e.name, searchable=False, bulk=True, entity=e,
                    matches=[m for x in e.mentions for m in extras.matches.get((x.company.id, x.entity.id), ())])
              for e in registry.shared_entities]
    pages += [_page("region.html", f"regions/{r.slug}/index.md", f"{r.name} ({r.code})", index="index/region.html",
                    region=r, links=registry.entity_pages, picture=region_map(r, registry, "../../"))
              for r in registry.regions]
    return pages
