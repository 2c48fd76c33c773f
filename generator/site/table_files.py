"""The open-data tables' files (CSV, Parquet, one SQLite database), made in a process of their own.

They need only the disclosures and the history, which exist early in a build; made in a
forked process started then (`TableFiles.start`), they take one core beside the grouping,
the regions and the page list on the other, and the build process never holds their
memory. The files are written into a scratch folder and copied from there into the site.
A process that cannot start or fails leaves nothing lost: the build makes the files itself,
in a fresh folder, when it needs them.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterable, Mapping
from contextlib import ExitStack
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..history.timeline import History
from ..load.forks import Started, begin, can_fork
from ..registry.registry import Registry
from ..text import csv_line
from . import tables
from .datapackage import datapackage_json, datasette_metadata_json
from .leftovers import claim
from .pages import Asset
from .parquet_export import GroupWriter, parquet_path, write_parquet
from .sqlite_export import Database
from .table_pieces import PIECED, Piece, PieceStore, cell_text, pieces
from .tables import Table, Value
from .writer import Spooled


def _write_csv(table: Table, rows: Iterable[tuple[Value, ...]], path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(csv_line(table.names))
        out.writelines(csv_line([cell_text(v) for v in row]) for row in rows)


def _join_pieces(pieces_of: Iterable[Piece], spool: Path, databases: Path) -> list[Path]:
    """The CSV and Parquet files of every pieced table, joined from the pieces as they come; each
    piece's database written beside them, for the download's database to copy (their paths)."""
    paths = []
    with ExitStack() as stack:
        csvs = [stack.enter_context(open(spool / f"{t.name}.csv", "w", encoding="utf-8", newline=""))
                for t in PIECED]
        groups = [GroupWriter(t, str(spool / f"{t.name}.parquet")) for t in PIECED]
        for group in groups:
            stack.callback(group.close)
        for out, table in zip(csvs, PIECED, strict=True):
            out.write(csv_line(table.names))
        for piece in pieces_of:
            for n, (text, data) in enumerate(zip(piece.csv, piece.columns, strict=True)):
                csvs[n].write(text)
                groups[n].add(data)
            paths.append(databases / f"{len(paths):06}.sqlite")
            paths[-1].write_bytes(piece.database)
    return paths


def _write(registry: Registry, history: History | None, digests: Mapping[str, str], store: PieceStore | None,
           spool: Path, read: bool) -> None:
    """`write_tables`, with the kept pieces read (`read`) or every piece made again."""
    databases = spool / "pieces"
    shutil.rmtree(databases, ignore_errors=True)
    databases.mkdir()
    paths = _join_pieces(pieces(registry, digests, store, read), spool, databases)
    (spool / "disclosures.sqlite").unlink(missing_ok=True)
    database = Database(spool / "disclosures.sqlite")
    try:
        for table in tables.TABLES:
            if table in PIECED:
                database.add_pieces(table, paths, PIECED)
            else:
                rows = list(tables.rows(table, registry, history))  # read once, written thrice
                _write_csv(table, rows, spool / f"{table.name}.csv")
                write_parquet(table, rows, str(spool / f"{table.name}.parquet"))
                database.add(table, rows)
    except BaseException:
        database.abandon()
        raise
    database.close()
    shutil.rmtree(databases)


def write_tables(registry: Registry, history: History | None, digests: Mapping[str, str],
                 pieces_dir: Path | None, spool: Path) -> bool:
    """Each table as CSV and Parquet and all of them in one SQLite database, written into `spool`.

    Every table but the changes is joined from the pieces of runs of companies (`table_pieces`);
    the database copies their rows from the pieces' own databases. A kept piece whose database
    does not read as one (a corrupt or poisoned entry) is a miss: every piece is made again."""
    store = PieceStore.at(pieces_dir)
    try:
        _write(registry, history, digests, store, spool, read=True)
    except sqlite3.DatabaseError:
        _write(registry, history, digests, store, spool, read=False)
    return True


def _assets(spool: Path, folder: tempfile.TemporaryDirectory[str]) -> list[Asset]:
    assets = [Asset("data/datapackage.json", datapackage_json()),
              Asset("data/metadata.json", datasette_metadata_json())]
    for table in tables.TABLES:
        assets += [Asset(f"data/{table.name}.csv", Spooled(spool / f"{table.name}.csv", folder)),
                   Asset(parquet_path(table), Spooled(spool / f"{table.name}.parquet", folder))]
    return [*assets, Asset("data/disclosures.sqlite", Spooled(spool / "disclosures.sqlite", folder))]


@dataclass
class TableFiles:
    """The tables' files of one build: being made in a forked process (`job`), or made on demand."""

    make: partial[bool]                       # write_tables, but for the folder
    folder: tempfile.TemporaryDirectory[str]  # removed once no asset needs it
    job: Started | None = None

    @classmethod
    def start(cls, registry: Registry, history: History | None, digests: Mapping[str, str],
              pieces_dir: Path | None, background: bool = True) -> TableFiles:
        """Started in a forked process when this process may fork (`background`), else made when asked for."""
        made = cls(partial(write_tables, registry, history, digests, pieces_dir),
                   tempfile.TemporaryDirectory(prefix=claim("disclose-data-")))   # a killed build's is swept
        if background and can_fork():
            made.job = begin(partial(made.make, Path(made.folder.name)))
        return made

    def assets(self) -> list[Asset]:
        """The files, waited for; made here, in a fresh folder, when the forked process did not make them."""
        job, self.job = self.job, None
        spool = Path(self.folder.name)
        if job is None or job.result() is not True:
            spool = Path(tempfile.mkdtemp(dir=self.folder.name))   # nothing half-written is read
            self.make(spool)
        return _assets(spool, self.folder)

    def cancel(self) -> None:
        """The forked process stopped: the build ended before it needed the files."""
        if self.job is not None:
            self.job.cancel()
            self.job = None
