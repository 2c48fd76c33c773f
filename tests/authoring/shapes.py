"""Supplier lists shaped like those brands publish, with invented names, written on demand.

Each shape carries the traits of real lists: a "Data As Of" line above the headings and
percent cells (a sportswear brand's manufacturing map export); a title, a logo row,
notes, a group heading over the column headings and footnotes below (brands' XLSX
lists); headings on two lines, a supplier's name beside the factory's, an address in
parts, worker bands and tiers (retailers' CSVs); one supplier's name merged over its
plants on the second sheet of a workbook (an electronics supplier list); a sheet per
tier; a semicolon CSV with a title line; a list cut into sections by country. Some
must import; some must be refused, at a row and column, in plain words.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl


@dataclass(frozen=True)
class Shape:
    name: str
    write: Callable[[Path], Path]
    options: dict[str, Any] = field(default_factory=dict)   # import_sheet keyword arguments
    refused: tuple[str, ...] = ()                           # the error codes expected; () when it imports


def _csv(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)
    return path


MAP_HEADER = ["Factory Name", "Factory Type", "Product Type", "Brand(s)", "Events", "Supplier Group", "Address",
              "City", "State", "Postal Code", "Country / Region", "Region", "Total Workers", "Line Workers",
              "% Female Workers", "% Migrant Workers"]
MAP_ROWS = [
    ["EXAMPLE FOOTWEAR VIETNAM CO., LTD", "FINISHED GOODS", "FOOTWEAR", "Brand A", "", "Example Shoe Group",
     "Lot 4, Example Industrial Zone", "Bien Hoa", "Dong Nai", "810000", "Vietnam", "Asia", "12040", "11000", "78%",
     "0%"],
    ["EXAMPLE FOOTWEAR VIETNAM CO., LTD", "FINISHED GOODS", "FOOTWEAR", "Brand A", "", "Example Shoe Group",
     "Road 9, Example Industrial Park", "Tay Ninh", "", "840000", "Vietnam", "Asia", "8310", "7900", "81%", "1%"],
    ["QINGDAO EXAMPLE APPAREL CO., LTD.", "FINISHED GOODS", "APPAREL", "Brand A|Brand B", "", "Example Apparel Group",
     "No. 8 Example Road, Jimo District", "Qingdao", "Shandong", "266200", "China Mainland", "Asia", "2100", "1900",
     "65%", "40%"],
    ["PT EXAMPLE GARMINDO", "FINISHED GOODS", "APPAREL", "Brand A", "", "", "Jl. Contoh No. 5", "Bogor",
     "Jawa Barat", "16710", "INDONESIA", "Asia", "3400", "3100", "88%", "0%"],
    ["EXAMPLE KNIT MILL", "MATERIALS", "MATERIALS", "Brand A", "", "Example Textile Group", "22 Mill Street",
     "Dhaka", "", "1230", "Bangladesh", "Asia", "950", "", "", ""],
]


def brand_map_csv(folder: Path) -> Path:
    """The export of a brand's manufacturing map: a "Data As Of" line, a blank line, then the table."""
    return _csv(folder / "manufacturing-map.csv", [["Data As Of 03/31/2026"], [], MAP_HEADER, *MAP_ROWS])


def _save(book: openpyxl.Workbook, path: Path) -> Path:
    book.save(path)
    return path


