"""Small pieces of HTML that many table rows repeat, built in Python: a jinja2 macro call
per cell cost more than the rest of a 100-row table. Every value goes through `esc` (or `escape`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache

import markupsafe
from markupsafe import Markup, escape

from ..model import Entity, Operation, Source

STATUS_SIGNS = {"completed": "✔", "in-progress": "◐", "planned": "○", "not-undertaken": "✘", "": "—"}


def escape_by_replacing(text: str) -> str:
    """markupsafe's escaping of a str, where its C function is not to be had."""
    return (text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
            .replace("'", "&#39;").replace('"', "&#34;"))


# markupsafe's own C escaping of a str, without a Markup made for each value: a third of the time of
# `escape`. Not part of its documented API, so a markupsafe without it gets the same in Python.
_escape_str: Callable[[str], str] = getattr(markupsafe, "_escape_inner", escape_by_replacing)


def esc(value: object) -> str:
    """What `{{ value }}` prints with autoescape, as a plain string."""
    if type(value) is str:
        return _escape_str(value)
    return str(escape(value))


def words(value: object) -> str:
    return str(value).replace("-", " ").replace("_", " ")


def status(value: str) -> Markup:
    """Icon and words, never colour alone."""
    sign = STATUS_SIGNS.get(value, "—")
    return Markup(f'<span class="dc-status dc-{escape(value or "none")}">{sign} '
                  f'{escape(words(value or "not disclosed"))}</span>')


@lru_cache(maxsize=64)
def status_text(value: str) -> str:
    """`status(value)|striptags`: the same few words on every row of the company lists."""
    return status(value).striptags()


def entity_name(company_id: str, e: Entity, links: Mapping[tuple[str, str], str], root: str) -> Markup:
    target = links.get((company_id, e.id))
    name = esc(e.name)
    html = f'<a href="{esc(root)}entities/{esc(target)}/">{name}</a>' if target else name
    if e.local_name:
        html += f' <span class="dc-local" lang="zh">{esc(e.local_name)}</span>'
    return Markup(html)


def place(item: Entity | Operation, root: str) -> Markup:
    return _place(item.subdivision or item.country, root)


@lru_cache(maxsize=4096)
def _place(code: str, root: str) -> Markup:
    # The same few hundred regions at a handful of depths, on every row of every page.
    return Markup(f'<a href="{esc(root)}regions/{esc(code.lower())}/">{esc(code)}</a>')


def link(source: Source) -> Markup:
    html = f'<a href="{esc(source.url)}" rel="nofollow noopener noreferrer">{esc(source.title)}</a>'
    return Markup(html + (f" ({esc(source.date)})" if source.date else ""))


def sources(items: Iterable[Source]) -> Markup:
    if not items:
        return Markup("")
    rows = "".join(f"<li>{link(s)}</li>" for s in items)
    return Markup(f'<ul class="dc-sources">{rows}</ul>') if rows else Markup("")
