"""The Problem record: every error or warning, located, and its output formats."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import groupby
from operator import attrgetter
from typing import Literal

from .text import log_line, printable, printable_json

Level = Literal["error", "warning"]

# After this many problems of the same kind in one file, the rest are summed up in
# one line: a supplier list with the same mistake in 200 rows should read as one fix.
SHOWN_PER_KIND = 3
# Problems listed for one file; the rest are counted in one more. A 5 MB file can hold a
# million mistakes: kept, they cost 350 MB a file and a JSON report of 230 MB.
MAX_PER_FILE = 1000
TOO_MANY = "too-many-problems"
# One mistake made in many files (a pull request of 100,000 empty files) is listed for this many, then
# counted in one line; and text or annotations list at most MAX_LISTED problems in all, so that a CI log
# stays readable and bounded whatever a pull request holds.
SHOWN_FILES = 10
MAX_LISTED = 10_000


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
        # A file named '::stop-commands::x.yaml', validated from its own folder, began a line of the CI log.
        where = f"{log_line(self.file)}:{self.line}:{self.column}"
        return f"{where}: {self.level}: {printable(self.message)} [{self.code}]"


@dataclass
class Bounded:
    """One file's problems as they are found: the first `limit` kept, the rest only counted,
    so that what a file costs does not grow with its mistakes."""

    limit: int = MAX_PER_FILE
    kept: list[Problem] = field(default_factory=list)
    more: int = 0
    first_more: Problem | None = None
    more_errors: bool = False

    @property
    def full(self) -> bool:
        return len(self.kept) >= self.limit

    def add(self, problem: Problem, always: bool = False) -> None:
        """`always`: listed even past the limit (the one problem that says why a file was not read)."""
        if always or not self.full:
            self.kept.append(problem)
            return
        self.more += 1
        self.first_more = self.first_more or problem
        self.more_errors = self.more_errors or problem.is_error

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.add(problem)

    def listed(self) -> list[Problem]:
        """The problems kept, and one that says how many more there are and where the first is."""
        first = self.first_more
        if first is None:
            return list(self.kept)
        level: Level = "error" if self.more_errors else "warning"
        return [*self.kept, Problem(first.file, first.line, first.column, level, TOO_MANY,
                                    f"{self.more:,} more problems in this file, from here on, are not listed; "
                                    "correct these and check again", first.pointer)]


def is_full(problems: Iterable[Problem]) -> bool:
    """Whether a file's problems were cut short (`Bounded.listed`): it holds more than are listed."""
    return any(p.code == TOO_MANY for p in problems)


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


@dataclass
class _Alike:
    """A problem written alike in many files: the files it is listed for, and those past them."""

    shown: list[str]
    last: str
    more: int = 0            # files past the shown ones
    later: list[str] = field(default_factory=list)   # the first three of them, named in the counting line
    at: int | None = None    # where its counting line stands among those listed; -1: past them


@dataclass
class _Rest:
    """What is not listed, past MAX_LISTED: counted, with the first of it."""

    count: int = 0
    files: int = 0
    last: str | None = None
    first: Problem | None = None
    errors: bool = False

    def add(self, p: Problem) -> None:
        self.count += 1
        self.files += p.file != self.last
        self.last, self.first, self.errors = p.file, self.first or p, self.errors or p.is_error


def shown(files: Iterable[Sequence[Problem]]) -> list[Problem]:
    """What text and annotations show of each file's problems, the files in order: each file's repeats collapsed;
    past its first SHOWN_FILES files, a problem written alike in many is one line counting the rest; and at most
    MAX_LISTED lines, with one more that says how many were left out and where. What is kept while the files
    are read is bounded by what is listed, however many problems they hold."""
    listed: list[Problem] = []
    alike: dict[tuple[str, str, str], _Alike] = {}
    rest = _Rest()
    for group in files:
        for p in collapse(group):
            key = (p.level, p.code, p.message)
            if (a := alike.get(key)) is None:
                if len(listed) >= MAX_LISTED:
                    rest.add(p)
                    continue
                a = alike[key] = _Alike([p.file], p.file)
            elif p.file != a.last:
                a.last = p.file
                if len(a.shown) < SHOWN_FILES:
                    a.shown.append(p.file)
                else:
                    a.more += 1
                    a.later.extend([p.file][:3 - len(a.later)])
            if a.more and a.at is not None:   # counted in its line already
                continue
            if len(listed) >= MAX_LISTED:
                rest.add(p)
                a.at = -1 if a.more else a.at
                continue
            if a.more:
                a.at = len(listed)
            listed.append(p)
    for a in alike.values():
        if a.at is not None and a.at >= 0:
            first = listed[a.at]
            later = ", ".join(a.later) + (", …" if a.more > 3 else "")
            listed[a.at] = replace(first, message=f"{first.message} (the same in {a.more:,} more files, from this "
                                                  f"one on: {later})")
    if rest.first is not None:
        first = rest.first
        listed.append(Problem(first.file, first.line, first.column, "error" if rest.errors else "warning", TOO_MANY,
                              f"{rest.count:,} more problems in {rest.files:,} file(s), from here on, are not listed; "
                              "correct these and check again", first.pointer))
    return listed


def by_file(problems: Iterable[Problem]) -> list[list[Problem]]:
    """The problems, in order, in a list for each file."""
    return [list(group) for _, group in groupby(sorted(problems), key=attrgetter("file"))]


def summary(problems: Sequence[Problem], files: int) -> str:
    errors = sum(p.is_error for p in problems)
    return counted(errors, len(problems) - errors, files)


def counted(errors: int, warnings: int, files: int) -> str:
    noun = "file" if files == 1 else "files"
    if not errors and not warnings:
        return f"{files} {noun} checked: no problems"
    return f"{files} {noun} checked: {errors} error(s), {warnings} warning(s)"


def as_text(problems: Sequence[Problem]) -> str:
    return "".join(text_parts(by_file(problems)))


def text_parts(files: Iterable[Sequence[Problem]]) -> Iterator[str]:
    """What text shows of each file's problems, the files in order (`shown`)."""
    yield "\n".join(p.text() for p in shown(files))


def as_json(problems: Sequence[Problem]) -> str:
    return "".join(json_parts([problems]))


def json_parts(files: Iterable[Sequence[Problem]]) -> Iterator[str]:
    """Every problem as a JSON list, in parts that are written one after the other: a file's at a time."""
    fields = ("file", "line", "column", "level", "code", "pointer", "message")
    opening = "[\n"
    for group in files:
        rows = [printable_json({k: getattr(p, k) for k in fields}).replace("\n", "\n  ") for p in group]
        if rows:
            yield opening + "  " + ",\n  ".join(rows)
            opening = ",\n"
    yield "[]" if opening == "[\n" else "\n]"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(problems: Sequence[Problem]) -> str:
    return "".join(github_parts(by_file(problems)))


def github_parts(files: Iterable[Sequence[Problem]]) -> Iterator[str]:
    """GitHub Actions workflow commands: each problem annotates its line in the PR."""
    out = []
    for p in shown(files):
        props = (f"file={_escape_property(printable(p.file))},line={p.line},col={p.column},"
                 f"title={_escape_property(p.code)}")
        out.append(f"::{p.level} {props}::{_escape_data(printable(p.message))}")
    yield "\n".join(out)


FORMATS = {"text": as_text, "json": as_json, "github": as_github}
# The same, of the problems of each file in turn (`Spool.files`), written in parts.
FILE_FORMATS = {"text": text_parts, "json": json_parts, "github": github_parts}
