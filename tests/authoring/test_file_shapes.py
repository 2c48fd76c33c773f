"""Files as spreadsheet programs save them: formulas with and without their saved values,
Excel's _xHHHH_ escapes, "Unicode Text" (UTF-16), old .xls workbooks, a Windows-1252 byte
far into a CSV, and a disclosure's permissions kept across an import."""

from __future__ import annotations

import html
import io
import os
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from generator.authoring.importer import _write, import_sheet
from generator.authoring.sheets import read_sheet
from generator.load.loader import load_file
from tests.authoring.test_import import FIXTURE, TODAY, disclosure

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # how every compound file starts
HEADINGS = ["No.", "Factory Name", "Address", "Country", "Number of Workers", "Map"]


def with_saved_values(path: Path, book: openpyxl.Workbook, saved: dict[str, str | int]) -> Path:
    """`book` saved to `path`, each formula cell named in `saved` holding that value beside its
    formula, as Excel writes it (openpyxl writes the formula alone)."""
    base = io.BytesIO()
    book.save(base)
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = _saved(data.decode("utf-8"), saved).encode("utf-8")
            out.writestr(info, data)
    return path


def _saved(sheet: str, saved: dict[str, str | int]) -> str:
    for ref, value in saved.items():
        kind = ' t="str"' if isinstance(value, str) else ""
        text = html.escape(str(value)).replace("\\", "\\\\")
        sheet, count = re.subn(f'<c r="{ref}"([^>]*)><f>(.*?)</f><v ?/>',
                               rf'<c r="{ref}"\1{kind}><f>\2</f><v>{text}</v>', sheet)
        assert count == 1, ref
    return sheet


def factories(rows: int) -> openpyxl.Workbook:
    """A list whose numbering and map links are formulas, with a total below it."""
    book = openpyxl.Workbook()
    book.active.title = "Factories"
    book.active.append(HEADINGS)
    for i in range(2, rows + 2):
        book.active.append(["=ROW()-1", f'=HYPERLINK("https://maps.example.org/?q={i}","Factory {i} Ltd")',
                            f"{i} Mill Road, Gazipur", "Bangladesh", 100 * i,
                            f'=HYPERLINK("https://maps.example.org/?q={i}","map")'])
    book.active.append(["Total", None, None, None, f"=SUM(E2:E{rows + 1})", None])
    return book


def suppliers(target: Path) -> list[dict[str, object]]:
    return list(load_file(target).data["suppliers"])


def test_a_formula_reads_as_the_value_saved_beside_it(tmp_path: Path) -> None:
    book = factories(2)
    book.active["E3"] = "=200+100"
    saved = {"A2": 1, "A3": 2, "B2": "Factory 2 Ltd", "B3": "Factory 3 Ltd", "E3": 300, "E4": 500,
             "F2": "map", "F3": ""}   # Excel saves an empty text result as an empty value
    sheet = with_saved_values(tmp_path / "saved.xlsx", book, saved)
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok and outcome.written, outcome.problems
    assert not [p for p in outcome.problems if "formula" in p.code]
    added = {s["name"]: s for s in suppliers(target) if s["id"] != "kashgar-yarn"}
    assert set(added) == {"Factory 2 Ltd", "Factory 3 Ltd"}
    assert "300" in str(added["Factory 3 Ltd"]["workers"])
    assert "HYPERLINK" not in target.read_text(encoding="utf-8")


def test_formulas_without_values_read_empty_with_one_warning_and_never_as_their_text(tmp_path: Path) -> None:
    sheet = tmp_path / "unsaved.xlsx"
    factories(200).save(sheet)
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    [warning] = [p for p in outcome.problems if p.code == "formula-no-value"]
    assert (warning.level, warning.line, warning.column) == ("warning", 2, 1)
    assert "601 cells" in warning.message and "A2" in warning.message
    assert "open and save the file in Excel, or paste the cells as values" in warning.message
    # The names were formulas: each row is refused for its missing name, never named "=HYPERLINK(...)".
    assert {p.code for p in outcome.problems if p.is_error} == {"import-missing-value"}
    assert not any("HYPERLINK" in p.message for p in outcome.problems)
    assert target.read_text(encoding="utf-8") == FIXTURE


def test_formulas_in_columns_the_import_ignores_do_not_stop_it(tmp_path: Path) -> None:
    book = factories(3)
    for row in range(2, 5):
        book.active[f"B{row}"] = f"Factory {row} Ltd"
    book.save(tmp_path / "numbered.xlsx")
    target = disclosure(tmp_path)
    outcome = import_sheet(tmp_path / "numbered.xlsx", target, "suppliers", today=TODAY)
    assert outcome.ok and len(outcome.added) == 3
    assert [p.code for p in outcome.problems].count("formula-no-value") == 1


