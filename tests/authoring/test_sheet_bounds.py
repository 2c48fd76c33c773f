"""Spreadsheets with bounds: non-regular files refused, sizes checked before reading, CSV
streamed, XLSX bombs refused from the zip directory and a streaming count before parsing,
Excel's own limits on columns and characters. Every import runs under RLIMIT_AS = 300 MB."""

from __future__ import annotations

import io
import os
import random
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment

from generator.authoring.sheets import read_sheet
from generator.authoring.workbook import Bounds, measure
from tests.authoring.test_import import HEADER, disclosure, osh_rows, write_csv

ROOT = Path(__file__).resolve().parents[2]
MEMORY = 300 * 1024 * 1024   # the bound every import keeps to


def disclose_import(sheet: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """`disclose import` in a subprocess under RLIMIT_AS; a hang fails by the generous timeout."""
    disclosure(tmp_path)

    def bounded() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    return subprocess.run([sys.executable, "-m", "generator.cli", "import", str(sheet), "--company", "import-example",
                           "--dir", str(tmp_path / "disclosures")], capture_output=True, text=True, timeout=300,
                          preexec_fn=bounded, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)})


def refused(done: subprocess.CompletedProcess[str], code: str) -> str:
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stdout + done.stderr
    assert f"[{code}]" in done.stdout, done.stdout + done.stderr
    assert "unchanged" in done.stderr
    return done.stdout


NS = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


SHEET = "xl/worksheets/sheet1.xml"


