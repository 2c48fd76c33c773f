"""Validate files and folders: load, schema, semantic checks, then checks across files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .checks import semantic_problems
from .loader import DEFAULT_LIMITS, Limits, Loaded, load_file
from .problems import Problem
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


def _company_keys(doc: Loaded) -> Iterator[tuple[str, list[str | int]]]:
    company = doc.data["company"]
    yield f"id {company['id']}", ["company", "id"]
    for scheme in ("lei", "uscc"):
        value = company.get("identifiers", {}).get(scheme)
        if value:
            yield f"{scheme} {value}", ["company", "identifiers", scheme]


def across_files(docs: Sequence[Loaded]) -> list[Problem]:
    """The same company (id, LEI or USCC) must not be disclosed in two files."""
    first: dict[str, Loaded] = {}
    problems = []
    for doc in docs:
        for key, path in _company_keys(doc):
            other = first.setdefault(key, doc)
            if other is not doc:
                problems.append(doc.problem(path, "duplicate-company",
                                            f"the company with {key} is also disclosed in {other.path}; "
                                            "one company keeps one file"))
    return problems


def validate_paths(paths: Sequence[Path], today: dt.date | None = None,
                   limits: Limits = DEFAULT_LIMITS) -> Result:
    today = today or dt.date.today()
    files, problems = find_files(paths)
    docs = tuple(load_file(f, limits=limits) for f in files)
    valid = []
    for doc in docs:
        found = validate_document(doc, today)
        problems.extend(found)
        if doc.data is not None and not any(p.is_error for p in found):
            valid.append(doc)
    problems.extend(across_files(valid))
    return Result(docs, tuple(problems))
