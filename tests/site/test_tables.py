"""The one row model of the open data: its declarations hold together and its cells are typed and guarded."""

from __future__ import annotations

from generator.history.diff import Event
from generator.history.timeline import History, Timeline, Version
from generator.pipeline import load_registry
from generator.site import tables
from tests.sitebuild import FIXTURES


def test_keys_indexes_and_search_name_columns_the_table_has():
    for table in tables.TABLES:
        names = set(table.names)
        assert len(names) == len(table.columns), table.name
        assert set(table.primary_key) <= {c.name for c in table.columns if c.required}, table.name
        assert set(table.indexes) | set(table.search) <= names, table.name
        for fk in table.foreign_keys:
            assert set(fk.columns) <= names and set(fk.references) <= set(tables.BY_NAME[fk.table].primary_key)


def test_cells_are_typed_and_guarded_alike():
    assert tables.cell("=1+1", "string") == "'=1+1"
    assert tables.cell(["-x", "y"], "list") == ("'-x", "y")
    assert tables.cell(2016, "string") == "2016"          # an unquoted year is a date, written as text
    assert tables.cell(True, "string") == "true"
    assert tables.cell({"b": 1, "a": "@x"}, "string") == '{"a": "@x", "b": 1}'
    assert tables.cell(80, "integer") == 80 and tables.cell("80", "integer") is None
    assert tables.cell("", "string") is None and tables.cell([], "list") is None


def test_rows_follow_the_registry_and_the_file_order():
    registry, _ = load_registry(FIXTURES)
    companies = [r[0] for r in tables.rows(tables.BY_NAME["companies"], registry)]
    assert companies == [c.id for c in registry.companies]
    suppliers = list(tables.rows(tables.BY_NAME["suppliers"], registry))
    alpha = [r[2] for r in suppliers if r[0] == "alpha-vision"]
    assert alpha == [s["id"] for s in registry.company("alpha-vision").raw["suppliers"]]
    assert all(len(r) == len(tables.BY_NAME["suppliers"].columns) for r in suppliers)


def test_each_change_keeps_a_unique_key_even_when_one_commit_touches_one_id_twice():
    event = Event("field-changed", "", "acme", "company.name", "Acme", "=Acme", "")
    version = Version("abc123", "2026-01-02T12:00:00+00:00", "Jane Doe", "Rename", "acme", "readable",
                      (event, event))
    history = History("available", timelines=(Timeline("acme", (version,)), Timeline("acme", (version,))))
    registry, _ = load_registry(FIXTURES)
    changes = tables.BY_NAME["changes"]
    rows = list(tables.rows(changes, registry, history))
    key = [changes.names.index(k) for k in changes.primary_key]
    assert len(rows) == 4 and len({tuple(r[i] for i in key) for r in rows}) == 4
    assert rows[0][changes.names.index("new")] == "'=Acme"
