"""Supplier lists as companies and Open Supply Hub publish them, imported in one command.

Fixtures in tests/fixtures/import carry real traits: a group's plants under one name in
four Thai towns, two sister plants in one town, a row repeated with other spacing, wild
country spellings and headings (a brand's export), and Open Supply Hub's download layout
with os_id, coordinates, pipe-joined cells and is_closed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.authoring.importer import import_sheet
from generator.check.validation import validate_document
from generator.cli import main
from generator.load.loader import load_file
from generator.problems import collapse
from tests.authoring.test_import import FIXTURE, disclosure

HERE = Path(__file__).parents[1] / "fixtures" / "import"
BRAND, DOWNLOAD = HERE / "brand-factory-list.csv", HERE / "osh-download.csv"
TODAY = dt.date(2026, 6, 1)


def imported(tmp_path: Path, sheet: Path) -> tuple[Path, dict[str, dict]]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok and outcome.written, [p.text() for p in outcome.problems]
    doc = load_file(target)
    assert validate_document(doc, TODAY) == []
    return target, {e["id"]: e for e in doc.data["suppliers"]}


def reordered(source: Path, target: Path) -> Path:
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    rows = list(csv.reader(io.StringIO("".join(lines))))
    with open(target, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([rows[0], *reversed(rows[1:])])
    return target


def test_a_groups_plants_in_four_towns_are_four_entities_with_readable_ids(tmp_path: Path) -> None:
    target, by_id = imported(tmp_path, BRAND)
    plants = {i: e for i, e in by_id.items() if i.startswith("nan-yang-garment-th")}
    assert sorted(plants) == ["nan-yang-garment-th-kamphaeng-saen", "nan-yang-garment-th-mae-sot",
                              "nan-yang-garment-th-phichit", "nan-yang-garment-th-sam-phran"]
    phichit = plants["nan-yang-garment-th-phichit"]
    assert phichit["subdivision"] == "TH-66" and phichit["parent"] == "Nan Yang Textile Group"
    assert phichit["workers"] == 1450 and phichit["female_workers"] == 1100
    assert phichit["migrant_workers"] == 174            # "12%" of 1450
    assert plants["nan-yang-garment-th-mae-sot"]["workers"] == "1000-1500"
    assert plants["nan-yang-garment-th-kamphaeng-saen"]["workers"] == "0-999"   # "less than 1000"
    assert plants["nan-yang-garment-th-kamphaeng-saen"]["products"] == ["Apparel", "Accessories"]
    # Two sister plants in one town stay two, told apart by a digest of their addresses.
    gimmill = sorted(i for i in by_id if i.startswith("gimmill"))
    assert len(gimmill) == 2 and all(i.startswith("gimmill-industry-m-my-batu-pahat-") for i in gimmill)
    assert load_file(target).data["schema_version"] == "1.1"   # the file now uses 1.1 fields
    assert 'schema_version: "1.1"' in target.read_text(encoding="utf-8")


def test_countries_as_people_write_them(tmp_path: Path) -> None:
    _, by_id = imported(tmp_path, BRAND)
    countries = {i: e["country"] for i, e in by_id.items()}
    assert {countries[k] for k in ("busan-textile-kr", "seoul-trims-kr")} == {"KR"}
    assert countries["sarajevo-leather-ba"] == "BA" and countries["taichung-precision-tw"] == "TW"
    assert countries["izmir-denim-tr"] == countries["bursa-tekstil-tr"] == "TR"
    assert countries["brno-knit-cz"] == "CZ" and countries["chisinau-sew-md"] == "MD"
    assert countries["leicester-garment-gb"] == countries["glasgow-tweed-gb"] == "GB"
    assert countries["carolina-yarns-us"] == countries["los-angeles-cut-and-sew-us"] == "US"
    assert countries["pristina-textile-xk"] == "XK" and countries["qingdao-taekwang-shoes-cn"] == "CN"
    assert countries["taekwang-vina-industry-vn"] == "VN" and countries["dhaka-knit-wear-bd"] == "BD"


def test_a_repeated_row_merges_with_a_warning_naming_both_rows(tmp_path: Path) -> None:
    target = disclosure(tmp_path)
    outcome = import_sheet(BRAND, target, "suppliers", today=TODAY)
    duplicates = [p for p in outcome.problems if p.code == "import-duplicate-row"]
    assert [(p.level, p.line) for p in duplicates] == [("warning", 9)]
    assert "rows 8 and 9" in duplicates[0].message
    shoes = next(e for e in load_file(target).data["suppliers"] if e["id"] == "hai-phong-shoes-vn")
    assert shoes["female_workers"] == 3900 and shoes["country"] == "VN"


def test_ids_do_not_depend_on_row_order_and_a_second_import_changes_nothing(tmp_path: Path) -> None:
    first, by_id = imported(tmp_path / "a", BRAND)
    _, again = imported(tmp_path / "b", reordered(BRAND, tmp_path / "reversed.csv"))
    assert sorted(by_id) == sorted(again)
    assert {i: e["address"] for i, e in by_id.items() if "address" in e} == \
           {i: e["address"] for i, e in again.items() if "address" in e}
    before = first.read_bytes()
    outcome = import_sheet(BRAND, first, "suppliers", today=TODAY)
    assert outcome.ok and not outcome.written and not outcome.added and not outcome.updated
    assert first.read_bytes() == before


def test_open_supply_hub_download_goes_in_as_published(tmp_path: Path) -> None:
    target = disclosure(tmp_path)
    outcome = import_sheet(DOWNLOAD, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    ignored = {p.message.split("'")[1] for p in outcome.problems if p.code == "import-column-ignored"}
    assert ignored == {"contribution_date", "sector", "contributor (list)", "processing_type_facility_type_raw"}
    by_os = {e["identifiers"]["os_id"]: e for e in load_file(target).data["suppliers"] if "identifiers" in e}
    phichit = by_os["TH2021123ABC1DE"]
    assert phichit["coordinates"] == {"lat": 16.4419, "lon": 100.3488}
    assert phichit["facility_type"] == ["Final Product Assembly", "Cutting", "Sewing"]
    assert phichit["products"] == ["Shirts", "Trousers"] and phichit["workers"] == "1000-1500"
    assert by_os["CN2020111QWE3RT"]["status"] == "ended"          # is_closed: True
    assert "status" not in by_os["VN2019300XYZ9AB"]                # is_closed: False says nothing
    assert by_os["XK2022050KOS0V1"]["country"] == "XK"
    assert len({e["id"] for e in by_os.values()}) == 6             # two Nan Yang plants, two ids


@pytest.mark.parametrize("layout", ["osh-download", "osh-upload"])
def test_import_export_import_changes_nothing(tmp_path: Path, layout: str) -> None:
    target, by_id = imported(tmp_path, DOWNLOAD)
    runner = CliRunner()
    result = runner.invoke(main, ["export", "--source", str(target.parent), "--out", str(tmp_path / "out"),
                                  "--layout", layout])
    assert result.exit_code == 0, result.output
    exported = next((tmp_path / "out").glob("*.csv"))
    if layout == "osh-download":
        assert exported.read_text(encoding="utf-8").startswith("os_id,contribution_date,name,address,country_code")
    before = target.read_bytes()
    again = import_sheet(exported, target, "suppliers", today=TODAY)
    assert again.ok and not again.written and not again.updated and not again.added
    assert target.read_bytes() == before
    # Into a fresh file: the same entities, new fields included.
    _, fresh = imported(tmp_path / "fresh", exported)
    assert {i: e for i, e in fresh.items() if i != "kashgar-yarn"} == \
           {i: e for i, e in by_id.items() if i != "kashgar-yarn"}


def write(path: Path, header: str, *rows: str) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("header", "rows", "expected"), [
    ("id,name,address,country", ["plant-1,Alpha Garments,1 Road,TH", "plant-1,Beta Knit,2 Road,TH"],
     {(3, 1, "import-conflicting-rows")}),
    ("os_id,name,address,country_code,number_of_workers",
     ["TH2021AAA,Alpha Garments,1 Road,TH,100", "TH2021AAA,Alpha Garments,1 Road,TH,900"],
     {(3, 1, "import-conflicting-rows")}),
    # at the column of the id in conflict: a smelter's CID was reported at column 1, its name
    ("name,country,Smelter ID,number_of_workers",
     ["Alpha Refinery,TH,CID000123,100", "Alpha Refinery,TH,CID000123,900"], {(3, 3, "import-conflicting-rows")}),
    ("name,address,country", ["Alpha Garments,1 Road,Congo", "Beta Knit,2 Road,Congo", "Gamma,3 Road,1"],
     {(2, 3, "import-country-ambiguous"), (3, 3, "import-country-ambiguous"), (4, 3, "import-country")}),
])
def test_true_conflicts_and_unknown_countries_are_located_errors(tmp_path: Path, header: str, rows: list[str],
                                                                  expected: set) -> None:
    target = disclosure(tmp_path)
    outcome = import_sheet(write(tmp_path / "list.csv", header, *rows), target, "suppliers", today=TODAY)
    assert not outcome.ok and not outcome.written
    assert {(p.line, p.column, p.code) for p in outcome.problems if p.is_error} == expected
    assert target.read_text(encoding="utf-8") == FIXTURE


def test_an_ambiguous_country_is_not_folded_among_unknown_names(tmp_path: Path) -> None:
    rows = [f"Site {n},{n} Road,Atlantis" for n in range(5)] + ["Alpha Garments,9 Road,Congo"]
    sheet = write(tmp_path / "list.csv", "name,address,country", *rows)
    outcome = import_sheet(sheet, disclosure(tmp_path), "suppliers", today=TODAY)
    congo = [p for p in collapse(outcome.problems) if p.line == 7]
    assert [p.code for p in congo] == ["import-country-ambiguous"] and "(CD)" in congo[0].message


def test_korea_alone_is_south_korea_as_supplier_lists_mean_it_and_said_at_its_cell(tmp_path: Path) -> None:
    target = disclosure(tmp_path)
    sheet = write(tmp_path / "list.csv", "name,address,country", "Alpha Garments,1 Road,Korea",
                  "Beta Knit,2 Road,KOREA", "Gamma,3 Road,North Korea")
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    assert [(p.line, p.code) for p in outcome.problems if p.code == "import-country-assumed"] == [
        (2, "import-country-assumed"), (3, "import-country-assumed")]
    countries = {e["name"]: e["country"] for e in load_file(target).data["suppliers"]}
    assert (countries["Alpha Garments"], countries["Beta Knit"], countries["Gamma"]) == ("KR", "KR", "KP")


def test_a_typo_of_one_country_is_read_with_a_warning_at_its_cell(tmp_path: Path) -> None:
    target = disclosure(tmp_path)
    sheet = write(tmp_path / "list.csv", "name,address,country", "Alpha Garments,1 Road,Srilanka",
                  "Beta Knit,2 Road,Phillipines", "Gamma,3 Road,Nigera")
    problems = import_sheet(sheet, target, "suppliers", today=TODAY).problems
    assert [(p.line, p.column, p.level, p.code) for p in problems] == [
        (2, 3, "warning", "import-country-guessed"), (3, 3, "warning", "import-country-guessed"),
        (4, 3, "error", "import-country")]
    assert "Sri Lanka (LK)" in problems[0].message and "Srilanka" in problems[0].message
    assert "Niger (NE) or Nigeria (NG)" in problems[2].message or "Nigeria (NG) or Niger (NE)" in problems[2].message


def test_an_ambiguous_country_lists_its_candidates(tmp_path: Path) -> None:
    target = disclosure(tmp_path)
    sheet = write(tmp_path / "list.csv", "name,address,country", "Alpha Garments,1 Road,Congo", "Beta,2 Road,Atlantis")
    messages = [p.message for p in import_sheet(sheet, target, "suppliers", today=TODAY).problems]
    assert any("CG" in m and "CD" in m for m in messages)
    assert not any("Atlantis" in m and "did you mean" in m for m in messages)


def test_the_same_id_twice_with_the_same_name_merges(tmp_path: Path) -> None:
    target = disclosure(tmp_path)
    sheet = write(tmp_path / "list.csv", "id,name,address,country,number_of_workers",
                  "plant-1,Alpha Garments Co. Ltd,1 Road,TH,", "plant-1,ALPHA GARMENTS CO LTD,1 Road,TH,250")
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok and outcome.added == ["plant-1"]
    assert [p.code for p in outcome.problems] == ["import-duplicate-row"]
    assert next(e for e in load_file(target).data["suppliers"] if e["id"] == "plant-1")["workers"] == 250


def test_cli_imports_a_brand_list_without_map(tmp_path: Path) -> None:
    target = disclosure(tmp_path)
    result = CliRunner().invoke(main, ["import", str(BRAND), "--company", "import-example",
                                       "--dir", str(target.parent)])
    assert result.exit_code == 0, result.output
    assert "suppliers: 23 added, 0 updated" in result.output


def test_values_that_look_like_yaml_come_back_as_written(tmp_path: Path) -> None:
    names = ["yes", "No: 2 Mill", "#1 Knit", "O'Brien Textiles", '"Quoted" Garments', "- Dash Mill", "null",
             "喀什纺织", "Tab\tMill", "Line\u2028Break Mill", "1.5", "2026-01-01"]
    rows = [f'"{n.replace(chr(34), chr(34) * 2)}","{i} Road, Town",TH,"a,b|[c]|{{d}}"' for i, n in enumerate(names)]
    target = disclosure(tmp_path)
    sheet = write(tmp_path / "list.csv", "name,address,country,product_type", *rows)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    written = {e["name"]: e for e in load_file(target).data["suppliers"]}
    expected = [n.replace("\t", " ") for n in names]   # a tab pasted into a cell becomes a space
    assert set(expected) <= set(written)
    assert all(written[n]["products"] == ["a,b", "[c]", "{d}"] for n in expected)


def test_a_list_that_would_make_the_disclosure_too_large_writes_nothing(tmp_path: Path) -> None:
    target = disclosure(tmp_path)
    before = target.read_bytes()
    rows = [f'"Example Garment Factory {i} Co., Ltd.","{i} Industrial Road, Block {i % 97}",VN' for i in range(30_000)]
    outcome = import_sheet(write(tmp_path / "list.csv", "name,address,country", *rows), target, "suppliers",
                           today=TODAY)
    assert [p.code for p in outcome.problems if p.is_error] == ["file-too-large"]
    assert not outcome.written and target.read_bytes() == before
