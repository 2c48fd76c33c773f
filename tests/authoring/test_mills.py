"""Lists of mills and smelters as they are published: no street address, a list's own identifier,
coordinates written every way, and rows of data that never pass for a second heading row."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from generator.authoring.importer import import_sheet
from generator.authoring.sheets import Row
from generator.authoring.tables import best_headings, looks_like_data
from generator.check.validation import validate_document
from generator.load.loader import load_file, load_text
from tests.authoring.test_import import TODAY, disclosure

RMI = ["Metal", "Smelter Look-up", "Smelter Name", "Smelter Facility Location: Country", "Smelter Identification",
       "Source of Smelter Identification Number", "Smelter Street", "Smelter City",
       "Smelter Facility Location: State / Province", "Smelter Contact Name", "Smelter Contact Email"]


def _rows(*cells: list[str]) -> list[Row]:
    return [Row(i + 1, tuple(c)) for i, c in enumerate(cells)]


@pytest.mark.parametrize("table", [
    # RMI's template: "Smelter Contact Name" under the row above reads as a contact column regrouped
    [RMI, ["Cobalt", "Example Cobalt Refinery Co., Ltd.", "Example Cobalt Refinery Co., Ltd.", "CHINA", "CID000123",
           "RMI", "", "Ganzhou", "Jiangxi", "", ""]],
    [["Metal", "Smelter Name", "Smelter Facility Location: State / Province", "Smelter City", "Country"],
     ["Cobalt", "Example Cobalt Refinery Co. Ltd.", "Jiangxi", "Ganzhou", "China"]],
    # a Chinese name under "Factory Name" reads "Factory Name" once its characters are set aside
    [["Factory Name", "Address", "Country", "Province"], ["示例纺织有限公司", "工业园区1号", "中国", "江苏省"]],
    [["Factory Name", "Address", "Country", "Province"], ["示例新能源", "工业园区", "中国", "内蒙古自治区"]],
    [["Mill Name", "Parent Company", "Province", "Latitude", "Longitude", "UML ID"],
     ["Contoh Tiga POM", "PT Contoh Tiga", "Jambi", "-1.6101", "103.6131", "PO1000000011"]],
])
def test_a_row_of_data_is_never_read_as_a_second_heading_row(table: list[list[str]]) -> None:
    rows = _rows(*table, table[1])
    found = best_headings(rows, {})
    assert found is None or (found.row.number, found.rows_used) == (1, 1)


@pytest.mark.parametrize("cells", [
    ["Cobalt", "PT Sample Timah", "Bangka Belitung"], ["示例纺织二厂", "工业园区2号", "China", "Jiangsu"],
    ["Contoh Tiga POM", "Jambi", "-1.6101", "103.6131"], ["A Mill", "Riau", "0°30'44\"N"], ["Mill", "CID000123"],
])
def test_data_shows_itself_by_its_values(cells: list[str]) -> None:
    assert looks_like_data(cells, {})


@pytest.mark.parametrize("cells", [
    ["Workers", "", ""], ["Factory Name", "Country / Region", "Nike Inc. Brand(s)", "2023", "2024"],
    ["Total", "% Female", "% Migrant"], ["Name", "Email", "Phone"], ["ID", "Name of Site", "Tier 1 - Finished Goods"],
])
def test_headings_and_group_headings_are_not_data(cells: list[str]) -> None:
    assert not looks_like_data(cells, {})


MILLS = [["Mill Name", "Parent Company", "Country", "Province", "Latitude", "Longitude", "UML ID"],
         ["Contoh Tiga POM", "PT Contoh Tiga", "Indonesia", "Jambi", "-1.6101", "103.6131", "PO1000000011"],
         ["Contoh Empat POM", "PT Contoh Empat", "Indonesia", "Riau", "0.5123", "101.4512", "po1000000012"],
         ["Contoh Tiga POM", "PT Contoh Tiga", "Indonesia", "Riau", "0.9301", "101.2210", "PO1000000013"]]


def _imported(tmp_path: Path, rows: list[list[str]], target: Path | None = None):
    sheet = tmp_path / "list.csv"
    with sheet.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    target = target or disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    data = load_file(target).data
    return outcome, target, {e["id"]: e for e in data.get("suppliers") or []}


def test_a_mill_list_without_addresses_imports_with_its_uml_ids(tmp_path: Path) -> None:
    outcome, target, mills = _imported(tmp_path, MILLS)
    assert outcome.ok and outcome.written, [p.text() for p in outcome.problems]
    assert validate_document(load_file(target), TODAY) == []
    assert sorted(mills) == ["contoh-empat-pom-id", "contoh-tiga-pom-id-id-ja", "contoh-tiga-pom-id-id-ri",
                             "kashgar-yarn"]   # one name, two provinces: two mills
    jambi = mills["contoh-tiga-pom-id-id-ja"]
    assert jambi["identifiers"] == {"uml_id": "PO1000000011"} and "address" not in jambi
    assert jambi["coordinates"] == {"lat": -1.6101, "lon": 103.6131} and jambi["parent"] == "PT Contoh Tiga"
    assert mills["contoh-empat-pom-id"]["identifiers"] == {"uml_id": "PO1000000012"}   # as the list writes it


def test_a_mill_renamed_in_next_years_list_is_the_same_mill_by_its_uml_id(tmp_path: Path) -> None:
    _, target, _ = _imported(tmp_path, MILLS)
    renamed = [MILLS[0], ["Contoh Empat Palm Oil Mill", "PT Contoh Empat", "Indonesia", "Riau", "0.5123", "101.4512",
                          "PO1000000012"]]
    outcome, _, mills = _imported(tmp_path, renamed, target)
    assert (outcome.added, outcome.updated) == ([], ["contoh-empat-pom-id"])
    assert mills["contoh-empat-pom-id"]["name"] == "Contoh Empat Palm Oil Mill" and len(mills) == 4


def test_rmi_smelter_list_imports_with_cids_and_metals_and_never_its_contacts(tmp_path: Path) -> None:
    rows = [RMI,
            ["Cobalt", "Example Cobalt Refinery Co., Ltd.", "Example Cobalt Refinery Co., Ltd.", "CHINA", "CID000123",
             "RMI", "", "Ganzhou", "Jiangxi", "Wang Wei", "wang@example.cn"],
            ["Gold", "Example Gold Refiners AG", "Example Gold Refiners AG", "SWITZERLAND", "CID000999", "RMI", "",
             "Mendrisio", "Ticino", "", ""],
            ["Silver", "Example Gold Refiners AG", "Example Gold Refiners AG", "SWITZERLAND", "CID000999", "RMI", "",
             "Mendrisio", "Ticino", "", ""]]
    outcome, target, smelters = _imported(tmp_path, rows)
    assert outcome.ok and outcome.written, [p.text() for p in outcome.problems]
    assert smelters["example-cobalt-refinery-cn"]["identifiers"] == {"rmi_id": "CID000123"}
    assert smelters["example-cobalt-refinery-cn"]["subdivision"] == "CN-JX"
    assert smelters["example-gold-refiners-ch"]["products"] == ["Gold", "Silver"]   # one refiner, two metals
    text = target.read_text(encoding="utf-8")
    assert "Wang" not in text and "wang@" not in text and 'schema_version: "1.1"' in text
    ignored = {p.column for p in outcome.problems if p.code == "import-column-ignored"}
    assert {10, 11} <= ignored


def test_a_site_with_neither_address_nor_coordinates_nor_list_id_is_refused(tmp_path: Path) -> None:
    rows = [["Mill Name", "Country", "Province", "Latitude", "Longitude"],
            ["Contoh Lima POM", "Indonesia", "", "", ""], ["Contoh Enam POM", "Indonesia", "Riau", "", ""]]
    outcome, _, _ = _imported(tmp_path, rows)
    [error] = [p for p in outcome.problems if p.is_error]
    assert (error.code, error.line) == ("import-missing-value", 2) and "UML ID" in error.message


def test_a_list_id_is_a_field_of_version_1_1() -> None:
    text = """schema_version: "1.0"
