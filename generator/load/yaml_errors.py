"""libyaml's errors as located problems in words for the person editing the file."""

from __future__ import annotations

import re

import yaml

from ..problems import Problem
from .nodes import deep_message

_HINTS = {
    # libyaml's wording ("... in this context"); PyYAML's own says "... here".
    "mapping values are not allowed":
        "a colon followed by a space starts a new key here; if it belongs to a text, put the whole text in quotes",
    "found a tab character":
        "a tab character cannot indent YAML; indent with spaces",
    "could not find expected ':'":
        "expected 'key: value' here; check this line's indentation and quotes",
    "found undefined alias":
        "a value starting with * refers to an anchor (&name) that is not defined above it; "
        "if it is text, put it in quotes",
    "block sequence entries are not allowed":
        "a list item ('- ') cannot start here; start it on a new line, indented under its key",
    "did not find expected '-' indicator":
        "the lines above are a list; start this line with '- ', or indent it as the key that holds the list",
    "did not find expected ',' or ']'":
        "a list opened with [ is not closed; add the closing ] (or put the text in quotes)",
    "did not find expected ',' or '}'":
        "a mapping opened with { is not closed; add the closing } (or put the text in quotes)",
    "found unknown escape character":
        "a backslash (\\) inside double quotes starts an escape; write it twice (\\\\) or use single quotes",
    "did not find expected hexdecimal number":
        "a backslash (\\) inside double quotes starts an escape; write it twice (\\\\) or use single quotes",
    "found incompatible YAML document":
        "this file declares a YAML version this tool does not read; remove the %YAML line",
    "found unexpected end of stream":
        "the file ends inside a quoted text; add the closing quote",
}


def position(text: str, offset: int) -> tuple[int, int]:
    """Line and column (from 1) of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _bad_character(path: str, text: str, error: yaml.reader.ReaderError) -> Problem:
    # libyaml counts UTF-8 bytes; editors count characters.
    offset = len(text.encode("utf-8")[: error.position].decode("utf-8", "ignore"))
    line, column = position(text, offset)
    code = error.character if isinstance(error.character, int) else ord(error.character or "\0")
    return Problem(path, line, column, "error", "bad-character",
                   f"the invisible control character U+{code:04X} is not allowed in a disclosure; delete it")


def yaml_problem(path: str, error: yaml.YAMLError, text: str = "", depth_limit: int = 0) -> Problem:
    if isinstance(error, yaml.reader.ReaderError):
        return _bad_character(path, text, error)
    problem = getattr(error, "problem", None) or str(error)
    marks = ("problem_mark", "context_mark")
    if problem.startswith("found unexpected end of stream"):
        marks = marks[::-1]  # where the unclosed quote opened, not the end of the file
    mark = getattr(error, marks[0], None) or getattr(error, marks[1], None)
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if problem.startswith("exceeded maximum nesting depth"):  # libyaml's own limit (PyYAML >= 6.0.3)
        return Problem(path, line, column, "error", "too-deep", deep_message(depth_limit or 1000))
    hint = next((h for k, h in _HINTS.items() if problem.startswith(k)), None)
    glued = (_entry_start(text, line) or _glued_colon(text, line) or _indented_more(text, line)
             if problem.startswith(_GLUED_ERRORS) else _entry_start(text, line)
             if problem.startswith("did not find expected '-' indicator") else None)
    if glued:
        (line, column), hint = glued
    elif problem.startswith("block sequence entries are not allowed") and _dash_alone(text, line):
        hint = "a '-' alone starts a list entry in YAML; if the value is not known, delete the line"
    if hint and "quotes" in hint and (curly := _curly_quote(text, line)):
        column, hint = curly
    if problem.startswith("found character that cannot start any token"):
        hint = _token_hint(text, line, column)
    elif problem.startswith("did not find expected key"):
        hint = _key_hint(text, line, column)
    message = hint or f"this is not valid YAML: {problem}"
    context = getattr(error, "context", None)
    if context and not hint:
        message += f" ({context})"
    return Problem(path, line, column, "error", "yaml-syntax", message)


# 'name:Acme' is one text to YAML, and the error shows only on the line after it.
_GLUED_ERRORS = ("mapping values are not allowed", "could not find expected ':'")
_GLUED = re.compile(r"(\s*(?:-\s+)?)([A-Za-z_][\w-]*):([^\s/:].*)")


def _glued_colon(text: str, line: int) -> tuple[tuple[int, int], str] | None:
    """Where a key above `line` has no space after its colon ('name:Acme'), and what to write."""
    lines = text.split("\n")
    for row in range(min(line, len(lines)) - 1, max(line - 3, 0), -1):   # the two lines above
        written = lines[row - 1].rstrip("\r")
        if not written.strip() or written.lstrip().startswith("#"):
            continue
        found = _GLUED.fullmatch(written)
        if found:
            fixed = f"{found[2]}: {found[3]}".strip()
            fixed = fixed if len(fixed) <= 80 else fixed[:79] + "…"   # a line of 100,000 characters is not repeated
            return (row, len(found[1]) + len(found[2]) + 1), f"put a space after the colon: '{fixed}'"
        return None
    return None


_ENTRY = re.compile(r"( *)([\u2022\u00b7\u25aa\u25e6\u25cf\u2013\u2014]|-(?=[^\s-]))\s*([\w-]+:.*)")


def _dash_alone(text: str, line: int) -> bool:
    """'name: -', a spreadsheet's mark for no value."""
    lines = text.split("\n")
    return 0 < line <= len(lines) and bool(re.fullmatch(r" *(?:- +)?[\w-]+: +-+ *(?:#.*)?\r?", lines[line - 1]))


