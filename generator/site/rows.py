"""The rows of the tables that bulk pages repeat by the thousand, made in Python.

A jinja2 loop spends most of a company, entity or region page in its rows: an attribute
lookup, an `escape` into a new `Markup` and often a function call for every cell. These
make the same HTML, byte for byte (tests/site/test_rows.py compares them with the loops
they replace), with one format per row. Every value goes through `esc`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from markupsafe import Markup

from ..model import ALL_STEPS, KEY_STEPS, LIST_LABELS, Entity, Step
from ..registry.completeness import Score
from ..registry.registry import Mention, RegionEntry
from .snippets import entity_name, esc, place, sources, status, words


def _joined(values: Iterable[object]) -> str:
    """`{{ values|join(", ") }}`."""
    return ", ".join(esc(v) for v in values)


def entity_rows(company_id: str, rows: Sequence[Entity], links: Mapping[tuple[str, str], str], root: str,
                list_name: str) -> Markup:
    """The body rows of one of a company's lists (_entity_table.html)."""
    suppliers, government = list_name == "suppliers", list_name == "government_counterparties"
    out: list[str] = []
    for e in rows:
        parent = f"<br><small>Parent: {esc(e.parent)}</small>" if e.parent else ""
        city = f", {esc(e.city)}" if e.city else ""
        extra = ""
        if suppliers:
            workers = esc(e.workers if e.workers is not None else "")
            extra = f'<td>{esc(e.tier)}</td><td>{_joined(e.products)}</td><td data-sort="{workers}">{workers}</td>'
        elif government:
            extra = f"<td>{esc(words(e.relationship))}</td><td>{_joined(e.services)}</td><td>{esc(e.end_use)}</td>"
        until = f" ({esc(e.until)})" if e.until else ""
        out.append(
            f'    <tr id="entity-{esc(e.id)}"><td>{entity_name(company_id, e, links, root)}{parent}</td>\n'
            f"      <td>{place(e, root)}{city}</td>\n"
            f"      <td>{esc(words(e.kind if government else e.relationship))}</td>\n"
            f"{extra}      <td>{esc(e.status)}{until}</td><td>{esc(e.since)}</td>\n"
            f"      <td>{esc(e.notes)}{sources(e.sources)}</td></tr>\n")
    return Markup("".join(out))


def mention_rows(mentions: Sequence[Mention], root: str) -> Markup:
    """The body rows of an entity page: each company that names it (entity.html)."""
    out: list[str] = []
    for m in mentions:
        e = m.entity
        local = f' <span lang="zh">{esc(e.local_name)}</span>' if e.local_name else ""
        city = f", {esc(e.city)}" if e.city else ""
        services = f": {_joined(e.services)}" if e.services else ""
        until = f" ({esc(e.until)})" if e.until else ""
        end_use = f" End use: {esc(e.end_use)}" if e.end_use else ""
        kind = f"{e.kind}, " if e.kind else ""
        out.append(
            f'    <tr><td><a href="{esc(root)}companies/{esc(m.company.id)}/#entity-{esc(e.id)}">'
            f"{esc(m.company.name)}</a></td>\n"
            f"      <td>{esc(LIST_LABELS[e.list])}</td><td>{esc(e.name)}{local}</td>\n"
            f"      <td>{place(e, root)}{city}</td>\n"
            f"      <td>{esc(kind + words(e.relationship))}{services}</td>\n"
            f"      <td>{esc(e.status)}{until}</td><td>{esc(e.since)}</td><td>{esc(e.notes)}{end_use}"
            f"{sources(e.sources)}</td></tr>\n")
    return Markup("".join(out))


