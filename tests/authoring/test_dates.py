"""The start of a relationship as lists write it: Excel's dates, months in words, a serial
number; a cell that is no date is a warning at it, never a stopped list."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from generator.authoring.cells import Cell
from generator.authoring.dates import date
from generator.authoring.importer import import_sheet
from generator.check.validation import validate_document
from generator.load.loader import load_file
from tests.authoring.test_import import disclosure

TODAY = dt.date(2026, 6, 1)

CELLS = [  # the cell, what is stored (None: nothing), the warning's code ("": none)
    ("2019", "2019", ""), ("2019-03", "2019-03", ""), ("2019-03-01", "2019-03-01", ""),
    ("2019/03/01", "2019-03-01", ""), ("2019-03-01 00:00:00", "2019-03-01", ""),
    ("2019-03-01T10:30:00", "2019-03-01", ""), ("25/03/2019", "2019-03-25", ""), ("03/25/2019", "2019-03-25", ""),
    ("1.3.2019", "2019-03-01", ""), ("03/2019", "2019-03", ""), ("Mar 2019", "2019-03", ""),
    ("March 1, 2019", "2019-03-01", ""), ("1 March 2019", "2019-03-01", ""),
    ("03/01/2019", "2019", "import-date-order"), ("43525", "2019-03-01", "import-date-serial"),
    ("since the start", None, "import-date"), ("31/02/2019", None, "import-date"), ("2019-13", None, "import-date"),
    ("Since 2019", "2019", ""), ("seit 01.03.2019", "2019-03-01", ""), ("2019年3月", "2019-03", ""),
    ("2019年", "2019", ""), ("2019年3月1日", "2019-03-01", ""), ("Mar-19", "2019-03", ""), ("Mar-2019", "2019-03", ""),
    ("Dec-98", "1998-12", ""), ("Jan-45", "1945-01", ""), ("Q1 2019", "2019", ""),
]


def _imported(tmp_path: Path, sheet: Path) -> tuple[list[dict], list[tuple[int, int, str]]]:
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok and outcome.written, [p.text() for p in outcome.problems]
    assert validate_document(load_file(target), TODAY) == []
    return load_file(target).data["suppliers"][1:], [(p.line, p.column, p.code) for p in outcome.problems]


@pytest.mark.parametrize("heading", ["Since", "Relationship Start", "Supplier since", "Start of business relationship"])
def test_a_date_as_lists_write_it_is_read_and_one_that_is_none_is_a_warning(tmp_path: Path, heading: str) -> None:
    sheet = tmp_path / "list.csv"
    with open(sheet, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["Factory Name", "Address", "Country", heading],
                                 *([f"Example Mill {i}", f"{i} Example Road", "Portugal", text]
                                   for i, (text, _, _) in enumerate(CELLS))])
    suppliers, problems = _imported(tmp_path, sheet)
    assert [str(e["since"]) if "since" in e else None for e in suppliers] == [stored for _, stored, _ in CELLS]
    # 25/03/2019 and 03/25/2019 in one column: it writes both orders, said at its heading.
    assert problems == [(1, 4, "import-date-orders"),
                        *((i + 2, 4, code) for i, (_, _, code) in enumerate(CELLS) if code)]


def test_a_workbook_date_with_its_time_and_a_serial_not_formatted_as_a_date(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["Factory Name", "Address", "Country", "Since"])
    book.active.append(["Example Mill A", "1 Example Road", "Portugal", dt.datetime(2019, 3, 1, 10, 30)])
    book.active.append(["Example Mill B", "2 Example Road", "Portugal", 43525])
    book.save(tmp_path / "list.xlsx")
    suppliers, problems = _imported(tmp_path, tmp_path / "list.xlsx")
    assert [str(e["since"]) for e in suppliers] == ["2019-03-01", "2019-03-01"]
    assert problems == [(3, 4, "import-date-serial")]


@pytest.mark.parametrize("text", ["2019²", "²", "1" * 5000])
def test_digits_that_are_no_number_of_days_are_a_warning_not_a_crash(text: str) -> None:
    """str.isdigit() holds for '²' and for 5,000 digits; int() of either ended the whole import."""
    said: list[str] = []
    assert date(Cell(text, 2, 3), lambda cell, level, code, message: said.append(code)) is None
    assert said == ["import-date"]


def _column(tmp_path: Path, cells: list[str]) -> tuple[list[dict], list[tuple[int, int, str]]]:
    sheet = tmp_path / "list.csv"
    with open(sheet, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["Factory Name", "Address", "Country", "Relationship Start"],
                                 *([f"Example Mill {i}", f"{i} Example Road", "Portugal", text]
                                   for i, text in enumerate(cells))])
    return _imported(tmp_path, sheet)


@pytest.mark.parametrize(("cells", "read"), [
    # 25/03/2019 can only be day first, so 03/01/2019 in the same column is 3 January ...
    (["25/03/2019", "03/01/2019", "2020", "04/05/2021"], ["2019-03-25", "2019-01-03", "2020", "2021-05-04"]),
    # ... and after 03/25/2019, month first, it is 1 March.
    (["03/01/2019", "03/25/2019 00:00", "12-31-2020", "04-05-2021"],
     ["2019-03-01", "2019-03-25", "2020-12-31", "2021-04-05"])])
def test_a_columns_unambiguous_dates_settle_the_order_of_its_others(tmp_path: Path, cells: list[str],
                                                                    read: list[str]) -> None:
    suppliers, problems = _column(tmp_path, cells)
    assert [str(e["since"]) for e in suppliers] == read
    assert problems == []


def test_a_column_of_both_orders_keeps_the_year_of_an_ambiguous_date_and_says_why(tmp_path: Path) -> None:
    suppliers, problems = _column(tmp_path, ["25/03/2019", "03/01/2019", "03/25/2019", "1.3.2019"])
    assert [str(e["since"]) for e in suppliers] == ["2019-03-25", "2019", "2019-03-25", "2019-03-01"]
    assert problems == [(1, 4, "import-date-orders"), (3, 4, "import-date-order")]


def test_a_column_whose_dates_never_show_their_order_keeps_their_years(tmp_path: Path) -> None:
    # A dot is written day first, and says nothing of the slashes' order.
    suppliers, problems = _column(tmp_path, ["03/01/2019", "04/05/2020", "13.3.2019"])
    assert [str(e["since"]) for e in suppliers] == ["2019", "2020", "2019-03-13"]
    assert problems == [(2, 4, "import-date-order"), (3, 4, "import-date-order")]
