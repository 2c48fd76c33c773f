"""The rows made in Python (site/rows.py) against the jinja2 loops they replaced, kept here.

Any entity, mention or region entry, with hostile text in every field, must come out the
same byte for byte as the template made it: the site stays the same, and every value is
escaped as autoescape escapes it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jinja2 import Template
from markupsafe import escape

from generator.model import ALL_STEPS, ENTITY_LISTS, Disclosure, Entity, Operation, Source, Step
from generator.registry.completeness import Item, Profile, Result, Score
from generator.registry.registry import Mention, RegionEntry
from generator.site import rows, snippets
from generator.site.pages import environment

# The loops as the templates had them (_entity_table.html, entity.html, region.html).
ENTITY_TABLE = """\
  <tbody>
  {% for e in rows %}
    <tr id="entity-{{ e.id }}"><td>{{ entity_name(company.id, e, links, root) }}{% if e.parent %}<br><small>Parent: {{ e.parent }}</small>{% endif %}</td>
      <td>{{ place(e, root) }}{% if e.city %}, {{ e.city }}{% endif %}</td>
      <td>{{ (e.kind if list_name == "government_counterparties" else e.relationship)|words }}</td>
      {% if list_name == "suppliers" %}<td>{{ e.tier }}</td><td>{{ e.products|join(", ") }}</td><td data-sort="{{ e.workers if e.workers is not none else '' }}">{{ e.workers if e.workers is not none else "" }}</td>{% endif %}
      {% if list_name == "government_counterparties" %}<td>{{ e.relationship|words }}</td><td>{{ e.services|join(", ") }}</td><td>{{ e.end_use }}</td>{% endif %}
      <td>{{ e.status }}{% if e.until %} ({{ e.until }}){% endif %}</td><td>{{ e.since }}</td>
      <td>{{ e.notes }}{{ sources(e.sources) }}</td></tr>
  {% endfor %}
  </tbody>
"""  # noqa: E501

MENTIONS = """\
  <tbody>
  {% for m in mentions %}
    {% set e = m.entity %}
    <tr><td><a href="{{ root }}companies/{{ m.company.id }}/#entity-{{ e.id }}">{{ m.company.name }}</a></td>
      <td>{{ LIST_LABELS[e.list] }}</td><td>{{ e.name }}{% if e.local_name %} <span lang="zh">{{ e.local_name }}</span>{% endif %}</td>
      <td>{{ place(e, root) }}{% if e.city %}, {{ e.city }}{% endif %}</td>
      <td>{{ (e.kind ~ ", " if e.kind else "") ~ e.relationship|words }}{% if e.services %}: {{ e.services|join(", ") }}{% endif %}</td>
      <td>{{ e.status }}{% if e.until %} ({{ e.until }}){% endif %}</td><td>{{ e.since }}</td><td>{{ e.notes }}{% if e.end_use %} End use: {{ e.end_use }}{% endif %}{{ sources(e.sources) }}</td></tr>
  {% endfor %}
  </tbody>
"""  # noqa: E501

REGION = """\
{% for entry in entries %}
<h2 id="{{ entry.company.id }}"><a href="{{ root }}companies/{{ entry.company.id }}/">{{ entry.company.name }}</a></h2>
{% if entry.operations %}
<p>Operations: {% for o in entry.operations %}{{ o.activities|join(", ") or "unspecified" }}{% if o.region_name %} ({{ o.region_name }}){% endif %}{% if o.until %}, until {{ o.until }}{% endif %}{% if not loop.last %}; {% endif %}{% endfor %}</p>
{% endif %}
{% if entry.entities %}
<ul data-search-exclude>
  {% for e in entry.entities[:shown] %}<li>{{ LIST_LABELS[e.list] }}: {{ entity_name(entry.company.id, e, links, root) }}{% if e.kind %} ({{ e.kind|words }}){% endif %}{% if e.status != "active" %}, {{ e.status }}{% endif %}</li>{% endfor %}
  {% if entry.entities|length > shown %}<li><a href="{{ root }}companies/{{ entry.company.id }}/">and {{ entry.entities|length - shown }} more on the company's page</a></li>{% endif %}
