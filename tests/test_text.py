"""Text made safe for where it goes: terminal lines and spreadsheet cells."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import text as text_module
from generator.authoring.osh_export import as_csv
from generator.text import csv_line, guard, hidden_character, printable, unguard

PAYLOAD = "Harmless Co\r=cmd|' /C calc'!A0"


def _cells(text: str) -> list[list[str]]:
    """CSV read the way a spreadsheet does: a bare carriage return ends a row unless quoted."""
    return list(csv.reader(io.StringIO(text, newline="")))


def test_a_carriage_return_cannot_start_a_row_that_runs_a_formula() -> None:
    rows = _cells(csv_line(["a", PAYLOAD, "b"]))
    assert len(rows) == 1 and rows[0][0] == "a" and rows[0][2] == "b"
    for line in rows[0][1].splitlines():
        assert not line.startswith(("=", "+", "-", "@")), line


@pytest.mark.parametrize("cell", ["=1+1", "x\n=1", "x\r\n@SUM(A1)", "\r=cmd", "-5", "plain", "a,b", 'say "hi"', ""])
def test_guarded_cells_read_back_as_written(cell: str) -> None:
    rows = _cells(csv_line([cell, "next"]))
    assert rows == [[guard(cell), "next"]]
    assert unguard(guard(cell)) == cell


def test_every_line_of_a_cell_is_guarded() -> None:
    assert guard("ok\n=bad\r+worse") == "ok\n'=bad\r'+worse"


def test_the_export_quotes_and_guards_a_line_break_in_any_cell() -> None:
    text = as_csv([{"id": "x", "name": PAYLOAD}])
    assert '"Harmless Co\r\'=cmd' in text
    assert len(_cells(text)) == 2


def test_terminal_text_is_one_line_without_escapes() -> None:
    shown = printable("Acme\n  - Disclosure of X withdrawn\x1b]0;pwned\x07\u202e")
    assert "\n" not in shown and "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert shown.startswith("Acme\\n") and "\\x1b" in shown


def test_terminal_text_shows_the_characters_that_take_no_room() -> None:
    """A file or company named "mini\u200bmal" must not pass for "minimal" in a log or a pull request's summary;
    the joiners Persian and Indic names need stay as they are."""
    assert printable("mini\u200bmal") == "mini\\u200bmal"
    assert printable("x\ufeffy\u2060z") == "x\\ufeffy\\u2060z"
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"   # a name with a zero-width non-joiner
    assert printable(persian) == persian


def test_hidden_character_names_the_first_one() -> None:
    assert hidden_character("fine\nline", line_breaks=True) is None
    assert hidden_character("a\u202eb")[0] == 1
    assert hidden_character("a\nb")[0] == 1


def _every_line(text: str) -> str:
    """What `guard` gives without its shortcut for the cells it leaves alone."""
    return text_module._LINE_START_FORMULA.sub(lambda m: m.group(1) + "'", text)


@given(st.text(alphabet="=+-@\t\r\n 'a,\"", max_size=12))
def test_the_shortcut_guards_as_every_line_would(text: str) -> None:
    assert guard(text) == _every_line(text)


@pytest.mark.parametrize("text", ["=1+1", "a\n=b", "a\r@b", "-3.5", "plain", "", "x\n"])
def test_the_shortcut_guards_formulas_as_every_line_would(text: str) -> None:
    assert guard(text) == _every_line(text)


@given(st.text(alphabet="=+-@\t\r\n 'a,\"|", max_size=12))
def test_guarding_guarded_text_changes_nothing(text: str) -> None:
    # The tables guard text once, in the row model; the CSV leaves guarded cells as they are.
    assert guard(guard(text)) == guard(text)


_CELL_TEXT = st.text(alphabet="=+-@\t\r\n 'a,\"|é", max_size=8)


@given(st.integers(1, 4).flatmap(lambda width: st.lists(st.lists(_CELL_TEXT, min_size=width, max_size=width),
                                                         max_size=6)))
def test_lines_made_a_column_at_a_time_are_the_lines_of_csv_line(rows: list[list[str]]) -> None:
    guarded = [[guard(c) for c in row] for row in rows]
    width = len(rows[0]) if rows else 1
    columns = [[row[n] for row in guarded] for n in range(width)]
    assert text_module.csv_lines(columns) == [csv_line(row) for row in rows]
