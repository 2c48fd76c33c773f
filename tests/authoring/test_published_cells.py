"""Cells and headings of published lists that a spreadsheet writes its own way: several products on
the lines of one cell, a mill's name beside the supplier's, a heading naming the vendor and the factory."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from generator.authoring.headings import resolve
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


def test_a_supplier_whose_factorys_name_is_left_empty_is_its_own_site(tmp_path: Path) -> None:
    """Each such row was "row 3 has no name …; if it is another site of 'Alpha Knit Unit 1' (a merged cell …)"."""
    sheet = _xlsx(tmp_path, [["Supplier Name", "Factory Name", "Address", "Country"],
                             ["Alpha Group", "Alpha Knit Unit 1", "1 Example Rd, Dhaka", "Bangladesh"],
                             ["Beta Textiles Ltd", "", "2 Example Rd, Dhaka", "Bangladesh"],
                             ["Gamma Denim", None, "3 Example Rd, Dhaka", "Bangladesh"],
                             ["Gamma Denim", None, "4 Example Rd, Dhaka", "Bangladesh"]])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    # the same supplier as the row above may be a merged factory's name lost: still an error
    assert [(p.line, p.code) for p in outcome.problems] == [(5, "import-missing-value")]
    assert "another site of 'Gamma Denim'" in outcome.problems[0].message
    sheet = _xlsx(tmp_path, [["Supplier Name", "Factory Name", "Address", "Country"],
                             ["Alpha Group", "Alpha Knit Unit 1", "1 Example Rd, Dhaka", "Bangladesh"],
                             ["Beta Textiles Ltd", "", "2 Example Rd, Dhaka", "Bangladesh"]])
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    found = _suppliers(target)
    assert "parent" not in found["Beta Textiles Ltd"] and found["Alpha Knit Unit 1"]["parent"] == "Alpha Group"


def test_a_heading_naming_the_vendor_and_its_factory_heads_the_sites_name(tmp_path: Path) -> None:
    sheet = _xlsx(tmp_path, [["Vendor/Factory Name", "Address", "Country"],
                             ["Upsilon Sewing Ltd", "3 Example Road, Dhaka", "Bangladesh"]])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    assert "parent" not in _suppliers(target)["Upsilon Sewing Ltd"]


@pytest.mark.parametrize(("written", "column"), [
    ("Product", "product_type"), ("Product Group", "product_type"), ("Plant Name", "name"), ("Plant", "name"),
    ("Cooperative Name", "name"), ("Company Name", "name"), ("Plant Address", "address"),
    ("ISO Country Code", "country"), ("GPS Latitude", "lat"), ("GPS Longitude", "lng"), ("Mill Latitude", "lat"),
    ("OS Hub ID", "os_id"), ("OSH ID", "os_id"), ("Facility OS ID", "os_id"), ("Latitud", "lat"),
    ("Longitud", "lng"), ("Nº de trabajadores", "number_of_workers"), ("N° de trabajadores", "number_of_workers"),
    ("Número de funcionários", "number_of_workers"), ("员工总数", "number_of_workers"), ("所在国家", "country"),
    ("国家或地区", "country"), ("所在城市", "city"), ("纬度", "lat"), ("经度", "lng")])
def test_headings_of_plants_mills_cooperatives_and_lists_in_other_languages(written: str, column: str) -> None:
    """Each was 'not a heading the importer knows': its column was dropped, or the list stopped for want of it."""
    assert resolve(written, {}) == column


def test_a_spanish_list_keeps_its_workers_and_its_coordinates(tmp_path: Path) -> None:
    sheet = _xlsx(tmp_path, [["Nombre de la planta", "Dirección", "Ciudad", "País", "Nº de trabajadores", "Latitud",
                              "Longitud"],
                             ["Textiles Phi S.A. de C.V.", "Calle 1", "Puebla", "México", "350", "19,0414",
                              "-98,2063"]])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok and not [p for p in outcome.problems if p.code == "import-column-ignored"], \
        [p.text() for p in outcome.problems]
    site = _suppliers(target)["Textiles Phi S.A. de C.V."]
    assert site["workers"] == 350 and site["coordinates"] == {"lat": 19.0414, "lon": -98.2063}


def test_plants_of_one_supplier_placed_by_their_addresses_alone_are_told_apart_by_their_towns(tmp_path: Path) -> None:
    sheet = _xlsx(tmp_path, [["Supplier Name", "Address"],
                             ["Chi Precision Co., Ltd.", "No. 1 Example Road, Kunshan, Jiangsu, China"],
                             ["Chi Precision Co., Ltd.", "No. 9 Sample Street, Chengdu, Sichuan, China"],
                             ["Chi Precision Co., Ltd.", "12 Example Avenue, Shanghai, China"]])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    ids = {e["address"]: e["id"] for e in load_file(target).data["suppliers"] if e["name"].startswith("Chi ")}
    assert sorted(ids.values()) == ["chi-precision-cn-chengdu", "chi-precision-cn-kunshan",
                                    "chi-precision-cn-shanghai"]


def test_a_product_written_over_two_lines_is_one_product(tmp_path: Path) -> None:
    """Each line was a product: 'Apparel -' and 'knitwear', 'Denim (washed and' and 'unwashed)', '- Tops'."""
    sheet = _xlsx(tmp_path, [["Factory Name", "Address", "Country", "Product Category"],
                             ["Rho Apparel", "1 Example Rd, Gazipur", "BD", "Men's and women's and\nchildren's tops"],
                             ["Sigma Denim", "2 Example Rd, Gazipur", "BD", "Denim\n(washed and\nunwashed)"],
                             ["Tau Knits", "3 Example Rd, Gazipur", "BD", "Apparel -\nknitwear"],
                             ["Phi Knits", "4 Example Rd, Gazipur", "BD", "- Tops\n- Bottoms"],
                             ["Chi Knits", "5 Example Rd, Gazipur", "BD", "1. Tops\n2. Bottoms"]])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    found = {name: e["products"] for name, e in _suppliers(target).items() if "products" in e}
    assert found == {"Rho Apparel": ["Men's and women's and children's tops"],
                     "Sigma Denim": ["Denim (washed and unwashed)"], "Tau Knits": ["Apparel - knitwear"],
                     "Phi Knits": ["Tops", "Bottoms"], "Chi Knits": ["Tops", "Bottoms"]}


def test_an_address_cell_holding_several_sites_is_refused_at_its_cell(tmp_path: Path) -> None:
    sheet = _xlsx(tmp_path, [["Supplier Name", "Address", "City", "Country"],
                             ["Psi Precision Co., Ltd.", "No. 1 Example Road, Kunshan, China\nNo. 9 Sample Street, "
                              "Chengdu, China", "", "CN"],
                             ["Omega Glass Inc.", "5 Glass Rd\n12 Example Ave", "Austin\nPlano", "US"],
                             ["Peach Co.", "123 Peachtree St\nAtlanta, Georgia\nUSA", "", "US"],
                             ["Alpha Sewing", "Unit 1\nExample Road\nNarayanganj, Bangladesh", "", "BD"]])
    target = disclosure(tmp_path)
    before = target.read_text(encoding="utf-8")
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    refused = [(p.line, p.column) for p in outcome.problems if p.code == "import-several-sites"]
    assert refused == [(2, 2), (3, 2)] and not outcome.ok and target.read_text(encoding="utf-8") == before
    assert any("2 sites, one a line (No. 1 Example Road, Kunshan, China / No. 9 Sample Street, Chengdu, China)"
               in p.message for p in outcome.problems)


def test_a_town_named_like_a_country_ending_a_line_of_one_address_is_no_other_site(tmp_path: Path) -> None:
    """Each was "row 2's address cell holds the addresses of 2 sites", the line's last word read as a country."""
    sheet = _xlsx(tmp_path, [["Factory Name", "Address", "Country"],
                             ["Sigma Knit Ltd", "Flat A, 8/F, 12 Example Road, Jordan\nKowloon, Hong Kong", "HK"],
                             ["Tau Plastics", "1 Example Rd, Lebanon\nTennessee, USA", "USA"],
                             ["Upsilon Print", "1 Example Lane, St Peter Port, Guernsey\nChannel Islands, UK", "UK"]])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    assert _suppliers(target)["Sigma Knit Ltd"]["address"] == "Flat A, 8/F, 12 Example Road, Jordan, Kowloon, Hong Kong"
    sheet = _xlsx(tmp_path, [["Factory Name", "Address", "Country"],   # two plants, one in the row's country
                             ["Phi Precision", "No. 1 Example Road, Kunshan, China\nNo. 2 Example Road, Bac Ninh, "
                              "Vietnam", "China"]])
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert [p.line for p in outcome.problems if p.code == "import-several-sites"] == [2]

