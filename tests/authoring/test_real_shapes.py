"""Lists shaped like those brands publish (tests/authoring/shapes.py) import as they are, or
are refused at a row and column in plain words; every problem points at the sheet's own row."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shlex
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from generator.authoring.cells import Cell
from generator.authoring.importer import import_sheet
from generator.authoring.shares import share
from generator.authoring.tiers import tier
from generator.check.countries import plain_name, resolve
from generator.check.validation import validate_document
from generator.cli import main
from generator.load.loader import load_file
from tests.authoring import shapes
from tests.authoring.test_import import FIXTURE, disclosure

TODAY = dt.date(2026, 6, 1)


def _import(tmp_path: Path, write, **options):
    tmp_path.mkdir(parents=True, exist_ok=True)
    target = disclosure(tmp_path)
    outcome = import_sheet(write(tmp_path), target, "suppliers", today=TODAY, **options)
    return target, outcome


def _suppliers(target: Path) -> dict[str, dict]:
    return {e["id"]: e for e in load_file(target).data["suppliers"]}


@pytest.mark.parametrize("shape", shapes.SHAPES, ids=[s.name for s in shapes.SHAPES])
def test_each_shape_imports_or_is_refused_in_place(tmp_path: Path, shape: shapes.Shape) -> None:
    target, outcome = _import(tmp_path, shape.write, **shape.options)
    errors = {p.code for p in outcome.problems if p.is_error}
    if shape.refused:
        assert errors == set(shape.refused) and not outcome.written
        assert target.read_text(encoding="utf-8") == FIXTURE
    else:
        assert outcome.ok and outcome.written, [p.text() for p in outcome.problems]
        assert validate_document(load_file(target), TODAY) == []


def test_a_data_as_of_line_above_the_headings_is_skipped_and_said(tmp_path: Path) -> None:
    target, outcome = _import(tmp_path, shapes.brand_map_csv)
    assert outcome.table == "column headings on row 3; rows 1-2 above it skipped"
    plants = _suppliers(target)
    bien_hoa = plants["example-footwear-vietnam-vn-bien-hoa"]
    assert bien_hoa["workers"] == 12040 and bien_hoa["female_workers"] == 9391     # 78 % of 12,040
    assert bien_hoa["address"] == "Lot 4, Example Industrial Zone, 810000"         # address and postal code
    assert "example-footwear-vietnam-vn-tay-ninh" in plants                        # two plants, one name
    assert plants["example-garmindo-id"]["country"] == "ID"                         # "INDONESIA"
    ignored = {p.line for p in outcome.problems if p.code == "import-column-ignored"}
    assert ignored == {3}                                                           # at the heading row
    regions = [(p.line, p.column) for p in outcome.problems if "regions of the world" in p.message]
    assert regions == [(3, 12)]       # "Asia" in every cell of "Region": said once at its heading, not stored


def test_problems_point_at_the_sheets_own_row(tmp_path: Path) -> None:
    rows = [["Data As Of 03/31/2026"], [], shapes.MAP_HEADER, *(list(r) for r in shapes.MAP_ROWS)]
    rows[5][10] = "Atlantis"                      # the third site, on row 6 of the file
    sheet = tmp_path / "bad.csv"
    with open(sheet, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    target, outcome = _import(tmp_path, lambda _: sheet)
    [error] = [p for p in outcome.problems if p.is_error]
    assert (error.line, error.column, error.code) == (6, 11, "import-country")
    assert target.read_text(encoding="utf-8") == FIXTURE


def test_header_row_overrides_the_guess(tmp_path: Path) -> None:
    _, outcome = _import(tmp_path / "a", shapes.brand_map_csv, header_row=3)
    assert outcome.written and outcome.table.startswith("column headings on row 3")
    _, outcome = _import(tmp_path / "b", shapes.brand_map_csv, header_row=1)
    [error] = [p for p in outcome.problems if p.is_error]
    assert (error.line, error.code) == (1, "import-missing-column") and "row 1" in error.message
    _, outcome = _import(tmp_path / "c", shapes.brand_map_csv, header_row=2)   # a blank row
    assert [p.code for p in outcome.problems if p.is_error] == ["import-header-row"]


def test_percent_cells_of_a_workbook_read_as_the_sheet_shows_them(tmp_path: Path) -> None:
    target, outcome = _import(tmp_path, shapes.brand_map_xlsx)
    assert outcome.table == "sheet 'Worksheet', column headings on row 2; row 1 above it skipped"
    qingdao = _suppliers(target)["qingdao-example-apparel-cn"]
    assert qingdao["female_workers"] == 1365 and qingdao["migrant_workers"] == 840   # 65 % and 40 % of 2,100


def test_a_group_heading_footnotes_and_bands(tmp_path: Path) -> None:
    target, outcome = _import(tmp_path, shapes.titled_xlsx)
    assert outcome.table == ("sheet 'Tier 1 factories', column headings on rows 5-6; rows 1-4 above it skipped; "
                             "its rows that give no tier are tier 1, as the sheet's name says")
    sites = _suppliers(target)
    assert {sites[i]["tier"] for i in sites if i != "kashgar-yarn"} == {1}
    assert sites["example-jackets-bd"]["workers"] == "1001-5000"       # "1,001 to 5,000"
    assert sites["example-down-factory-vn"]["workers"] == "0-999"     # "Less than 1000"
    assert "workers" not in sites["example-pack-works-vn"]             # ">5000": no upper bound
    glove = sites["example-glove-lk"]
    assert glove["workers"] == 640 and glove["female_workers"] == 518  # 0.81 in a "% Female" column
    by_code: dict[str, list[int]] = {}
    for p in outcome.problems:
        by_code.setdefault(p.code, []).append(p.line)
    assert by_code["import-note-row"] == [12, 13]                      # a footnote, a totals line
    assert by_code["import-workers-open"] == [9]
    assert sorted(set(by_code["import-share-dropped"])) == [7, 8, 9]   # shares of a range, or of nothing
    dropped = next(p for p in outcome.problems if p.code == "import-share-dropped")
    assert "62%" in dropped.message and "1001-5000" in dropped.message


def test_a_supplier_beside_its_factory_becomes_the_parent(tmp_path: Path) -> None:
    target, outcome = _import(tmp_path, shapes.retailer_csv)
    sites = _suppliers(target)
    mill = sites["example-denim-mill-bd"]
    assert mill["parent"] == "Example Sourcing Ltd" and mill["tier"] == 1 and mill["workers"] == "1-500"
    assert mill["address"] == "Plot 7, Example Road, 1700"
    assert "parent" not in sites["example-knits-cambodia-kh"]          # its own supplier
    assert sites["example-spinning-mill-in"]["tier"] == 2
    assert [p.line for p in outcome.problems if p.code == "import-workers-open"] == [5]   # "5000+"


def test_merged_supplier_names_name_every_plant_on_the_sheet_that_holds_the_table(tmp_path: Path) -> None:
    target, outcome = _import(tmp_path, shapes.merged_names_xlsx)
    assert outcome.table == "sheet 'Supplier List', column headings on row 1"
    names = [(e["name"], e["country"]) for e in load_file(target).data["suppliers"][1:]]
    assert names.count(("Example Precision Co., Ltd.", "CN")) == 2 and ("Example Glass Inc.", "TW") in names
    assert len(names) == 5


def test_a_list_saved_without_its_merges_says_what_to_write(tmp_path: Path) -> None:
    _, outcome = _import(tmp_path, shapes.unmerged_csv)
    [error] = [p for p in outcome.problems if p.is_error]
    assert (error.line, error.column) == (3, 1)
    assert "another site of 'Example Precision Co., Ltd.'" in error.message


def test_several_tier_sheets_are_named_and_one_is_chosen(tmp_path: Path) -> None:
    _, outcome = _import(tmp_path / "a", shapes.tier_sheets_xlsx)
    [error] = outcome.problems
    assert "'Tier 1', 'Tier 2'" in error.message and "--sheet" in error.message
    target, outcome = _import(tmp_path / "b", shapes.tier_sheets_xlsx, sheet_name="tier 2")
    assert outcome.written and _suppliers(target)["example-tier-2-mill-pt"]["tier"] == 2   # the sheet's tier
    _, outcome = _import(tmp_path / "c", shapes.tier_sheets_xlsx, sheet_name="Tier 3")
    assert "no sheet 'Tier 3'" in outcome.problems[0].message


def test_a_hidden_sheet_is_not_chosen_but_may_be_named(tmp_path: Path) -> None:
    target, outcome = _import(tmp_path / "a", shapes.hidden_sheet_xlsx)
    assert outcome.written and set(_suppliers(target)) == {"kashgar-yarn", "example-mill-2026-pt"}
    target, outcome = _import(tmp_path / "b", shapes.hidden_sheet_xlsx, sheet_name="Factories 2025")
    assert outcome.written and "example-mill-2025-pt" in _suppliers(target)


def test_the_cli_says_where_it_read_the_table(tmp_path: Path) -> None:
    target = disclosure(tmp_path)
    sheet = shapes.brand_map_csv(tmp_path)
    result = CliRunner().invoke(main, ["import", str(sheet), "--company", "import-example", "--dir",
                                       str(target.parent), "--header-row", "3"])
    assert result.exit_code == 0, result.output
    assert f"read {sheet}: column headings on row 3; rows 1-2 above it skipped" in result.output


@pytest.mark.parametrize(("text", "expected"), [
    ("1", 1), ("Tier 1", 1), ("T2", 2), ("tier-3", 3), ("Tier 1 - Finished goods", 1),
    ("Raw materials", "raw-material"), ("Tier 5", None), ("12", None), ("Finished goods", None),
])
def test_tiers_as_lists_write_them(text: str, expected: object) -> None:
    assert tier(Cell(text, 2, 1), lambda *_: None) == expected


@pytest.mark.parametrize(("text", "fraction", "expected"), [
    ("45%", False, 45.0), ("45", False, 45.0), ("0.45", True, 45.0), ("45 %", True, 45.0), ("101", False, None),
    ("lots", False, None), ("1,200", False, None), ("45,5", False, 45.5), ("0,125", True, 12.5),
])
def test_shares(text: str, fraction: bool, expected: float | None) -> None:
    assert share(text, fraction) == expected


def test_country_names_shown_are_the_ones_people_use_and_read_back() -> None:
    import pycountry

    assert plain_name("TW") == "Taiwan" and plain_name("CD") == "DR Congo" and plain_name("KR") == "South Korea"
    for country in pycountry.countries:
        name = plain_name(country.alpha_2)
        assert resolve(name).code == country.alpha_2, name
        assert ", Province of" not in name and not name.endswith((" of", " of the"))


def test_a_manufacturer_beside_its_production_facility_becomes_the_parent(tmp_path: Path) -> None:
    def write(folder: Path) -> Path:
        sheet = folder / "list.csv"
        sheet.write_text("Manufacturer Name,Production Facility Name,Address,Country or Area,Product(s)\n"
                         "Example Holdings Ltd,Example Plant 2,2 Example Road,Portugal,Shoes\n", encoding="utf-8")
        return sheet
    target, outcome = _import(tmp_path, write)
    assert outcome.written and outcome.problems == [], [p.text() for p in outcome.problems]
    site = _suppliers(target)["example-plant-2-pt"]
    assert (site["parent"], site["products"]) == ("Example Holdings Ltd", ["Shoes"])


def test_the_commands_for_several_sheets_are_given_and_import_each(tmp_path: Path) -> None:
    """The message named the sheets and said to use --sheet; it now gives the command for each, as the import
    was run, and each sheet's rows take the tier its name gives."""
    target = disclosure(tmp_path)
    book = shapes.tier_sheets_xlsx(tmp_path)
    result = CliRunner().invoke(main, ["import", str(book), "--company", "import-example", "--dir",
                                       str(target.parent), "--map", "Plant Name=name"])
    assert result.exit_code == 1
    commands = re.findall(r"`(disclose import [^`]+)`", result.output)
    quoted_dir = shlex.quote(str(target.parent))
    assert commands == [f"disclose import {shlex.quote(str(book))} --company import-example --dir {quoted_dir} "
                        f"--map 'Plant Name=name' --sheet '{name}'" for name in ("Tier 1", "Tier 2")]
    for command in commands:
        result = CliRunner().invoke(main, shlex.split(command)[1:])
        assert result.exit_code == 0, result.output
        assert "its rows that give no tier are tier" in result.output
    sites = _suppliers(target)
    assert (sites["example-tier-1-mill-pt"]["tier"], sites["example-tier-2-mill-pt"]["tier"]) == (1, 2)