def workbook(path: Path, sheet: bytes | None = None, stream: int = 0, at: str = SHEET) -> Path:
    """A real workbook (openpyxl opens it) whose first sheet is `sheet`, or holds one cell of
    `stream` letters written in pieces: small on disk, large unpacked. `at` is where the sheet
    is kept: the workbook's relationships and content types name it there."""
    base = io.BytesIO()
    book = openpyxl.Workbook()
    book.active.append(["name"])
    book.save(base)
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename != SHEET:
                text = source.read(info).replace(SHEET.encode(), at.encode())   # [Content_Types].xml
                out.writestr(info, text.replace(SHEET[3:].encode(), at[3:].encode()))   # the workbook's .rels
        with out.open(at, "w", force_zip64=True) as member:
            if sheet is not None:
                member.write(sheet.replace(b"<worksheet>", NS))
            else:
                member.write(NS + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>')
                for _ in range(stream // (1 << 20)):
                    member.write(b"a" * (1 << 20))
                member.write(b"</t></is></c></row></sheetData></worksheet>")
    return path


def test_a_legitimate_import_stays_within_the_bound(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    for row in osh_rows(2000):
        book.active.append(row)
    book.save(tmp_path / "suppliers.xlsx")
    done = disclose_import(tmp_path / "suppliers.xlsx", tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1999 added, 1 updated" in done.stdout


def test_one_huge_cell_small_on_disk_is_refused_before_parsing(tmp_path: Path) -> None:
    bomb = workbook(tmp_path / "bomb.xlsx", stream=1536 << 20)   # the 1.5 GB cell of the report
    assert bomb.stat().st_size < 2_000_000
    assert "unpacks" in refused(disclose_import(bomb, tmp_path), "xlsx-too-large")


def test_five_million_columns_small_on_disk_are_refused(tmp_path: Path) -> None:
    row = b'<worksheet><sheetData><row r="1">' + b"<c><v>1</v></c>" * 5_000_000 + b"</row></sheetData></worksheet>"
    wide = workbook(tmp_path / "wide.xlsx", row)
    assert wide.stat().st_size < 200_000
    refused(disclose_import(wide, tmp_path), "xlsx-too-large")


def test_a_row_wider_than_excel_allows_is_refused_without_the_ratio(tmp_path: Path) -> None:
    rng = random.Random(1)
    cells = b"".join(f"<c><v>{rng.random()}</v></c>".encode() for _ in range(17_000))
    sheet = b'<worksheet><sheetData><row r="1">' + cells + b"</row></sheetData></worksheet>"
    wide = workbook(tmp_path / "wide.xlsx", sheet)
    assert "16,384 columns" in refused(disclose_import(wide, tmp_path), "too-many-columns")
    far = workbook(tmp_path / "far.xlsx", b'<worksheet><sheetData><row r="1"><c r="ZZZZ1"><v>1</v></c></row>'
                   b"</sheetData></worksheet>")
    with open(far, "rb") as f:
        assert measure(f).code == "too-many-columns"


def test_a_cell_longer_than_excel_allows_is_refused(tmp_path: Path) -> None:
    long = workbook(tmp_path / "long.xlsx", b'<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>'
                    + b"a" * 40_000 + b"</t></is></c></row></sheetData></worksheet>")
    with open(long, "rb") as f:
        found = measure(f)
    assert found is not None and (found.code, found.row, found.column) == ("cell-too-long", 1, 1)
    csv_file = write_csv(tmp_path / "long.csv", [["x" * 40_000, "a", "CN"]])
    sheet, problems = read_sheet(csv_file)
    assert sheet is None and [(p.line, p.column, p.code) for p in problems] == [(2, 1, "cell-too-long")]


def test_entity_declarations_are_refused(tmp_path: Path) -> None:
    laughs = workbook(tmp_path / "laughs.xlsx", b'<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet/>')
    with open(laughs, "rb") as f:
        assert measure(f, Bounds()).code == "not-xlsx"


def test_a_sheet_kept_outside_the_worksheets_folder_is_measured_all_the_same(tmp_path: Path) -> None:
    # The workbook's relationships may name any member as a sheet; openpyxl reads it from there.
    row = b"".join(b"<c><v>%d</v></c>" % (i % 7) for i in range(17_000))
    sheet = b'<worksheet><sheetData><row r="1">' + row + b"</row></sheetData></worksheet>"
    wide = workbook(tmp_path / "wide.xlsx", sheet, at="xl/s.xml")
    assert "16,384 columns" in refused(disclose_import(wide, tmp_path), "too-many-columns")
    laughs = workbook(tmp_path / "laughs.xlsx", b'<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet/>', at="xl/theme/x.xml")
    with open(laughs, "rb") as f:
        assert measure(f).code == "not-xlsx"


def test_more_shared_texts_than_a_list_needs_are_refused_before_openpyxl_holds_them(tmp_path: Path) -> None:
    # openpyxl keeps every shared text in memory: 5.2 million of three digits (11 MB on disk) took 880 MB, and
    # 1.2 million ran out of the 300 MB with "cannot read this as an XLSX workbook: " and no reason.
    book = openpyxl.Workbook()
    book.active.append(["Factory Name", "Country"])
    book.active.append(["Mill", "China"])
    book.save(tmp_path / "base.xlsx")
    rng = random.Random(2)
    texts = b"".join(b"<si><t>%03d</t></si>" % rng.randrange(1000) for _ in range(1_200_000))
    named = {"[Content_Types].xml": (b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="'
                                     b'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"'
                                     b"/></Types>"),
             "xl/_rels/workbook.xml.rels": (b"</Relationships>", b'<Relationship Id="rIdS" Type="http://schemas.'
                                            b"openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
                                            b'" Target="sharedStrings.xml"/></Relationships>')}
    with zipfile.ZipFile(tmp_path / "base.xlsx") as source, zipfile.ZipFile(tmp_path / "texts.xlsx", "w",
                                                                             zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info, source.read(info).replace(*named.get(info.filename, (b"", b""))))
        out.writestr("xl/sharedStrings.xml", b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                     + texts + b"</sst>")
    assert "more than 400,000 texts" in refused(disclose_import(tmp_path / "texts.xlsx", tmp_path), "xlsx-too-large")


@pytest.mark.parametrize(("part", "element", "after"), [
    ("xl/styles.xml", b'<xf numFmtId="%d" fontId="0" fillId="0" borderId="0"/>', b"<cellXfs"),
    ("xl/workbook.xml", b'<definedName name="n%d">Sheet!$A$1</definedName>', b"</sheets>"),
])
def test_a_workbook_of_a_million_styles_or_names_is_refused_before_openpyxl_makes_them(
        tmp_path: Path, part: str, element: bytes, after: bytes) -> None:
    # openpyxl makes an object of each: 300,000 styles in a 0.9 MB workbook took 550 MB.
    book = openpyxl.Workbook()
    book.active.append(["Factory Name", "Country"])
    book.active.append(["Mill", "China"])
    book.save(tmp_path / "base.xlsx")
    rng = random.Random(3)
    many = b"".join(element % rng.randrange(1_000_000) for _ in range(1_000_000))
    with zipfile.ZipFile(tmp_path / "base.xlsx") as source, zipfile.ZipFile(tmp_path / "many.xlsx", "w",
                                                                             zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            text = source.read(info)
            if info.filename == part:
                at = text.index(after)
                at = text.index(b">", at) + 1 if after.startswith(b"<c") else at + len(after)
                text = text[:at] + (many if after.startswith(b"<c") else b"<definedNames>" + many
                                    + b"</definedNames>") + text[at:]
            out.writestr(info, text)
    assert (tmp_path / "many.xlsx").stat().st_size < 20_000_000
    assert "more than 100,000 elements" in refused(disclose_import(tmp_path / "many.xlsx", tmp_path), "xlsx-too-large")


def test_a_workbook_whose_zip_asks_for_a_password_is_refused_in_words(tmp_path: Path) -> None:
    """zipfile raises RuntimeError for an encrypted member: 'unexpected error, please report it'."""
    book = openpyxl.Workbook()
    book.active.append(["Factory Name", "Country"])
    book.save(tmp_path / "plain.xlsx")
    data = bytearray((tmp_path / "plain.xlsx").read_bytes())
    for signature, flags in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):   # each header's "encrypted" bit
        at = data.find(signature)
        while at >= 0:
            data[at + flags] |= 1
            at = data.find(signature, at + 4)
    (tmp_path / "locked.xlsx").write_bytes(data)
    assert "encrypted with a password" in refused(disclose_import(tmp_path / "locked.xlsx", tmp_path), "not-xlsx")


def test_comments_a_chart_and_a_flawed_drawing_are_no_reason_to_refuse_a_workbook(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["Factory Name", "Country"])
    for i in range(200):
        book.active.append([f"Mill {i}", "China"])
        book.active.cell(i + 2, 1).comment = Comment("checked on site by the auditor " * 10, "auditor")
    chart = BarChart()
    chart.add_data(Reference(book.active, min_col=1, min_row=1, max_row=50))
    book.active.add_chart(chart, "E5")
    book.save(tmp_path / "noted.xlsx")
    with zipfile.ZipFile(tmp_path / "noted.xlsx", "a") as out:   # Excel's comment drawings are not always XML
        out.writestr("xl/drawings/vmlDrawing9.vml", "<xml><v:textbox><div>a<br>b</div></v:textbox></xml>")
    with open(tmp_path / "noted.xlsx", "rb") as f:
        assert measure(f) is None


def test_dev_zero_a_fifo_and_a_link_are_refused_unread(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.csv")
    (tmp_path / "link.csv").symlink_to(write_csv(tmp_path / "real.csv", osh_rows(2)))
    for sheet in (Path("/dev/zero"), tmp_path / "pipe.csv", tmp_path / "link.csv"):
        assert "not a file" in refused(disclose_import(sheet, tmp_path), "not-a-file")


def test_a_3_gb_csv_is_refused_by_its_size_alone(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    with open(big, "wb") as f:   # sparse: takes no room on disk
        f.write(b"name,address,country\n")
        f.truncate(3 * 1024**3)
    refused(disclose_import(big, tmp_path), "file-too-large")


@pytest.mark.parametrize("separator", [",", ";"])
def test_a_csv_row_wider_than_excel_allows_is_refused(separator: str, tmp_path: Path) -> None:
    wide = tmp_path / "wide.csv"
    wide.write_text(separator.join(["name", "address", "country"]) + "\n" + separator * 20_000 + "\n", encoding="utf-8")
    sheet, problems = read_sheet(wide)
    assert sheet is None and [(p.line, p.code) for p in problems] == [(2, "too-many-columns")]


def test_merged_ranges_over_the_whole_sheet_cost_no_more_than_the_rows_read(tmp_path: Path) -> None:
    """Thousands of overlapping merges, each the whole of Excel's grid, over a table of two rows."""
    rows = (b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c>'
            b'<c r="B1" t="inlineStr"><is><t>address</t></is></c><c r="C1" t="inlineStr"><is><t>country</t></is></c>'
            b'</row><row r="2"><c r="A2" t="inlineStr"><is><t>Example Mill</t></is></c>'
            b'<c r="B2" t="inlineStr"><is><t>1 Road</t></is></c><c r="C2" t="inlineStr"><is><t>GB</t></is></c>'
            b"</row></sheetData>")
    merges = b'<mergeCells count="5000">' + b'<mergeCell ref="A1:XFD1048576"/>' * 5000 + b"</mergeCells>"
    sheet = workbook(tmp_path / "merges.xlsx", NS + rows + merges + b"</worksheet>")
    done = disclose_import(sheet, tmp_path)
    assert "Traceback" not in done.stderr
    # The header's first cell fills the blank cells it covers, nothing more: the row is still
    # one site, read under the headings of row 1.
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 added" in done.stdout


def _formatted_below(path: Path, rows: int) -> Path:
    """One supplier, then `rows` rows formatted and left empty, as a template coloured down the sheet."""
    book = openpyxl.Workbook()
    book.active.append(["Factory Name", "Address", "Country"])
    book.active.append(["Example Mill", "1 Example Road, Dhaka", "Bangladesh"])
    fill = openpyxl.styles.PatternFill("solid", fgColor="FFFF00")
    for number in range(3, rows + 3):
        book.active.cell(row=number, column=1).fill = fill
    book.save(path)
    return path


def test_empty_rows_below_the_table_do_not_count_against_the_rows_allowed(tmp_path: Path) -> None:
    sheet = _formatted_below(tmp_path / "list.xlsx", 60_000)
    for folder in ("xlsx", "csv"):
        (tmp_path / folder).mkdir()
    done = disclose_import(sheet, tmp_path / "xlsx")
    assert done.returncode == 0 and "suppliers: 1 added" in done.stdout, done.stdout + done.stderr
    sheet = tmp_path / "list.csv"   # the same sheet saved as CSV: Excel writes its formatted rows as ',,'
    sheet.write_text("Factory Name,Address,Country\r\nExample Mill,1 Example Road,Bangladesh\r\n" + ",,\r\n" * 60_000,
                     encoding="utf-8")
    done = disclose_import(sheet, tmp_path / "csv")
    assert done.returncode == 0 and "suppliers: 1 added" in done.stdout, done.stdout + done.stderr


def test_a_value_beyond_the_rows_allowed_is_still_refused_at_its_row(tmp_path: Path) -> None:
    sheet = _formatted_below(tmp_path / "list.xlsx", 10)
    book = openpyxl.load_workbook(sheet)
    book.active.cell(row=60_000, column=1, value="stray")
    book.save(sheet)
    assert "60000:1: error: more than 50,000 rows" in refused(disclose_import(sheet, tmp_path), "too-many-rows")


def test_formulas_that_show_nothing_below_the_table_do_not_count_either(tmp_path: Path) -> None:
    rows = "".join(f'<row r="{n}"><c r="B{n}" t="str"><f>IF(A{n}="","",A{n})</f><v></v></c></row>'
                   for n in range(3, 60_003))
    sheet = workbook(tmp_path / "list.xlsx", b'<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Factory '
                     b'Name</t></is></c><c r="B1" t="inlineStr"><is><t>Country</t></is></c><c r="C1" t="inlineStr"><is>'
                     b'<t>Address</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Example Mill</t></is></c>'
                     b'<c r="B2" t="inlineStr"><is><t>Portugal</t></is></c><c r="C2" t="inlineStr"><is><t>1 Example '
                     b'Road</t></is></c></row>' + rows.encode() + b'</sheetData></worksheet>')
    done = disclose_import(sheet, tmp_path)
    assert done.returncode == 0 and "suppliers: 1 added" in done.stdout, done.stdout + done.stderr
