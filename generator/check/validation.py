"""Validate files and folders: load, schema, semantic checks, then checks across files."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from ..load.fast import load_fast
from ..load.files import entries, link_problem
from ..load.loader import DEFAULT_LIMITS, Limits, Loaded, collector_paused, load_bytes, load_file, read_file
from ..problems import MAX_PER_FILE, Bounded, Problem, is_full
from .cache import CheckCache
from .checks import semantic_problems
from .json_text import kept
from .parallel import each_checked
from .pruned import without
from .schema import schema_check, schema_problems
from .spool import Spool


@dataclass(frozen=True)
class Result:
    documents: tuple[Loaded, ...]
    problems: tuple[Problem, ...]
    # What `validate_paths(make=...)` made of each document's data (None where the file had errors).
    made: tuple[Any, ...] = field(default=(), compare=False, repr=False)

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)

    def valid_documents(self) -> list[Loaded]:
        return [d for d, _ in self._valid()]

    def valid_made(self) -> list[Any]:
        """What `make` made of each valid document, in the order of `valid_documents()`."""
        return [m for _, m in self._valid()]

    def _valid(self) -> list[tuple[Loaded, Any]]:
        bad = {p.file for p in self.problems if p.is_error}
        made = self.made or (None,) * len(self.documents)
        return [(d, m) for d, m in zip(self.documents, made, strict=True) if d.data is not None and d.path not in bad]


def find_files(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """Files named directly, and the disclosures directly inside folders, in a stable order.

    A link (to a file or a folder), a FIFO, a device or a folder named like a disclosure is
    an error, never opened or followed; a name that is almost a disclosure's is a warning.
    """
    files: list[tuple[Path, Path]] = []   # each file, and its resolved path
    problems = []
    for path in paths:
        if linked := link_problem(path):
            problems.append(linked)
        elif path.is_dir():
            # A folder's disclosures are regular files, never links: each resolves into the folder
            # resolved once (resolving 10,000 files one by one cost a second).
            resolved = path.resolve()
            for entry in entries(path):
                if not entry.level:
                    files.append((entry.path, resolved / entry.path.name))
                else:
                    code = "not-a-file" if entry.level == "error" else "not-read"
                    problems.append(Problem(str(entry.path), 1, 1, entry.level, code, entry.message))  # type: ignore[arg-type]
        elif path.exists():   # named directly: the loader refuses anything but a regular file
            files.append((path, path.resolve()))
        else:
            problems.append(Problem(str(path), 1, 1, "error", "not-found", "no such file or folder"))
    # A file named twice (`validate disclosures disclosures/a.yaml`) is one file, not a
    # company disclosed twice.
    seen: set[Path] = set()
    unique = [f for f, resolved in files if not (resolved in seen or seen.add(resolved))]
    return unique, problems


def validate_document(doc: Loaded, today: dt.date) -> list[Problem]:
    """Every problem at once: the schema's, and the semantic checks' on every value it did not reject;
    at most `MAX_PER_FILE` of them, and one that counts the rest."""
    if doc.data is None or is_full(doc.problems):   # the loader's alone filled the list
        return list(doc.problems)
    found, rejected = schema_check(doc, MAX_PER_FILE - len(doc.problems))
    if rejected is None:   # too many problems to tell what is sound
        return [*doc.problems, *found]
    checked = replace(doc, data=without(doc.data, rejected)) if rejected else doc
    listed = Bounded()
    listed.extend((*doc.problems, *found))
    return semantic_problems(checked, today, found=listed)


def check_file(file: Path, today: dt.date, limits: Limits = DEFAULT_LIMITS) -> tuple[Loaded, list[Problem]]:
    """A file's data and problems (see `check_bytes`)."""
    raw, problem = read_file(file, str(file), limits)
    if raw is None:
        return Loaded(str(file), None, None, (problem,) if problem else ()), [problem] if problem else []
    return check_bytes(raw, str(file), today, limits)


def check_bytes(raw: bytes, shown: str, today: dt.date, limits: Limits = DEFAULT_LIMITS,
                errors_only: bool = False) -> tuple[Loaded, list[Problem]]:
    """A file's data and problems. A file without problems is read on the fast path, with no
    source map; any other is read again by the located loader, so every problem has its place.
    With `errors_only` (history, which keeps a version or not), warnings are not wanted: a file
    with warnings alone stays on the fast path, and they are left out."""
    data = load_fast(raw, limits)
    if data is not None:
        doc = Loaded(shown, data, None)
        found = schema_problems(doc) or semantic_problems(doc, today)
        if not found or (errors_only and not any(p.is_error for p in found)):
            return doc, []
    doc = load_bytes(raw, shown, limits)
    found = validate_document(doc, today)
    return doc, [p for p in found if p.is_error] if errors_only else found


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


Checked = tuple[Loaded, list[Problem], list[Claim]]
# A file's outcome and what the build makes of its data (None when the file has errors).
Made = tuple[Loaded, list[Problem], list[Claim], Any]


