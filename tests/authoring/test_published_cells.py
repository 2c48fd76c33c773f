"""Cells and headings of published lists that a spreadsheet writes its own way: several products on
the lines of one cell, a mill's name beside the supplier's, a heading naming the vendor and the factory."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from generator.authoring.importer import import_sheet
from generator.load.loader import load_file
from tests.authoring.test_import import disclosure

TODAY = dt.date(2026, 6, 1)


def _xlsx(folder: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(folder / "list.xlsx")
    return folder / "list.xlsx"


def _suppliers(target: Path) -> dict[str, dict]:
    return {e["name"]: e for e in load_file(target).data["suppliers"]}


def test_the_lines_of_a_product_cell_are_its_products(tmp_path: Path) -> None:
    sheet = _xlsx(tmp_path, [["Factory Name", "Address", "Country", "Product Category", "Processing Type"],
                             ["Omicron Apparel", "1 Example Rd, Gazipur", "BD", "Tops\nBottoms", "Sewing\r\nPrinting"],
                             ["Pi Knits", "2 Example Road, Tiruppur", "IN", "Knitwear,\nSocks", "Knitting"]])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    found = _suppliers(target)
    assert found["Omicron Apparel"]["products"] == ["Tops", "Bottoms"]
    assert found["Omicron Apparel"]["facility_type"] == ["Sewing", "Printing"]
    assert found["Pi Knits"]["products"] == ["Knitwear", "Socks"]


def test_a_mill_beside_the_supplier_that_sells_its_oil_is_the_site(tmp_path: Path) -> None:
    sheet = _xlsx(tmp_path, [["Supplier Name", "Mill Name", "Country", "Province", "Latitude", "Longitude"],
                             ["Rho Refinery Sdn Bhd", "Sigma POM", "Malaysia", "Sabah", 5.84, 118.11],
                             ["Rho Refinery Sdn Bhd", "Tau POM", "Malaysia", "Johor", 1.85, 103.12]])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    assert not [p for p in outcome.problems if p.code == "import-columns-differ"]
    found = _suppliers(target)
    assert {"Sigma POM", "Tau POM"} <= set(found) and "Rho Refinery Sdn Bhd" not in found
    assert found["Tau POM"]["parent"] == "Rho Refinery Sdn Bhd" and found["Tau POM"]["subdivision"] == "MY-01"


def test_a_heading_naming_the_vendor_and_its_factory_heads_the_sites_name(tmp_path: Path) -> None:
    sheet = _xlsx(tmp_path, [["Vendor/Factory Name", "Address", "Country"],
                             ["Upsilon Sewing Ltd", "3 Example Road, Dhaka", "Bangladesh"]])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    assert "parent" not in _suppliers(target)["Upsilon Sewing Ltd"]
