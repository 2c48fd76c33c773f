"""The open-data tables joined from the pieces of runs of companies: the same rows and bytes as made
whole, and an entry of the piece cache that is corrupt, poisoned or for other files is made again,
never trusted."""

from __future__ import annotations

import io
import json
import os
import re
import sqlite3
import time
from pathlib import Path
from types import SimpleNamespace

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from benchmarks.synthetic import write_corpus
from generator.check.packs import read_header, read_pack, write_pack
from generator.pipeline import _digests, load_registry
from generator.site import table_pieces, tables
from generator.site.exports import exports
from generator.site.parquet_export import GroupWriter, write_parquet
from generator.site.table_pieces import PIECED, PieceStore, decode, encode, make_piece, pieces, runs
from tests.sitebuild import FIXTURES


@pytest.fixture(scope="module")
def loaded():
    registry, result = load_registry(FIXTURES)
    return registry, _digests(result)


@pytest.fixture
def one_each(monkeypatch):
    """Every company a run of its own: the fixtures' three companies make three pieces."""
    monkeypatch.setattr(table_pieces, "_AVERAGE", 1)


def _piece_rows(piece, n: int) -> list[tuple[object, ...]]:
    return [tuple(tuple(v) if isinstance(v, list) else v for v in row.values()) for row in piece.columns[n].to_pylist()]


def test_a_piece_holds_its_companies_rows_of_every_table_in_every_form(loaded):
    registry, _ = loaded
    piece = make_piece(registry, list(registry.companies))
    con = sqlite3.connect(":memory:")
    con.deserialize(piece.database)
    for n, table in enumerate(PIECED):
        rows = list(tables.rows(table, registry))
        assert _piece_rows(piece, n) == rows
        lists = [i for i, c in enumerate(table.columns) if c.type == "list"]
        kept = [tuple(tuple(json.loads(v)) if i in lists and v is not None else v for i, v in enumerate(row))
                for row in con.execute(f'SELECT * FROM "{table.name}" ORDER BY rowid')]
        assert kept == [tuple(int(v) if type(v) is bool else v for v in row) for row in rows]
    assert piece.columns[PIECED.index(tables.BY_NAME["suppliers"])].num_rows


def test_runs_end_where_the_companies_ids_say_so_whatever_comes_before():
    companies = [SimpleNamespace(id=f"company-{n:05}") for n in range(2000)]
    cut = [[c.id for c in run] for run in runs(companies)]
    assert [c for run in cut for c in run] == [c.id for c in companies]
    assert 2000 // 64 < len(cut) < 2000 // 16 and max(map(len, cut)) <= 128
    without = [[c.id for c in run] for run in runs(companies[:500] + companies[501:])]
    added = [[c.id for c in run] for run in runs([*companies[:500], SimpleNamespace(id="new"), *companies[500:]])]
    assert len([run for run in without if run not in cut]) == 1   # removed: only its own run changes
    assert len([run for run in added if run not in cut]) <= 2      # added: its own run (cut after it, perhaps)


def test_a_piece_reads_back_only_under_its_own_key_and_whole(loaded):
    registry, _ = loaded
    piece = make_piece(registry, [registry.companies[0]])
    blob = encode("a\0digest", piece)
    back = decode("a\0digest", blob)
    assert back is not None and back.csv == piece.csv and back.database == piece.database
    assert all(x.equals(y) for x, y in zip(back.columns, piece.columns, strict=True))
    assert decode("a\0other", blob) is None     # another file's piece
    assert decode("a\0digest", blob[:-1]) is None
    assert decode("a\0digest", blob + b"x") is None
    assert decode("a\0digest", b"") is None
    assert decode("a\0digest", b"{}\n") is None
    assert decode("a\0digest", b'{"key": "a\\u0000digest", "sizes": [1e400]}\n') is None