def region_entries(entries: Sequence[RegionEntry], links: Mapping[tuple[str, str], str], root: str,
                   shown: int) -> Markup:
    """Each company with a place in a region, and the first `shown` of its entities there (region.html)."""
    out: list[str] = []
    for entry in entries:
        company = esc(entry.company.id)
        out.append(f'<h2 id="{company}"><a href="{esc(root)}companies/{company}/">{esc(entry.company.name)}</a></h2>\n')
        if entry.operations:
            done = [f"{_joined(o.activities) or 'unspecified'}"
                    + (f" ({esc(o.region_name)})" if o.region_name else "")
                    + (f", until {esc(o.until)}" if o.until else "") for o in entry.operations]
            out.append(f"<p>Operations: {'; '.join(done)}</p>\n")
        if entry.entities:
            out.append("<ul data-search-exclude>\n")
            out.extend(f"<li>{esc(LIST_LABELS[e.list])}: {entity_name(entry.company.id, e, links, root)}"
                       + (f" ({esc(words(e.kind))})" if e.kind else "")
                       + (f", {esc(e.status)}" if e.status != "active" else "") + "</li>"
                       for e in entry.entities[:shown])
            if len(entry.entities) > shown:
                out.append(f'<li><a href="{esc(root)}companies/{company}/">and {len(entry.entities) - shown} more '
                           "on the company's page</a></li>")
            out.append("</ul>\n")
    return Markup("".join(out))


def step_rows(steps: Sequence[Step]) -> Markup:
    """The body rows of a company's due-diligence table (company.html): its steps in the order of ALL_STEPS,
    and a row for each key step it does not disclose."""
    found: dict[str, list[Step]] = {}
    for s in steps:
        found.setdefault(s.step, []).append(s)
    out: list[str] = []
    for step in ALL_STEPS:
        key = step in KEY_STEPS
        if key and step not in found:
            out.append(f'    <tr class="dc-key"><td>{esc(words(step).capitalize())}</td><td>{status("")}</td>'
                       "<td></td><td></td><td></td></tr>\n")
        for s in found.get(step, ()):
            when = esc(s.date) if s.date else esc(f"due {s.due}") if s.due else ""
            independent = " (independent)" if s.independent else " (not independent)" if s.independent is False else ""
            css = ' class="dc-key"' if key else ""
            out.append(
                f'    <tr{css} id="step-{esc(s.id)}"><td>{esc(words(s.step).capitalize())}'
                f"</td><td>{status(s.status)}</td>\n"
                f"      <td>{when}</td>\n"
                f"      <td>{esc(s.conducted_by)}{independent}</td>\n"
                f"      <td>{esc(s.summary)}"
                + (f"<br><em>Why not:</em> {esc(s.reason)}" if s.reason else "")
                + (f"<br><em>Findings:</em> {esc(s.findings)}" if s.findings else "")
                + (f"<br><em>Scope:</em> {_joined(s.scope)}" if s.scope else "")
                + f"{sources(s.evidence)}</td></tr>\n")
    return Markup("".join(out))


def completeness_sections(scores: Sequence[Score]) -> Markup:
    """What a disclosure covers and lacks, a section for each framework (_completeness.html)."""
    out: list[str] = []
    for s in scores:
        covered, lacking = s.covered, s.lacking
        url = f' (<a href="{esc(s.profile.url)}" rel="nofollow noopener">framework</a>)' if s.profile.url else ""
        out.append(f'<section id="profile-{esc(s.profile.id)}">\n  <h3>{esc(s.profile.title)}: {esc(s.percent)}%</h3>\n'
                   f"  <p>{len(covered)} of {len(s.results)} items covered{url}.</p>\n")
        if covered:
            out.append('  <p><strong>Covers</strong></p>\n  <ul class="disclose-covered">\n')
            out.extend(f"    <li>{esc(r.item.label)} <small>({esc(r.detail)})</small></li>\n" for r in covered)
            out.append("  </ul>\n")
        if lacking:
            out.append('  <p><strong>Lacks</strong></p>\n  <ul class="disclose-lacking">\n')
            out.extend(f"    <li>{esc(r.item.label)} <small>({esc(r.detail)})</small> — to cover it, add "
                       f"<code>{esc(r.item.fix)}</code></li>\n" for r in lacking)
            out.append("  </ul>\n")
        out.append("</section>\n")
    return Markup("".join(out))
