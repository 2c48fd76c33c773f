"""Open data: the JSON API, per-company downloads, and each table as CSV, SQLite and Parquet, described."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from ..history.timeline import History
from ..model import ENTITY_LISTS, Disclosure
from ..registry.registry import Registry
from ..text import csv_line
from . import tables
from .pages import Asset
from .table_files import TableFiles
from .table_pieces import csv_lines_of, csv_rows
from .tables import Table, Value

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
            pieces_dir: Path | None = None, made: TableFiles | None = None) -> list[Asset]:
    """`sources` maps a company id to how to read the bytes of its file, published as the YAML download;
    `history` gives the changes table (empty without it). A company's downloads are made when written,
    and cached under the digest of its file (`digests`) when given; so are its shares of the tables,
    in `pieces_dir`. The tables' files are `made`'s when given (started early, `TableFiles.start`)."""
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
    made = made or TableFiles.start(registry, history, digests, pieces_dir, background=False)
    return assets + made.assets()
