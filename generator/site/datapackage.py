"""What describes the open data: /data/datapackage.json (Frictionless) and /data/metadata.json (Datasette).

Both are read off the tables (columns, types, keys) and the JSON Schema (descriptions
and allowed values), so a field documented once in the schema is documented everywhere.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..check.schema import SCHEMA_PATH
from . import tables
from .sqlite_export import fts_name
from .tables import Column, Table

TITLE = "Human-rights disclosures"
DESCRIPTION = ("Companies' partners, suppliers, government counterparties and due diligence, as the companies "
               "disclosed them: one table per list, keyed by company id and item id. The same tables are "
               "published as CSV (data/<table>.csv), in one SQLite database (data/disclosures.sqlite) and as "
               "Parquet (data/parquet/<table>.parquet). Lists inside a CSV cell are joined with |.")
# The registry has not declared a licence for the data it republishes; say so rather than guess.
LICENSE = "Not declared: each disclosure is the company's own publication, republished as filed."


def _load_schema() -> Mapping[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _node(schema: Mapping[str, Any], where: str) -> Mapping[str, Any]:
    """The schema node a column comes from: "supplier/tier" is $defs.supplier.properties.tier."""
    first, *rest = where.split("/")
    node = schema["$defs"][first] if first in schema["$defs"] else schema["properties"][first]
    for part in rest:
        node = _resolve(schema, node)["properties"][part]
    return node


def _resolve(schema: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = node.get("$ref", "")
    return schema["$defs"][ref.rsplit("/", 1)[1]] if ref.startswith("#/$defs/") and "properties" not in node else node


def describe(schema: Mapping[str, Any], column: Column) -> str:
    if column.description:
        return column.description
    node = _node(schema, column.schema)
    return str(node.get("description") or _resolve(schema, node).get("description", ""))


def _allowed(schema: Mapping[str, Any], column: Column) -> list[str]:
    if column.type != "string" or not column.schema:
        return []
    return list(_resolve(schema, _node(schema, column.schema)).get("enum", ()))


def _field(schema: Mapping[str, Any], column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {"name": column.name, "description": describe(schema, column)}
    if column.type == "list":
        field.update(type="list", delimiter="|", itemType="string")
    else:
        field["type"] = column.type
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if allowed := _allowed(schema, column):
        constraints["enum"] = allowed
    if constraints:
        field["constraints"] = constraints
    return field


def _resource(schema: Mapping[str, Any], table: Table) -> dict[str, Any]:
    keys = [{"fields": list(fk.columns), "reference": {"resource": fk.table, "fields": list(fk.references)}}
            for fk in table.foreign_keys]
    return {"name": table.name, "title": table.title, "description": table.description, "path": f"{table.name}.csv",
            "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": {"fields": [_field(schema, c) for c in table.columns], "primaryKey": list(table.primary_key),
                       **({"foreignKeys": keys} if keys else {})}}


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def datapackage_json() -> str:
    schema = _load_schema()
    return _dump({"profile": "tabular-data-package", "name": "disclosures", "title": TITLE,
                  "description": f"{DESCRIPTION} Licence: {LICENSE}",
                  "resources": [_resource(schema, t) for t in tables.TABLES]})


def _datasette_table(schema: Mapping[str, Any], table: Table) -> dict[str, Any]:
    entry: dict[str, Any] = {"title": table.title, "description": table.description,
                             "columns": {c.name: describe(schema, c) for c in table.columns}}
    if table.search:
        entry.update(fts_table=fts_name(table), fts_pk="rowid")
    return entry


def datasette_metadata_json() -> str:
    schema = _load_schema()
    return _dump({"title": TITLE, "description": DESCRIPTION, "license": LICENSE,
                  "source": "The companies' disclosure files", "source_url": "../api/v1/index.json",
                  "databases": {"disclosures": {"tables": {t.name: _datasette_table(schema, t)
                                                           for t in tables.TABLES}}}})
