"""The open-data tables joined from per-company pieces: the same rows as made whole, and an entry
of the piece cache that is corrupt, poisoned or for another file is made again, never trusted."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pyarrow as pa
import pytest

from generator.check.packs import read_header, read_pack, write_pack
from generator.pipeline import _digests, load_registry
from generator.site import tables
from generator.site.exports import exports
from generator.site.parquet_export import GroupWriter, parquet_columns, write_parquet
from generator.site.table_pieces import PIECED, PieceStore, decode, encode, make_pieces, pieces
from tests.sitebuild import FIXTURES


@pytest.fixture(scope="module")
def loaded():
    registry, result = load_registry(FIXTURES)
    return registry, _digests(result)


def test_each_piece_holds_its_companys_rows_of_every_table(loaded):
    registry, _ = loaded
    made = make_pieces(registry, list(registry.companies))
    for piece, company in zip(made, registry.companies, strict=True):
        for n, table in enumerate(PIECED):
            rows = list(tables.rows(table, registry, companies=(company,)))
            assert piece.columns[n].num_rows == len(rows)
            assert [tuple(tuple(v) if isinstance(v, list) else v for v in row.values())
                    for row in piece.columns[n].to_pylist()] == rows
    assert any(p.columns[PIECED.index(tables.BY_NAME["suppliers"])].num_rows for p in made)


def test_a_piece_reads_back_only_under_its_own_key_and_whole(loaded):
    registry, _ = loaded
    piece = make_pieces(registry, [registry.companies[0]])[0]
    blob = encode("a\0digest", piece)
    back = decode("a\0digest", blob)
    assert back is not None and back.csv == piece.csv
    assert all(x.equals(y) for x, y in zip(back.columns, piece.columns, strict=True))
    assert decode("a\0other", blob) is None     # another file's piece
    assert decode("a\0digest", blob[:-1]) is None
    assert decode("a\0digest", blob + b"x") is None
    assert decode("a\0digest", b"") is None
    assert decode("a\0digest", b"{}\n") is None
    assert decode("a\0digest", b'{"key": "a\\u0000digest", "sizes": [1e400]}\n') is None


def test_a_stream_of_other_columns_or_broken_bytes_is_not_a_piece(loaded):
    registry, _ = loaded
    piece = make_pieces(registry, [registry.companies[0]])[0]
    swapped = type(piece)(piece.csv, (piece.columns[1], piece.columns[0], *piece.columns[2:]))
    assert decode("k", encode("k", swapped)) is None   # a valid stream, but not the table's columns
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
    back = [row for columns in parquet_columns(str(tmp_path / "t.parquet")) for row in zip(*columns, strict=True)]
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


def test_tables_from_kept_pieces_equal_tables_made_cold_and_poisoned_entries_are_made_again(loaded, tmp_path):
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


def test_a_changed_file_makes_only_its_own_piece_again(loaded, tmp_path):
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
