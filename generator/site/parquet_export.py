"""/data/parquet/<table>.parquet: the open-data tables for DuckDB, pandas and Spark.

Typed columns (lists of text stay lists), zstd-compressed, written in row groups so that
memory stays bounded by a group, not by the table. pyarrow writes no timestamp: the same
rows give the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from .tables import Table, Value

_TYPES = {"string": pa.string(), "integer": pa.int64(), "boolean": pa.bool_(), "list": pa.list_(pa.string()),
          "number": pa.float64()}
_GROUP = 50_000  # rows per row group


def arrow_schema(table: Table) -> pa.Schema:
    return pa.schema([pa.field(c.name, _TYPES[c.type], nullable=not c.required) for c in table.columns])


def _groups(rows: Iterable[tuple[Value, ...]]) -> Iterator[list[tuple[Value, ...]]]:
    group: list[tuple[Value, ...]] = []
    for row in rows:
        group.append(row)
        if len(group) == _GROUP:
            yield group
            group = []
    if group:
        yield group


def parquet_bytes(table: Table, rows: Iterable[tuple[Value, ...]]) -> bytes:
    out = io.BytesIO()
    write_parquet(table, rows, out)
    return out.getvalue()


def write_parquet(table: Table, rows: Iterable[tuple[Value, ...]], out: str | io.BytesIO) -> None:
    """The table as Parquet, into a file (its path) or a buffer."""
    schema = arrow_schema(table)
    with pq.ParquetWriter(out, schema, compression="zstd", store_schema=False) as writer:
        wrote = False
        for group in _groups(rows):
            writer.write_table(pa.Table.from_arrays([pa.array(list(col), schema.field(i).type)
                                                     for i, col in enumerate(zip(*group, strict=True))],
                                                    schema=schema))
            wrote = True
        if not wrote:
            writer.write_table(schema.empty_table())


def parquet_path(table: Table) -> str:
    return f"data/parquet/{table.name}.parquet"