def brand_map_xlsx(folder: Path) -> Path:
    """The same export as XLSX: shares stored as fractions, formatted as percentages."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Worksheet"
    sheet.append(["Data As Of 03/31/2026"])
    sheet.append(MAP_HEADER)
    for row in MAP_ROWS:
        values: list[Any] = [int(v) if v.isdigit() and i in (12, 13) else v for i, v in enumerate(row)]
        values[14:16] = [float(v[:-1]) / 100 if v else None for v in row[14:16]]
        sheet.append(values)
        for cell in sheet[sheet.max_row][14:16]:
            cell.number_format = "0%"
    return _save(book, folder / "manufacturing-map.xlsx")


def titled_xlsx(folder: Path) -> Path:
    """A title, a logo row, a note, a blank row, a group heading over the column headings
    (merged across its columns), worker bands and fractions, footnotes and a totals line."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Tier 1 factories"
    sheet.append(["Example Outdoor Co. — Tier 1 factory list"])
    sheet.append(["[logo]"])
    sheet.append(["Published 2026-03-01. Factories producing finished goods."])
    sheet.append([])
    sheet.append(["Factory", None, None, "Location", None, None, "Workers", None, None])
    for cells in ("A5:C5", "D5:F5", "G5:I5"):
        sheet.merge_cells(cells)
    sheet.append(["Name", "Type", "Products", "Address", "City", "Country", "Total", "% Female", "% Migrant"])
    sheet.append(["Example Jackets Ltd", "Cut & Sew", "Jackets", "1 Example Road", "Chittagong", "BANGLADESH",
                  "1,001 to 5,000", 0.62, 0.0])
    sheet.append(["Example Down Factory", "Cut & Sew", "Down jackets", "2 Example Road", "Hanoi", "VIET NAM",
                  "Less than 1000", 0.55, 0.01])
    sheet.append(["Example Pack Works", "Cut & Sew", "Packs", "3 Example Road", "Ho Chi Minh City", "vn",
                  ">5000", 0.7, 0.02])
    sheet.append(["Example Glove Co.", "Cut & Sew", "Gloves", "4 Example Road", "Colombo", "LK", 640, 0.81, 0.0])
    sheet.append([])
    sheet.append(["* Worker numbers as reported by the factories."])
    sheet.append(["Total", None, None, None, None, None, 9999])
    return _save(book, folder / "tier1-list.xlsx")


def retailer_csv(folder: Path) -> Path:
    """Headings on two lines, a supplier beside each factory, an address in parts, codes and
    capitals for countries, worker bands, a tier column."""
    header = ["Supplier\nName", "Factory\nName", "Address Line 1", "Address Line 2", "Postal Code", "City",
              "Country", "Product\nCategory", "Number of\nWorkers", "Tier"]
    rows = [
        ["Example Sourcing Ltd", "Example Denim Mill", "Plot 7", "Example Road", "1700", "Gazipur", "BD", "Denim",
         "1 - 500", "Tier 1"],
        ["Example Sourcing Ltd", "Example Denim Mill Unit 2", "Plot 9", "Example Road", "1700", "Gazipur",
         "BANGLADESH", "Denim", "501-1000", "Tier 1"],
        ["Example Knits Cambodia", "Example Knits Cambodia", "Street 21", "", "12000", "Phnom Penh", "KH",
         "Knitwear", "1000-4999", "T1"],
        ["Example Yarns", "Example Spinning Mill", "5 Spinner Lane", "", "641001", "Coimbatore", "IND", "Yarn",
         "5000+", "Tier 2"],
    ]
    return _csv(folder / "retailer-factory-list.csv", [header, *rows])


def merged_names_xlsx(folder: Path) -> Path:
    """An electronics supplier list: a "Read me" sheet first; on the list's sheet, each supplier's
    name merged over its plants in several places."""
    book = openpyxl.Workbook()
    readme = book.active
    readme.title = "Read me"
    readme.append(["This list names the suppliers that make up most of our direct spend."])
    readme.append(["Sites are listed by supplier."])
    sheet = book.create_sheet("Supplier List")
    sheet.append(["Supplier Name", "Manufacturing Facility Address", "Country"])
    sites = [("Example Precision Co., Ltd.", "1 Example Road, Kunshan, Jiangsu", "China"),
             (None, "2 Example Road, Zhengzhou, Henan", "China"),
             (None, "3 Example Road, Bac Giang", "Vietnam"),
             ("Example Glass Inc.", "4 Example Avenue, Harrodsburg, KY", "United States"),
             (None, "5 Example Avenue, Taichung", "Taiwan")]
    for site in sites:
        sheet.append(list(site))
    sheet.merge_cells("A2:A4")
    sheet.merge_cells("A5:A6")
    return _save(book, folder / "supplier-list.xlsx")


