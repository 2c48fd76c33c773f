"""Semantic checks of MODEL.md: each mistake found, located, with its stable code."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.check.checks import CHECKS
from generator.check.validation import validate_paths


def found(problems: list) -> list[tuple[int, int, str, str]]:
    return [(p.line, p.column, p.level, p.code) for p in problems]


def test_the_full_example_has_no_problem(lv_full_text: str, lv_check) -> None:
    assert lv_check(lv_full_text) == []


def test_checks_are_an_explicit_tuple_of_named_functions() -> None:
    assert len(CHECKS) >= 9
    assert all(check.__name__.startswith("check_") for check in CHECKS)


def test_id_must_match_the_file_name(lv_full_text: str, lv_check) -> None:
    problems = lv_check(lv_full_text, name="full-examples")
    assert found(problems) == [(5, 7, "error", "id-mismatch")]
    assert "'full-examples.yaml'" in problems[0].message


@pytest.mark.parametrize("name", ["con", "nul", "aux", "prn", "com1", "lpt9"])
def test_an_id_windows_keeps_for_a_device_is_refused(name: str, lv_full_text: str, lv_check) -> None:
    """disclosures/con.yaml cannot be checked out on Windows, nor the site's companies/con/ copied there."""
    problems = lv_check(lv_full_text.replace("id: full-example", f"id: {name}", 1), name=name)
    assert found(problems) == [(5, 7, "error", "reserved-id")]
    assert f"'{name}' names a device on Windows" in problems[0].message and f"'{name}-corp'" in problems[0].message


@pytest.mark.parametrize("name", ["cons", "con-corp", "com", "lpt", "nul1", "aux-2"])
def test_ids_that_only_begin_like_a_device_stay_valid(name: str, lv_full_text: str, lv_check) -> None:
    assert lv_check(lv_full_text.replace("id: full-example", f"id: {name}", 1), name=name) == []


@pytest.mark.parametrize(("old", "new", "where", "words"), [
    ("id: oslo-parts", "id: kashgar-cotton", (67, 9), "already used on line 59"),
    ("id: oslo-parts", "id: urumqi-vision", (67, 9), "already used on line 39"),  # across entity lists
    ("id: exit-plan", "id: audit-2024", (96, 9), "already used on line 84"),
])
def test_ids_are_unique(old: str, new: str, where: tuple[int, int], words: str, lv_full_text: str,
                        lv_check) -> None:
    problems = lv_check(lv_full_text.replace(old, new))
    assert found(problems) == [(*where, "error", "duplicate-id")]
    assert words in problems[0].message


def test_a_step_may_share_an_id_with_an_entity(lv_full_text: str, lv_check) -> None:
    # Steps, risks and entities are separate id spaces.
    assert lv_check(lv_full_text.replace("id: exit-plan", "id: oslo-parts")) == []


@pytest.mark.parametrize(("old", "new", "where", "hint"), [
    ("scope: [urumqi-vision, example-psb]", "scope: [urumqi-visoin, example-psb]", (89, 13), "urumqi-vision"),
    ("risks: [surveillance]", "risks: [surveilance]", (92, 13), "surveillance"),
    ("entities: [example-psb, urumqi-vision]", "entities: [example-psb, acme]", (111, 29), None),
    ("entity: kashgar-cotton", "entity: kashgar-coton", (118, 13), "kashgar-cotton"),
])
def test_references_must_resolve(old: str, new: str, where: tuple[int, int], hint: str | None,
                                 lv_full_text: str, lv_check) -> None:
    problems = lv_check(lv_full_text.replace(old, new))
    assert found(problems) == [(*where, "error", "unknown-reference")]
    assert ("did you mean" in problems[0].message) == (hint is not None)
    if hint:
        assert f"'{hint}'" in problems[0].message


def test_a_risk_cannot_be_referenced_as_an_entity(lv_full_text: str, lv_check) -> None:
    problems = lv_check(lv_full_text.replace("scope: [urumqi-vision, example-psb]", "scope: [surveillance]"))
    assert found(problems) == [(89, 13, "error", "unknown-reference")]


@pytest.mark.parametrize(("old", "new", "where", "code"), [
    ("end: 2024-12-31}", "end: 2023-12-31}", (25, 36), "period-reversed"),
    ("end: 2024-12-31}", "end: 2023}", (25, 36), "period-reversed"),
    ("since: 2018-04-01", "since: 2024-04-01", (51, 12), "dates-reversed"),
    ("since: 2016", "since: 2024-07", (36, 12), "dates-reversed"),  # operations too
])
def test_dates_in_order(old: str, new: str, where: tuple[int, int], code: str, lv_full_text: str,
                        lv_check) -> None:
    assert found(lv_check(lv_full_text.replace(old, new))) == [(*where, "error", code)]


