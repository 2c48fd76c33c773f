"""Two columns that give one field: an address's parts and a site's products are joined; where
two cells give one value and differ, the first is imported and the other is said at its cell."""

from __future__ import annotations

import csv
from pathlib import Path

from generator.authoring.importer import import_sheet
from generator.load.loader import load_file
from tests.authoring.test_import import disclosure
from tests.authoring.test_real_lists import TODAY, imported


def _write(tmp_path: Path, rows: list[list[str]]) -> Path:
    sheet = tmp_path / "list.csv"
    with open(sheet, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return sheet


def test_two_product_columns_are_joined(tmp_path: Path) -> None:
    sheet = _write(tmp_path, [["Factory Name", "Address", "Country", "Product Category", "Product Type"],
                              ["Example Mill", "1 Example Road", "Portugal", "Apparel", "Knitwear|Apparel"]])
    _, suppliers = imported(tmp_path, sheet)
    assert suppliers["example-mill-pt"]["products"] == ["Apparel", "Knitwear"]


def test_two_cells_of_one_value_that_differ_are_said_at_the_second(tmp_path: Path) -> None:
    sheet = _write(tmp_path, [["Factory Name", "Address", "Country", "Country Code", "Factory Name"],
                              ["Example Mill", "1 Example Road", "Vietnam", "VN", "Example Mill"],
                              ["Example Dye House", "2 Example Road", "Vietnam", "TH", ""],
                              ["Example Knits", "3 Example Road", "Viet Nam", "", "Example Knitting Co."]])
    outcome = import_sheet(sheet, disclosure(tmp_path), "suppliers", today=TODAY)
    assert outcome.written and [(p.line, p.column, p.code) for p in outcome.problems] == [
        (3, 4, "import-columns-differ"), (4, 5, "import-columns-differ")]
    assert "column 3 ('Country') and column 4 ('Country Code') both give the country" in outcome.problems[0].message
    assert "'Vietnam' is imported, 'TH' is not" in outcome.problems[0].message


def test_a_supplier_and_its_group_both_read_as_the_parent_are_not_said_to_differ(tmp_path: Path) -> None:
    """Neither is wrong: the group is the parent, and the supplier, once dropped unseen, is kept in the notes."""
    sheet = _write(tmp_path, [["Factory Name", "Supplier Name", "Parent Company", "Address", "Country"],
                              ["Example Mill", "Example Sourcing Ltd", "Example Group", "1 Example Road", "Portugal"]])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.written and [(p.line, p.column, p.code) for p in outcome.problems] == [
        (1, 2, "import-parent-levels")]
    [mill] = [e for e in load_file(target).data["suppliers"] if e["name"] == "Example Mill"]
    assert (mill["parent"], mill["notes"]) == ("Example Group", "Supplier Name: Example Sourcing Ltd")


def test_two_cells_the_importer_reads_as_one_country_are_not_said_to_differ(tmp_path: Path) -> None:
    """'Korea' beside 'KR' and 'Srilanka' beside 'LK' were said to differ, though both cells are read as one
    country: the comparison read them more strictly than the import does."""
    sheet = _write(tmp_path, [["Factory Name", "Address", "Country", "Country Code"],
                              ["Example Mill", "1 Example Road", "Korea", "KR"],
                              ["Example Dye House", "2 Example Road", "Srilanka", "LK"],
                              ["Example Knits", "3 Example Road", "Srilanka", "IN"]])
    outcome = import_sheet(sheet, disclosure(tmp_path), "suppliers", today=TODAY)
    assert [(p.line, p.column, p.code) for p in outcome.problems if p.code == "import-columns-differ"] == [
        (4, 4, "import-columns-differ")]


def test_a_brands_world_region_beside_its_state_is_neither_read_nor_said_to_differ(tmp_path: Path) -> None:
    """A brand's list with 'Region' (SE Asia, Greater China) beside 'State': the region was said to differ from
    the state on every row, and where 'Region' came first it was read and the state was lost."""
    sheet = _write(tmp_path, [["Factory Name", "Region", "Address", "City", "State", "Country / Region"],
                              ["Example Shoes", "SE Asia", "1 Example Road", "Bien Hoa", "Dong Nai", "Vietnam"],
                              ["Example Mill", "Greater China", "2 Example Road", "Ningbo", "Zhejiang", "China"],
                              ["Example Knits", "Asia", "3 Example Road", "Phnom Penh", "", "Cambodia"]])
    outcome = import_sheet(sheet, disclosure(tmp_path), "suppliers", today=TODAY)
    assert [p.code for p in outcome.problems if p.code == "import-columns-differ"] == []
    _, suppliers = imported(tmp_path, sheet)
    assert suppliers["example-shoes-vn"]["subdivision"] == "VN-39"
    assert suppliers["example-mill-cn"]["subdivision"] == "CN-ZJ"
    assert "subdivision" not in suppliers["example-knits-kh"]


def test_a_brands_contract_manufacturer_is_the_sites_parent(tmp_path: Path) -> None:
    sheet = _write(tmp_path, [["Factory Name", "Contract Manufacturer", "Address", "Country / Region"],
                              ["Example Shoes", "Example Holdings", "1 Example Road", "Vietnam"]])
    _, suppliers = imported(tmp_path, sheet)
    assert suppliers["example-shoes-vn"]["parent"] == "Example Holdings"
