"""A version's verdict: its data, or the first error that makes it unreadable."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..check import checks
from ..check.schema import schema_problems
from ..check.validation import check_bytes
from ..load.loader import DEFAULT_LIMITS, Loaded
from ..model import ENTITY_LISTS
from ..problems import Problem
from .gitlog import Blob
from .pieces import Pieces
from .seeded import lend

MAX_BYTES = DEFAULT_LIMITS.max_bytes


def parse_version(raw: bytes, path: str, today: dt.date,
                  pieces: Pieces | None = None) -> tuple[Mapping[str, Any] | None, str]:
    """The version's data, or None and the first error that makes it unreadable. With
    `pieces`, the text is parsed a piece at a time, each piece once (see `pieces`); a version
    with an error is read again whole by `check_bytes`, which finds where."""
    data = pieces.load(raw) if pieces is not None else None
    if pieces is not None and data is not None:
        doc = Loaded(path, data, None)
        if not schema_problems(doc) and not _semantic_errors(doc, today, pieces):
            return data, ""
    doc, problems = check_bytes(raw, path, today, errors_only=True)
    errors = [p for p in problems if p.is_error]
    if errors or doc.data is None:
        return None, errors[0].text() if errors else f"{path}: cannot be read"
    return doc.data, ""


def _semantic_errors(doc: Loaded, today: dt.date, pieces: Pieces) -> bool:
    """Whether the semantic checks find an error, checking only the parts that no version read
    before held: each item of a top-level list, and each other top-level value (company,
    disclosure), is a part whose errors depend on it, where it is and schema_version alone
    (see `check.checks.ITEM_CHECKS`)."""
    data = doc.data
    version = data.get("schema_version")
    parts = _parts(data)
    clean = pieces.clean   # read here, not through is_clean: a version has dozens of parts, history thousands
    new = [(where, part) for where, part in parts if clean.get((id(part), where, version)) is not part]
    if 2 * len(new) > len(parts):   # mostly new: the whole at once
        if _errors(doc, today, checks.CHECKS):
            return True
        pieces.found_clean(version, parts)
        return False
    if document_errors(data, doc.path):
        return True
    if not new:
        return False
    # The new parts together, in one document: each one's item errors are its own wherever it is.
    together: dict[str, Any] = {"schema_version": version} if "schema_version" in data else {}
    for (name, listed), part in new:
        if listed:
            together.setdefault(name, []).append(part)
        else:
            together[name] = part
    if _errors(Loaded(doc.path, together, None), today, checks.ITEM_CHECKS):
        return True
    pieces.found_clean(version, new)
    return False


def document_errors(data: Mapping[str, Any], path: str) -> bool:
    """Whether `checks.DOCUMENT_CHECKS` find an error in the document: the same answer, without
    the paths and messages (a version with an error is read again whole, which finds them).
    History asks this of every version; the checks' own walk costs several times more."""
    company = data.get("company")
    company_id = company.get("id") if isinstance(company, dict) else None
    if isinstance(company_id, str) and company_id != _stem(path):
        return True
    known: list[set[str] | None] = []
    for names in _ID_GROUPS:
        ids = [item.get("id") for name in names if isinstance(items := data.get(name), list)
               for item in items if isinstance(item, dict)]
        texts = [i for i in ids if isinstance(i, str)]
        unique = set(texts)
        if len(unique) != len(texts):
            return True   # an id given twice
        known.append(unique if len(texts) == len(ids) else None)
    entities, risks = known[0], known[2]
    steps = data.get("due_diligence")
    for step in steps if isinstance(steps, list) else ():
        if isinstance(step, dict) and (_unknown(step, "scope", entities) or _unknown(step, "risks", risks)):
            return True
    found = data.get("risks")
    if any(isinstance(risk, dict) and _unknown(risk, "entities", entities)
           for risk in (found if isinstance(found, list) else ())):
        return True
    found = data.get("screening")
    return entities is not None and isinstance(found, list) and any(
        isinstance(r, dict) and isinstance(r.get("entity"), str) and r["entity"] not in entities for r in found)


# Lists whose records' ids must be unique among them (the entities of all three lists together).
_ID_GROUPS = (ENTITY_LISTS, ("due_diligence",), ("risks",), ("operations",))


def _unknown(item: dict[str, Any], key: str, known: set[str] | None) -> bool:
    values = item.get(key)
    return known is not None and isinstance(values, list) and any(
        isinstance(v, str) and v not in known for v in values)


@lru_cache(maxsize=4096)
def _stem(path: str) -> str:
    return Path(path).stem


def _parts(data: Mapping[str, Any]) -> list[tuple[tuple[str, bool], Any]]:
    parts = [((name, True), item) for name, value in data.items() if type(value) is list for item in value]
    return parts + [((name, False), value) for name, value in data.items() if type(value) is not list]


def lend_current(pieces: Pieces, raw: bytes, data: Mapping[str, Any]) -> None:
    """The working tree's version of a file, read and found free of errors by the registry: its
    pieces and parts are remembered, so that its other versions parse and check only what differs."""
    if lend(pieces, raw, data):
        pieces.found_clean(data.get("schema_version"), _parts(data))


def _errors(doc: Loaded, today: dt.date, which: tuple[checks.Check, ...]) -> bool:
    return any(p.is_error for p in checks.semantic_problems(doc, today, which))


def too_large(path: str, size: int) -> str:
    return Problem(path, 1, 1, "error", "file-too-large", f"unreadable: too large ({size:,} bytes; the limit "
                   f"is {MAX_BYTES:,}); this version was not read").text()


_NOT_A_FILE = {"symlink": "was a symbolic link in this commit, not a file; a disclosure is read only as a file",
               "submodule": "was a submodule (a link to another repository's commit) in this commit, not a file"}


def not_a_file(kind: str, path: str) -> Problem:
    """Why a tree entry that is not a file (see `gitlog.NOT_FILES`) is no readable version."""
    return Problem(path, 1, 1, "error", "not-a-file", _NOT_A_FILE[kind])


def judge(blob: Blob, path: str, today: dt.date, pieces: Pieces | None = None) -> tuple[Mapping[str, Any] | None, str]:
    """A version's data and problem; one over the size limit is judged by its size alone."""
    if blob.content is None:
        return None, too_large(path, blob.size)
    return parse_version(blob.content, path, today, pieces)