@pytest.mark.parametrize(("start", "end"), [("2024", "2024"), ("2024-12", "2024-12-01"), ("2024-12-31", "2024")])
def test_partial_dates_overlap_is_not_reversed(start: str, end: str, lv_full_text: str, lv_check) -> None:
    text = lv_full_text.replace("{start: 2024-01-01, end: 2024-12-31}", f"{{start: {start}, end: {end}}}")
    assert lv_check(text) == []


@pytest.mark.parametrize("date", ["2023-02-29", "2025-04-31", "0000", "0000-01-01"])
def test_impossible_calendar_dates(date: str, lv_full_text: str, lv_check) -> None:
    problems = lv_check(lv_full_text.replace("date: 2025-01-15", f"date: {date}"))
    assert found(problems) == [(122, 11, "error", "invalid-date")]


def test_leap_day_is_a_date(lv_full_text: str, lv_check) -> None:
    assert lv_check(lv_full_text.replace("date: 2025-01-15", "date: 2024-02-29")) == []


def test_future_dates_warn_except_due_and_until(lv_full_text: str, lv_check) -> None:
    text = lv_full_text.replace("published: 2025-03-01", "published: 2025-07-02")
    assert found(lv_check(text)) == [(26, 14, "warning", "future-date")]
    # The current month is not in the future; a due date is meant to be.
    assert lv_check(lv_full_text.replace("published: 2025-03-01", "published: 2025-07")) == []
    assert lv_check(lv_full_text.replace("due: 2026-12-31", "due: 2030")) == []


def test_until_needs_ended_or_suspended(lv_full_text: str, lv_check) -> None:
    problems = lv_check(lv_full_text.replace("    status: suspended\n", "    status: active\n"))
    assert found(problems) == [(51, 12, "error", "until-while-active")]
    assert "status: ended" in problems[0].message


def test_completed_step_needs_a_date_and_skipped_step_a_reason(lv_full_text: str, lv_check) -> None:
    text = lv_full_text.replace("    date: 2024-09-30\n", "")
    text = text.replace("    reason: Access to the region is restricted.\n", "")
    assert found(lv_check(text)) == [(86, 13, "error", "completed-without-date"), (102, 13, "error", "missing-reason")]


@pytest.mark.parametrize(("old", "new", "code"), [
    ("    date: 2024-09-30\n", "    date: N/A\n", "invalid-date"),
    ("    date: 2024-09-30\n", "    date:\n", "wrong-type"),
    ("    reason: Access to the region is restricted.\n", "    reason:\n", "wrong-type"),
])
def test_a_date_or_reason_a_step_needs_written_unknown_is_one_problem(old: str, new: str, code: str,
                                                                      lv_full_text: str, lv_check) -> None:
    """'date: N/A' on a completed step said both "this step is completed but has no date; add 'date: …'" and
    "if it is not known, delete the line 'date: N/A'": deleted, the first was still there."""
    problems = lv_check(lv_full_text.replace(old, new, 1))
    assert [p.code for p in problems] == [code]
    assert "delete the line" not in problems[0].message


@pytest.mark.parametrize(("by", "column", "words"), [
    ("{name: Example Audit LLP, independent: false}", 58, "independent: true"),   # at the false
    ("{name: Example Audit LLP}", 19, "independent: true"),                        # at conducted_by
    ("{independent: true}", 19, "auditor's name"),
    ("{}", 19, "independent: true")])
def test_completed_independent_audit_needs_a_named_independent_auditor(by: str, column: int, words: str,
                                                                       lv_full_text: str, lv_check) -> None:
    text = lv_full_text.replace("{name: Example Audit LLP, independent: true}", by)
    problems = lv_check(text)
    assert found(problems) == [(90, column, "error", "audit-not-independent")]
    assert words in problems[0].message


@pytest.mark.parametrize(("by", "code"), [
    ("{name: Example Audit LLP, independent: yes}", "wrong-type"),        # says to write true
    ("{name: Example Audit LLP, independent: Y}", "wrong-type"),
    ("{name: Example Audit LLP, independent: N/A}", "wrong-type"),
    ("{name: '', independent: true}", "empty-value"),
    ("[{name: Example Audit LLP, independent: true}]", "wrong-type"),      # a list of one auditor
])
def test_an_auditor_the_schema_rejects_is_one_problem(by: str, code: str, lv_full_text: str, lv_check) -> None:
    """The schema's problem says what to write; the audit check, missing the value it left out, adds nothing."""
    text = lv_full_text.replace("{name: Example Audit LLP, independent: true}", by)
    assert [p.code for p in lv_check(text)] == [code]


