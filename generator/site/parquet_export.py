"""/data/parquet/<table>.parquet: the open-data tables for DuckDB, pandas and Spark.

Typed columns (lists of text stay lists), zstd-compressed, written in row groups so that
memory stays bounded by a group, not by the table. pyarrow writes no timestamp: the same
rows give the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from functools import cache

import pyarrow as pa
import pyarrow.parquet as pq

from .tables import Table, Value

_TYPES = {"string": pa.string(), "integer": pa.int64(), "boolean": pa.bool_(), "list": pa.list_(pa.string()),
          "number": pa.float64()}
_GROUP = 50_000  # rows per row group


@cache
def arrow_schema(table: Table) -> pa.Schema:
    """One schema per table: it is asked for once per company and table when pieces are read back."""
    return pa.schema([pa.field(c.name, _TYPES[c.type], nullable=not c.required) for c in table.columns])


def _groups(rows: Iterable[tuple[Value, ...]], size: int) -> Iterator[list[tuple[Value, ...]]]:
    group: list[tuple[Value, ...]] = []
    for row in rows:
        group.append(row)
        if len(group) == size:
            yield group
            group = []
    if group:
        yield group


def parquet_bytes(table: Table, rows: Iterable[tuple[Value, ...]]) -> bytes:
    out = io.BytesIO()
    write_parquet(table, rows, out)
    return out.getvalue()


def write_parquet(table: Table, rows: Iterable[tuple[Value, ...]], out: str | io.BytesIO,
                  group: int = _GROUP) -> None:
    """The table as Parquet, into a file (its path) or a buffer, `group` rows to a row group."""
    schema = arrow_schema(table)
    with pq.ParquetWriter(out, schema, compression="zstd", store_schema=False) as writer:
        wrote = False
        for rows_of in _groups(rows, group):
            writer.write_table(pa.Table.from_arrays([pa.array(list(col), schema.field(i).type)
                                                     for i, col in enumerate(zip(*rows_of, strict=True))],
                                                    schema=schema))
            wrote = True
        if not wrote:
            writer.write_table(schema.empty_table())


def parquet_path(table: Table) -> str:
    return f"data/parquet/{table.name}.parquet"


class GroupWriter:
    """Arrow tables appended in order, written in row groups of `_GROUP` rows: the groups
    `write_parquet` makes of the same rows, while only one group's rows are held."""

    def __init__(self, table: Table, out: str | io.BytesIO, group: int = _GROUP) -> None:
        self.schema = arrow_schema(table)
        self.group = group
        self.writer = pq.ParquetWriter(out, self.schema, compression="zstd", store_schema=False)
        self.pending: list[pa.Table] = []
        self.count = 0
        self.wrote = False

    def add(self, data: pa.Table) -> None:
        if not data.num_rows:
            return
        self.pending.append(data)
        self.count += data.num_rows
        while self.count >= self.group:
            whole = pa.concat_tables(self.pending)
            self._write(whole.slice(0, self.group))
            rest = whole.slice(self.group)
            self.pending, self.count = ([rest] if rest.num_rows else []), rest.num_rows

    def _write(self, data: pa.Table) -> None:
        self.writer.write_table(data.combine_chunks())
        self.wrote = True

    def close(self) -> None:
        if self.pending:
            self._write(pa.concat_tables(self.pending))
        elif not self.wrote:
            self.writer.write_table(self.schema.empty_table())
        self.writer.close()