def _entry_start(text: str, line: int) -> tuple[tuple[int, int], str] | None:
    """A list entry started with a Word bullet ('• id: x') or a dash without its space ('-id: x'), on the line
    of the error or the one above it, which YAML reads as a key of that name."""
    lines = [row.rstrip("\r") for row in text.split("\n")]
    for row in range(min(line, len(lines)), max(line - 2, 0), -1):
        if found := _ENTRY.match(lines[row - 1]):
            bullet = "" if found[2] == "-" else f", not '{found[2]}'"
            return ((row, len(found[1]) + 1),
                    f"a list entry starts with '- ' (a hyphen and a space){bullet}: write '- {found[3].strip()}'")
    return None


def _indented_more(text: str, line: int) -> tuple[tuple[int, int], str] | None:
    """A key indented past the 'key: value' line above it ('     tier: 2'), which YAML takes for more of that value."""
    lines = [row.rstrip("\r") for row in text.split("\n")]
    if not 1 < line <= len(lines) or not (found := re.fullmatch(r"( *)([\w-]+):(?: .*)?", lines[line - 1])):
        return None
    above = next((row for row in reversed(lines[: line - 1]) if row.strip() and not row.lstrip().startswith("#")), "")
    indent = len(above) - len(above.lstrip(" -"))
    if not re.fullmatch(r" *(?:- +)?[\w-]+: +[^\s#].*", above) or len(found[1]) <= indent:
        return None
    return ((line, len(found[1]) + 1), f"'{found[2]}' is indented more than the line above; start it in the same "
            "column as the keys above it (if it is more of the text above, put that whole text in quotes)")


_CURLY = "\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb"


def _curly_quote(text: str, line: int) -> tuple[int, str] | None:
    """A text put in a word processor's quotes (“Acme: the company”), which YAML reads as letters, not quotes."""
    lines = text.split("\n")
    row = lines[line - 1] if 0 < line <= len(lines) else ""
    # Only a value that opens with one: quotes inside a text ('the “Pearl” mill: yarn') or a comment are letters
    # the whole text can hold, once it is in straight quotes.
    if not (found := re.match(f" *(?:- +)?(?:[^\\s:#][^:]*?: +)?[{_CURLY}]", row)):
        return None
    at = found.end() - 1
    return at + 1, (f"{row[at]} is a typographic quote, which YAML reads as a letter, not as a quote; write the "
                    "text between straight quotes (\"…\" or '…') instead")


def _key_hint(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    before = lines[line - 1][: column - 1] if 0 < line <= len(lines) else ""
    if before.strip():
        # Text follows a closing quote or bracket on the same line: `'It's'`, `[a]]`.
        return ("unexpected text after a closing quote or bracket; inside single quotes write a quote twice "
                "('It''s'), inside double quotes write \\\" (\"say \\\"hi\\\"\")")
    return "this line is not lined up with the keys above it; indent keys of the same mapping equally"


def _token_hint(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    row = lines[line - 1] if 0 < line <= len(lines) else ""
    char = row[column - 1] if 0 < column <= len(row) else ""
    if char == "\t":
        return "a tab character cannot indent YAML; indent with spaces"
    return f"a value cannot start with {char!r}; put the whole text in quotes"
