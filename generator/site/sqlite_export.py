"""/data/disclosures.sqlite: the open-data tables in one database that sqlite3 and Datasette open as it is.

Keys and foreign keys as the tables declare them, an index on each column people filter
on, and full-text search on names. Names are indexed with FTS5's trigram tokenizer:
it needs no word splitting, so Chinese names are found by any run of three or more
characters (`MATCH '视界分'`), Latin names case-insensitively by any part of a word. A
query of one or two characters (`视界`) matches nothing in a trigram index; it is a
`LIKE '%视界%'` on the table itself (`partners`, not `partners_fts`: SQLite 3.40 answers a
two-character CJK LIKE on a trigram table with no rows), which SQLite answers by a scan.

The database is built in memory with rows in table order and no timestamps, so the same
input gives the same bytes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from pathlib import Path

from ..history.timeline import History
from ..registry.registry import Registry
from . import tables
from .tables import Table, Value

_TYPES = {"string": "TEXT", "integer": "INTEGER", "boolean": "INTEGER", "list": "TEXT", "number": "REAL"}


def q(name: str) -> str:
    """A quoted identifier: some columns carry a dot (conducted_by.name)."""
    return '"' + name.replace('"', '""') + '"'


def create_sql(table: Table) -> str:
    columns = [f"{q(c.name)} {_TYPES[c.type]}{' NOT NULL' if c.required else ''}" for c in table.columns]
    columns.append(f"PRIMARY KEY ({', '.join(map(q, table.primary_key))})")
    columns += [f"FOREIGN KEY ({', '.join(map(q, fk.columns))}) REFERENCES {q(fk.table)} "
                f"({', '.join(map(q, fk.references))})" for fk in table.foreign_keys]
    return f"CREATE TABLE {q(table.name)} (\n  " + ",\n  ".join(columns) + "\n)"


def fts_name(table: Table) -> str:
    return f"{table.name}_fts"


def _fts_sql(table: Table) -> str:
    # content="<table>" (double quotes) is what Datasette looks for to offer a search box.
    columns = ", ".join(map(q, table.search))
    return (f"CREATE VIRTUAL TABLE {q(fts_name(table))} USING fts5({columns}, "
            f"content=\"{table.name}\", tokenize='trigram')")


def _json_list(items: tuple[str, ...]) -> str:
    """What json.dumps(items, ensure_ascii=False) writes of a list of text, a quarter of its cost:
    each item quoted and escaped by the encoder's own C function, with its separator."""
    return "[" + ", ".join(map(encode_basestring, items)) + "]"


def _sql_rows(table: Table, rows: Iterable[tuple[Value, ...]]) -> Iterable[tuple[Value, ...]]:
    """Lists become JSON arrays (json_each() and Datasette read them); the rest SQLite takes as it is."""
    lists = [i for i, c in enumerate(table.columns) if c.type == "list"]
    if not lists:
        return rows
    return (_with_json(row, lists) for row in rows)


def _with_json(row: tuple[Value, ...], lists: list[int]) -> tuple[Value, ...]:
    cells = list(row)
    for i in lists:
        if cells[i] is not None:
            cells[i] = _json_list(cells[i])  # type: ignore[arg-type]
    return tuple(cells)


def _column_rows(table: Table, batches: Iterable[list[list[Value]]]) -> Iterator[tuple[Value, ...]]:
    """`_sql_rows` of rows given a column at a time: lists become JSON a column at a time, with
    no row copied to change its cells."""
    lists = [i for i, c in enumerate(table.columns) if c.type == "list"]
    for columns in batches:
        for i in lists:
            columns[i] = [None if v is None else _json_list(v) for v in columns[i]]  # type: ignore[arg-type]
        yield from zip(*columns, strict=True)


def _insert_sql(table: Table) -> str:
    return f"INSERT INTO {q(table.name)} VALUES ({', '.join('?' * len(table.columns))})"


def _fill(con: sqlite3.Connection, table: Table, rows: Iterable[tuple[Value, ...]]) -> None:
    """`rows` as SQLite takes them (`_sql_rows`, `_column_rows`)."""
    con.execute(create_sql(table))
    # One call for the whole table: executemany reads the rows as it goes, one at a time.
    con.executemany(_insert_sql(table), rows)
    _finish(con, table)


def _finish(con: sqlite3.Connection, table: Table) -> None:
    """The table's indexes and full-text index, made once its rows are in."""
    for column in table.indexes:
        con.execute(f"CREATE INDEX {q(f'{table.name}_{column}')} ON {q(table.name)} ({q(column)})")
    if table.search:
        con.execute(_fts_sql(table))
        con.execute(f"INSERT INTO {q(fts_name(table))}({q(fts_name(table))}) VALUES ('rebuild')")


SQLITE_MAGIC = b"SQLite format 3\0"   # how every database file starts