def test_a_column_of_values_under_no_heading_is_said_not_dropped_unseen(tmp_path: Path) -> None:
    """A CSV saved from a workbook whose 'Address' was merged over the street and the town."""
    sheet = tmp_path / "list.csv"
    sheet.write_text(",Factory Name,Address,,Country\n1,Sigma Garments,12 Example Rd,Gazipur,Bangladesh\n"
                     "2,Tau Knits,3 Sample St,Tiruppur,India\n", encoding="utf-8")
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    said = [p for p in outcome.problems if p.code == "import-column-unheaded"]
    assert [(p.line, p.column) for p in said] == [(1, 4)]   # the row numbers in column 1 are no fact to keep
    assert "('Gazipur', 'Tiruppur')" in said[0].message and "column 'Address'" in said[0].message


def test_duns_numbers_as_spreadsheets_keep_them(tmp_path: Path) -> None:
    sheet = tmp_path / "list.csv"
    sheet.write_text("Factory Name,Address,Country,DUNS,Number of Workers\n"
                     "Beta One,\"1 Example Rd, Dhaka\",BD,'012345678,'1200\n"
                     "Beta Two,\"2 Example Rd, Dhaka\",BD,65-012-3456,1200\n"
                     "Beta Three,\"3 Example Rd, Dhaka\",BD,650123457.0,1200\n", encoding="utf-8")
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    found = _suppliers(target)
    assert [found[f"Beta {n}"]["identifiers"]["duns"] for n in ("One", "Two", "Three")] == [
        "012345678", "650123456", "650123457"]
    assert found["Beta One"]["workers"] == 1200


