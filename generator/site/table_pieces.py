"""A run of companies' share of the open-data tables, kept between builds under the digests of their files.

A piece is the rows of a run of about 32 companies (`runs`) in every table but `changes`
(which comes from the history): for each table its CSV lines and its rows as Arrow columns,
and all of them in one small SQLite database (`sqlite_export.piece_database`), which the
download's database copies in C (`Database.add_pieces`) instead of binding each row from
Python. The CSV, Parquet and SQLite downloads are joined from the pieces in registry order,
on every build, so a full build and a rebuild give the same bytes; a rebuild makes only the
pieces of runs with a changed file. A run ends after a company chosen by its id alone, so a
company added or removed changes only its own run, not every run after it.

An entry is one file: a JSON header (the key it was made for, and the length of each part)
then the parts: CSV text and an Arrow IPC stream per table, then the database. Arrow's reader
checks a stream as data, never runs it; an entry for another key, of the wrong shape or whose
columns are not the table's is a miss, and the piece is made again. The database holds plain
tables only, checked when it is attached (`Database.add_pieces`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from ..check.cache import Store, code_version
from ..model import Disclosure
from ..registry.registry import Registry
from ..text import csv_line, csv_lines, guard
from . import tables
from .parquet_export import arrow_schema
from .sqlite_export import SQLITE_MAGIC, piece_database
from .tables import Column, Table, Value

PIECED = tuple(t for t in tables.TABLES if t.name != "changes")
_LIMIT = 1 << 31   # no part of a piece is larger: a header asking for more is corrupt


def cell_text(value: Value) -> str:
    """A typed cell as a CSV cell: lists joined with |, booleans as true/false, nothing as empty."""
    if type(value) is str:
        return value
    if value is None:
        return ""
    if isinstance(value, tuple):
        return "|".join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)  # already guarded by the row model


def csv_rows(rows: Iterable[tuple[Value, ...]]) -> str:
    """`csv_line` quotes every cell with a line break, which the standard writer leaves bare."""
    return "".join([csv_line([cell_text(v) for v in row]) for row in rows])


def _texts(column: Column, cells: list[Value]) -> list[str]:
    """A column's cells as `csv_line` would guard them: text and lists are guarded already by the row
    model, numbers are not (a negative one starts with a minus)."""
    if column.type == "string":
        return [c or "" for c in cells]  # type: ignore[misc]
    if column.type == "list":
        return ["" if c is None else "|".join(c) for c in cells]  # type: ignore[arg-type]
    return ["" if c is None else guard(cell_text(c)) for c in cells]


def csv_lines_of(table: Table, columns: list[list[Value]]) -> list[str]:
    """The CSV lines of typed columns (`tables.columns`): the bytes `csv_rows` writes of their rows."""
    return csv_lines([_texts(column, cells) for column, cells in zip(table.columns, columns, strict=True)])


@dataclass(frozen=True)
class Piece:
    csv: tuple[str, ...]            # per table of PIECED: the run's CSV lines, no header
    columns: tuple[pa.Table, ...]   # per table of PIECED: its rows
    database: bytes                 # every table of PIECED, in an SQLite database (`piece_database`)


def _arrow(table: Table, columns: list[list[Value]]) -> pa.Table:
    schema = arrow_schema(table)
    if not columns[0]:
        return schema.empty_table()
    return pa.Table.from_arrays([pa.array(cells, schema.field(i).type) for i, cells in enumerate(columns)],
                                schema=schema)


def make_piece(registry: Registry, companies: list[Disclosure]) -> Piece:
    """The companies' piece: each table's rows typed once, then written in every form."""
    texts, columns, cells = [], [], []
    for table in PIECED:
        typed = tables.columns(table, list(tables.records(table, registry, companies=tuple(companies))))
        texts.append("".join(csv_lines_of(table, typed)))
        columns.append(_arrow(table, typed))
        cells.append(typed)
    return Piece(tuple(texts), tuple(columns), piece_database(list(zip(PIECED, cells, strict=True))))


def _stream(data: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, data.schema) as writer:
        writer.write_table(data)
    return sink.getvalue().to_pybytes()


def encode(key: str, piece: Piece) -> bytes:
    parts = [p for text, data in zip(piece.csv, piece.columns, strict=True)
             for p in (text.encode("utf-8"), _stream(data))] + [piece.database]
    header = json.dumps({"key": key, "sizes": [len(p) for p in parts]}).encode() + b"\n"
    return header + b"".join(parts)


def _sizes(header: object, key: str) -> list[int] | None:
    if not isinstance(header, dict) or header.get("key") != key:
        return None
    sizes = header.get("sizes")
    if not (isinstance(sizes, list) and len(sizes) == 2 * len(PIECED) + 1
            and all(type(s) is int and 0 <= s < _LIMIT for s in sizes)):
        return None
    return sizes


def _columns(table: Table, data: bytes) -> pa.Table | None:
    try:
        found = pa.ipc.open_stream(pa.py_buffer(data)).read_all()
        found.validate(full=True)
    except (pa.ArrowException, ValueError, OSError):
        return None
    return found if found.schema.equals(arrow_schema(table)) else None


def decode(key: str, blob: bytes) -> Piece | None:
    """The piece in `blob` when it was made for `key` and reads back whole; None otherwise."""
    end = blob.find(b"\n")
    try:
        sizes = _sizes(json.loads(blob[:end]), key) if end > 0 else None
    except (ValueError, RecursionError):
        return None
    if sizes is None or end + 1 + sum(sizes) != len(blob):
        return None
    at, texts, columns = end + 1, [], []
    for n, table in enumerate(PIECED):
        text, stream = blob[at:at + sizes[2 * n]], blob[at + sizes[2 * n]:at + sizes[2 * n] + sizes[2 * n + 1]]
        at += sizes[2 * n] + sizes[2 * n + 1]
        data = _columns(table, stream)
        try:
            texts.append(text.decode("utf-8"))
        except UnicodeDecodeError:
            return None
        if data is None or (texts[-1] and not texts[-1].endswith("\n")):
            return None
        columns.append(data)
    database = blob[at:]
    return Piece(tuple(texts), tuple(columns), database) if database.startswith(SQLITE_MAGIC) else None


class PieceStore(Store):
    """The pieces of one folder, each with the key it was made for inside. Packed: a cold build
    at 10,000 companies would otherwise make 10,000 files, at up to a millisecond each."""

    packed = True

    @classmethod
    def at(cls, folder: Path | None) -> PieceStore | None:
        return cls.open(folder, f"table pieces\0{code_version()}") if folder is not None else None

    def get(self, key: str) -> Piece | None:
        blob = self.read(key)
        return decode(key, blob) if blob is not None else None

    def put(self, key: str, piece: Piece) -> None:
        self.write(key, encode(key, piece))


_AVERAGE = 32   # companies in a run, on average: a changed file makes its run's piece again
_MOST = 128     # and at most: a bound on what one piece holds


def _ends_run(company_id: str) -> bool:
    return hashlib.sha256(company_id.encode("utf-8", "surrogatepass")).digest()[0] < 256 // _AVERAGE


def runs(companies: Iterable[Disclosure]) -> Iterator[list[Disclosure]]:
    """The companies in order, cut after each company whose id says so (or at `_MOST`): where
    the runs end does not depend on which companies come before, so a company added or removed
    changes its own run and keeps every other one."""
    run: list[Disclosure] = []
    for company in companies:
        run.append(company)
        if len(run) == _MOST or _ends_run(company.id):
            yield run
            run = []
    if run:
        yield run


def _key(run: list[Disclosure], digests: Mapping[str, str]) -> str | None:
    """The run's companies and the digests of their files; None when a file has none (it is not kept)."""
    if any(c.id not in digests for c in run):
        return None
    text = json.dumps([[c.id, digests[c.id]] for c in run], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def pieces(registry: Registry, digests: Mapping[str, str], store: PieceStore | None,
           read: bool = True) -> Iterator[Piece]:
    """Each run's piece in registry order: from the store when none of its files changed (and
    `read`), else made (and kept)."""
    for run in runs(registry.companies):
        key = _key(run, digests) if store is not None else None
        piece = store.get(key) if store is not None and key is not None and read else None
        if piece is None:
            piece = make_piece(registry, run)
            if store is not None and key is not None:
                store.put(key, piece)
        yield piece
    if store is not None:
        store.prune()