def test_an_audit_s_auditor_left_empty_is_not_told_to_be_left_out(lv_full_text: str, lv_check) -> None:
    """'name:' under a completed independent audit was told "if it is not known, delete the line 'name:'", and
    deleted, the audit check asked for the auditor's name."""
    text = lv_full_text.replace("{name: Example Audit LLP, independent: true}", "{name: null, independent: true}")
    assert [p.code for p in lv_check(text)] == ["wrong-type"]
    assert "delete the line" not in lv_check(text)[0].message
    assert found(lv_check(text.replace("name: null, ", ""))) == [(90, 19, "error", "audit-not-independent")]


@pytest.mark.parametrize("key", ["Suppliers:", "suplliers:", "supplier:"])
def test_a_misspelt_entity_list_is_one_problem(key: str, lv_full_text: str, lv_check) -> None:
    """The screening record names a supplier of the misspelt list: the list's own problem is what to correct."""
    problems = lv_check(lv_full_text.replace("suppliers:", key))
    assert found(problems) == [(58, 1, "error", "unknown-field")]
    assert "did you mean 'suppliers'?" in problems[0].message


def test_entities_under_a_wrong_key_still_leave_other_references_checked(lv_full_text: str, lv_check) -> None:
    text = lv_full_text.replace("suppliers:", "Suppliers:").replace("entity: kashgar-cotton", "entity: kashgar-cottn")
    assert [p.code for p in lv_check(text)] == ["unknown-field", "unknown-reference"]


def test_audit_without_conducted_by_at_all(lv_full_text: str, lv_check) -> None:
    text = lv_full_text.replace("    conducted_by: {name: Example Audit LLP, independent: true}\n", "")
    assert found(lv_check(text)) == [(85, 11, "error", "audit-not-independent")]


def test_planned_audit_needs_no_auditor_yet(lv_full_text: str, lv_check) -> None:
    text = (lv_full_text.replace("    conducted_by: {name: Example Audit LLP, independent: true}\n", "")
            .replace("status: completed", "status: planned"))
    assert lv_check(text) == []


@pytest.mark.parametrize(("old", "new", "where", "code", "words"), [
    ("headquarters: GB", "headquarters: UK", (11, 17), "unknown-country", "for UK write GB"),
    ("headquarters: GB", "headquarters: XX", (11, 17), "unknown-country", "such as CN, US or NO"),
    ("jurisdiction: NO", "jurisdiction: EL", (10, 17), "unknown-country", "for EL write GR"),
    ("subdivision: CN-XJ\n    region", "subdivision: CN-ZZ\n    region", (32, 18), "unknown-subdivision", "CN-XJ"),
    ("  - country: CN\n    subdivision: CN-XJ\n    region", "  - country: US\n    subdivision: CN-XJ\n    region",
     (32, 18), "subdivision-country-mismatch", "CN-XJ is in CN, not in US"),
    ("    country: CN\n    subdivision: CN-XJ\n    city", "    country: NO\n    subdivision: CN-XJ\n    city",
     (44, 18), "subdivision-country-mismatch", "not in NO"),
])
def test_places(old: str, new: str, where: tuple[int, int], code: str, words: str, lv_full_text: str,
                lv_check) -> None:
    assert old in lv_full_text
    problems = lv_check(lv_full_text.replace(old, new))
    assert found(problems) == [(*where, "error", code)]
    assert words in problems[0].message


def test_norway_written_plainly_is_a_country(lv_full_text: str, lv_check) -> None:
    assert "jurisdiction: NO\n" in lv_full_text
    assert lv_check(lv_full_text) == []


@pytest.mark.parametrize(("updated", "today", "stale"), [
    ("2025-06", dt.date(2025, 7, 1), False),
    ("2024-01", dt.date(2025, 7, 1), False),  # the last day of January is within 18 months
    ("2023-12", dt.date(2025, 7, 1), True),
    ("2023-12-31", dt.date(2025, 7, 1), True),
    ("2024-01-01", dt.date(2025, 7, 1), False),
    ("2024-01-01", dt.date(2025, 7, 2), True),
    ("2023", dt.date(2025, 7, 1), True),
])
def test_stale_after_18_months(updated: str, today: dt.date, stale: bool, lv_full_text: str, lv_check) -> None:
    problems = lv_check(lv_full_text.replace("updated: 2025-06", f"updated: {updated}"), today=today)
    assert found(problems) == ([(27, 12, "warning", "stale")] if stale else [])


def test_stale_falls_back_to_published(lv_full_text: str, lv_check) -> None:
    text = lv_full_text.replace("  updated: 2025-06\n", "")
    assert found(lv_check(text, today=dt.date(2027, 1, 1))) == [(26, 14, "warning", "stale")]


def test_warnings_alone_keep_a_file_valid(lv_full_text: str, tmp_path: Path) -> None:
    (tmp_path / "full-example.yaml").write_text(lv_full_text.replace("updated: 2025-06", "updated: 2020"))
    result = validate_paths([tmp_path], today=dt.date(2025, 7, 1))
    assert [p.code for p in result.problems] == ["stale"]
    assert result.ok