company: {id: acme, name: Acme}
disclosure: {period: {start: 2025-01-01, end: 2025-12-31}, published: 2026-01-01}
suppliers:
  - {id: mill, name: Mill, country: ID, relationship: supplier, identifiers: {uml_id: PO1000000011, rmi_id: CID12}}
"""
    codes = [p.code for p in validate_document(load_text(text, "acme.yaml"), TODAY)]
    assert sorted(codes) == ["invalid-identifier", "needs-version-1-1"]


def test_coordinates_in_degrees_minutes_seconds_and_with_hemisphere_letters(tmp_path: Path) -> None:
    rows = [["Mill Name", "Address", "Country", "Province", "Latitude", "Longitude"],
            ["Contoh Enam POM", "Desa Enam", "Indonesia", "Jambi", "1°36'36\"S", "103°36'47\"E"],
            ["Contoh Tujuh POM", "Desa Tujuh", "Indonesia", "Riau", "0.5 N", "101.4 E"],
            ["Contoh Sembilan POM", "Jalan Sembilan", "Malaysia", "Johor", "1.4927° N", "103.7414° E"],
            ["Shenzhen Plant", "Nanshan", "China", "Guangdong", "22°32'N", "113°57'E"]]
    outcome, _, mills = _imported(tmp_path, rows)
    assert outcome.ok, [p.text() for p in outcome.problems]
    found = {e["name"]: e["coordinates"] for e in mills.values() if "coordinates" in e}
    assert found == {"Contoh Enam POM": {"lat": -1.61, "lon": 103.613056},
                     "Contoh Tujuh POM": {"lat": 0.5, "lon": 101.4},
                     "Contoh Sembilan POM": {"lat": 1.4927, "lon": 103.7414},
                     "Shenzhen Plant": {"lat": 22.533333, "lon": 113.95}}


def test_a_latitude_out_of_range_says_latitude_and_that_the_two_may_be_swapped(tmp_path: Path) -> None:
    rows = [["Mill Name", "Address", "Country", "Latitude", "Longitude"],
            ["Contoh Delapan POM", "Desa Delapan", "Indonesia", "101.4512", "0.5123"],
            ["Contoh Sepuluh POM", "Desa Sepuluh", "Indonesia", "0.5 E", "101.4 E"]]
    outcome, _, _ = _imported(tmp_path, rows)
    errors = [p for p in outcome.problems if p.is_error and p.column == 4]
    assert [(p.line, p.code) for p in errors] == [(2, "import-coordinates"), (3, "import-coordinates")]
    assert "is not a latitude" in errors[0].message and "may be swapped" in errors[0].message
    assert "between -90 and 90" in errors[1].message and "N or S" in errors[1].message


def test_two_mills_of_one_name_in_one_province_with_their_own_ids_stay_two(tmp_path: Path) -> None:
    rows = [["Mill Name", "Parent Company", "Country", "Province", "Latitude", "Longitude", "UML ID"],
            ["Contoh POM", "PT Contoh", "Indonesia", "Riau", "0.5123", "101.4512", "PO1000000012"],
            ["Contoh POM", "PT Contoh", "Indonesia", "Riau", "1.2001", "101.9000", "PO1000000013"],
            ["Contoh POM", "PT Contoh", "Indonesia", "Riau", "1.2001", "101.9000", "PO1000000013"]]
    outcome, _, by_id = _imported(tmp_path, rows)
    assert outcome.ok, [p.text() for p in outcome.problems]
    mills = sorted(e["identifiers"]["uml_id"] for e in by_id.values() if e["name"] == "Contoh POM")
    assert mills == ["PO1000000012", "PO1000000013"]
    assert [p.line for p in outcome.problems if p.code == "import-duplicate-row"] == [4]


@pytest.mark.parametrize(("heading", "cell", "expected"), [
    ("Lat/Long", "10.8231, 106.6297", {"lat": 10.8231, "lon": 106.6297}),
    ("Coordinates", "(21.0278, 105.8342)", {"lat": 21.0278, "lon": 105.8342}),
    ("GPS", "22°32'N 113°57'E", {"lat": 22.533333, "lon": 113.95}),
    ("GPS Coordinates", "106.6297 E; 10.8231 N", {"lat": 10.8231, "lon": 106.6297}),
])
def test_one_column_holding_a_point_gives_both_coordinates(tmp_path: Path, heading: str, cell: str,
                                                           expected: dict[str, float]) -> None:
    rows = [["Factory Name", "Address", "Country", heading], ["Combo One Co.", "1 Combo Rd", "Vietnam", cell]]
    outcome, _, by_id = _imported(tmp_path, rows)
    assert outcome.ok, [p.text() for p in outcome.problems]
    assert by_id["combo-one-vn"]["coordinates"] == expected


def test_a_point_written_longitude_first_is_an_error_that_says_so(tmp_path: Path) -> None:
    rows = [["Factory Name", "Address", "Country", "Lat/Long"],
            ["Combo One Co.", "1 Combo Rd", "Vietnam", "106.6, 10.8"]]
    outcome, _, _ = _imported(tmp_path, rows)
    [error] = [p for p in outcome.problems if p.is_error]
    assert (error.code, error.line, error.column) == ("import-coordinates", 2, 4) and "swapped" in error.message


def test_rmi_published_facility_list_imports_by_its_standard_smelter_names(tmp_path: Path) -> None:
    rows = [["Metal", "Smelter ID", "Standard Smelter Name", "Country Location", "State / Province / Region", "City",
             "RMAP Status"],
            ["Gold", "CID000999", "Example Gold Refiners AG", "Switzerland", "Ticino", "Mendrisio", "Conformant"],
            ["Tin", "CID001234", "PT Contoh Timah", "Indonesia", "Bangka Belitung", "Pangkal Pinang", "Active"]]
    outcome, _, smelters = _imported(tmp_path, rows)
    assert outcome.ok and outcome.written, [p.text() for p in outcome.problems]
    assert smelters["example-gold-refiners-ch"]["identifiers"] == {"rmi_id": "CID000999"}
    assert smelters["contoh-timah-id"]["subdivision"] == "ID-BB"
