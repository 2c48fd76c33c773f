"""The open data on a built site: the CSVs, the SQLite database, the Parquet files and the data package agree."""

from __future__ import annotations

import csv
import json
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from frictionless import Package

from generator.check.schema import SCHEMA_PATH
from generator.pipeline import build_site
from generator.site import publish, tables
from tests.history_story import Repo
from tests.sitebuild import FIXTURES, ROOT, project_copy

pytestmark = pytest.mark.site
FORMULA = "=HYPERLINK(\"https://example.org\",\"click\")"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixtures in a real git repository, then one change (a formula in a note), built by MkDocs."""
    root = tmp_path_factory.mktemp("open-data") / "repo"
    repo = Repo(root)
    project_copy(root, FIXTURES)
    repo.commit("Disclosures")
    beta = root / "disclosures" / "beta-apparel.yaml"
    text = beta.read_text(encoding="utf-8")
    note = f"    relationship: supplier\n    notes: '{FORMULA}'\n"
    beta.write_text(text.replace("    relationship: supplier\n", note, 1), encoding="utf-8")
    repo.commit("A note")
    assert publish.build(root / "mkdocs.yml", root / "site", root / "disclosures") == 0
    return root / "site"


def _csv(site: Path, table: str) -> list[dict[str, str]]:
    with (site / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _db(site: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{site / 'data/disclosures.sqlite'}?mode=ro", uri=True)


def test_every_table_has_the_csvs_rows_in_sqlite_and_parquet(site):
    db = _db(site)
    for table in tables.TABLES:
        rows = len(_csv(site, table.name))
        assert db.execute(f'SELECT count(*) FROM "{table.name}"').fetchone()[0] == rows, table.name
        parquet = site / "data" / "parquet" / f"{table.name}.parquet"
        assert duckdb.sql(f"SELECT count(*) FROM '{parquet}'").fetchall() == [(rows,)], table.name
    assert len(_csv(site, "suppliers")) == 7 and len(_csv(site, "companies")) == 3
    assert any(r["text"].startswith("Supplier") for r in _csv(site, "changes"))  # the history reached the table


def test_keys_hold_and_filter_columns_are_indexed(site):
    db = _db(site)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA foreign_key_list(suppliers)").fetchall()[0][2] == "companies"
    indexed = {(t, c) for t, c in db.execute(
        "SELECT m.name, i.name FROM sqlite_master m, pragma_index_list(m.name) l, pragma_index_info(l.name) i "
        "WHERE m.type = 'table'")}
    for wanted in (("suppliers", "country"), ("suppliers", "subdivision"), ("government_counterparties", "kind"),
                   ("due_diligence", "step"), ("due_diligence", "status"), ("suppliers", "company")):
        assert wanted in indexed, wanted


def test_full_text_finds_latin_and_chinese_names(site):
    db = _db(site)

    def found(table: str, query: str) -> set[str]:
        return {r[0] for r in db.execute(f"SELECT t.company || '/' || t.id FROM {table} t WHERE t.rowid IN "
                                         f"(SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?)", (query,))}

    assert found("partners", "shijie") == {"alpha-vision/shijie", "beta-apparel/urumqi-shijie"}
    assert found("partners", "视界分") == {"alpha-vision/shijie"}
    assert found("suppliers", "纱线有") == {"beta-apparel/kashgar-yarn"}
    assert found("suppliers", "视界分") == set()
    # Two characters are below a trigram: LIKE on the table finds them.
    assert db.execute("SELECT id FROM partners WHERE local_name LIKE '%视界%'").fetchall() == [("shijie",)]


def test_duckdb_join_of_suppliers_to_companies_gives_the_csvs_answer(site):
    names = {r["id"]: r["name"] for r in _csv(site, "companies")}
    expected = sorted((names[r["company"]], r["id"], r["country"]) for r in _csv(site, "suppliers"))
    data = site / "data" / "parquet"
    joined = duckdb.sql(f"SELECT c.name, s.id, s.country FROM '{data}/suppliers.parquet' s "
                        f"JOIN '{data}/companies.parquet' c ON c.id = s.company ORDER BY ALL").fetchall()
    assert joined == expected
    typed = duckdb.sql(f"SELECT products, workers, tier FROM '{data}/suppliers.parquet' WHERE id = 'lens-maker'")
    assert typed.fetchall() == [(None, "80", "1")]  # workers is text: "100-150" is a count too (1.1)
    yarn = duckdb.sql(f"SELECT products FROM '{data}/suppliers.parquet' WHERE id = 'kashgar-yarn'").fetchall()
    assert yarn == [(["cotton yarn"],)]


def test_every_form_carries_the_same_guarded_cell(site):
    guarded = "'" + FORMULA
    assert [r["notes"] for r in _csv(site, "suppliers") if r["notes"].startswith("'=")] == [guarded]
    assert _db(site).execute("SELECT notes FROM suppliers WHERE notes LIKE '''=%'").fetchall() == [(guarded,)]
    parquet = site / "data" / "parquet" / "suppliers.parquet"
    assert duckdb.sql(f"SELECT notes FROM '{parquet}' WHERE notes LIKE '''=%'").fetchall() == [(guarded,)]


def test_frictionless_validates_the_package_and_catches_a_broken_key(site, tmp_path):
    command = [str(Path(sys.executable).parent / "frictionless"), "validate", "data/datapackage.json"]
    done = subprocess.run(command, cwd=site, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:]
    broken = shutil.copytree(site / "data", tmp_path / "data")
    suppliers = broken / "suppliers.csv"
    suppliers.write_text(suppliers.read_text(encoding="utf-8").replace("\nalpha-vision,", "\nnobody,", 1),
                         encoding="utf-8")
    report = Package(str(broken / "datapackage.json")).validate()
    assert not report.valid and "foreign-key" in {e.type for task in report.tasks for e in task.errors}


def test_descriptions_come_from_the_json_schema(site):
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    package = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    suppliers = next(r for r in package["resources"] if r["name"] == "suppliers")["schema"]
    fields = {f["name"]: f for f in suppliers["fields"]}
    assert fields["tier"]["description"] == schema["$defs"]["supplier"]["properties"]["tier"]["description"]
    assert fields["lei"]["description"] == schema["$defs"]["identifiers"]["properties"]["lei"]["description"]
    assert fields["status"]["constraints"]["enum"] == ["active", "suspended", "ended"]
    assert suppliers["primaryKey"] == ["company", "id"]
    assert all(f["description"] for r in package["resources"] for f in r["schema"]["fields"])


def test_datasette_metadata_names_what_the_database_holds(site):
    metadata = json.loads((site / "data" / "metadata.json").read_text(encoding="utf-8"))
    described = metadata["databases"]["disclosures"]["tables"]
    db = _db(site)
    for name, table in described.items():
        columns = [r[1] for r in db.execute(f'PRAGMA table_info("{name}")')]
        assert list(table["columns"]) == columns
        if "fts_table" in table:
            assert db.execute(f"SELECT count(*) FROM {table['fts_table']}").fetchone()[0] >= 0
    assert set(described) == {t.name for t in tables.TABLES}


def _recipes() -> list[str]:
    page = (ROOT / "generator" / "defaults" / "docs" / "api.md").read_text(encoding="utf-8")
    section = page.split("## Recipes", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def test_the_data_pages_recipes_run_as_written(site):
    recipes = _recipes()
    assert len(recipes) == 3 and [("sqlite3" in r, "duckdb" in r, "pandas" in r) for r in recipes] == [
        (True, False, False), (False, True, False), (False, False, True)]
    outputs = []
    for recipe in recipes:
        done = subprocess.run([sys.executable, "-c", recipe], cwd=site, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert "Kashgar Example Yarn Company Limited" in outputs[0] and "shijie" in outputs[0]
    assert "Beta Apparel Example" in outputs[1] and "Alpha Vision Example" in outputs[2]


def test_the_same_input_gives_the_same_bytes():
    def data() -> dict[str, bytes | str]:
        return {a.path: a.data() for a in build_site(FIXTURES).assets if a.path.startswith("data/")}

    first, second = data(), data()
    assert first == second and "data/disclosures.sqlite" in first and "data/parquet/risks.parquet" in first
