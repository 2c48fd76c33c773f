from __future__ import annotations

import csv
import datetime as dt
import json
import textwrap
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from generator.authoring.importer import import_sheet
from generator.check.validation import validate_document
from generator.cli import main
from generator.load.loader import load_file

TODAY = dt.date(2026, 6, 1)

FIXTURE = textwrap.dedent("""\
    # yaml-language-server: $schema=../schema/disclosure.schema.json
    # Hand-written header comment: must survive every import.
    schema_version: "1.0"
    company:
      id: import-example
      name: Import Example Ltd   # the usual name
      headquarters: "NO"
    disclosure:
      period: {start: 2025-01-01, end: 2025-12-31}
      published: 2026-01-10
      example: true
    suppliers:
      # Tier 2 spinners first
      - id: kashgar-yarn
        name: Kashgar Example Yarn Co., Ltd.
        local_name: 喀什示例纱线有限公司
        country: CN
        subdivision: CN-XJ
        relationship: supplier
        tier: 2
        notes: Visited in 2025; written by hand.   # keep me
    due_diligence:
      - id: ra-2025
        step: risk-assessment
        status: completed
        date: 2025-11-01
        summary: Supplier risk review.
        scope: [kashgar-yarn]
    """)

HEADER = ["name", "address", "country", "sector", "product_type", "number_of_workers", "parent_company",
          "native_language_name", "lat", "lng", "duns_id"]


def disclosure(tmp_path: Path) -> Path:
    folder = tmp_path / "disclosures"
    folder.mkdir(exist_ok=True)
    target = folder / "import-example.yaml"
    target.write_text(FIXTURE, encoding="utf-8")
    return target


def osh_rows(n: int) -> list[list[str]]:
    countries = ["China", "CN", "Viet Nam", "VNM", "Bangladesh", "türkiye", "India"]
    rows = [["Kashgar Example Yarn Company Limited", "1 Example Road, Kashgar", "China", "Apparel",
             "Yarn|Cotton yarn", "120", "Example Textile Group", "喀什示例纱线有限公司", "39.47", "75.99", ""]]
    for i in range(1, n):
        rows.append([f"Example Factory {i} Co., Ltd.", f"{i} Example Street", countries[i % len(countries)],
                     "Apparel", "Garments|Knitwear" if i % 2 else "Footwear", str(10 + i), "" if i % 3 else
                     "Example Parent Holdings", "", "", "", f"{100000000 + i}"])
    return rows


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_500_row_csv_merges_keeping_comments_and_hand_written_fields(tmp_path: Path) -> None:
    target = disclosure(tmp_path)
    sheet = write_csv(tmp_path / "facilities.csv", osh_rows(500))
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    assert outcome.written and len(outcome.added) == 499 and outcome.updated == ["kashgar-yarn"]
    text = target.read_text(encoding="utf-8")
    for kept in ("# Hand-written header comment", "# the usual name", "# Tier 2 spinners first", "# keep me",
                 "period: {start: 2025-01-01, end: 2025-12-31}", 'headquarters: "NO"'):
        assert kept in text
    doc = load_file(target)
    assert validate_document(doc, TODAY) == []
    yarn = doc.data["suppliers"][0]
    assert yarn["name"] == "Kashgar Example Yarn Co., Ltd."   # same name, the file's spelling kept
    assert yarn["notes"] == "Visited in 2025; written by hand." and yarn["tier"] == 2
    assert yarn["products"] == ["Yarn", "Cotton yarn"] and yarn["workers"] == 120
    assert yarn["parent"] == "Example Textile Group"
    by_id = {e["id"]: e for e in doc.data["suppliers"]}
    assert by_id["example-factory-2-vn"]["country"] == "VN"
    assert by_id["example-factory-5-tr"]["country"] == "TR"
    assert by_id["example-factory-3-vn"]["identifiers"] == {"duns": "100000003"}
    assert list(doc.data) == ["schema_version", "company", "disclosure", "suppliers", "due_diligence"]