@pytest.mark.parametrize("heading", ["DUNS Number", "D-U-N-S Number", "DUNS No.", "DUNS #"])
def test_a_duns_number_column_as_lists_head_it_is_read(tmp_path: Path, heading: str) -> None:
    """'DUNS Number' was "not a heading the importer knows", and each site's number was dropped."""
    sheet = _xlsx(tmp_path, [["Factory Name", "Address", "Country", heading],
                             ["Omega Knit", "1 Example Rd, Dhaka", "Bangladesh", "65-012-3456"]])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok and not outcome.problems, [p.text() for p in outcome.problems]
    assert _suppliers(target)["Omega Knit"]["identifiers"] == {"duns": "650123456"}


def test_a_duns_number_that_lost_its_digits_in_a_spreadsheet_is_refused_with_why(tmp_path: Path) -> None:
    sheet = _xlsx(tmp_path, [["Factory Name", "Address", "Country", "DUNS"],
                             ["Gamma One", "1 Example Rd, Dhaka", "BD", 12345678],
                             ["Gamma Two", "2 Example Rd, Dhaka", "BD", "6.5E+08"]])
    outcome = import_sheet(sheet, disclosure(tmp_path), "suppliers", today=TODAY)
    said = {(p.line, p.column): p.message for p in outcome.problems if p.code == "invalid-identifier"}
    assert not outcome.ok and set(said) == {(2, 4), (3, 4)}
    assert "if it is '012345678', format the column as text" in said[(2, 4)]
    assert "scientific notation" in said[(3, 4)]