def piece_sql(table: Table) -> str:
    """A piece's table (`table_pieces`): the columns alone, untyped, so that each cell is kept as
    bound and takes its type when copied into the download's table, as a cell bound there would."""
    return f"CREATE TABLE {q(table.name)} ({', '.join(q(c.name) for c in table.columns)})"


def piece_database(columns: list[tuple[Table, list[list[Value]]]]) -> bytes:
    """Each table's rows, given as typed columns (`tables.columns`), in a database of plain tables."""
    con = sqlite3.connect(":memory:")
    try:
        for table, cells in columns:
            con.execute(piece_sql(table))
            con.executemany(_insert_sql(table), _column_rows(table, [list(cells)]))
        con.commit()
        return con.serialize()
    finally:
        con.close()


def _attach_piece(con: sqlite3.Connection, path: Path, expected: list[tuple[str, str, str]]) -> None:
    """The piece's database attached as `piece`, when its schema is exactly the plain tables
    `expected` (type, name, SQL): no view, trigger or index of a hostile one is ever read, let alone run."""
    con.execute("ATTACH ? AS piece", (str(path),))
    found = con.execute("SELECT type, name, sql FROM piece.sqlite_schema ORDER BY rowid").fetchall()
    if found != expected:
        con.execute("DETACH piece")
        raise sqlite3.DatabaseError(f"{path.name} is not a piece of the tables")


# Where a database file records its writes (change counter, the count it is valid for, the
# library version): zero in a database serialized from memory, and zeroed in a file built here,
# so that both give the same bytes.
_WRITE_COUNTS = ((24, 4), (92, 8))
_CACHE_KB = 128 * 1024   # the page cache's bound, per database


class Database:
    """Filled one table at a time, so that a caller can hand the same rows to every form.

    In memory, or in a file (`path`): a registry of 10,000 companies makes a database of
    hundreds of megabytes, which the build need not hold.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.con = sqlite3.connect(":memory:" if path is None else path)
        self.con.execute("PRAGMA page_size = 4096")
        if path is not None:  # a scratch file: a crash leaves nothing to recover
            self.con.execute("PRAGMA journal_mode = OFF")
            self.con.execute("PRAGMA synchronous = OFF")
        # Neither changes a byte of the file. The primary keys' indexes take rows out of order
        # and the full-text index sorts its terms: with the default 2 MB of cache, both read
        # back pages they had just written out.
        self.con.execute(f"PRAGMA cache_size = -{_CACHE_KB}")
        self.con.execute("PRAGMA temp_store = MEMORY")
        self.con.execute("PRAGMA trusted_schema = OFF")   # attached pieces' schemas run nothing
        self.con.execute("PRAGMA cell_size_check = ON")   # a corrupt piece is an error, not a misread page

    def add(self, table: Table, rows: Iterable[tuple[Value, ...]]) -> None:
        with self.con:
            _fill(self.con, table, _sql_rows(table, rows))

    def add_pieces(self, table: Table, paths: Iterable[Path], pieced: tuple[Table, ...]) -> None:
        """`add`, of rows kept in pieces' databases (`piece_database`, each holding the tables
        `pieced`), copied in order by SQLite itself: the same rows inserted in the same order as
        `add` binds them, so the same bytes, with no row made in Python. A piece that is not a
        database of those tables raises sqlite3.DatabaseError."""
        self.con.isolation_level = None   # a database is attached and detached outside a transaction
        try:
            self.con.execute(create_sql(table))
            copy = f"INSERT INTO main.{q(table.name)} SELECT * FROM piece.{q(table.name)} ORDER BY rowid"
            expected = [("table", t.name, piece_sql(t)) for t in pieced]
            for path in paths:
                _attach_piece(self.con, path, expected)
                try:
                    self.con.execute(copy)
                finally:
                    self.con.execute("DETACH piece")
            _finish(self.con, table)
        finally:
            self.con.isolation_level = ""

    def content(self) -> bytes:
        """The database file; the connection is closed after."""
        try:
            self.con.execute("PRAGMA optimize")
            return self.con.serialize()
        finally:
            self.con.close()

    def abandon(self) -> None:
        """The connection closed, the file left as it is (a failed build removes it)."""
        self.con.close()

    def close(self) -> None:
        """Finish the database file (`path`), with the header a database serialized from memory has."""
        assert self.path is not None
        try:
            self.con.execute("PRAGMA optimize")
        finally:
            self.con.close()
        with open(self.path, "r+b") as file:
            for at, size in _WRITE_COUNTS:
                file.seek(at)
                file.write(bytes(size))


def sqlite_bytes(registry: Registry, history: History | None = None) -> bytes:
    database = Database()
    for table in tables.TABLES:
        database.add(table, tables.rows(table, registry, history))
    return database.content()
