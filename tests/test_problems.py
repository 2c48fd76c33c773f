"""The Problem record and its text, json and github formats."""

from __future__ import annotations

import json

from generator.problems import SHOWN_PER_KIND, Problem, as_github, as_json, as_text, collapse, has_errors, summary


def problem(line: int, file: str = "disclosures/acme.yaml", kind: str = "enum:relationship",
            level: str = "error", message: str = "'vendor' is not an allowed value") -> Problem:
    return Problem(file, line, 7, level, "not-allowed-value", message, f"/suppliers/{line}/relationship", kind)  # type: ignore[arg-type]


def test_text_line_is_location_first() -> None:
    assert problem(14).text() == \
        "disclosures/acme.yaml:14:7: error: 'vendor' is not an allowed value [not-allowed-value]"


def test_has_errors_ignores_warnings() -> None:
    assert not has_errors([problem(1, level="warning")])
    assert has_errors([problem(1, level="warning"), problem(2)])


def test_a_mistake_repeated_200_times_is_shown_once_with_its_places() -> None:
    many = [problem(line) for line in range(10, 210)]
    kept = collapse(many)
    assert len(kept) == SHOWN_PER_KIND + 1
    assert [p.line for p in kept] == [10, 11, 12, 13]
    assert kept[-1].message == ("the same problem as on lines 10, 11, 12 occurs 197 more times "
                                "(lines 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, …)")
    assert kept[-1].code == "not-allowed-value"
    text = as_text(many)
    assert text.count("\n") == SHOWN_PER_KIND
    assert "197 more times" in text


def test_a_line_with_two_problems_of_a_kind_is_named_once() -> None:
    kept = collapse([problem(line) for line in (2, 2, 3, 3, 4)])
    assert kept[-1].message == "the same problem as on lines 2, 3 occurs 2 more times (lines 3, 4)"
    assert collapse([problem(5) for _ in range(5)])[-1].message == (
        "the same problem as on line 5 occurs 2 more times (line 5)")


def test_collapse_keeps_files_and_kinds_apart() -> None:
    problems = [problem(line, file=f) for f in ("a.yaml", "b.yaml") for line in range(1, 5)]
    problems += [problem(line, kind="other") for line in range(1, 3)]
    kept = collapse(problems)
    assert [(p.file, p.line, "more times" in p.message) for p in kept if p.file != "disclosures/acme.yaml"] == [
        ("a.yaml", 1, False), ("a.yaml", 2, False), ("a.yaml", 3, False), ("a.yaml", 4, True),
        ("b.yaml", 1, False), ("b.yaml", 2, False), ("b.yaml", 3, False), ("b.yaml", 4, True)]
    assert len([p for p in kept if p.file == "disclosures/acme.yaml"]) == 2


def test_problems_without_a_kind_collapse_only_when_the_message_is_the_same() -> None:
    distinct = [problem(i, kind="", message=f"message {i}") for i in range(10)]
    assert collapse(distinct) == distinct
    same = [problem(i, kind="", message="same") for i in range(10)]
    assert len(collapse(same)) == SHOWN_PER_KIND + 1


def test_collapse_output_is_sorted_by_place() -> None:
    problems = [problem(9), problem(2, file="a.yaml"), problem(3, kind="x")]
    assert [(p.file, p.line) for p in collapse(problems)] == [
        ("a.yaml", 2), ("disclosures/acme.yaml", 3), ("disclosures/acme.yaml", 9)]


def test_json_lists_every_problem_with_the_documented_fields() -> None:
    many = [problem(line, message="名称 'x'") for line in range(1, 6)]
    rows = json.loads(as_json(many))
    assert len(rows) == 5  # programs get every place; only people get the collapsed view
    assert list(rows[0]) == ["file", "line", "column", "level", "code", "pointer", "message"]
    assert rows[0] == {"file": "disclosures/acme.yaml", "line": 1, "column": 7, "level": "error",
                       "code": "not-allowed-value", "pointer": "/suppliers/1/relationship", "message": "名称 'x'"}
    assert "名称" in as_json(many)


def test_json_of_no_problems_is_an_empty_list() -> None:
    assert json.loads(as_json([])) == []


def test_github_annotations() -> None:
    out = as_github([problem(14), problem(3, level="warning")])
    assert out.splitlines() == [
        "::warning file=disclosures/acme.yaml,line=3,col=7,title=not-allowed-value::'vendor' is not an allowed value",
        "::error file=disclosures/acme.yaml,line=14,col=7,title=not-allowed-value::'vendor' is not an allowed value",
    ]


