"""Small pieces of HTML that many table rows repeat, built in Python: a jinja2 macro call
per cell cost more than the rest of a 100-row table. Every value goes through `escape`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from markupsafe import Markup, escape

from ..model import Entity, Operation, Source

STATUS_SIGNS = {"completed": "✔", "in-progress": "◐", "planned": "○", "not-undertaken": "✘", "": "—"}


def words(value: object) -> str:
    return str(value).replace("-", " ").replace("_", " ")


def status(value: str) -> Markup:
    """Icon and words, never colour alone."""
    sign = STATUS_SIGNS.get(value, "—")
    return Markup(f'<span class="dc-status dc-{escape(value or "none")}">{sign} '
                  f'{escape(words(value or "not disclosed"))}</span>')


def entity_name(company_id: str, e: Entity, links: Mapping[tuple[str, str], str], root: str) -> Markup:
    target = links.get((company_id, e.id))
    name = escape(e.name)
    html = f'<a href="{escape(root)}entities/{escape(target)}/">{name}</a>' if target else str(name)
    if e.local_name:
        html += f' <span class="dc-local" lang="zh">{escape(e.local_name)}</span>'
    return Markup(html)


def place(item: Entity | Operation, root: str) -> Markup:
    code = item.subdivision or item.country
    return Markup(f'<a href="{escape(root)}regions/{escape(code.lower())}/">{escape(code)}</a>')


def link(source: Source) -> Markup:
    html = f'<a href="{escape(source.url)}" rel="nofollow noopener noreferrer">{escape(source.title)}</a>'
    return Markup(html + (f" ({escape(source.date)})" if source.date else ""))


def sources(items: Iterable[Source]) -> Markup:
    rows = "".join(f"<li>{link(s)}</li>" for s in items)
    return Markup(f'<ul class="dc-sources">{rows}</ul>') if rows else Markup("")
