"""Text made safe for where it goes: a terminal line, a spreadsheet cell, a disclosure value.

Every string here may come from a stranger. A terminal must not receive an escape that
repaints it or a line break that forges a line; a spreadsheet must not receive a cell it
runs as a formula; a reader must not see text that displays in another order than it is
stored. One module holds these rules so that every stage applies the same ones.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

# Bidirectional overrides and isolates make text display in another order than it is
# stored ("Trojan Source"): a name could read as another company's.
BIDI = "\u202a-\u202e\u2066-\u2069"
# Characters that take no room: "mini\u200bmal" reads as "minimal". Joiners (U+200C, U+200D) are left
# alone: Persian, Indic scripts and emoji need them.
INVISIBLE = "\u200b\u200e\u200f\u2060\ufeff\u180e"
# C0 and C1 controls, DEL, the Unicode line separators, the bidirectional controls and the invisible
# characters: a line break or a terminal escape in a name must not forge a line or repaint a CI log,
# and one name must not pass for another.
_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{BIDI}{INVISIBLE}]")


def printable(text: str) -> str:
    """The text on one line, its control characters written as escapes (\\n, \\x1b)."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


# GitHub Actions reads a log line that begins with '::' (after blanks) as a command: '::stop-commands::x' in a
# name printed on a line of its own silenced every annotation after it, '::add-mask::' hid text, '::error' forged one.
_COMMAND = re.compile(r"^(\s*):(?=:)")


def log_line(text: str) -> str:
    """`printable`, and a line that GitHub Actions would read as a workflow command shown with its first
    colon escaped ('\\::stop-commands::x'), so that the log shows it and runs nothing."""
    return _COMMAND.sub(lambda m: m.group(1) + "\\:", printable(text))


# JSON escapes the C0 controls in a string, and leaves DEL, the C1 controls (\x9b starts a terminal's
# escape as \x1b[ does), the line separators, the bidirectional and the invisible characters as they are.
_JSON_LEFT = re.compile(f"[\x7f-\x9f\u2028\u2029{BIDI}{INVISIBLE}]")


def printable_json(value: Any) -> str:
    """`value` as indented JSON that a terminal shows as it is stored: the characters JSON leaves as
    they are written as \\u escapes, which a program reads back as the same text."""
    text = json.dumps(value, ensure_ascii=False, indent=2, default=str)
    return _JSON_LEFT.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# --- What a disclosure value may hold ---------------------------------------------------

# Every character refused in a value; a line break (\n only) is allowed in long texts.
_HIDDEN = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{BIDI}]")
_HIDDEN_OR_BREAK = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI}]")
# Fields whose text is prose, where paragraphs are welcome.
LONG_TEXT_FIELDS = frozenset({"summary", "notes", "findings", "description", "response", "reason", "end_use"})

_NAMES = {"\x00": "a NUL character", "\t": "a tab", "\n": "a line break", "\r": "a carriage return",
          "\x1b": "an escape character (ESC)", "\x7f": "a delete character (DEL)"}


def hidden_character(text: str, line_breaks: bool = False) -> tuple[int, str] | None:
    """The first character a value must not hold, as (position, plain-words name); None when clean."""
    found = (_HIDDEN if line_breaks else _HIDDEN_OR_BREAK).search(text)
    if found is None:
        return None
    char = found.group()
    code = f"U+{ord(char):04X}"
    if char in _NAMES:
        name = f"{_NAMES[char]} ({code})"
    elif "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        name = f"a right-to-left or left-to-right control ({code}), which makes text display in another order"
    else:
        name = f"an invisible control character ({code})"
    return found.start(), name


# --- Spreadsheet cells ------------------------------------------------------------------

# A leading apostrophe keeps a spreadsheet from reading a cell as a formula; exports add
# it before these characters, at the start of every line of a cell, and reading removes it.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_LINE_START_FORMULA = re.compile("(^|[\r\n])(?=[=+\\-@\t\r])")
_FORMULA_FIRST = frozenset(FORMULA_START)
_LINE_START_GUARDED = re.compile("(^|[\r\n])'(?=[=+\\-@\t\r])")


def guard(text: str) -> str:
    """The cell with an apostrophe before every line that a spreadsheet would run as a formula.

    A spreadsheet given a bare carriage return may start a new row there, so every line
    start counts, not only the first.
    """
    if text[:1] not in _FORMULA_FIRST and "\n" not in text and "\r" not in text:
        return text   # most cells: one line that starts with no formula character, no pattern to run
    return _LINE_START_FORMULA.sub(lambda m: m.group(1) + "'", text)


def unguard(text: str) -> str:
    """A cell as it was before `guard`."""
    return _LINE_START_GUARDED.sub(lambda m: m.group(1), text)


def _quoted(cell: str) -> str:
    """A guarded cell, quoted when it holds a quote, a comma or a line break of either kind."""
    if '"' in cell or "," in cell or "\n" in cell or "\r" in cell:
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _csv_cell(text: str) -> str:
    return _quoted(guard(text))


def csv_line(cells: Iterable[str]) -> str:
    """One CSV line of guarded cells; a cell with a line break of either kind is always quoted.

    The standard library's writer leaves a bare carriage return unquoted when lines end
    in \\n, and a spreadsheet then starts a new row inside the cell.
    """
    return ",".join([_csv_cell(c) for c in cells]) + "\n"


def _quoted_column(cells: Sequence[str]) -> Sequence[str]:
    joined = "".join(cells)
    if '"' not in joined and "," not in joined and "\n" not in joined and "\r" not in joined:
        return cells   # most columns: not one cell to quote, found without looking at each
    return ['"' + c.replace('"', '""') + '"' if '"' in c or "," in c or "\n" in c or "\r" in c else c
            for c in cells]


def csv_lines(columns: Sequence[Sequence[str]]) -> list[str]:
    """The CSV lines of cells given a column at a time, every cell already guarded: the lines
    `csv_line` writes, since `guard` changes no guarded text. Cells are quoted as `_quoted` does,
    a column at a time."""
    return [",".join(cells) + "\n" for cells in zip(*map(_quoted_column, columns), strict=True)]