</ul>
{% endif %}
{% endfor %}
"""  # noqa: E501

STEPS = """\
  <tbody>
  {% for step in ALL_STEPS %}
    {% set found = company.steps|selectattr("step", "equalto", step)|list %}
    {% if not found and step in KEY_STEPS %}
    <tr class="dc-key"><td>{{ step|words|capitalize }}</td><td>{{ status("") }}</td><td></td><td></td><td></td></tr>
    {% endif %}
    {% for s in found %}
    <tr{% if step in KEY_STEPS %} class="dc-key"{% endif %} id="step-{{ s.id }}"><td>{{ s.step|words|capitalize }}</td><td>{{ status(s.status) }}</td>
      <td>{{ s.date or ("due " ~ s.due if s.due else "") }}</td>
      <td>{{ s.conducted_by }}{% if s.independent %} (independent){% elif s.independent is false %} (not independent){% endif %}</td>
      <td>{{ s.summary }}{% if s.reason %}<br><em>Why not:</em> {{ s.reason }}{% endif %}{% if s.findings %}<br><em>Findings:</em> {{ s.findings }}{% endif %}
        {% if s.scope %}<br><em>Scope:</em> {{ s.scope|join(", ") }}{% endif %}{{ sources(s.evidence) }}</td></tr>
    {% endfor %}
  {% endfor %}
  </tbody>