@pytest.mark.parametrize(("name", "tier"), [("Tier 1 and Tier 2", None), ("Tier 1, Tier 2", None),
                                           ("T1 and Tier 2", None), ("Tier 1 & 2", None), ("Non-Tier 1", None),
                                           ("Tier 2 (2024)", None), ("Tier 2", 2), ("Tier_3_Mills", 3)])
def test_a_sheet_named_for_two_tiers_gives_its_rows_neither(tmp_path: Path, name: str, tier: int | None) -> None:
    """'Tier 1 and Tier 2' made every row of the sheet that gives no tier a tier 2 supplier: the name was read
    from its last 'Tier'."""
    book = openpyxl.Workbook()
    book.active.title = name
    for row in (["Factory Name", "Address", "Country"], ["Example Mill A", "1 Example Road", "Portugal"]):
        book.active.append(row)
    book.save(tmp_path / "mills.xlsx")
    target, outcome = _import(tmp_path, lambda folder: folder / "mills.xlsx")
    assert outcome.written and _suppliers(target)["example-mill-a-pt"].get("tier") == tier


def test_a_sheets_tier_gives_way_to_a_rows_own_and_to_no_tier_it_could_not_read(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Tier 2 - Fabric mills"
    for row in (["Factory Name", "Address", "Country", "Tier"], ["Example Mill A", "1 Example Road", "Portugal", ""],
                ["Example Mill B", "2 Example Road", "Portugal", "Tier 1"],
                ["Example Mill C", "3 Example Road", "Portugal", "Tier 9"]):
        book.active.append(row)
    book.save(tmp_path / "mills.xlsx")
    target, outcome = _import(tmp_path, lambda folder: folder / "mills.xlsx")
    assert outcome.written and [p.code for p in outcome.problems] == ["import-tier"]
    sites = _suppliers(target)
    assert [sites[f"example-mill-{c}-pt"].get("tier") for c in "abc"] == [2, 1, None]
    assert outcome.table.endswith("its rows that give no tier are tier 2, as the sheet's name says")
    # Partners hold no tier: the sheet gives them none.
    partners = import_sheet(tmp_path / "mills.xlsx", target, "partners", today=TODAY, mapping={"Tier": "notes"})
    assert partners.table and "give no tier" not in partners.table