def test_github_escapes_what_would_break_the_command() -> None:
    # Line breaks are shown as \n, as in the text output; % and the property separators are encoded.
    p = Problem("dis,closures/a:b.yaml", 1, 2, "error", "x", "50% done\nnext line: here, there\r")
    assert as_github([p]) == ("::error file=dis%2Cclosures/a%3Ab.yaml,line=1,col=2,title=x::"
                              "50%25 done\\nnext line: here, there\\r")


def test_summary_line() -> None:
    assert summary([], 1) == "1 file checked: no problems"
    assert summary([], 3) == "3 files checked: no problems"
    assert summary([problem(1), problem(2), problem(3, level="warning")], 2) == \
        "2 files checked: 2 error(s), 1 warning(s)"


def test_text_and_github_keep_each_problem_on_one_line_without_control_characters() -> None:
    # A key written as "evil\e[2J\nfake.yaml:1:1: error: ..." in double quotes reaches the message.
    p = Problem("dis\nclosures/a.yaml", 2, 1, "error", "unknown-field",
                "'evil\x1b[2J\nfake.yaml:1:1: error: injected [x]\x85\u2028' is not a field here")
    for out in (as_text([p]), as_github([p])):
        assert len(out.splitlines()) == 1
        assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029" for c in out)
    assert "'evil\\x1b[2J\\nfake.yaml:1:1: error: injected [x]\\x85\\u2028'" in p.text()
    assert p.text().startswith("dis\\nclosures/a.yaml:2:1: error:")
    assert json.loads(as_json([p]))[0]["message"] == p.message  # programs get the exact text


def test_end_to_end_a_key_with_escapes_stays_on_its_line(lv_check) -> None:
    text = ('schema_version: "1.0"\n"evil\\e[2J\\nfake.yaml:1:1: error: injected": 1\n'
            "company: {id: x, name: X}\ndisclosure: {period: {start: 2024, end: 2024}, published: 2025-01-01}\n")
    problems = lv_check(text, name="x")
    assert [p.code for p in problems] == ["unknown-field"]
    assert "\n" not in as_text(problems)
    assert "\x1b" not in as_text(problems)


def test_one_mistake_in_100000_files_is_ten_lines_and_a_count() -> None:
    """A pull request of 100,000 empty files printed 100,000 lines into the CI log, one per file."""
    from generator.problems import SHOWN_FILES
    empty = [Problem(f"disclosures/c{i:06d}.yaml", 1, 1, "error", "empty-file", "the file is empty")
             for i in range(100_000)]
    for lines in (as_text(empty).splitlines(), as_github(empty).splitlines()):
        assert len(lines) == SHOWN_FILES + 1
        assert "c000009.yaml" in lines[SHOWN_FILES - 1]
        assert "the same in 99,990 more files, from this one on: disclosures/c000010.yaml" in lines[-1]
    assert summary(empty, 100_000) == "100000 files checked: 100000 error(s), 0 warning(s)"
    # Problems told apart by their text are each listed, as before.
    named = [Problem(f"disclosures/c{i}.yaml", 1, 1, "error", "id-mismatch", f"c{i} is not the id") for i in range(12)]
    assert len(as_text(named).splitlines()) == 12


def test_text_and_annotations_list_a_bounded_number_of_problems() -> None:
    from generator.problems import MAX_LISTED, TOO_MANY
    many = [Problem(f"disclosures/c{i:06d}.yaml", 2, 1, "warning" if i % 2 else "error", "x", f"mistake {i}")
            for i in range(MAX_LISTED + 500)]
    lines = as_text(many).splitlines()
    assert len(lines) == MAX_LISTED + 1
    assert lines[-1] == (f"disclosures/c{MAX_LISTED:06d}.yaml:2:1: error: 500 more problems in 500 file(s), from here "
                         f"on, are not listed; correct these and check again [{TOO_MANY}]")
    assert len(as_github(many).splitlines()) == MAX_LISTED + 1


def test_a_file_name_never_begins_a_workflow_command() -> None:
    """`disclose validate *.yaml` run in the folder of disclosures printed '::stop-commands::x.yaml:1:1: error: …',
    which GitHub Actions read as a command: no annotation after it was shown."""
    hostile = Problem("::stop-commands::x.yaml", 1, 1, "error", "empty-file", "the file is empty")
    assert hostile.text() == "\\::stop-commands::x.yaml:1:1: error: the file is empty [empty-file]"
    assert not as_text([hostile]).lstrip().startswith("::")