# --- across files -------------------------------------------------------------------------

def company(company_id: str, identifiers: str = "") -> str:
    return (f'schema_version: "1.0"\ncompany:\n  id: {company_id}\n  name: N\n{identifiers}'
            "disclosure:\n  period: {start: 2024, end: 2024}\n  published: 2025-01-01\n")


@pytest.mark.parametrize("scheme, value", [("lei", "5493001KJTIIGC8Y1R12"), ("uscc", "91110000600001760P")])
def test_same_registry_identifier_in_two_files(scheme: str, value: str, tmp_path: Path) -> None:
    ids = f"  identifiers:\n    {scheme}: {value}\n"
    (tmp_path / "acme.yaml").write_text(company("acme", ids))
    (tmp_path / "acme-holdings.yaml").write_text(company("acme-holdings", ids))
    result = validate_paths([tmp_path], today=dt.date(2025, 7, 1))
    assert [(Path(p.file).name, p.line, p.column, p.code) for p in result.problems] == [
        ("acme.yaml", 6, 7 + len(scheme), "duplicate-company")]
    assert "acme-holdings.yaml" in result.problems[0].message
    assert not result.ok


def test_same_company_id_in_two_folders(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "acme.yaml").write_text(company("acme"))
    result = validate_paths([tmp_path / "a", tmp_path / "b"], today=dt.date(2025, 7, 1))
    assert [(p.file, p.line, p.column, p.code) for p in result.problems] == [
        (str(tmp_path / "b" / "acme.yaml"), 3, 7, "duplicate-company")]


def test_yaml_and_yml_of_the_same_company(tmp_path: Path) -> None:
    (tmp_path / "acme.yaml").write_text(company("acme"))
    (tmp_path / "acme.yml").write_text(company("acme"))
    result = validate_paths([tmp_path], today=dt.date(2025, 7, 1))
    assert [p.code for p in result.problems] == ["duplicate-company"]


def test_different_companies_are_fine(tmp_path: Path) -> None:
    (tmp_path / "acme.yaml").write_text(company("acme", "  identifiers: {lei: 5493001KJTIIGC8Y1R12}\n"))
    (tmp_path / "zenith.yaml").write_text(company("zenith", "  identifiers: {lei: 5493001KJTIIGC8Y1R13}\n"))
    assert validate_paths([tmp_path], today=dt.date(2025, 7, 1)).problems == ()


def test_suggestions_for_unknown_references_are_bounded(lv_check) -> None:
    # Each suggestion compares the id with every known id; a file with thousands of wrong
    # references must not make that quadratic. The first 20 get a suggestion.
    n = 25
    suppliers = "".join(f"  - {{id: supplier-{i:03d}, name: S, country: CN, relationship: supplier}}\n"
                        for i in range(n))
    scope = ", ".join(f"suplier-{i:03d}" for i in range(n))
    text = ('schema_version: "1.0"\ncompany: {id: refs, name: R}\n'
            "disclosure: {period: {start: 2024, end: 2024}, published: 2025-01-01}\n"
            f"suppliers:\n{suppliers}due_diligence:\n  - {{id: d, step: mitigation, status: planned, summary: S, "
            f"scope: [{scope}]}}\n")
    problems = lv_check(text, name="refs")
    assert [p.code for p in problems] == ["unknown-reference"] * n
    hints = ["did you mean" in p.message for p in problems]
    assert hints == [True] * 20 + [False] * 5
    assert "did you mean 'supplier-007'?" in problems[7].message


def test_a_file_named_twice_is_checked_once(tmp_path: Path) -> None:
    (tmp_path / "acme.yaml").write_text(company("acme"))
    result = validate_paths([tmp_path, tmp_path / "acme.yaml", tmp_path / "." / "acme.yaml"],
                            today=dt.date(2025, 7, 1))
    assert result.problems == ()
    assert len(result.documents) == 1


def test_a_file_named_through_a_linked_parent_and_in_its_folder_is_checked_once(tmp_path: Path) -> None:
    """A folder's files are matched by the folder's resolved path: the same file, whichever way it was named."""
    real = tmp_path / "real" / "disclosures"
    real.mkdir(parents=True)
    (real / "acme.yaml").write_text(company("acme"))
    (tmp_path / "linked").symlink_to(tmp_path / "real")
    result = validate_paths([tmp_path / "linked" / "disclosures", real / "acme.yaml"], today=dt.date(2025, 7, 1))
    assert result.problems == () and len(result.documents) == 1
    assert result.documents[0].path == str(tmp_path / "linked" / "disclosures" / "acme.yaml")
