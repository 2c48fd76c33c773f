"""A government counterparty list as a firm keeps it: agency names, their kinds and relationships in
words, what was provided, and to what end (invented agencies and a fictional firm)."""

from __future__ import annotations

import csv
from pathlib import Path

from generator.authoring.importer import import_sheet
from generator.load.loader import load_file
from tests.authoring.test_import import disclosure
from tests.authoring.test_real_lists import TODAY

HEAD = ["Agency Name", "Agency (Chinese)", "Agency Type", "Relationship", "City", "Country",
        "Products/Services Provided", "End Use", "Contract Date"]


def _write(tmp_path: Path, rows: list[list[str]]) -> Path:
    sheet = tmp_path / "agencies.csv"
    with open(sheet, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([HEAD, *rows])
    return sheet


def test_a_counterparty_list_in_words_is_imported_as_the_model_holds_it(tmp_path: Path) -> None:
    sheet = _write(tmp_path, [
        ["Example City Public Security Bureau", "示例市公安局", "Public Security", "Customer", "Urumqi", "China",
         "Video cameras; Data storage", "Public security", "2018-05-01"],
        ["Example Corps Farm", "示例兵团农场", "Military_Economic", "Supplier", "Aksu", "China", "Cotton", "", "2019"]])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "government_counterparties", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    bureau, farm = load_file(target).data["government_counterparties"]
    assert (bureau["kind"], bureau["relationship"], bureau["local_name"]) == ("public-security", "customer",
                                                                               "示例市公安局")
    assert bureau["services"] == ["Video cameras", "Data storage"] and bureau["end_use"] == "Public security"
    assert (farm["kind"], farm["relationship"], farm["since"]) == ("military-economic", "supplier", "2019")


def test_a_kind_that_is_none_of_the_models_is_refused_at_its_cell(tmp_path: Path) -> None:
    sheet = _write(tmp_path, [["Example Bureau", "", "Police Department", "Customer", "Urumqi", "China", "", "", ""]])
    outcome = import_sheet(sheet, disclosure(tmp_path), "government_counterparties", today=TODAY)
    assert not outcome.written
    (refused,) = [p for p in outcome.problems if p.is_error]
    assert (refused.line, refused.column) == (2, 3) and "'Police Department' is not an allowed value for kind" in \
        refused.message


def test_a_list_without_a_kind_column_is_told_to_add_one_not_a_line_of_yaml(tmp_path: Path) -> None:
    sheet = tmp_path / "agencies.csv"
    sheet.write_text("Agency Name,Relationship,City,Country\nExample Bureau,Customer,Urumqi,China\n", encoding="utf-8")
    outcome = import_sheet(sheet, disclosure(tmp_path), "government_counterparties", today=TODAY)
    (missing,) = [p for p in outcome.problems if p.code == "missing-field"]
    assert missing.line == 2 and "needs 'kind'" in missing.message
    assert missing.message.endswith("add a column for it (such as 'Kind'), or name one with --map 'Heading=kind'")


def test_a_row_that_leaves_its_kind_empty_is_told_at_that_cell_to_fill_it_in(tmp_path: Path) -> None:
    """It was told at its name to add a column for the kind, beside the list's own 'Agency Type' column."""
    sheet = _write(tmp_path, [["Example Bureau", "", "Public Security", "Customer", "Urumqi", "China", "", "", ""],
                              ["Example Office", "", "", "Customer", "Aksu", "China", "", "", ""]])
    outcome = import_sheet(sheet, disclosure(tmp_path), "government_counterparties", today=TODAY)
    (missing,) = [p for p in outcome.problems if p.code == "missing-field"]
    assert (missing.line, missing.column) == (3, 3) and "needs 'kind'" in missing.message
    assert missing.message.endswith("its cell under 'Agency Type' is empty: fill it in")


def test_an_agency_column_in_a_supplier_list_is_not_the_factorys_name(tmp_path: Path) -> None:
    """'Agency' was read as a counterparty's name in every list: in a supplier list before 'Factory Name' the
    sourcing agency became each factory's name, the factory's own name dropped as a column that differs."""
    sheet = tmp_path / "factories.csv"
    sheet.write_text("Agency,Factory Name,City,Country\nExample Sourcing Ltd,Alpha Knit,Suzhou,China\n",
                     encoding="utf-8")
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.written, [p.text() for p in outcome.problems]
    names = {s["name"] for s in load_file(target).data["suppliers"]}
    assert "Alpha Knit" in names and "Example Sourcing Ltd" not in names
    (ignored,) = [p for p in outcome.problems if p.code == "import-column-ignored"]
    assert (ignored.line, ignored.column) == (1, 1) and "names the agency that places orders" in ignored.message


def test_a_supplier_list_named_only_by_its_agencies_is_a_list_of_agencies(tmp_path: Path) -> None:
    """Recruitment agencies under 'Agency Name' stopped with "name no name column", the only one passed over."""
    sheet = tmp_path / "recruiters.csv"
    sheet.write_text("Agency Name,Address,Country\nExample Recruitment Ltd,1 Example Rd Kathmandu,Nepal\n",
                     encoding="utf-8")
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.written and not outcome.problems, [p.text() for p in outcome.problems]
    assert "Example Recruitment Ltd" in {s["name"] for s in load_file(target).data["suppliers"]}