def test_a_stream_of_other_columns_or_broken_bytes_is_not_a_piece(loaded):
    registry, _ = loaded
    piece = make_piece(registry, [registry.companies[0]])
    swapped = type(piece)(piece.csv, (piece.columns[1], piece.columns[0], *piece.columns[2:]), piece.database)
    assert decode("k", encode("k", swapped)) is None   # a valid stream, but not the table's columns
    assert decode("k", encode("k", type(piece)(piece.csv, piece.columns, b"\0" * 100))) is None   # not a database
    blob = bytearray(encode("k", piece))
    header_end = blob.index(b"\n") + 1
    for at in range(header_end + 200, len(blob), 97):   # bytes flipped inside the parts
        broken = bytes(blob[:at]) + bytes([blob[at] ^ 0xFF]) + bytes(blob[at + 1:])
        found = decode("k", broken)   # never an exception; a flip inside text may still read back
        assert found is None or isinstance(found.csv[0], str)


def test_rows_in_pieces_make_the_parquet_file_of_the_rows_made_whole():
    table = tables.BY_NAME["operations"]
    rows = [("c", n, "CN", None, None, ("sourcing",) if n % 2 else None, None, None, "note") for n in range(1, 26)]
    whole = io.BytesIO()
    write_parquet(table, rows, whole, group=10)
    joined = io.BytesIO()
    writer = GroupWriter(table, joined, group=10)
    at = 0
    for size in (0, 3, 7, 15, 0):
        part = rows[at:at + size]
        columns = [pa.array(list(col), f.type)
                   for col, f in zip(zip(*part, strict=True), writer.schema, strict=True)] if part else None
        writer.add(pa.Table.from_arrays(columns, schema=writer.schema) if part else writer.schema.empty_table())
        at += size
    writer.close()
    assert joined.getvalue() == whole.getvalue()
    empty_whole, empty_joined = io.BytesIO(), io.BytesIO()
    write_parquet(table, [], empty_whole)
    GroupWriter(table, empty_joined).close()
    assert empty_joined.getvalue() == empty_whole.getvalue()


def test_the_columns_read_back_from_parquet_are_the_rows_written(tmp_path: Path):
    table = tables.BY_NAME["operations"]
    rows = [("c", n, "CN", None, "Xinjiang", ("a", "b"), "2020", None, None) for n in range(1, 4)]
    write_parquet(table, rows, str(tmp_path / "t.parquet"))
    columns = [column.to_pylist() for column in pq.read_table(str(tmp_path / "t.parquet")).columns]
    back = list(zip(*columns, strict=True))
    assert [tuple(tuple(v) if isinstance(v, list) else v for v in r) for r in back] == rows


def _data(registry, digests, folder: Path | None) -> dict[str, bytes]:
    found = {}
    for asset in exports(registry, {}, None, digests, folder):
        if asset.path.startswith("data/"):
            data = asset.data()
            found[asset.path] = data.encode() if isinstance(data, str) else data
    return found


def _packs(folder: Path) -> dict[str, dict[str, object]]:
    return {p.name: read_header(p) or {} for p in folder.iterdir()}