def tier_sheets_xlsx(folder: Path) -> Path:
    """One sheet per tier, both with a supplier table."""
    book = openpyxl.Workbook()
    for i, title in enumerate(("Tier 1", "Tier 2")):
        sheet = book.active if i == 0 else book.create_sheet(title)
        sheet.title = title
        sheet.append(["Factory Name", "Address", "Country"])
        sheet.append([f"Example Tier {i + 1} Mill", f"{i + 1} Example Street", "Portugal"])
    return _save(book, folder / "tiers.xlsx")


def hidden_sheet_xlsx(folder: Path) -> Path:
    """A "Read me" sheet, this year's list, and last year's kept on a hidden sheet Excel does not show."""
    book = openpyxl.Workbook()
    book.active.title = "Read me"
    book.active.append(["Our tier 1 factories, updated each March."])
    for title in ("Factories 2026", "Factories 2025"):
        sheet = book.create_sheet(title)
        sheet.append(["Factory Name", "Address", "Country"])
        sheet.append([f"Example Mill {title[-4:]}", f"{title[-1]} Example Street", "Portugal"])
    book["Factories 2025"].sheet_state = "hidden"
    return _save(book, folder / "factories.xlsx")


def semicolon_csv(folder: Path) -> Path:
    """A European export: a title line, semicolons, commas inside addresses."""
    rows = [["Lieferantenliste Stand 01.03.2026"],
            ["Name der Produktionsstätte / Factory Name", "Adresse / Address", "Land / Country"],
            ["Beispiel Strickerei GmbH", "Musterstraße 1, 72458 Albstadt", "Deutschland"],
            ["Exemplo Têxteis, Lda.", "Rua Exemplo 2, 4760 Vila Nova de Famalicão", "Portugal"]]
    return _csv(folder / "lieferanten.csv", rows, ";")


def sectioned_csv(folder: Path) -> Path:
    """A list cut into sections by a country's name alone on a row."""
    rows = [["Factory Name", "Address", "City", "Country"], ["CAMBODIA"],
            ["Example Garment (Cambodia)", "Road 3", "Kandal", "Cambodia"], ["SRI LANKA"],
            ["Example Lanka Apparel", "Road 4", "Katunayake", "Sri Lanka"]]
    return _csv(folder / "sectioned.csv", rows)


def unmerged_csv(folder: Path) -> Path:
    """The electronics list saved as CSV: the merges are gone, and so are the names below the first."""
    rows = [["Supplier Name", "Manufacturing Facility Address", "Country"],
            ["Example Precision Co., Ltd.", "1 Example Road, Kunshan, Jiangsu", "China"],
            ["", "2 Example Road, Zhengzhou, Henan", "China"]]
    return _csv(folder / "supplier-list.csv", rows)


def no_headings_csv(folder: Path) -> Path:
    """A table whose headings the importer cannot know."""
    return _csv(folder / "codes.csv", [["F1", "F2", "F3"], ["Example Mill", "1 Road", "GB"]])


SHAPES = (
    Shape("manufacturing map export (CSV)", brand_map_csv),
    Shape("manufacturing map export (XLSX)", brand_map_xlsx),
    Shape("titled XLSX, group headings, footnotes", titled_xlsx),
    Shape("two-line headings, supplier and factory, address parts", retailer_csv),
    Shape("merged supplier names, second sheet", merged_names_xlsx),
    Shape("a sheet per tier, chosen", tier_sheets_xlsx, {"sheet_name": "Tier 2"}),
    Shape("a hidden sheet beside the list", hidden_sheet_xlsx),
    Shape("semicolon CSV with a title line", semicolon_csv),
    Shape("sections by country", sectioned_csv),
    Shape("a sheet per tier, not chosen", tier_sheets_xlsx, refused=("import-sheet",)),
    Shape("merged names saved as CSV", unmerged_csv, refused=("import-missing-value",)),
    Shape("unknown headings", no_headings_csv, refused=("import-no-headings",)),
)