def test_a_band_of_workers_excel_made_a_date_is_said_to_be_one(tmp_path: Path) -> None:
    sheet = _xlsx(tmp_path, [["Factory Name", "Address", "Country", "Number of Workers"],
                             ["Delta Sewing", "1 Example Rd, Dhaka", "Bangladesh", dt.datetime(2024, 10, 20)]])
    outcome = import_sheet(sheet, disclosure(tmp_path), "suppliers", today=TODAY)
    said = [p for p in outcome.problems if p.code == "import-workers"]
    assert [(p.line, p.column) for p in said] == [(2, 4)]
    assert "'2024-10-20' is a date, not a number of workers" in said[0].message
    assert "format the column as text" in said[0].message


@pytest.mark.parametrize("label", ["Total / Average", "Total (2 factories)", "Sum", "Total & Avg."])
def test_a_totals_row_labelled_with_its_average_or_count_is_no_site(tmp_path: Path, label: str) -> None:
    """It was a site without a country, an error that stopped the import."""
    sheet = _xlsx(tmp_path, [["Factory Name", "Address", "Country", "Number of Workers", "% Female"],
                             ["Eta Sewing", "1 Example Rd, Dhaka", "BD", 1200, "50%"],
                             ["Theta Sewing", "2 Example Rd, Dhaka", "BD", 800, "40%"],
                             [label, None, None, 2000, "46%"]])
    outcome = import_sheet(sheet, disclosure(tmp_path), "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    assert [(p.line, p.code) for p in outcome.problems] == [(4, "import-note-row")]


@pytest.mark.parametrize(("written", "column"), [
    ("Factory City", "city"), ("Facility State", "subdivision"), ("Site Country", "country"),
    ("Mill Province", "subdivision"), ("Plant Postal Code", "address"), ("Facility Latitude", "lat"),
    ("Country of Manufacture", "country"), ("Worker Range", "number_of_workers"), ("Materials", "product_type"),
    ("Production Process", "processing_type")])
def test_a_sites_place_under_the_sites_word_and_other_headings_of_brand_lists(written: str, column: str) -> None:
    assert resolve(written, {}) == column


@pytest.mark.parametrize(("written", "column"), [
    ("Supplier Country", "supplier_country"), ("Factory Contact Name", "contact"),
    ("Factory Address (Local Language)", "local_address")])
def test_a_suppliers_place_and_a_sites_contact_stay_apart_from_the_sites_place(written: str, column: str) -> None:
    assert resolve(written, {}) == column


def test_a_list_that_names_each_place_after_the_factory_imports_them(tmp_path: Path) -> None:
    sheet = _xlsx(tmp_path, [["Factory Name", "Factory Address", "Factory City", "Factory State", "Factory Country"],
                             ["Iota Apparel", "7 Example Rd", "Bien Hoa", "Dong Nai", "Vietnam"]])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok and not [p for p in outcome.problems if p.code == "import-column-ignored"], \
        [p.text() for p in outcome.problems]
    site = _suppliers(target)["Iota Apparel"]
    assert (site["city"], site["subdivision"], site["country"]) == ("Bien Hoa", "VN-39", "VN")


def test_a_suppliers_place_is_the_sites_where_the_list_names_no_site_apart(tmp_path: Path) -> None:
    sheet = _xlsx(tmp_path, [["Supplier Name", "Supplier Address", "Supplier City", "Supplier Country"],
                             ["Kappa Foods Ltd", "12 Example Rd", "Nakhon Pathom", "Thailand"]])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    site = _suppliers(target)["Kappa Foods Ltd"]
    assert (site["city"], site["country"]) == ("Nakhon Pathom", "TH")


def test_a_suppliers_country_is_the_sites_where_the_site_is_named_by_its_town_alone(tmp_path: Path) -> None:
    """'Supplier Country' beside 'Factory City' was "not a heading the importer knows", and the list had no country."""
    sheet = _xlsx(tmp_path, [["Supplier Name", "Supplier Country", "Factory City"],
                             ["Kappa Knit Ltd", "Bangladesh", "Gazipur"]])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok and not outcome.problems, [p.text() for p in outcome.problems]
    site = _suppliers(target)["Kappa Knit Ltd"]
    assert (site["city"], site["country"]) == ("Gazipur", "BD")
    sheet = _xlsx(tmp_path, [["Supplier Name", "Supplier Country", "Factory Name", "Factory Address"],
                             ["Kappa Trading", "Singapore", "Lambda Mill", "1 Example Rd, Hanoi, Vietnam"]])
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)   # beside a factory's name: the firm's
    said = [p for p in outcome.problems if p.code == "import-column-ignored"]
    assert [p.column for p in said] == [2] and "the place of the supplier" in said[0].message