def _outcome(doc: Loaded, found: list[Problem]) -> Checked:
    """A file's data, problems and claims, its source map let go."""
    mine = claims(doc) if doc.data is not None and not any(p.is_error for p in found) else []
    # Every problem and claim is located now: the node tree behind the source map can go.
    return Loaded(doc.path, doc.data, None, doc.problems, doc.digest), found, mine


def _check_one(file: Path, today: dt.date, limits: Limits, cache: CheckCache | None) -> Checked:
    """`check_file`, kept in the cache; a file whose bytes the cache knows is not checked again."""
    raw, problem = read_file(file, str(file), limits)
    if raw is None:
        return _outcome(Loaded(str(file), None, None, (problem,) if problem else ()), [problem] if problem else [])
    digest = hashlib.sha256(raw).hexdigest()
    hit = cache.get(digest, str(file)) if cache is not None else None
    if hit is not None:
        return _outcome(*hit)
    with kept():   # the data's JSON, written for the hidden-character check, is the cache's too
        doc, found = check_bytes(raw, str(file), today, limits)
        doc = replace(doc, digest=digest)
        if cache is not None:
            # Data read without a source map was read on the fast path, which gives only text
            # keys and finite numbers (load.fast._shared): what JSON gives back the same.
            cache.put(digest, doc, found, plain=doc.source is None)
    return _outcome(doc, found)


def _not_checked(file: Path) -> Checked:
    """The outcome of a file whose check ended the process checking it, twice."""
    problem = Problem(str(file), 1, 1, "error", "not-checked",
                      "checking this file stopped the process checking it, twice, so it was not checked; "
                      "if it holds what you meant, report it as a bug in disclose")
    return _outcome(Loaded(str(file), None, None, (problem,)), [problem])


def _sound(doc: Loaded, found: list[Problem]) -> bool:
    return doc.data is not None and not any(p.is_error for p in found)


def _ready(prepare: Callable[[dict[str, Any]], Any], check: Callable[[Path], Checked], file: Path) -> Made:
    """A file's outcome, with what `prepare` gives of its data when it has no errors: where it is checked."""
    doc, found, mine = check(file)
    return doc, found, mine, prepare(doc.data) if _sound(doc, found) else None   # type: ignore[arg-type]


def _made(make: Callable[..., Any] | None, checked: Checked | Made) -> Made:
    doc, found, mine, *ready = checked   # with what `_ready` prepared, or without
    return doc, found, mine, make(doc.data, *ready) if make is not None and _sound(doc, found) else None


def validate_paths(paths: Sequence[Path], today: dt.date | None = None,
                   limits: Limits = DEFAULT_LIMITS, cache_dir: Path | None = None,
                   workers: int | None = None, make: Callable[..., Any] | None = None,
                   prepare: Callable[[dict[str, Any]], Any] | None = None, spool: Spool | None = None) -> Result:
    """With `cache_dir`, files checked before with the same bytes (same code, same day) are
    taken from it, and it keeps only this run's files afterwards. Files are checked on
    `workers` cores (every core when None); the result is the same on one. With `make`, what
    it makes of each file's data without errors is in `Result.made`, made as the workers'
    results arrive, while they go on with the rest. With `prepare` too, what it gives of such
    a file's data (plain data) is given where the file is checked, on the workers' cores, and
    `make(data, prepared)` makes the rest here. With `spool`, each file's problems go there as they
    arrive, and its document is kept without its data: `Result.problems` is empty, and what is held
    does not grow with the problems."""
    today = today or dt.date.today()
    files, problems = find_files(paths)
    cache = CheckCache.open(cache_dir, today, limits) if cache_dir is not None else None
    docs, all_claims, made = [], [], []
    then = partial(_made, make) if spool is None else partial(_spooled, spool, partial(_made, make))
    # One pause of the garbage collector for the whole batch: re-enabling it after each file
    # made it walk every object kept so far, which tripled the time of 1,000 files.
    with collector_paused():
        # Every file on every core, known to the cache or not: a worker reads and decodes a
        # known one and sends it back for half of what decoding it costs here (a rebuild's 10,000).
        check: Callable[[Path], Checked | Made] = partial(_check_one, today=today, limits=limits, cache=cache)
        if prepare is not None:
            check = partial(_ready, prepare, check)
        checked = each_checked(files, check, cache, workers, then=then, failed=_not_checked)  # type: ignore[arg-type]
        for doc, found, mine, one in checked:  # type: ignore[misc]
            problems.extend(found)
            all_claims.extend(mine)
            docs.append(doc)
            made.append(one)
    if cache is not None:
        cache.prune()
    problems.extend(across_files(all_claims, limits))
    if spool is not None:
        spool.extend(problems)
        problems = []
    return Result(tuple(docs), tuple(problems), tuple(made) if make is not None else ())


def _spooled(spool: Spool, then: Callable[[Checked], Made], checked: Checked) -> Made:
    doc, found, mine, one = then(checked)
    spool.extend(found)
    return Loaded(doc.path, None, None, (), doc.digest), [], mine, one