def test_importing_the_same_sheet_twice_changes_nothing(tmp_path: Path) -> None:
    target = disclosure(tmp_path)
    sheet = write_csv(tmp_path / "facilities.csv", osh_rows(20))
    import_sheet(sheet, target, "suppliers", today=TODAY)
    first = target.read_bytes()
    again = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert again.ok and not again.written and not again.added and not again.updated
    assert target.read_bytes() == first


def test_xlsx_with_transparency_pledge_headings(tmp_path: Path) -> None:
    target = disclosure(tmp_path)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sites"
    sheet.append(["Site name", "Full address", "Country", "Parent company", "Type of products", "Number of workers"])
    sheet.append(["Dhaka Example Garments Ltd", "Plot 7, Example Zone", "Bangladesh", "Example Group",
                  "Shirts|Trousers", 2300])
    sheet.append(["Example Shoes (Vietnam) Co.", "12 Example Road", "VN", None, "Footwear", 850.0])
    book.save(tmp_path / "pledge.xlsx")
    outcome = import_sheet(tmp_path / "pledge.xlsx", target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    by_id = {e["id"]: e for e in load_file(target).data["suppliers"]}
    dhaka = by_id["dhaka-example-garment-bd"]
    assert dhaka["workers"] == 2300 and dhaka["parent"] == "Example Group"
    assert dhaka["products"] == ["Shirts", "Trousers"]
    assert by_id["example-shoes-vietnam-vn"]["workers"] == 850


def test_bad_rows_are_located_and_nothing_is_written(tmp_path: Path) -> None:
    target = disclosure(tmp_path)
    rows = osh_rows(6)
    rows[2][2] = "Atlantis"          # row 4: country column 3
    rows[3][1] = ""                  # row 5: address column 2
    rows[4][5] = "lots"              # row 6: not a number, column 6
    rows[5][5] = "more than 10000"   # row 7: an open band: kept without its workers, with a warning
    sheet = write_csv(tmp_path / "bad.csv", rows)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert not outcome.ok and not outcome.written
    located = {(p.line, p.column, p.code) for p in outcome.problems if p.is_error}
    assert located == {(4, 3, "import-country"), (5, 2, "import-missing-value"), (6, 6, "import-workers")}
    assert (7, 6, "import-workers-open") in {(p.line, p.column, p.code) for p in outcome.problems}
    assert all(p.file == str(sheet) for p in outcome.problems)
    assert target.read_text(encoding="utf-8") == FIXTURE


def test_xlsx_problems_name_the_sheet_and_a_formula_without_its_value_reads_empty(tmp_path: Path) -> None:
    target = disclosure(tmp_path)
    book = openpyxl.Workbook()
    book.active.title = "Tier 1"
    book.active.append(["name", "address", "country", "number_of_workers"])
    book.active.append(["Example Mill Ltd", "1 Mill Lane", "GB", "=10*10"])   # openpyxl saves no value
    book.save(tmp_path / "formula.xlsx")
    outcome = import_sheet(tmp_path / "formula.xlsx", target, "suppliers", today=TODAY)
    [problem] = [p for p in outcome.problems if p.code == "formula-no-value"]
    assert (problem.line, problem.column, problem.level) == (2, 4, "warning")
    assert "sheet 'Tier 1'" in problem.message
    assert outcome.ok and outcome.written and "10*10" not in target.read_text(encoding="utf-8")


def test_a_merged_result_that_does_not_validate_is_not_written(tmp_path: Path) -> None:
    target = disclosure(tmp_path)
    sheet = write_csv(tmp_path / "s.csv", [["Example Mill Ltd", "1 Mill Lane", "GB", "CN-XJ"]],
                      header=["name", "address", "country", "subdivision"])
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    errors = [p for p in outcome.problems if p.is_error]
    assert errors and not outcome.written
    assert errors[0].file == str(sheet) and (errors[0].line, errors[0].column) == (2, 4)
    assert target.read_text(encoding="utf-8") == FIXTURE


def test_map_option_and_unknown_columns(tmp_path: Path) -> None:
    target = disclosure(tmp_path)
    sheet = write_csv(tmp_path / "m.csv", [["Example Mill Ltd", "1 Mill Lane", "United Kingdom", "x"]],
                      header=["Factory", "Where", "country", "colour"])
    result = CliRunner().invoke(main, ["import", str(sheet), "--company", "import-example", "--dir",
                                       str(target.parent), "--map", "Factory=name", "--map", "Where=address"])
    assert result.exit_code == 0, result.output
    assert "column 'colour' is not imported" in result.output and "1 added" in result.output
    assert load_file(target).data["suppliers"][1]["id"] == "example-mill-gb"


def test_partners_need_a_relationship(tmp_path: Path) -> None:
    target = disclosure(tmp_path)
    sheet = write_csv(tmp_path / "p.csv", [["Example Distributor Ltd", "2 Dock Road", "GB", "distributor"],
                                           ["Example Agent Ltd", "3 Dock Road", "GB", ""]],
                      header=["name", "address", "country", "relationship"])
    outcome = import_sheet(sheet, target, "partners", today=TODAY)
    assert not outcome.ok
    [problem] = [p for p in outcome.problems if p.is_error]
    assert (problem.file, problem.line, problem.code) == (str(sheet), 3, "missing-field")
    assert "relationship" in problem.message and "row 3" in problem.message


def test_hand_written_entity_without_address_survives_export_and_import(tmp_path: Path) -> None:
    target = disclosure(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["export", "--out", str(out), "--source", str(target.parent)])
    assert result.exit_code == 0, result.output
    again = import_sheet(out / "import-example-suppliers.csv", target, "suppliers", today=TODAY)
    assert again.ok and again.unchanged == ["kashgar-yarn"] and not again.written
    assert target.read_text(encoding="utf-8") == FIXTURE


def test_an_invalid_disclosure_is_reported_before_any_merge(tmp_path: Path) -> None:
    target = disclosure(tmp_path)
    target.write_text(FIXTURE.replace("tier: 2", "tier: 9"), encoding="utf-8")
    outcome = import_sheet(write_csv(tmp_path / "s.csv", osh_rows(3)), target, "suppliers", today=TODAY)
    assert not outcome.ok and not outcome.written
    assert {p.file for p in outcome.problems if p.is_error} == {str(target)}


def test_import_export_import_round_trip(tmp_path: Path) -> None:
    target = disclosure(tmp_path)
    import_sheet(write_csv(tmp_path / "s.csv", osh_rows(50)), target, "suppliers", today=TODAY)
    before = target.read_bytes()
    out = tmp_path / "out"
    for fmt in ("csv", "json"):
        result = CliRunner().invoke(main, ["export", "--format", fmt, "--out", str(out), "--source",
                                           str(target.parent)])
        assert result.exit_code == 0, result.output
    for exported in (out / "import-example-suppliers.csv", out / "import-example-suppliers.json"):
        again = import_sheet(exported, target, "suppliers", today=TODAY)
        assert again.ok and not again.added and not again.updated and len(again.unchanged) == 50, exported
        assert target.read_bytes() == before


def test_the_json_export_imports_into_another_disclosure_as_the_csv_export_does(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    source = disclosure(tmp_path / "a")
    import_sheet(write_csv(tmp_path / "s.csv", osh_rows(30)), source, "suppliers", today=TODAY)
    out = tmp_path / "out"
    for fmt in ("csv", "json"):
        CliRunner().invoke(main, ["export", "--format", fmt, "--out", str(out), "--source", str(source.parent)])
    made = []
    for fmt in ("csv", "json"):
        (tmp_path / fmt).mkdir()
        target = disclosure(tmp_path / fmt)
        outcome = import_sheet(out / f"import-example-suppliers.{fmt}", target, "suppliers", today=TODAY)
        assert outcome.ok and len(outcome.added) + len(outcome.updated) == 30, fmt
        made.append((target.read_text(encoding="utf-8"), outcome.added, outcome.updated))
    assert made[0] == made[1]


@pytest.mark.parametrize(("text", "where", "code"), [
    ('[{"name": "A", "country": "VN"},\n {"name": "B" "country": "VN"}]', (2, 15), "json-syntax"),
    ('{"name": "A"}', (1, 1), "json-shape"),
    ('{"count": 2, "results": [1, 2]}', (1, 1), "json-shape"),
    ('[' * 100_000 + ']' * 100_000, (1, 1), "json-syntax"),
])
def test_a_json_file_that_holds_no_list_of_objects_is_a_located_problem(
        tmp_path: Path, text: str, where: tuple[int, int], code: str) -> None:
    (tmp_path / "list.json").write_text(text, encoding="utf-8")
    outcome = import_sheet(tmp_path / "list.json", disclosure(tmp_path), "suppliers", today=TODAY)
    assert [((p.line, p.column), p.code) for p in outcome.problems] == [(where, code)]
    assert not outcome.written


def test_row_limit_is_enforced(tmp_path: Path) -> None:
    from generator.authoring.sheets import Limits

    target = disclosure(tmp_path)
    outcome = import_sheet(write_csv(tmp_path / "big.csv", osh_rows(30)), target, "suppliers", today=TODAY,
                           limits=Limits(max_rows=10))
    assert [p.code for p in outcome.problems] == ["too-many-rows"] and not outcome.written


def test_cells_that_look_like_formulas_round_trip_guarded(tmp_path: Path) -> None:
    target = disclosure(tmp_path)
    rows = [["Example Mill Ltd", "=HYPERLINK(1)", "GB", "", "", "", "", "", "", "", ""]]
    import_sheet(write_csv(tmp_path / "s.csv", rows), target, "suppliers", today=TODAY)
    before = target.read_bytes()
    out = tmp_path / "out"
    CliRunner().invoke(main, ["export", "--out", str(out), "--source", str(target.parent)])
    exported = (out / "import-example-suppliers.csv").read_text(encoding="utf-8")
    assert ",'=HYPERLINK(1)," in exported
    again = import_sheet(out / "import-example-suppliers.csv", target, "suppliers", today=TODAY)
    assert again.ok and not again.written and target.read_bytes() == before


def test_import_into_a_starter_file_uses_the_project_indentation(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    assert CliRunner().invoke(main, ["new", "starter-co", "--name", "Starter Co", "--dir", str(folder)]).exit_code == 0
    sheet = write_csv(tmp_path / "s.csv", [["Example Mill Ltd", "1 Mill Lane", "GB"]],
                      header=["name", "address", "country"])
    before = (folder / "starter-co.yaml").read_text(encoding="utf-8")
    assert import_sheet(sheet, folder / "starter-co.yaml", "suppliers", today=TODAY).written
    after = (folder / "starter-co.yaml").read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))   # every comment of the starter kept, in place
    assert "suppliers:\n  - id: example-mill-gb\n    name: Example Mill Ltd\n" in after


def test_windows_line_endings_are_kept(tmp_path: Path) -> None:
    target = disclosure(tmp_path)
    target.write_bytes(FIXTURE.replace("\n", "\r\n").encode("utf-8"))
    outcome = import_sheet(write_csv(tmp_path / "s.csv", osh_rows(3)), target, "suppliers", today=TODAY)
    assert outcome.written
    raw = target.read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n") and b"# keep me\r\n" in raw


def test_cli_import_exit_codes(tmp_path: Path) -> None:
    target = disclosure(tmp_path)
    bad = write_csv(tmp_path / "bad.csv", [["", "1 Lane", "GB"]], header=["name", "address", "country"])
    result = CliRunner().invoke(main, ["import", str(bad), "--company", "import-example", "--dir", str(target.parent)])
    assert result.exit_code == 1
    assert f"{bad}:2:1: error: row 2 has no name" in result.output and "unchanged" in result.output
    result = CliRunner().invoke(main, ["import", str(bad), "--company", "import-example", "--dir",
                                       str(target.parent), "--map", "nonsense"])
    assert result.exit_code == 2


def test_damaged_files_give_problems_not_tracebacks(tmp_path: Path) -> None:
    import random

    target = disclosure(tmp_path)
    rng = random.Random(3)
    for suffix in (".csv", ".xlsx"):
        for i in range(20):
            sheet = tmp_path / f"junk{i}{suffix}"
            sheet.write_bytes(b"PK\x03\x04" * (i % 2) + bytes(rng.randrange(256) for _ in range(rng.randrange(400))))
            outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
            assert not outcome.written
            assert all(p.file in (str(sheet), str(target)) for p in outcome.problems)
    assert target.read_text(encoding="utf-8") == FIXTURE


def test_semicolon_separated_csv_with_commas_in_addresses(tmp_path: Path) -> None:
    target = disclosure(tmp_path)
    sheet = tmp_path / "semi.csv"
    sheet.write_text("name;address;country\nExample Mill Ltd;1 Mill Lane, Leeds, LS1;GB\n", encoding="utf-8")
    assert import_sheet(sheet, target, "suppliers", today=TODAY).ok
    assert load_file(target).data["suppliers"][1]["address"] == "1 Mill Lane, Leeds, LS1"


GEOJSON = {"type": "FeatureCollection", "count": 2, "next": None, "features": [
    {"id": "CH2022234TE4H2S", "type": "Feature", "geometry": {"type": "Point", "coordinates": [9.1461813, 46.2477371]},
     "properties": {"name": "Example Meat AG", "address": "Via Pascolet, 41 Grono", "country_code": "CH",
                    "os_id": "CH2022234TE4H2S", "ppe_product_types": None, "ppe_contact_phone": None}},
    {"id": "CH202021293Y402", "type": "Feature", "geometry": {"type": "Point", "coordinates": [9.0300683, 45.8330553]},
     "properties": {"name": "Example Gloves SA", "address": "Via Motta 24, CH-6830 Chiasso", "country_code": "CH",
                    "os_id": "CH202021293Y402", "ppe_product_types": ["Face Mask", "Nitrile Gloves"],
                    "ppe_contact_phone": "41919211492", "claim": {"status": "approved"}}}]}


@pytest.mark.parametrize("shape", ["geojson", "results", "flat"])
def test_open_supply_hubs_api_answers_import_with_their_points(tmp_path: Path, shape: str) -> None:
    flat = [{**f["properties"], "lat": f["geometry"]["coordinates"][1], "lng": f["geometry"]["coordinates"][0]}
            for f in GEOJSON["features"]]
    data = {"geojson": GEOJSON, "results": {"count": 2, "results": flat}, "flat": flat}[shape]
    (tmp_path / "api.json").write_text(json.dumps(data), encoding="utf-8")
    target = disclosure(tmp_path)
    outcome = import_sheet(tmp_path / "api.json", target, "suppliers", today=TODAY)
    assert outcome.ok and len(outcome.added) == 2, [p.text() for p in outcome.problems]
    sites = {e["name"]: e for e in load_file(target).data["suppliers"]}
    gloves = sites["Example Gloves SA"]
    assert gloves["coordinates"] == {"lat": 45.8330553, "lon": 9.0300683}
    assert gloves["identifiers"]["os_id"] == "CH202021293Y402" and "41919211492" not in target.read_text()
    assert [p.code for p in outcome.problems if p.code == "json-nested"] == ["json-nested"]


@pytest.mark.parametrize(("text", "code"), [
    ('[{"name": "A", "workers": ' + "9" * 5000 + "}]", "json-syntax"),
    ("[" + ",".join(["{}"] * 300_000) + "]", "too-many-rows"),
])
def test_a_json_list_too_big_to_read_stops_at_a_located_problem(tmp_path: Path, text: str, code: str) -> None:
    (tmp_path / "list.json").write_text(text, encoding="utf-8")
    outcome = import_sheet(tmp_path / "list.json", disclosure(tmp_path), "suppliers", today=TODAY)
    assert [p.code for p in outcome.problems] == [code] and not outcome.written


def test_a_key_given_twice_in_a_json_list_is_said(tmp_path: Path) -> None:
    text = '[{"name": "Alpha Knit", "name": "Beta Knit", "address": "1 Road", "country": "VN"}]'
    (tmp_path / "list.json").write_text(text, encoding="utf-8")
    target = disclosure(tmp_path)
    outcome = import_sheet(tmp_path / "list.json", target, "suppliers", today=TODAY)
    assert outcome.ok and [p.code for p in outcome.problems if p.code == "json-duplicate-key"] == [
        "json-duplicate-key"]
    assert "'name' twice" in next(p.message for p in outcome.problems if p.code == "json-duplicate-key")
