"""The semantic diff: items matched by id, lists as sets, one event per changed field."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.history import diff as diff_module
from generator.history.diff import Event, diff
from generator.load.loader import load_text

BASE = {
    "schema_version": "1.0",
    "company": {"id": "acme", "name": "Acme Example Ltd", "identifiers": {"lei": "A" * 20}},
    "disclosure": {"period": {"start": "2025-01-01", "end": "2025-12-31"}, "published": "2026-01-01"},
    "operations": [{"country": "CN", "subdivision": "CN-XJ", "region_name": "Kashgar", "activities": ["sourcing"]},
                   {"country": "GB"}],
    "partners": [{"id": "jv", "name": "Example JV", "country": "CN", "relationship": "joint-venture"}],
    "suppliers": [{"id": "kashgar-yarn", "name": "Kashgar Yarn Co.", "country": "CN", "relationship": "supplier",
                   "products": ["yarn", "thread"], "since": 2016}],
    "due_diligence": [{"id": "audit-2025", "step": "independent-audit", "status": "completed", "summary": "Audit",
                       "date": "2025-11-30", "conducted_by": {"name": "Example Audit Co", "independent": True}}],
    "risks": [{"id": "r1", "category": "forced-labour", "description": "Yarn from CN-XJ", "severity": "high"}],
}


def changed(edit) -> list[Event]:
    new = copy.deepcopy(BASE)
    edit(new)
    return diff(BASE, new)


def test_added_and_withdrawn():
    assert [e.text() for e in diff(None, BASE)] == ["Disclosure of Acme Example Ltd (acme) added"]
    assert [e.kind for e in diff(BASE, None)] == ["disclosure-withdrawn"]
    assert diff(None, None) == []
    assert diff(BASE, copy.deepcopy(BASE)) == []


def test_reordering_and_reformatting_yield_nothing():
    def edit(d):
        d["suppliers"][0]["products"].reverse()
        d["operations"].reverse()
        d["suppliers"][0]["since"] = "2016"   # quoted or not, the same year
        d["company"] = dict(reversed(list(d["company"].items())))
    assert changed(edit) == []
    yaml_a = "company: {id: acme, name: A}\nsuppliers:\n  - {id: a, name: A}\n  - {id: b, name: B}\n"
    yaml_b = "suppliers:\n- id: b\n  name: 'B'\n- name: A\n  id: a\ncompany:\n  name: \"A\"\n  id: acme\n"
    assert diff(load_text(yaml_a, "a").data, load_text(yaml_b, "b").data) == []


def test_step_status_change_reads_old_and_new():
    def edit(d):
        step = d["due_diligence"][0]
        step.update(status="planned", due="2026-06-30")
        del step["date"]
    events = changed(edit)
    assert [(e.kind, e.list, e.id, e.field, e.old, e.new) for e in events] == [
        ("step-changed", "due_diligence", "audit-2025", "date", "2025-11-30", None),
        ("step-changed", "due_diligence", "audit-2025", "due", None, "2026-06-30"),
        ("step-changed", "due_diligence", "audit-2025", "status", "completed", "planned"),
    ]
    assert events[2].text() == "Due-diligence step audit-2025 (independent-audit): status completed → planned"


def test_nested_fields_are_dotted():
    events = changed(lambda d: d["due_diligence"][0]["conducted_by"].update(name="Other Audit Co"))
    assert [(e.field, e.old, e.new) for e in events] == [("conducted_by.name", "Example Audit Co", "Other Audit Co")]
    events = changed(lambda d: d["disclosure"]["period"].update(end="2026-03-31"))
    assert [(e.kind, e.field) for e in events] == [("field-changed", "disclosure.period.end")]
    assert events[0].text() == "disclosure.period.end: 2025-12-31 → 2026-03-31"
    events = changed(lambda d: d["company"].update(name="Acme Group"))
    assert [e.text() for e in events] == ["company.name: Acme Example Ltd → Acme Group"]


def test_entities_keyed_by_id_across_lists():
    assert [e.text() for e in changed(lambda d: d["suppliers"].clear())] == [
        "Supplier Kashgar Yarn Co. (kashgar-yarn) removed"]

    def move(d):
        d["partners"].append(dict(d["suppliers"].pop(), relationship="distributor"))
    events = changed(move)
    assert [(e.kind, e.list, e.field, e.old, e.new) for e in events] == [
        ("entity-changed", "partners", "list", "suppliers", "partners"),
        ("entity-changed", "partners", "relationship", "supplier", "distributor"),
    ]
    events = changed(lambda d: d.setdefault("government_counterparties", []).append(
        {"id": "bureau", "name": "Example Bureau", "country": "CN", "relationship": "customer", "kind": "other"}))
    assert [e.text() for e in events] == ["Government counterparty Example Bureau (bureau) added"]


def test_renamed_entity_is_a_change_not_a_swap():
    events = changed(lambda d: d["suppliers"][0].update(name="Kashgar Yarn Group"))
    assert [e.text() for e in events] == [
        "Supplier Kashgar Yarn Group (kashgar-yarn): name Kashgar Yarn Co. → Kashgar Yarn Group"]


def test_risks_and_operations():
    events = changed(lambda d: d["risks"][0].update(severity="severe", status="open"))
    assert [e.text() for e in events] == ["Risk r1 (forced-labour): severity high → severe",
                                          "Risk r1 (forced-labour): status set to open"]
    events = changed(lambda d: d["operations"].pop(0))
    assert [(e.kind, e.id) for e in events] == [("operation-removed", "CN-XJ (Kashgar)")]
    assert events[0].text() == "Operation in CN-XJ (Kashgar) removed"
    events = changed(lambda d: d["operations"].append({"country": "VN", "activities": ["manufacturing"]}))
    assert [e.text() for e in events] == ["Operation in VN added"]
    events = changed(lambda d: d["operations"][0]["activities"].append("manufacturing"))
    assert [(e.kind, e.field, e.old, e.new) for e in events] == [
        ("operation-changed", "activities[]", None, "manufacturing")]
    assert events[0].text() == "Operation in CN-XJ (Kashgar): activities added manufacturing"


def test_a_list_change_is_told_item_by_item():
    # One record of 8,000 changed: two events of one record each, not the whole list twice.
    records = [{"entity": "s0", "list": f"l{i}", "decision": "not-a-match", "reason": "r"} for i in range(8000)]
    old, new = copy.deepcopy(BASE), copy.deepcopy(BASE)
    old["screening"], new["screening"] = records, [*records[:-1], {**records[-1], "reason": "checked again"}]
    events = diff(old, new)
    assert [(e.kind, e.field, e.old, e.new) for e in events] == [
        ("field-changed", "screening[]", records[-1], None),
        ("field-changed", "screening[]", None, new["screening"][-1])]
    assert events[0].text().startswith('screening: removed {"decision": "not-a-match", "entity": "s0"')


def test_a_list_is_a_multiset_and_absent_is_empty():
    def aliases(before, after):
        old, new = copy.deepcopy(BASE), copy.deepcopy(BASE)
        for doc, value in ((old, before), (new, after)):
            if value is not None:
                doc["suppliers"][0]["aliases"] = value
        return [(e.field, e.old, e.new) for e in diff(old, new)]
    assert aliases(["a", "b"], ["b", "a"]) == []
    assert aliases(["a"], ["a", "a"]) == [("aliases[]", None, "a")]
    assert aliases(["a", "a", "b"], ["b"]) == [("aliases[]", "a", None), ("aliases[]", "a", None)]
    assert aliases(None, ["x"]) == [("aliases[]", None, "x")]
    assert aliases(["x"], None) == [("aliases[]", "x", None)]
    assert aliases(["x"], "x") == [("aliases", ["x"], "x")]   # an invalid version: not a list, said whole


def test_an_operation_with_an_id_is_followed_through_a_new_region_name():
    # Version 1.1: the id keys the operation, so renaming its region is a change, not a swap.
    old = copy.deepcopy(BASE)
    old["operations"][0]["id"] = "kashgar-sourcing"
    new = copy.deepcopy(old)
    new["operations"][0]["region_name"] = "Kashgar prefecture"
    events = diff(old, new)
    assert [(e.kind, e.id, e.field, e.new) for e in events] == [
        ("operation-changed", "kashgar-sourcing", "region_name", "Kashgar prefecture")]


def test_long_values_are_shortened_in_sentences():
    events = changed(lambda d: d["risks"][0].update(description="word " * 100))
    assert events[0].text().endswith("…") and len(events[0].text()) < 200
    assert events[0].new == "word " * 100


def test_invalid_shapes_do_not_crash():
    odd = {"company": "not a mapping", "suppliers": ["text", {"name": "no id"}, {"id": "x"}, {"id": "x"}]}
    kinds = [e.kind for e in diff(BASE, odd)]
    assert "disclosure-withdrawn" not in kinds and kinds.count("entity-added") == 3


def test_markdown_report_cannot_smuggle_markup():
    from generator.history.revisions import FileDiff, as_markdown

    event = Event("entity-added", "suppliers", "x", "", None, {}, "![x](https://t.example/p.png) @someone <b>")
    text = as_markdown([FileDiff("disclosures/a`b.yaml", "disclosures/a`b.yaml", "Acme [link](https://e.example)",
                                 (event,))])
    assert "![x](" not in text and "[link](" not in text and " @someone" not in text and "<b>" not in text
    assert "`disclosures/a'b.yaml`" in text


@pytest.mark.parametrize("name", [r"$$\unicode{x1F600}$$", "Acme $x$ Ltd", "US$ 5 and US$ 6", "@someone",
                                  "[click](javascript:alert(1))", "<img src=x>", "<details><summary>x", "a | b ```c```",
                                  "a @org/team"])
def test_markdown_report_shows_formulas_mentions_and_markup_as_text(name: str) -> None:
    """GitHub finds math and mentions in the text Markdown leaves: a backslash before '$' or '@' is no escape."""
    from generator.history.revisions import FileDiff, as_markdown

    text = as_markdown([FileDiff("disclosures/a.yaml", "disclosures/a.yaml", name, ())])
    heading = text.splitlines()[2]
    assert "$" not in text and not re.search(r"@\w", text)
    assert not re.search(r"(?<!\\)[<\[\]()`|]", heading.replace("<span>&#36;</span>", "").split("**")[1])
    shown = re.sub(r"\\(.)", r"\1", heading.split("**")[1]).replace("<span>&#36;</span>", "$")
    assert shown.replace("&#8203;", "") == name


def test_markdown_report_shows_a_file_name_in_the_order_it_is_stored():
    from generator.history.revisions import FileDiff, as_markdown

    renamed = FileDiff("disclosures/invoice\u202egpj.yaml", "disclosures/a\x1b[2Jb.yaml", "Acme", ())
    text = as_markdown([renamed])
    assert "\u202e" not in text and "\x1b" not in text
    assert "`disclosures/invoice\\u202egpj.yaml` (was `disclosures/a\\x1b[2Jb.yaml`)" in text


def _shown_whole(value: Any) -> str:
    """`show` as it was: every item spelled out, then cut to a line."""
    text = ", ".join(diff_module.show(v) for v in value)
    return text if len(text) <= diff_module._SHOWN else text[: diff_module._SHOWN - 1] + "…"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=30), st.integers(), st.booleans(), st.none(),
                          st.dictionaries(st.sampled_from("abc"), st.text(max_size=20), max_size=3),
                          st.lists(st.text(max_size=5), max_size=4)), max_size=30))
def test_a_list_is_shown_as_its_whole_text_cut_to_a_line(items: list[Any]) -> None:
    assert diff_module.show(items) == _shown_whole(items)


def test_a_long_list_is_spelled_out_only_as_far_as_a_line(monkeypatch: pytest.MonkeyPatch) -> None:
    records = [{"list": "un-sanctions", "name": f"Record {i}", "status": "no-match"} for i in range(8000)]
    dumped = [0]
    dumps = json.dumps

    def counting(*args: Any, **kwargs: Any) -> str:
        dumped[0] += 1
        return dumps(*args, **kwargs)

    monkeypatch.setattr(diff_module.json, "dumps", counting)
    assert diff_module.show(records).endswith("…")
    assert dumped[0] <= 2


def test_markdown_report_stays_within_the_summary_limit_and_says_what_it_left_out():
    """GitHub drops a job summary over 1 MiB whole: 25,000 changed suppliers showed no change at all."""
    from generator.history.revisions import SUMMARY_BYTES, FileDiff, as_markdown

    old = {**BASE, "suppliers": [{"id": f"s{i}", "name": f"Supplier {i} Co", "country": "CN",
                                  "relationship": "supplier"} for i in range(25_000)]}
    new = {**old, "suppliers": [{**s, "country": "VN"} for s in old["suppliers"]]}
    events = diff(old, new)
    big = FileDiff("disclosures/acme.yaml", "disclosures/acme.yaml", "Acme", events)
    small = [FileDiff(f"disclosures/c{i}.yaml", f"disclosures/c{i}.yaml", f"C{i}", events[:2]) for i in range(3)]
    text = as_markdown([big, *small])
    assert len(text.encode()) <= SUMMARY_BYTES
    shown = text.count("country CN → VN")
    assert 10_000 < shown < 25_000
    assert text.splitlines()[-1].startswith(f"**Not shown:** {25_000 - shown + 6:,} more changes, in this file "
                                            "and 3 more files: the summary would pass GitHub's limit of 1 MiB")
    assert as_markdown(small).count("country CN → VN") == 6 and "Not shown" not in as_markdown(small)
    cut_at_heading = as_markdown(small, limit=len(as_markdown(small[:1]).encode()) + 1_010)
    assert "C1" not in cut_at_heading and cut_at_heading.splitlines()[-1].startswith(
        "**Not shown:** 4 more changes, in 2 more files")
