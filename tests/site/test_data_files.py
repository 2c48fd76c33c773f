"""The open-data files made at scale: in files, not memory, with the bytes they had when made in memory."""

from __future__ import annotations

from pathlib import Path

from generator.pipeline import load_registry
from generator.site import tables
from generator.site.exports import exports
from generator.site.sqlite_export import Database
from generator.site.writer import Spooled
from tests.sitebuild import FIXTURES


def test_a_database_built_in_a_file_has_the_bytes_of_one_built_in_memory(tmp_path: Path) -> None:
    registry, _ = load_registry(FIXTURES)
    in_memory, in_file = Database(), Database(tmp_path / "d.sqlite")
    for table in tables.TABLES:
        in_memory.add(table, tables.rows(table, registry))
        in_file.add(table, tables.rows(table, registry))
    in_file.close()
    assert (tmp_path / "d.sqlite").read_bytes() == in_memory.content()


def test_the_tables_are_kept_in_files_until_written() -> None:
    registry, _ = load_registry(FIXTURES)
    data = [a for a in exports(registry, {}) if a.path.startswith("data/") and not a.path.endswith(".json")]
    assert len(data) == 2 * len(tables.TABLES) + 1
    assert all(isinstance(a.content, Spooled) and a.content.path.is_file() for a in data)
    suppliers = next(a for a in data if a.path == "data/suppliers.csv")
    assert suppliers.data().startswith(b"company,list,id,name")
