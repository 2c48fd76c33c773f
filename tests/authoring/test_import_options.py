"""The import command's options as readers write them: --company as an ID or as the disclosure's file, and --map
with no field, which leaves a column out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.load.loader import load_file
from tests.authoring.test_import import disclosure, write_csv


@pytest.mark.parametrize("company", ["import-example", "import-example.yaml", "disclosures/import-example.yaml",
                                     "{tmp}/disclosures/import-example.yaml"])
def test_company_is_an_id_or_the_disclosures_file(tmp_path: Path, company: str, monkeypatch) -> None:
    target = disclosure(tmp_path)
    sheet = write_csv(tmp_path / "m.csv", [["Example Mill Ltd", "1 Mill Lane", "United Kingdom"]],
                      header=["Factory Name", "Address", "Country"])
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["import", str(sheet), "--company", company.format(tmp=tmp_path)])
    assert result.exit_code == 0, result.output
    assert "1 added" in result.output and len(load_file(target).data["suppliers"]) == 2


def test_a_company_file_that_is_not_there_is_named_as_given(tmp_path: Path, monkeypatch) -> None:
    disclosure(tmp_path)
    sheet = write_csv(tmp_path / "m.csv", [["Example Mill Ltd", "1 Mill Lane", "United Kingdom"]],
                      header=["Factory Name", "Address", "Country"])
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["import", str(sheet), "--company", "elsewhere/acme.yaml"])
    assert result.exit_code == 1 and f"elsewhere{os.sep}acme.yaml" in result.output
    assert "yaml.yaml" not in result.output


def test_map_with_no_field_leaves_the_column_out(tmp_path: Path) -> None:
    target = disclosure(tmp_path)
    sheet = write_csv(tmp_path / "m.csv", [["Example Mill Ltd", "Example Group", "1 Mill Lane", "United Kingdom"]],
                      header=["Factory Name", "Parent Group", "Address", "Country"])
    result = CliRunner().invoke(main, ["import", str(sheet), "--company", "import-example", "--dir",
                                       str(target.parent), "--map", "Parent Group="])
    assert result.exit_code == 0, result.output
    assert result.output.count("'Parent Group' is not imported: --map leaves it out") == 1
    assert "parent" not in load_file(target).data["suppliers"][1]
