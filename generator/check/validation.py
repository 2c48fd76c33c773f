"""Validate files and folders: load, schema, semantic checks, then checks across files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..load.fast import load_fast
from ..load.loader import DEFAULT_LIMITS, Limits, Loaded, collector_paused, load_bytes, load_file, read_file
from ..problems import Problem
from .checks import semantic_problems
from .schema import schema_problems

SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Result:
    documents: tuple[Loaded, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)

    def valid_documents(self) -> list[Loaded]:
        bad = {p.file for p in self.problems if p.is_error}
        return [d for d in self.documents if d.data is not None and d.path not in bad]


def find_files(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """Files named directly, and the YAML files inside folders, in a stable order."""
    files, problems = [], []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix in SUFFIXES and p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(str(path), 1, 1, "error", "not-found", "no such file or folder"))
    # A file named twice (`validate disclosures disclosures/a.yaml`) is one file, not a
    # company disclosed twice.
    seen: set[Path] = set()
    unique = [f for f in files if not (f.resolve() in seen or seen.add(f.resolve()))]
    return unique, problems


def validate_document(doc: Loaded, today: dt.date) -> list[Problem]:
    if doc.data is None:
        return list(doc.problems)
    found = list(doc.problems) + schema_problems(doc)
    if not found:
        found = semantic_problems(doc, today)
    return found


def check_file(file: Path, today: dt.date, limits: Limits = DEFAULT_LIMITS) -> tuple[Loaded, list[Problem]]:
    """A file's data and problems (see `check_bytes`)."""
    raw, problem = read_file(file, str(file), limits)
    if raw is None:
        return Loaded(str(file), None, None, (problem,) if problem else ()), [problem] if problem else []
    return check_bytes(raw, str(file), today, limits)


def check_bytes(raw: bytes, shown: str, today: dt.date,
                limits: Limits = DEFAULT_LIMITS) -> tuple[Loaded, list[Problem]]:
    """A file's data and problems. A file without problems is read on the fast path, with no
    source map; any other is read again by the located loader, so every problem has its place."""
    data = load_fast(raw, limits)
    if data is not None:
        doc = Loaded(shown, data, None)
        if not schema_problems(doc) and not semantic_problems(doc, today):
            return doc, []
    doc = load_bytes(raw, shown, limits)
    return doc, validate_document(doc, today)


@dataclass(frozen=True)
class Claim:
    """That a file discloses the company with this id, LEI or USCC, and where it says so
    (line 0: the file was read without a source map, and is located again only if needed)."""

    key: str
    file: str
    line: int
    column: int
    pointer: str
    parts: tuple[str, ...] = ()


def claims(doc: Loaded) -> list[Claim]:
    company = doc.data["company"]
    found = [(f"id {company['id']}", ("company", "id"))]
    for scheme in ("lei", "uscc"):
        value = company.get("identifiers", {}).get(scheme)
        if value:
            found.append((f"{scheme} {value}", ("company", "identifiers", scheme)))
    located = [doc.problem(parts, "", "") for _, parts in found]
    line = (lambda p: p.line) if doc.source else (lambda p: 0)
    return [Claim(key, doc.path, line(p), p.column, p.pointer, parts)
            for (key, parts), p in zip(found, located, strict=True)]


def _located(claim: Claim, limits: Limits) -> Claim:
    if claim.line:
        return claim
    p = load_file(Path(claim.file), limits=limits).problem(claim.parts, "", "")
    return Claim(claim.key, claim.file, p.line, p.column, p.pointer, claim.parts)


def across_files(all_claims: Sequence[Claim], limits: Limits = DEFAULT_LIMITS) -> list[Problem]:
    """The same company (id, LEI or USCC) must not be disclosed in two files."""
    first: dict[str, Claim] = {}
    problems = []
    for claim in all_claims:
        other = first.setdefault(claim.key, claim)
        if other is not claim:
            claim = _located(claim, limits)
            problems.append(Problem(claim.file, claim.line, claim.column, "error", "duplicate-company",
                                    f"the company with {claim.key} is also disclosed in {other.file}; "
                                    "one company keeps one file", claim.pointer))
    return problems


def validate_paths(paths: Sequence[Path], today: dt.date | None = None,
                   limits: Limits = DEFAULT_LIMITS) -> Result:
    today = today or dt.date.today()
    files, problems = find_files(paths)
    docs, all_claims = [], []
    # One pause of the garbage collector for the whole batch: re-enabling it after each file
    # made it walk every object kept so far, which tripled the time of 1,000 files.
    with collector_paused():
        for file in files:
            doc, found = check_file(file, today, limits)
            problems.extend(found)
            if doc.data is not None and not any(p.is_error for p in found):
                all_claims.extend(claims(doc))
            # Every problem is located now: the node tree behind the source map can go.
            docs.append(Loaded(doc.path, doc.data, None, doc.problems))
    problems.extend(across_files(all_claims, limits))
    return Result(tuple(docs), tuple(problems))
