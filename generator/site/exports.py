"""Open data: the JSON API, per-company downloads, and each table as CSV, SQLite and Parquet, described."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterable, Mapping
from contextlib import ExitStack
from functools import partial
from pathlib import Path
from typing import Any

from ..history.timeline import History
from ..model import ENTITY_LISTS, Disclosure
from ..registry.registry import Registry
from ..text import csv_line
from . import tables
from .datapackage import datapackage_json, datasette_metadata_json
from .pages import Asset
from .parquet_export import GroupWriter, parquet_path, parquet_rows, write_parquet
from .sqlite_export import Database
from .table_pieces import PIECED, PieceStore, cell_text, csv_lines_of, csv_rows, pieces
from .tables import Table, Value
from .writer import Spooled

API = "api/v1"


def csv_text(table: Table, rows: Iterable[tuple[Value, ...]]) -> str:
    return csv_line(table.names) + csv_rows(rows)


def _company_csv(registry: Registry, company: Disclosure) -> str:
    """One company's partners, suppliers and counterparties in one file (the entity tables share columns)."""
    table = tables.BY_NAME[ENTITY_LISTS[0]]   # the entity tables' columns have the same names and types
    records = [r for name in ENTITY_LISTS for r in tables.records(tables.BY_NAME[name], registry, companies=(company,))]
    return csv_line(table.names) + "".join(csv_lines_of(table, tables.columns(table, records)))


def _index_entry(company: Disclosure) -> dict[str, Any]:
    return {
        "id": company.id, "name": company.name, "example": company.example,
        "headquarters": company.company.get("headquarters"), "updated": company.updated,
        "page": f"companies/{company.id}/", "data": f"{API}/companies/{company.id}.json",
        "steps": {s.step: s.status for s in company.steps},
        "counts": {name: len(company.listed(name)) for name in ENTITY_LISTS},
        "indicators": company.indicators,
    }


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def exports(registry: Registry, sources: Mapping[str, Callable[[], bytes]],
            history: History | None = None, digests: Mapping[str, str] | None = None,
            pieces_dir: Path | None = None) -> list[Asset]:
    """`sources` maps a company id to how to read the bytes of its file, published as the YAML download;
    `history` gives the changes table (empty without it). A company's downloads are made when written,
    and cached under the digest of its file (`digests`) when given; so are its shares of the tables,
    in `pieces_dir`."""
    digests = digests or {}
    assets = [Asset(f"{API}/index.json", _json({"version": 1, "companies": [_index_entry(c) for c in
                                                                              registry.companies]}))]
    for company in registry.companies:
        key = digests.get(company.id, "")  # each download shows only the company's own file
        assets.append(Asset(f"{API}/companies/{company.id}.json", partial(_json, company.raw), True, key))
        assets.append(Asset(f"companies/{company.id}/{company.id}.csv", partial(_company_csv, registry, company),
                            True, key))
        if company.id in sources:
            assets.append(Asset(f"companies/{company.id}/{company.id}.yaml", sources[company.id], True, key))
    return assets + _tables(registry, history, digests, PieceStore.at(pieces_dir))


def _write_csv(table: Table, rows: Iterable[tuple[Value, ...]], path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(csv_line(table.names))
        out.writelines(csv_line([cell_text(v) for v in row]) for row in rows)


def _join_pieces(registry: Registry, digests: Mapping[str, str], store: PieceStore | None, spool: Path) -> None:
    """The CSV and Parquet files of every pieced table, joined from the companies' pieces as they come."""
    with ExitStack() as stack:
        csvs = [stack.enter_context(open(spool / f"{t.name}.csv", "w", encoding="utf-8", newline=""))
                for t in PIECED]
        groups = [GroupWriter(t, str(spool / f"{t.name}.parquet")) for t in PIECED]
        for group in groups:
            stack.callback(group.close)
        for out, table in zip(csvs, PIECED, strict=True):
            out.write(csv_line(table.names))
        for piece in pieces(registry, digests, store):
            for n, (text, data) in enumerate(zip(piece.csv, piece.columns, strict=True)):
                csvs[n].write(text)
                groups[n].add(data)


def _tables(registry: Registry, history: History | None, digests: Mapping[str, str],
            store: PieceStore | None) -> list[Asset]:
    """Each table as CSV and Parquet, all of them in one SQLite database, and their descriptions.

    Written into a scratch folder as they are made, and copied from there into the site:
    held in memory until MkDocs wrote them, they were the build's largest part at scale.
    Every table but the changes is joined from the companies' pieces (`table_pieces`); the
    database reads their rows back from the Parquet files, a group at a time."""
    folder = tempfile.TemporaryDirectory(prefix="disclose-data-")
    spool = Path(folder.name)
    assets = [Asset("data/datapackage.json", datapackage_json()),
              Asset("data/metadata.json", datasette_metadata_json())]
    _join_pieces(registry, digests, store, spool)
    database = Database(spool / "disclosures.sqlite")
    for table in tables.TABLES:
        if table in PIECED:
            database.add(table, parquet_rows(str(spool / f"{table.name}.parquet")))
        else:
            rows = list(tables.rows(table, registry, history))  # read once, written thrice
            _write_csv(table, rows, spool / f"{table.name}.csv")
            write_parquet(table, rows, str(spool / f"{table.name}.parquet"))
            database.add(table, rows)
        assets += [Asset(f"data/{table.name}.csv", Spooled(spool / f"{table.name}.csv", folder)),
                   Asset(parquet_path(table), Spooled(spool / f"{table.name}.parquet", folder))]
    database.close()
    return [*assets, Asset("data/disclosures.sqlite", Spooled(spool / "disclosures.sqlite", folder))]
