"""The one row model of the open data: its declarations hold together and its cells are typed and guarded."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.history.diff import Event
from generator.history.timeline import History, Timeline, Version
from generator.pipeline import load_registry
from generator.site import cells, tables
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
    assert cells.cell("=1+1", "string") == "'=1+1"
    assert cells.cell(["-x", "y"], "list") == ("'-x", "y")
    assert cells.cell(2016, "string") == "2016"          # an unquoted year is a date, written as text
    assert cells.cell(True, "string") == "true"
    assert cells.cell({"b": 1, "a": "@x"}, "string") == '{"a": "@x", "b": 1}'
    assert cells.cell(80, "integer") == 80 and cells.cell("80", "integer") is None
    assert cells.cell("", "string") is None and cells.cell([], "list") is None


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


_ANY = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                    | st.text(alphabet="=+-@\t\r\n a,\"'", max_size=6),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text("ab", max_size=2), inner,
                                                                                max_size=2), max_leaves=6)


@given(st.sampled_from(["string", "list", "integer", "boolean", "number"]), st.lists(_ANY, max_size=8))
def test_a_column_typed_at_once_has_the_cells_typed_one_by_one(kind: str, values: list[object]) -> None:
    if kind == "list":   # the schema allows only lists there
        values = [v if v is None or isinstance(v, list) else [v] for v in values]
    assert cells.typed(kind, values) == [cells.cell(v, kind) for v in values]
    assert [type(c) for c in cells.typed(kind, values)] == [type(cells.cell(v, kind)) for v in values]


# Mostly columns that are plain throughout, which are typed whole (`cells._plain`), and a few with one cell that is not.
_PLAIN = st.none() | st.text(alphabet="ab 中,\"'", max_size=4)
_ODD = st.sampled_from(["", "=1", "a\nb", "a\n=b", "x\r+1", 3, True])
_COLUMN = st.lists(_PLAIN, max_size=8) | st.lists(_PLAIN | _ODD, max_size=8)


@given(st.sampled_from(["string", "list"]), _COLUMN, st.data())
def test_a_plain_column_typed_whole_has_the_cells_typed_one_by_one(kind: str, values: list[object],
                                                                     data: st.DataObject) -> None:
    if kind == "list":
        values = [v if v is None else data.draw(st.lists(_PLAIN, max_size=3)) if type(v) is str else [v]
                  for v in values]
    assert cells.typed(kind, values) == [cells.cell(v, kind) for v in values]
    assert [type(c) for c in cells.typed(kind, values)] == [type(cells.cell(v, kind)) for v in values]


def test_rows_are_the_records_typed_cell_by_cell():
    registry, _ = load_registry(FIXTURES)
    for table in tables.TABLES[:-1]:
        expected = [tuple(cells.cell(cells.dig(r, c.name), c.type) for c in table.columns)
                    for r in tables.records(table, registry)]
        assert list(tables.rows(table, registry)) == expected, table.name
