"""The Problem record: every error or warning, located, and its output formats."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Literal

from .text import printable

Level = Literal["error", "warning"]

# After this many problems of the same kind in one file, the rest are summed up in
# one line: a supplier list with the same mistake in 200 rows should read as one fix.
SHOWN_PER_KIND = 3


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    level: Level
    code: str
    message: str
    pointer: str = ""
    # Problems with the same `kind` in one file are one mistake repeated.
    kind: str = ""

    @property
    def is_error(self) -> bool:
        return self.level == "error"

    def text(self) -> str:
        where = f"{printable(self.file)}:{self.line}:{self.column}"
        return f"{where}: {self.level}: {printable(self.message)} [{self.code}]"


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.is_error for p in problems)


def collapse(problems: Sequence[Problem]) -> list[Problem]:
    """Keep the first few of each kind per file; one more line counts the rest."""
    groups: dict[tuple[str, str], list[Problem]] = defaultdict(list)
    for p in problems:
        groups[(p.file, p.kind or p.message)].append(p)
    kept: list[Problem] = []
    for same in groups.values():
        kept.extend(same[:SHOWN_PER_KIND])
        rest = same[SHOWN_PER_KIND:]
        if rest:
            first = rest[0]
            kept.append(
                Problem(first.file, first.line, first.column, first.level, first.code,
                        f"the same problem as on {_lines(same[:SHOWN_PER_KIND])} occurs {len(rest)} more "
                        f"times ({_lines(rest[:10])}{', …' if len(rest) > 10 else ''})", first.pointer, first.kind)
            )
    return sorted(kept, key=lambda p: (p.file, p.line, p.column, p.code))


def _lines(problems: Sequence[Problem]) -> str:
    """Their lines, each once: two problems of a kind on one row ("line 2, 2, 3") read as a slip."""
    lines = list(dict.fromkeys(str(p.line) for p in problems))
    return f"line {lines[0]}" if len(lines) == 1 else f"lines {', '.join(lines)}"


def summary(problems: Sequence[Problem], files: int) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    noun = "file" if files == 1 else "files"
    if not problems:
        return f"{files} {noun} checked: no problems"
    return f"{files} {noun} checked: {errors} error(s), {warnings} warning(s)"


def as_text(problems: Sequence[Problem]) -> str:
    return "\n".join(p.text() for p in collapse(problems))


def as_json(problems: Sequence[Problem]) -> str:
    fields = ("file", "line", "column", "level", "code", "pointer", "message")
    rows = [{k: asdict(p)[k] for k in fields} for p in problems]
    return json.dumps(rows, ensure_ascii=False, indent=2)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(problems: Sequence[Problem]) -> str:
    """GitHub Actions workflow commands: each problem annotates its line in the PR."""
    out = []
    for p in collapse(problems):
        props = (f"file={_escape_property(printable(p.file))},line={p.line},col={p.column},"
                 f"title={_escape_property(p.code)}")
        out.append(f"::{p.level} {props}::{_escape_data(printable(p.message))}")
    return "\n".join(out)


FORMATS = {"text": as_text, "json": as_json, "github": as_github}
