"""Each company's share of the open-data tables, kept between builds under the digest of its file.

A piece is one company's rows of every table but `changes` (which comes from the history):
for each table its CSV lines and its rows as Arrow columns. The CSV, Parquet and SQLite
downloads are joined from the pieces in registry order, on every build, so a full build and
a rebuild give the same bytes; a rebuild makes only the pieces of changed files.

An entry is one file: a JSON header (the key it was made for, and the length of each part)
then the parts: CSV text and an Arrow IPC stream per table. Arrow's reader checks a stream
as data, never runs it; an entry for another key, of the wrong shape or whose columns are
not the table's is a miss, and the piece is made again.
"""

from __future__ import annotations

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
    csv: tuple[str, ...]            # per table of PIECED: the company's CSV lines, no header
    columns: tuple[pa.Table, ...]   # per table of PIECED: its rows


def _arrow(table: Table, columns: list[list[Value]]) -> pa.Table:
    schema = arrow_schema(table)
    if not columns[0]:
        return schema.empty_table()
    return pa.Table.from_arrays([pa.array(cells, schema.field(i).type) for i, cells in enumerate(columns)],
                                schema=schema)


def make_pieces(registry: Registry, companies: list[Disclosure]) -> list[Piece]:
    """The companies' pieces, in their order. Their rows become Arrow columns together and
    are cut per company after: one conversion per column, not one per company and column."""
    texts: list[list[str]] = [[] for _ in companies]
    columns: list[list[pa.Table]] = [[] for _ in companies]
    for table in PIECED:
        counts, records = [], []
        for company in companies:
            own = list(tables.records(table, registry, companies=(company,)))
            counts.append(len(own))
            records += own
        typed = tables.columns(table, records)
        together, lines = _arrow(table, typed), csv_lines_of(table, typed)
        at = 0
        for n, count in enumerate(counts):
            texts[n].append("".join(lines[at:at + count]))
            columns[n].append(together.slice(at, count))
            at += count
    return [Piece(tuple(t), tuple(c)) for t, c in zip(texts, columns, strict=True)]


def _stream(data: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, data.schema) as writer:
        writer.write_table(data)
    return sink.getvalue().to_pybytes()


def encode(key: str, piece: Piece) -> bytes:
    parts = [p for text, data in zip(piece.csv, piece.columns, strict=True)
             for p in (text.encode("utf-8"), _stream(data))]
    header = json.dumps({"key": key, "sizes": [len(p) for p in parts]}).encode() + b"\n"
    return header + b"".join(parts)


def _sizes(header: object, key: str) -> list[int] | None:
    if not isinstance(header, dict) or header.get("key") != key:
        return None
    sizes = header.get("sizes")
    if not (isinstance(sizes, list) and len(sizes) == 2 * len(PIECED)
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
    return Piece(tuple(texts), tuple(columns))


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


_BATCH = 100  # companies made at once: fewer Arrow conversions, and a bounded share held


def pieces(registry: Registry, digests: Mapping[str, str], store: PieceStore | None) -> Iterator[Piece]:
    """Each company's piece in registry order: from the store when its file is unchanged, else made (and kept)."""
    companies = registry.companies
    for start in range(0, len(companies), _BATCH):
        batch = companies[start:start + _BATCH]
        keys = [f"{c.id}\0{digests.get(c.id)}" for c in batch]
        found = [store.get(k) if store is not None and c.id in digests else None
                 for c, k in zip(batch, keys, strict=True)]
        missing = [n for n, piece in enumerate(found) if piece is None]
        for n, piece in zip(missing, make_pieces(registry, [batch[n] for n in missing]), strict=True):
            found[n] = piece
            if store is not None and batch[n].id in digests:
                store.put(keys[n], piece)
        yield from found  # type: ignore[misc]
    if store is not None:
        store.prune()