def test_excel_escapes_in_cell_text_read_as_the_characters_they_stand_for(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["Factory Name", "Address", "Country"])
    book.active.append(["Chi_x005F_x000D_ Garment", "Lot 5, Road 2_x000D_\nTan Uyen, Binh Duong", "Viet Nam"])
    book.save(tmp_path / "crlf.xlsx")
    sheet, problems = read_sheet(tmp_path / "crlf.xlsx")
    assert sheet is not None and not problems
    assert sheet.rows[1].cells[:3] == ("Chi_x000D_ Garment", "Lot 5, Road 2\r\nTan Uyen, Binh Duong", "Viet Nam")
    target = disclosure(tmp_path)
    assert import_sheet(tmp_path / "crlf.xlsx", target, "suppliers", today=TODAY).written
    [added] = [s for s in suppliers(target) if s["id"] != "kashgar-yarn"]
    assert added["address"] == "Lot 5, Road 2, Tan Uyen, Binh Duong"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_unicode_text_with_a_byte_order_mark_is_read(encoding: str, tmp_path: Path) -> None:
    text = "Factory Name\tAddress\tCountry\r\nNhà máy Ví dụ\t12 Đường Số 3\tViet Nam\r\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = "\ufeff".encode(encoding) + data   # Excel writes little-endian; a mark either way
    (tmp_path / "unicode.txt").write_bytes(data)
    sheet, problems = read_sheet(tmp_path / "unicode.txt")
    assert not problems and sheet is not None
    assert [r.cells for r in sheet.rows] == [("Factory Name", "Address", "Country"),
                                             ("Nhà máy Ví dụ", "12 Đường Số 3", "Viet Nam")]


@pytest.mark.parametrize("name", ["list.xls", "list.csv", "protected.xlsx"])
def test_an_old_excel_workbook_is_named_as_one(name: str, tmp_path: Path) -> None:
    (tmp_path / name).write_bytes(OLE2 + bytes(504) + b"\xff\xfe" * 300)
    sheet, problems = read_sheet(tmp_path / name)
    assert sheet is None and [(p.line, p.column, p.code) for p in problems] == [(1, 1, "old-excel")]
    assert "Excel 97-2003" in problems[0].message and ".xlsx (Excel Workbook) or as CSV UTF-8" in problems[0].message


def test_a_byte_that_is_not_utf8_is_placed_at_its_own_line_and_column(tmp_path: Path) -> None:
    lines = ["Factory Name,Address,Country"] + [f"Fábrica {i},Rua {i},Portugal" for i in range(2, 302)]
    data = "\r\n".join(lines).encode("utf-8") + "\r\nConfecções Sigma,Rua São João,Portugal\r\n".encode("cp1252")
    (tmp_path / "late.csv").write_bytes(data)
    sheet, problems = read_sheet(tmp_path / "late.csv")
    assert sheet is None and [(p.line, p.column, p.code) for p in problems] == [(302, 7, "not-utf8")]
    assert "0xe7" in problems[0].message
    (tmp_path / "cut.csv").write_bytes("name,address,country\nFábrica,Rua,PT\nCaf".encode() + b"\xc3")
    assert [(p.line, p.column) for p in read_sheet(tmp_path / "cut.csv")[1]] == [(3, 4)]


@pytest.mark.parametrize("mode", [0o644, 0o664, 0o600])
def test_an_import_keeps_the_disclosure_permissions(mode: int, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["name", "address", "country"])
    book.active.append(["Example Mill Ltd", "1 Mill Lane", "GB"])
    book.save(tmp_path / "mill.xlsx")
    target = disclosure(tmp_path)
    target.chmod(mode)
    assert import_sheet(tmp_path / "mill.xlsx", target, "suppliers", today=TODAY).written
    assert target.stat().st_mode & 0o7777 == mode


def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path: Path) -> None:
    umask = os.umask(0o027)
    try:
        _write(tmp_path / "new.yaml", "a: 1\n")
    finally:
        os.umask(umask)
    assert (tmp_path / "new.yaml").stat().st_mode & 0o7777 == 0o640


def test_a_workbook_saved_under_a_csv_name_is_read_as_a_workbook(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["Factory Name", "Address", "Country"])
    book.active.append(["Alpha Knit Ltd", "Plot 3, DEPZ, Savar", "Bangladesh"])
    book.save(tmp_path / "list.csv")
    sheet, problems = read_sheet(tmp_path / "list.csv")
    assert problems == [] and sheet is not None
    assert [list(r.cells[:3]) for r in sheet.rows] == [["Factory Name", "Address", "Country"],
                                                 ["Alpha Knit Ltd", "Plot 3, DEPZ, Savar", "Bangladesh"]]