"""  # noqa: E501

COMPLETENESS = (Path(__file__).parents[2] / "generator" / "site" / "templates" / "_completeness.html").read_text()
COMPLETENESS_BEFORE = """{# What a disclosure covers and lacks, per framework. Context: scores (list of completeness.Score). #}
<div class="disclose-completeness">
{% for s in scores %}
<section id="profile-{{ s.profile.id }}">
  <h3>{{ s.profile.title }}: {{ s.percent }}%</h3>
  <p>{{ s.covered|length }} of {{ s.results|length }} items covered{% if s.profile.url %} (<a href="{{ s.profile.url }}" rel="nofollow noopener">framework</a>){% endif %}.</p>
  {% if s.covered %}
  <p><strong>Covers</strong></p>
  <ul class="disclose-covered">
  {% for r in s.covered %}
    <li>{{ r.item.label }} <small>({{ r.detail }})</small></li>
  {% endfor %}
  </ul>
  {% endif %}
  {% if s.lacking %}
  <p><strong>Lacks</strong></p>
  <ul class="disclose-lacking">
  {% for r in s.lacking %}
    <li>{{ r.item.label }} <small>({{ r.detail }})</small> — to cover it, add <code>{{ r.item.fix }}</code></li>
  {% endfor %}
  </ul>
  {% endif %}
</section>
{% endfor %}
</div>
"""  # noqa: E501

HOSTILE = st.text(st.sampled_from("a Z-_&<>'\"/#;é中\u2028"), max_size=8)
ROOTS = st.sampled_from(["./", "../", "../../", "../../../"])


@cache
def _compiled(template: str) -> Template:
    return environment().from_string(template)


def _reference(template: str, **context: Any) -> str:
    """The template's output; jinja2 drops the one newline a template ends with."""
    return _compiled(template).render(**context)


@st.composite
def entities(draw: st.DrawFn) -> Entity:
    text = HOSTILE
    return Entity(
        list=draw(st.sampled_from(ENTITY_LISTS)), id=draw(text), name=draw(text),
        country=draw(st.sampled_from(["CN", "US", "D&E"])), relationship=draw(text),
        status=draw(st.sampled_from(["active", "ended", "<b>"])), local_name=draw(text),
        subdivision=draw(st.sampled_from(["", "CN-XJ", "X<Y"])), city=draw(text), since=draw(text),
        until=draw(text), parent=draw(text), notes=draw(text),
        sources=tuple(draw(st.lists(st.builds(Source, text, text, text), max_size=2))),
        tier=draw(text), products=tuple(draw(st.lists(text, max_size=3))),
        workers=draw(st.none() | st.integers(0, 10**6) | text), kind=draw(text),
        services=tuple(draw(st.lists(text, max_size=3))), end_use=draw(text))


@st.composite
def companies(draw: st.DrawFn) -> Disclosure:
    raw = {"company": {"id": draw(HOSTILE), "name": draw(HOSTILE)}, "disclosure": {}}
    return Disclosure.of(raw)


operations = st.builds(Operation, st.sampled_from(["CN", "US"]), st.just(""), HOSTILE,
                       st.lists(HOSTILE, max_size=3).map(tuple), HOSTILE, HOSTILE)


def _links(company_id: str, found: list[Entity], linked: list[bool]) -> dict[tuple[str, str], str]:
    return {(company_id, e.id): f"{e.name}-{i}" for i, (e, yes) in enumerate(zip(found, linked, strict=False)) if yes}


@given(companies(), st.lists(entities(), max_size=4), st.lists(st.booleans(), min_size=4, max_size=4), ROOTS,
       st.sampled_from(ENTITY_LISTS))
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_company_list_as_the_template_made_it(company, found, linked, root, list_name):
    links = _links(company.id, found, linked)
    expected = _reference(ENTITY_TABLE, company=company, rows=found, links=links, root=root, list_name=list_name)
    made = f"  <tbody>\n{rows.entity_rows(company.id, found, links, root, list_name)}  </tbody>"
    assert made == expected


@given(st.lists(st.tuples(companies(), entities()), max_size=4), ROOTS)
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_an_entity_page_as_the_template_made_it(pairs, root):
    mentions = [Mention(c, e) for c, e in pairs]
    expected = _reference(MENTIONS, mentions=mentions, root=root)
    assert f"  <tbody>\n{rows.mention_rows(mentions, root)}  </tbody>" == expected


@given(st.lists(st.tuples(companies(), st.lists(operations, max_size=2), st.lists(entities(), max_size=4)),
                max_size=3), ROOTS, st.integers(1, 3))
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_region_page_as_the_template_made_it(found, root, shown):
    entries = [RegionEntry(c, tuple(ops), tuple(es)) for c, ops, es in found]
    links = {k: v for c, _, es in found for k, v in _links(c.id, es, [True, False] * 2).items()}
    expected = _reference(REGION, entries=entries, links=links, root=root, shown=shown)
    assert rows.region_entries(entries, links, root, shown) == expected


@st.composite
def steps(draw: st.DrawFn) -> Step:
    text = HOSTILE
    return Step(draw(text), draw(st.sampled_from(ALL_STEPS) | text), draw(st.sampled_from(["", "completed", "planned"])
                                                                          | text),
                draw(text), draw(text), draw(text), draw(text), tuple(draw(st.lists(text, max_size=3))), draw(text),
                draw(st.sampled_from([None, True, False])), draw(text), (),
                tuple(draw(st.lists(st.builds(Source, text, text, text), max_size=2))))


class _Stepped:
    def __init__(self, found: list[Step]) -> None:
        self.steps = found


@given(st.lists(steps(), max_size=8))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_due_diligence_table_as_the_template_made_it(found):
    expected = _reference(STEPS, company=_Stepped(found))
    assert f"  <tbody>\n{rows.step_rows(found)}  </tbody>" == expected


results = st.builds(Result, st.builds(Item, HOSTILE, HOSTILE, st.just({}), HOSTILE), st.booleans(), HOSTILE)
scores = st.builds(Score, st.builds(Profile, HOSTILE, HOSTILE, HOSTILE, st.just(())),
                   st.lists(results, max_size=5).map(tuple))


@given(st.lists(scores, max_size=3))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_completeness_lists_as_the_template_made_them(found):
    expected = _reference(COMPLETENESS_BEFORE, scores=found)
    assert _reference(COMPLETENESS, scores=found) == expected
    assert 'class="disclose-completeness"' in expected


@given(st.text() | st.integers() | st.none() | st.floats(allow_nan=False))
@settings(deadline=None)
def test_esc_escapes_as_autoescape_does(value):
    assert snippets.esc(value) == str(escape(value))
    if isinstance(value, str):
        assert snippets.escape_by_replacing(value) == str(escape(value))


def test_a_row_with_markup_in_every_field_shows_it_as_text():
    e = Entity("suppliers", "x", "<script>alert(1)</script>", "CN", "<b>", notes="<img src=x onerror=alert(1)>",
               products=("<i>",), workers="<u>")
    html = rows.entity_rows("c", [e], {}, "./", "suppliers")
    assert "<script" not in html and "<img" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@given(st.sampled_from(["", "completed", "in-progress", "planned", "not-undertaken"]) | HOSTILE)
@settings(deadline=None)  # the first example compiles the templates
def test_status_text_is_the_status_without_its_markup(value):
    expected = _reference("{{ status(st)|striptags }}", st=value)
    assert _reference("{{ status_text(st) }}", st=value) == expected