def test_a_suppliers_country_beside_the_factorys_is_not_the_factorys(tmp_path: Path) -> None:
    head = ["Supplier Name", "Supplier Country", "Factory Name", "Factory Address", "Factory Country"]
    sheet = _xlsx(tmp_path, [head, ["Kappa Trading", "Singapore", "Lambda Mill", "1 Example Rd, Hanoi", "Vietnam"]])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    assert _suppliers(target)["Lambda Mill"]["country"] == "VN"


def test_a_suppliers_address_beside_the_factorys_is_not_joined_to_it(tmp_path: Path) -> None:
    sheet = _xlsx(tmp_path, [["Factory Name", "Factory Address", "Supplier Name", "Supplier Address", "Country"],
                             ["Lambda Mill", "1 Example Rd, Hanoi", "Kappa Trading", "9 Trade St, Singapore",
                              "Vietnam"]])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    assert _suppliers(target)["Lambda Mill"]["address"] == "1 Example Rd, Hanoi"
    said = [p for p in outcome.problems if p.code == "import-column-ignored"]
    assert [(p.line, p.column) for p in said] == [(1, 4)] and "the place of the supplier" in said[0].message


@pytest.mark.parametrize("point", [(0, 0), ("0.0", "0.000"), ("0", "0")])
def test_latitude_and_longitude_of_zero_are_no_sites_place(tmp_path: Path, point: tuple) -> None:
    sheet = _xlsx(tmp_path, [["Factory Name", "Address", "Country", "Latitude", "Longitude"],
                             ["Mu Sewing", "4 Example Rd, Dhaka", "Bangladesh", *point],
                             ["Nu Sewing", "5 Example Rd, Dhaka", "Bangladesh", 0, 90.41]])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    found = _suppliers(target)
    assert "coordinates" not in found["Mu Sewing"] and found["Nu Sewing"]["coordinates"] == {"lat": 0, "lon": 90.41}
    # latitude 0 alone is kept, and is in the sea south of Bangladesh
    assert [(p.line, p.code) for p in outcome.problems] == [(2, "import-coordinates-zero"),
                                                            (3, "coordinates-outside-country")]


def test_an_indonesian_mill_list_and_a_thai_factory_list_import_by_their_own_headings(tmp_path: Path) -> None:
    target = disclosure(tmp_path)
    mills = _xlsx(tmp_path, [["Grup", "Perusahaan", "Nama PKS", "Provinsi", "Kabupaten", "Negara", "Lintang",
                              "Bujur"],
                             ["Grup Contoh", "PT Contoh Sawit", "PKS Contoh", "Riau", "Kampar", "Indonesia", 0.35,
                              101.2]])
    outcome = import_sheet(mills, target, "suppliers", today=TODAY)
    assert outcome.ok and not [p for p in outcome.problems if p.code == "import-column-ignored"], \
        [p.text() for p in outcome.problems]
    mill = _suppliers(target)["PKS Contoh"]
    assert (mill["subdivision"], mill["city"], mill["parent"]) == ("ID-RI", "Kampar", "Grup Contoh")
    assert mill["coordinates"] == {"lat": 0.35, "lon": 101.2}
    (tmp_path / "list.xlsx").unlink()
    factories = _xlsx(tmp_path, [["ชื่อโรงงาน", "ที่อยู่", "จังหวัด", "ประเทศ", "จำนวนพนักงาน"],
                                 ["Omicron Garment", "9 Example Rd", "Samut Sakhon", "ไทย", 420]])
    outcome = import_sheet(factories, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    site = _suppliers(target)["Omicron Garment"]
    assert (site["country"], site["subdivision"], site["workers"]) == ("TH", "TH-74", 420)
