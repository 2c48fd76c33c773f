"""Text that cannot hide: control characters and bidirectional overrides are refused in
every value, located, in plain words; line breaks only in prose fields."""

from __future__ import annotations

import json

import pytest


def _with(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(("char", "words"), [
    ("\x00", "NUL"), ("\x1b", "escape character"), ("\r", "carriage return"), ("\t", "tab"),
    ("\x7f", "delete character"), ("\x85", "U+0085"), ("\u202e", "right-to-left"), ("\u2066", "U+2066"),
    ("\n", "line break")])
def test_a_hidden_character_in_a_name_is_refused_where_it_is(char: str, words: str, lv_full_text: str,
                                                             lv_check) -> None:
    # Written as a JSON string inside the YAML, so that every character can be put in.
    text = _with(lv_full_text, "name: Kashgar Example Cotton", f"name: {json.dumps('Kashgar' + char + 'x')}")
    problems = [p for p in lv_check(text) if p.is_error]
    assert [p.code for p in problems] == ["hidden-character"], [p.text() for p in problems]
    assert words in problems[0].message and "character 8" in problems[0].message
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "Kashgar" in t and "name:" in t)
    assert problems[0].line == line


def test_the_forged_spreadsheet_row_of_the_report_is_refused(lv_full_text: str, lv_check) -> None:
    payload = json.dumps("Harmless Co\r=cmd|' /C calc'!A0")
    problems = lv_check(_with(lv_full_text, "name: Kashgar Example Cotton", f"name: {payload}"))
    assert [p.code for p in problems] == ["hidden-character"]


def test_hidden_characters_are_refused_in_lists_urls_and_long_texts_too(lv_full_text: str, lv_check) -> None:
    text = _with(lv_full_text, "summary: Audit of the distributor's sales records.",
                 'summary: "Audit\\nof the records\\u202e."')
    text = _with(text, "url: https://full-example.example/rights", 'url: "https://full-example.example/\\u202erights"')
    codes = [(p.code, p.pointer.rsplit("/", 1)[-1]) for p in lv_check(text)]
    assert ("hidden-character", "summary") in codes and ("hidden-character", "url") in codes


def test_line_breaks_stay_allowed_in_prose_fields(lv_full_text: str, lv_check) -> None:
    text = _with(lv_full_text, "summary: Audit of the distributor's sales records.",
                 "summary: |-\n      Audit of the distributor's sales records.\n\n      Second paragraph.")
    assert lv_check(text) == []


def test_a_block_scalar_name_ending_in_a_line_break_says_how_to_write_it(lv_full_text: str, lv_check) -> None:
    text = _with(lv_full_text, "name: Kashgar Example Cotton", "name: |\n      Kashgar Example Cotton Co.")
    problems = lv_check(text)
    assert [p.code for p in problems] == ["hidden-character"]
    assert "|-" in problems[0].message


@pytest.mark.parametrize(("written", "quotes"), [
    ("\u201cKashgar Example Cotton\u201d", "\u201c \u201d"),
    ("\u2018Kashgar Example\u2019s Cotton\u2019", "\u2018 \u2019"),
    ("\u201eKashgar Example Cotton\u201c", "\u201e \u201c"),
    ("\u00abKashgar Example Cotton\u00bb", "\u00ab \u00bb"),
])
def test_a_value_in_typographic_quotes_is_a_warning_at_it(written: str, quotes: str, lv_full_text: str,
                                                           lv_check) -> None:
    """'name: “Kashgar Example Cotton”', quoted as Word quotes, kept the quotes in the name the site shows."""
    text = _with(lv_full_text, "name: Kashgar Example Cotton", f"name: {written}")
    problems = lv_check(text)
    assert [(p.level, p.code) for p in problems] == [("warning", "typographic-quotes")]
    assert f"name is written between the typographic quotes {quotes}" in problems[0].message
    assert problems[0].line == next(i for i, t in enumerate(text.splitlines(), 1) if written in t)


@pytest.mark.parametrize("written", ["\u201c\u201d", "\u201c  \u201d", "\u00ab\u00bb"])
def test_typographic_quotes_around_nothing_are_an_error_that_asks_for_the_value(written: str, lv_full_text: str,
                                                                                lv_check) -> None:
    """'name: “”' was told to delete the quotes, which leaves a supplier without a name, and the file stayed valid
    with a supplier named by two quote marks."""
    text = _with(lv_full_text, "name: Kashgar Example Cotton", f"name: {written}")
    problems = lv_check(text)
    assert [(p.level, p.code) for p in problems] == [("error", "typographic-quotes")]
    assert "name holds only the typographic quotes" in problems[0].message
    assert "write the name itself in their place" in problems[0].message
    assert lv_check(_with(text, f"name: {written}", "name: Kashgar Example Cotton")) == []


def test_typographic_quotes_inside_a_text_are_its_own(lv_full_text: str, lv_check) -> None:
    text = _with(lv_full_text, "name: Kashgar Example Cotton", "name: Kashgar \u201cExample\u201d Cotton")
    assert lv_check(text) == []
