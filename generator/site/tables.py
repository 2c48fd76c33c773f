"""The open-data tables: one row model that the CSVs, the SQLite database and the Parquet files share.

A table is a name, typed columns, keys and indexes; its rows are read from the registry
(and, for changes, from the history) in file order, so every build of the same input
writes the same rows in the same order. Cells are typed and guarded once (`cells`):
every form carries the same cells.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..history.timeline import History
from ..model import ENTITY_LISTS, IDENTIFIER_SCHEMES, Disclosure
from ..registry.registry import Registry
from .cells import Value, dig, typed, values


@dataclass(frozen=True)
class Column:
    name: str
    type: str = "string"   # string, integer, boolean, list (of text)
    schema: str = ""       # where the JSON Schema describes it: "supplier/tier", "company/name"
    description: str = ""  # for columns the schema does not hold (company, position, …)
    required: bool = False


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    table: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    indexes: tuple[str, ...] = ()   # one index per column: what people filter on
    search: tuple[str, ...] = ()    # columns of names, searchable in full text

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


COMPANY = Column("company", schema="company/id", required=True)
TO_COMPANY = ForeignKey(("company",), "companies", ("id",))
IDENTIFIERS = tuple(Column(k, schema=f"identifiers/{k}") for k in IDENTIFIER_SCHEMES)


def _position(what: str) -> Column:
    return Column("position", "integer", description=f"Place of the {what} in the company's file, from 1.",
                  required=True)


def _entity_columns(kind: str) -> tuple[Column, ...]:
    def own(name: str, type: str = "string", where: str = kind) -> Column:
        return Column(name, type, f"{where}/{name}", required=name in ("id", "name", "country", "relationship"))
    return (COMPANY, Column("list", description="The list the entity is disclosed in.", required=True),
            own("id"), own("name"), own("local_name"), own("aliases", "list"), own("country"), own("subdivision"),
            own("city"), own("address"), own("relationship"), own("status"), own("since"), own("until"),
            own("parent"), own("tier", where="supplier"), own("products", "list", "supplier"),
            own("workers", where="supplier"), own("female_workers", "integer", "supplier"),
            own("migrant_workers", "integer", "supplier"), own("facility_type", "list"),
            Column("coordinates.lat", "number", description="Latitude of the site, WGS 84 decimal degrees."),
            Column("coordinates.lon", "number", description="Longitude of the site, WGS 84 decimal degrees."),
            own("kind", where="government_counterparty"),
            own("services", "list", "government_counterparty"), own("end_use", where="government_counterparty"),
            *IDENTIFIERS, own("notes"))


_SINGULAR = {"partners": "partner", "suppliers": "supplier", "government_counterparties": "government_counterparty"}
_ENTITY_INDEXES = {"partners": ("country", "subdivision", "status"), "suppliers": ("country", "subdivision", "status"),
                   "government_counterparties": ("country", "subdivision", "status", "kind")}


def _entity_table(list_name: str) -> Table:
    title = list_name.replace("_", " ").capitalize()
    return Table(list_name, title, f"{title} of every company, one row per disclosed entity.",
                 _entity_columns(_SINGULAR[list_name]), ("company", "id"), (TO_COMPANY,), _ENTITY_INDEXES[list_name],
                 ("name", "local_name", "aliases"))


def _c(name: str, schema: str, type: str = "string", required: bool = False) -> Column:
    return Column(name, type, schema, required=required)


TABLES: tuple[Table, ...] = (
    Table("companies", "Companies", "Every disclosing company and its disclosure, one row per file.",
          (_c("id", "company/id", required=True), _c("name", "company/name", required=True),
           _c("legal_name", "company/legal_name"), _c("local_name", "company/local_name"),
           _c("aliases", "company/aliases", "list"), _c("jurisdiction", "company/jurisdiction"),
           _c("headquarters", "company/headquarters"), _c("website", "company/website"),
           _c("sectors", "company/sectors", "list"), *IDENTIFIERS,
           _c("contact_email", "company/contact/email"), _c("contact_url", "company/contact/url"),
           _c("schema_version", "schema_version", required=True),
           _c("period_start", "disclosure/period/start", required=True),
           _c("period_end", "disclosure/period/end", required=True),
           _c("published", "disclosure/published", required=True), _c("updated", "disclosure/updated"),
           _c("statement_url", "disclosure/statement_url"), _c("example", "disclosure/example", "boolean")),
          ("id",), (), ("headquarters", "jurisdiction"), ("name", "legal_name", "local_name", "aliases")),
    Table("operations", "Operations", "Where each company operates, one row per operation region.",
          (COMPANY, _position("operation"), _c("country", "operation/country", required=True),
           _c("subdivision", "operation/subdivision"), _c("region_name", "operation/region_name"),
           _c("activities", "operation/activities", "list"), _c("since", "operation/since"),
           _c("until", "operation/until"), _c("notes", "operation/notes")),
          ("company", "position"), (TO_COMPANY,), ("country", "subdivision")),
    *(_entity_table(name) for name in ENTITY_LISTS),
    Table("due_diligence", "Due diligence", "Each company's due-diligence steps (UN Guiding Principles 17-22).",
          (COMPANY, _c("id", "due_diligence_step/id", required=True),
           _c("step", "due_diligence_step/step", required=True),
           _c("status", "due_diligence_step/status", required=True),
           _c("summary", "due_diligence_step/summary", required=True), _c("date", "due_diligence_step/date"),
           _c("due", "due_diligence_step/due"), _c("reason", "due_diligence_step/reason"),
           _c("scope", "due_diligence_step/scope", "list"),
           _c("conducted_by.name", "due_diligence_step/conducted_by/name"),
           _c("conducted_by.independent", "due_diligence_step/conducted_by/independent", "boolean"),
           _c("findings", "due_diligence_step/findings"), _c("risks", "due_diligence_step/risks", "list")),
          ("company", "id"), (TO_COMPANY,), ("step", "status")),
    Table("risks", "Risks", "Each company's identified human-rights risks.",
          (COMPANY, _c("id", "risk/id", required=True), _c("category", "risk/category", required=True),
           _c("description", "risk/description", required=True), _c("severity", "risk/severity"),
           _c("entities", "risk/entities", "list"), _c("status", "risk/status"), _c("response", "risk/response")),
          ("company", "id"), (TO_COMPANY,), ("category", "severity", "status")),
    Table("sources", "Sources", "Every source a company cites: for the disclosure, an entity or a step's evidence.",
          (COMPANY, _position("source"),
           Column("list", description="Where the source is cited: sources (the disclosure's own), partners, "
                                      "suppliers, government_counterparties or due_diligence (evidence).",
                  required=True),
           Column("item", description="The id of the entity or step that cites it; empty for the disclosure's own."),
           _c("title", "source/title", required=True), _c("url", "source/url", required=True),
           _c("date", "source/date")),
          ("company", "position"), (TO_COMPANY,), ("list", "item")),
    Table("screening", "Screening", "Watchlist matches each company has reviewed, and its decision.",
          (COMPANY, _position("record"), _c("entity", "screening_record/entity", required=True),
           _c("list", "screening_record/list", required=True),
           _c("decision", "screening_record/decision", required=True),
           _c("reason", "screening_record/reason", required=True), _c("date", "screening_record/date")),
          ("company", "position"), (TO_COMPANY,), ("entity", "list", "decision")),
    # No foreign key: the history keeps withdrawn companies and removed entities.
    Table("changes", "Changes", "Every change to a disclosure read from the repository's history, one row per event.",
          (Column("commit", description="The commit that made the change.", required=True),
           Column("date", description="The commit's date (ISO 8601).", required=True),
           Column("author", description="The commit author's name (never an e-mail address)."),
           Column("message", description="The commit's subject line."),
           Column("company", description="The company's id at that version.", required=True),
           Column("position", "integer", description="Place of the event among the version's events, from 1.",
                  required=True),
           Column("kind", description="What happened: entity-added, step-changed, field-changed, …", required=True),
           Column("list", description="The list of the changed item; empty for the disclosure itself."),
           Column("item", description="The changed item's id (the company id for the disclosure itself)."),
           Column("field", description="Dotted path of the changed field; empty for an added or removed item; "
                  "ending in [] for one item of a list, added (old empty) or removed (new empty)."),
           Column("old", description="The value before (JSON for lists and objects)."),
           Column("new", description="The value after (JSON for lists and objects)."),
           Column("text", description="The change in plain words.", required=True)),
          ("commit", "company", "position"), (), ("company", "kind")),
)
BY_NAME = {t.name: t for t in TABLES}


def _company(c: Disclosure) -> dict[str, Any]:
    raw, company, disclosure = c.raw, c.company, c.raw.get("disclosure", {})
    return {**company, **company.get("identifiers", {}), "contact_email": dig(company, "contact.email"),
            "contact_url": dig(company, "contact.url"), "schema_version": raw.get("schema_version"),
            "period_start": dig(disclosure, "period.start"), "period_end": dig(disclosure, "period.end"),
            **{k: disclosure.get(k) for k in ("published", "updated", "statement_url", "example")}}


def _sources(c: Disclosure) -> Iterator[dict[str, Any]]:
    cited = [("sources", "", s) for s in c.raw.get("sources", ())]
    cited += [(n, e["id"], s) for n in ENTITY_LISTS for e in c.raw.get(n, ()) for s in e.get("sources", ())]
    cited += [("due_diligence", d["id"], s) for d in c.raw.get("due_diligence", ()) for s in d.get("evidence", ())]
    for n, (list_name, item, source) in enumerate(cited, 1):
        yield {"company": c.id, "position": n, "list": list_name, "item": item, **source}


def _items(c: Disclosure, key: str) -> Iterator[dict[str, Any]]:
    for n, item in enumerate(c.raw.get(key, ()), 1):
        yield {"company": c.id, "position": n, "list": key, **item.get("identifiers", {}), **item}


def _changes(history: History | None) -> Iterator[dict[str, Any]]:
    if history is None:
        return
    # Numbered per commit and company, counting on: unique even should one commit touch two files of one id.
    numbered: Counter[tuple[str, str]] = Counter()
    for version, timeline in history.changes():
        for e in version.events:
            numbered[version.commit, timeline.id] += 1
            yield {"commit": version.commit, "date": version.date, "author": version.author,
                   "message": version.message, "company": timeline.id,
                   "position": numbered[version.commit, timeline.id], "kind": e.kind,
                   "list": e.list, "item": e.id, "field": e.field, "old": e.old, "new": e.new, "text": e.text()}


def records(table: Table, registry: Registry, history: History | None = None,
            companies: tuple[Disclosure, ...] | None = None) -> Iterator[dict[str, Any]]:
    """The table's rows as plain mappings, before typing: companies in registry order, items in file order."""
    chosen = registry.companies if companies is None else companies
    source: Callable[[Disclosure], Iterator[dict[str, Any]]]
    if table.name == "changes":
        yield from _changes(history)
        return
    if table.name == "companies":
        source = lambda c: iter((_company(c),))  # noqa: E731
    elif table.name == "sources":
        source = _sources
    else:
        source = lambda c: _items(c, table.name)  # noqa: E731
    for company in chosen:
        yield from source(company)


def columns(table: Table, records: list[dict[str, Any]]) -> list[list[Value]]:
    """The records' cells, typed and guarded, one list per column of the table."""
    return [typed(column.type, values(column.name, records)) for column in table.columns]


_CHUNK = 5000  # records typed at once: whole columns, while the rows still stream


def rows(table: Table, registry: Registry, history: History | None = None,
         companies: tuple[Disclosure, ...] | None = None) -> Iterator[tuple[Value, ...]]:
    """The table's rows, typed and guarded, in its column order."""
    chunk: list[dict[str, Any]] = []
    for record in records(table, registry, history, companies):
        chunk.append(record)
        if len(chunk) == _CHUNK:
            yield from zip(*columns(table, chunk), strict=True)
            chunk = []
    if chunk:
        yield from zip(*columns(table, chunk), strict=True)