def test_tables_from_kept_pieces_equal_tables_made_cold_and_poisoned_entries_are_made_again(loaded, tmp_path, one_each):
    registry, digests = loaded
    cold = _data(registry, digests, None)
    folder = tmp_path / "pieces"
    assert _data(registry, digests, folder) == cold
    (kept,) = _packs(folder).values()   # a few packs, not a file per company: here one
    assert len(kept) == len(registry.companies)
    assert _data(registry, digests, folder) == cold   # every piece from the cache
    first, second, third = sorted(kept)[:3]
    entries = read_pack(next(folder.iterdir()))
    a, b = entries[first], entries[second]
    good = next(folder.iterdir())
    poisoned = write_pack(folder, {first: b,                   # another company's piece under this one's name
                                   second: a[: len(a) // 2],   # cut short
                                   third: b"\x00" * 64})      # garbage
    now = time.time_ns()   # the newer pack is read first; what the build makes again is newer still
    os.utime(good, ns=(now - 2 * 10**9, now - 2 * 10**9))
    os.utime(poisoned, ns=(now - 10**9, now - 10**9))
    assert _data(registry, digests, folder) == cold
    remade = [header for header in _packs(folder).values() if header.keys() == {first, second, third}]
    assert len(remade) == 1 and all(where[2] != 64 for where in remade[0].values())   # the poisoned pack is gone


def test_a_changed_file_makes_only_its_own_piece_again(loaded, tmp_path, one_each):
    registry, digests = loaded
    folder = tmp_path / "pieces"
    list(pieces(registry, digests, PieceStore.at(folder)))
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    for n in range(2):   # a file saved twice, as a preview does
        changed = {**digests, registry.companies[0].id: f"digest {n}"}
        list(pieces(registry, changed, PieceStore.at(folder)))
        after = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
        assert {k: after[k] for k in before} == before   # the other companies' pieces are read, not written
        (new,) = after.keys() - before.keys()            # the one pack made holds the one piece made
        assert len(read_header(folder / new) or {}) == 1


def _made(monkeypatch) -> list[int]:
    """How many pieces each call of `make_piece` made: one per call."""
    made: list[int] = []
    real = table_pieces.make_piece

    def counted(registry, companies):
        made.append(len(companies))
        return real(registry, companies)
    monkeypatch.setattr(table_pieces, "make_piece", counted)
    return made


def test_after_a_change_an_addition_and_a_deletion_the_tables_equal_a_cold_builds_and_one_run_is_made(
        tmp_path, monkeypatch):
    folder, kept = tmp_path / "corpus", tmp_path / "pieces"
    write_corpus(folder, 150, 4)
    monkeypatch.setattr(table_pieces, "_AVERAGE", 8)   # runs of about 8 companies: about 19 runs
    made = _made(monkeypatch)

    def rebuilt_equals_cold() -> int:
        registry, result = load_registry(folder)
        made.clear()
        warm = _data(registry, _digests(result), kept)
        runs_made = len(made)
        assert warm == _data(registry, _digests(result), None)
        return runs_made

    assert rebuilt_equals_cold() > 2                 # cold: every run made
    assert rebuilt_equals_cold() == 0                # nothing changed: every piece read
    changed = folder / "synthetic-00070.yaml"
    text = changed.read_text(encoding="utf-8")
    supplier = re.search(r"suppliers:\n- id: \S+\n  name: (.+)\n", text)
    assert supplier
    changed.write_text(text.replace(f"name: {supplier[1]}\n", "name: Renamed Supplier Ltd.\n"), encoding="utf-8")
    assert rebuilt_equals_cold() == 1                # one supplier renamed: its company's run
    changed.write_text(text.replace("  name: ", "  name: Renamed ", 1), encoding="utf-8")
    assert rebuilt_equals_cold() <= 2                # the company renamed: it may move to another run
    (folder / "synthetic-00071a.yaml").write_text((folder / "synthetic-00010.yaml").read_text(encoding="utf-8")
                                                  .replace("id: synthetic-00010", "id: synthetic-00071a"),
                                                  encoding="utf-8")
    assert rebuilt_equals_cold() <= 2                # its run, or its run cut in two
    (folder / "synthetic-00120.yaml").unlink()
    assert rebuilt_equals_cold() == 1


def _poisoned(piece, database: bytes):
    return type(piece)(piece.csv, piece.columns, database)


def _other_database(sql: str) -> bytes:
    con = sqlite3.connect(":memory:")
    con.executescript(sql)
    return con.serialize()


@pytest.mark.parametrize("database", [
    "with a view", "of other tables", "with a page broken"])
def test_a_kept_piece_whose_database_is_not_the_pieces_is_made_again(loaded, tmp_path, database):
    registry, digests = loaded
    cold = _data(registry, digests, None)
    folder = tmp_path / "pieces"
    store = PieceStore.at(folder)
    (run,) = runs(registry.companies)
    piece = make_piece(registry, run)
    good = sqlite3.connect(":memory:")
    good.deserialize(piece.database)
    if database == "with a view":
        good.execute("CREATE VIEW v AS SELECT 1")
        blob = good.serialize()
    elif database == "of other tables":
        blob = _other_database("CREATE TABLE companies (x); INSERT INTO companies VALUES (1);")
    else:
        whole = bytearray(piece.database)
        whole[4096:4096 + 8] = b"\xff" * 8   # the header of the first table's page
        blob = bytes(whole)
    store.put(table_pieces._key(run, digests), _poisoned(piece, blob))
    store.prune()
    assert _data(registry, digests, folder) == cold
    assert PieceStore.at(folder).get(table_pieces._key(run, digests)).database == piece.database   # kept anew
