"""Which pages the site has, each rendered to an HTML fragment from a jinja2 template."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import jinja2

from .model import ALL_STEPS, KEY_STEPS, LIST_LABELS
from .registry import Registry


@dataclass(frozen=True)
class Page:
    path: str          # source path handed to MkDocs, e.g. companies/acme/index.md
    title: str         # safe in any HTML context (see safe_title)
    html: str          # the page body, every value escaped
    searchable: bool = True


@dataclass(frozen=True)
class Asset:
    """A file published as it is: JSON, CSV, Atom, YAML downloads."""

    path: str          # e.g. api/v1/index.json
    content: str | bytes


# MkDocs themes print page titles without escaping, and some unescape entities first:
# the characters that could open markup become look-alikes that cannot.
_TITLE_SAFE = str.maketrans({"<": "‹", ">": "›", "&": "＆", '"': "”", "'": "’", "`": "ˋ", "{": "｛", "}": "｝"})


def safe_title(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_TITLE_SAFE)).strip()[:200]


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(KEY_STEPS=KEY_STEPS, ALL_STEPS=ALL_STEPS, LIST_LABELS=LIST_LABELS)
    return env


def _render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)


def site_pages(registry: Registry) -> list[Page]:
    pages = [Page("index.md", "Human-rights disclosures", _render("home.html", registry=registry, root="./"))]
    for company in registry.companies:
        html = _render("company.html", company=company, root="../../")
        pages.append(Page(f"companies/{company.id}/index.md", safe_title(company.name), html))
    return pages
