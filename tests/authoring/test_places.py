"""Places as supplier lists write them: countries, provinces and the ids made from names and towns."""

from __future__ import annotations

import collections
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import openpyxl
import pycountry
import pytest

from generator.authoring.cells import Cell
from generator.authoring.identity import name_key
from generator.authoring.osh import row_fields
from generator.check import provinces
from generator.check.countries import explain, resolve
from generator.check.provinces import subdivision
from generator.registry.names import slug
from tests.authoring.test_real_lists import imported

ROOT = Path(__file__).parents[2]
BANGLADESH = ("Dhaka", "Chattogram", "Khulna", "Rajshahi", "Rangpur", "Sylhet", "Barishal", "Mymensingh")


def province(text: str, country: str = "CN") -> str | None:
    return subdivision(text, country)


@pytest.mark.parametrize("backwards", [False, True])
def test_a_name_of_a_division_and_a_district_is_the_division_in_any_set_order(
        monkeypatch: pytest.MonkeyPatch, backwards: bool) -> None:
    everything = pycountry.subdivisions.get

    def in_order(**kw: str) -> list:
        return sorted(everything(**kw) or (), key=lambda s: s.code, reverse=backwards)

    monkeypatch.setattr(pycountry.subdivisions, "get", in_order)
    provinces._subdivisions.cache_clear()
    try:
        assert [province(n, "BD") for n in ("Dhaka", "Chattogram", "Khulna")] == ["BD-C", "BD-B", "BD-D"]
        assert province("Dhaka District", "BD") == "BD-13" and province("Dhaka Division", "BD") == "BD-C"
        assert province("La Rioja", "ES") == "ES-RI" and province("Papua", "ID") == "ID-PA"
    finally:
        provinces._subdivisions.cache_clear()


def test_bangladesh_divisions_do_not_depend_on_the_hash_seed() -> None:
    script = ("from generator.authoring.cells import Cell; from generator.check.provinces import subdivision; "
              f"print([subdivision(n, 'BD') for n in {BANGLADESH!r}])")
    seen = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT,
                           env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}).stdout
            for seed in ("1", "2", "3", "4")}
    assert seen == {"['BD-C', 'BD-B', 'BD-D', 'BD-E', 'BD-F', 'BD-G', 'BD-A', 'BD-H']\n"}


@pytest.mark.parametrize(("text", "code"), [
    ("Xinjiang", "CN-XJ"), ("Xinjiang Uyghur Autonomous Region", "CN-XJ"), ("Xinjiang Uygur", "CN-XJ"),
    ("XUAR", "CN-XJ"), ("新疆", "CN-XJ"), ("新疆维吾尔自治区", "CN-XJ"), ("Xinjiang (新疆)", "CN-XJ"),
    ("Guangxi", "CN-GX"), ("Guangxi Zhuang Autonomous Region", "CN-GX"), ("广西", "CN-GX"),
    ("广西壮族自治区", "CN-GX"), ("Inner Mongolia", "CN-NM"), ("Inner Mongolia Autonomous Region", "CN-NM"),
    ("Inner Mongolia Autonomous Region (IMAR)", "CN-NM"), ("Nei Mongol", "CN-NM"), ("内蒙古", "CN-NM"),
    ("Tibet", "CN-XZ"), ("Tibet Autonomous Region", "CN-XZ"), ("Xizang", "CN-XZ"), ("西藏", "CN-XZ"),
    ("Ningxia", "CN-NX"), ("Ningxia Hui Autonomous Region", "CN-NX"), ("宁夏", "CN-NX"),
    ("Guangdong Province", "CN-GD"), ("Guangdong Prov.", "CN-GD"), ("广东省", "CN-GD"), ("廣東", "CN-GD"),
    ("Shanghai Municipality", "CN-SH"), ("上海市", "CN-SH"), ("Hong Kong SAR", "CN-HK"),
    ("Hong Kong Special Administrative Region", "CN-HK"), ("Shanxi", "CN-SX"), ("Shaanxi", "CN-SN"),
])
def test_chinas_provinces_with_their_qualifiers_and_in_chinese(text: str, code: str) -> None:
    assert province(text) == code


@pytest.mark.parametrize(("text", "country", "code"), [
    ("Bangkok", "TH", "TH-10"), ("Ho Chi Minh City", "VN", "VN-SG"), ("HCMC", "VN", "VN-SG"), ("Hanoi", "VN", "VN-HN"),
    ("Hai Phong City", "VN", "VN-HP"), ("West Java", "ID", "ID-JB"), ("DKI Jakarta", "ID", "ID-JK"),
    ("Bangka Belitung", "ID", "ID-BB"), ("Central Java Province", "ID", "ID-JT"), ("Seoul", "KR", "KR-11"),
    ("Gyeonggi", "KR", "KR-41"), ("Busan Metropolitan City", "KR", "KR-26"), ("Seoul Special City", "KR", "KR-11"),
    ("Sejong Special Self-Governing City", "KR", "KR-50"), ("Gyeonggi-do", "KR", "KR-41"),
    ("Taipei City", "TW", "TW-TPE"),
    ("New Taipei City", "TW", "TW-NWT"), ("Taichung City", "TW", "TW-TXG"), ("Hsinchu City", "TW", "TW-HSZ"),
    ("Hsinchu County", "TW", "TW-HSQ"), ("Chittagong", "BD", "BD-B"), ("Kuala Lumpur", "MY", "MY-14"),
    ("Penang", "MY", "MY-07"), ("Mexico City", "MX", "MX-CMX"), ("Estado de México", "MX", "MX-MEX"),
    ("Mexico", "MX", "MX-MEX"), ("Shanghai City", "CN", "CN-SH"),
])
def test_english_and_local_names_lists_write_for_provinces_and_capitals(text: str, country: str, code: str) -> None:
    assert province(text, country) == code


def test_a_city_is_its_province_only_where_iso_makes_the_city_a_subdivision() -> None:
    assert province("Quezon City", "PH") is None      # in Metro Manila, not in Quezon province
    assert province("Taipei", "TW") == "TW-TPE" and province("Busan", "KR") == "KR-26"


def test_a_list_of_english_province_names_imports_every_one(tmp_path: Path) -> None:
    sheet = tmp_path / "list.csv"
    sheet.write_text("Factory Name,Address,Country,Province\n"
                     "Alpha Knit Co. Ltd.,1 Example Rd,Thailand,Bangkok\n"
                     "Beta Sewing Co. Ltd.,2 Example Rd,Vietnam,Ho Chi Minh City\n"
                     "Gamma Shoes PT,3 Example Rd,Indonesia,West Java\n"
                     "Zeta Optics Co.,6 Example Rd,South Korea,Seoul\n"
                     "Eta Electronics Corp.,7 Example Rd,Taiwan,Taipei City\n"
                     "Theta Apparel Ltd.,8 Example Rd,Bangladesh,Chittagong\n"
                     "Iota Gloves Sdn Bhd,9 Example Rd,Malaysia,Kuala Lumpur\n"
                     "Lambda Auto SA de CV,11 Example Rd,Mexico,Mexico City\n", encoding="utf-8")
    _, by_id = imported(tmp_path / "out", sheet)
    found = {e["name"].split()[0]: e.get("subdivision") for e in by_id.values() if "Example" in e.get("address", "")}
    assert found == {
        "Alpha": "TH-10", "Beta": "VN-SG", "Gamma": "ID-JB", "Zeta": "KR-11", "Eta": "TW-TPE", "Theta": "BD-B",
        "Iota": "MY-14", "Lambda": "MX-CMX"}


def test_a_qualifier_alone_or_a_people_alone_is_no_province() -> None:
    assert [province(t) for t in ("Province", "Autonomous Region", "Hui", "Uygur", "省")] == [None] * 5
    assert province("SAR", "RU") == "RU-SAR"     # a code that is also a qualifier


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def test_dropping_qualifiers_never_makes_two_subdivisions_one() -> None:
    joined, lost = [], []
    for country in pycountry.countries:
        subs = list(pycountry.subdivisions.get(country_code=country.alpha_2) or ())
        names = collections.defaultdict(set)
        for sub in subs:
            names[provinces._fold(sub.name)].add(_plain(sub.name))
            found = province(sub.name, country.alpha_2)
            if not found or _plain(pycountry.subdivisions.get(code=found).name) != _plain(sub.name):
                lost.append((sub.code, sub.name, found))
            if province(sub.code.partition("-")[2], country.alpha_2) != sub.code:
                lost.append((sub.code, sub.code, None))
        joined += [(country.alpha_2, spellings) for spellings in names.values() if len(spellings) > 1]
    assert (joined, lost) == ([], [])


@pytest.mark.parametrize(("text", "code"), [
    ("Egypt, Arab Rep.", "EG"), ("Taiwan, China", "TW"), ("China P.R.", "CN"), ("Hong Kong SAR China", "HK"),
    ("CHINA(MAINLAND)", "CN"), ("Iran, Islamic Rep.", "IR"), ("Venezuela, RB", "VE"), ("Yemen, Rep.", "YE"),
    ("Gambia, The", "GM"), ("Bahamas, The", "BS"), ("Micronesia, Fed. Sts.", "FM"), ("Macao, China", "MO"),
    ("Macedonia, FYR", "MK"), ("Korea, Rep.", "KR"), ("Lao PDR", "LA"), ("Viet Nam", "VN"),
    ("Russian Federation", "RU"), ("Türkiye", "TR"), ("Czechia", "CZ"), ("Macao SAR, China", "MO"),
    ("Congo, Dem. Rep.", "CD"), ("St. Lucia", "LC"), ("Slovak Republic", "SK"), ("Kyrgyz Republic", "KG"),
])
def test_world_bank_and_brand_forms_of_countries(text: str, code: str) -> None:
    assert resolve(text).code == code


def test_korea_alone_is_refused_as_naming_two_countries() -> None:
    message = explain("Korea", resolve("Korea"))
    assert "more than one country" in message and "South Korea (KR) or North Korea (KP)" in message


@pytest.mark.parametrize(("name", "expected"), [
    ("Đức Thành Garment", "duc-thanh-garment-vn"), ("Kırklareli Tekstil", "kirklareli-tekstil-vn"),
    ("Øst Strik", "ost-strik-vn"), ("Łódź Knit", "lodz-knit-vn"), ("Straße Mode", "strasse-mode-vn"),
    ("Sæther Œuvre", "saether-oeuvre-vn"), ("Þór Ðal", "thor-dal-vn"), ("Ħamrun", "hamrun-vn"),
    # names that were fine keep their ids
    ("Café Ñandú", "cafe-nandu-vn"), ("Nan Yang Garment Co., Ltd.", "nan-yang-garment-vn"),
])
def test_ids_write_out_letters_that_have_no_accent_to_drop(name: str, expected: str) -> None:
    assert slug(name, "VN") == expected


def test_a_town_with_such_a_letter_keeps_it_in_the_id(tmp_path: Path) -> None:
    sheet = tmp_path / "list.csv"
    sheet.write_text("name,address,city,country\nSông Hồng Garment,1 Road,Đà Nẵng,VN\n"
                     "Sông Hồng Garment,2 Road,Hà Nội,VN\n", encoding="utf-8")
    _, by_id = imported(tmp_path / "out", sheet)
    assert sorted(i for i in by_id if i.startswith("song")) == ["song-hong-garment-vn-da-nang",
                                                              "song-hong-garment-vn-ha-noi"]


def test_one_site_named_with_its_province_in_brackets_three_ways_is_one_entity(tmp_path: Path) -> None:
    sheet = tmp_path / "list.csv"
    sheet.write_text('Factory Name,Address,Country\n'
                     '"Sample PV Materials Co., Ltd. (Xinjiang)","1 Example Rd, Urumqi, Xinjiang",China\n'
                     '"Sample PV Materials (Xinjiang) Co., Ltd.","1 Example Rd, Urumqi, Xinjiang",China\n'
                     '"Sample PV Materials Co.,Ltd（新疆）","1 Example Rd, Urumqi, Xinjiang",China\n', encoding="utf-8")
    _, by_id = imported(tmp_path / "out", sheet)
    assert [e["name"] for e in by_id.values() if e["name"].startswith("Sample")] == [
        "Sample PV Materials (Xinjiang) Co., Ltd."]


def test_a_province_in_brackets_is_compared_as_its_code_and_two_provinces_stay_two() -> None:
    assert name_key("Sample Co., Ltd. (XUAR)", "CN") == name_key("Sample Co.,Ltd（新疆）", "CN")
    assert name_key("Sample Co., Ltd. (Xinjiang)", "CN") != name_key("Sample Co., Ltd. (Jiangsu)", "CN")
    assert name_key("Sample (Shanghai Branch) Co., Ltd.", "CN") == "sample shanghai branch"


def test_a_list_written_in_chinese_names_its_countries_in_chinese(tmp_path: Path) -> None:
    sheet = tmp_path / "list.csv"
    sheet.write_text("Factory Name,Address,Country,Province\nSample Three Ltd,Industrial Park 3,China,Jiangsu\n"
                     "示例硅业有限公司,工业园区2号,中国,新疆\n示例光电股份有限公司,科学园区1号,台灣,\n"
                     "示例纺织有限公司,工业区5号,越南,\n", encoding="utf-8")
    _, by_id = imported(tmp_path / "out", sheet)
    found = {e["name"]: (e["country"], e.get("subdivision")) for e in by_id.values() if "示例" in e["name"]}
    assert found == {"示例硅业有限公司": ("CN", "CN-XJ"), "示例光电股份有限公司": ("TW", None),
                     "示例纺织有限公司": ("VN", None)}


def _address_only(address: str, **more: str) -> tuple[dict, list]:
    given = {"name": Cell("Example Lumen Optics Co., Ltd.", 4, 1), "address": Cell(address, 4, 2),
             **{k: Cell(v, 4, 3) for k, v in more.items()}}
    fields, _, problems = row_fields(given, "list.xlsx")
    return fields, [(p.level, p.code, p.column) for p in problems]


def test_without_a_country_column_the_country_is_the_end_of_the_address() -> None:
    fields, problems = _address_only("No. 8 Example Road, Longhua District, Shenzhen, Guangdong, China",
                                     subdivision="Guangdong")
    assert (fields["country"], fields["subdivision"]) == ("CN", "CN-GD")
    assert problems == [("warning", "import-country-from-address", 2)]
    assert _address_only("45 Example Blvd, Austin, TX 78701, United States")[0]["country"] == "US"
    assert _address_only("Lot 5, Sample Industrial Park, Bac Ninh, Viet Nam 220000")[0]["country"] == "VN"


@pytest.mark.parametrize(("address", "country"), [
    ("100 Example St, Springfield, IL 62701, USA", "US"),
    ("4 Example Lane, Leeds LS1 4AB, UK", "GB"), ("Plot 9, Example Free Zone, Dubai, UAE", "AE"),
])
def test_an_address_ending_in_the_letters_written_for_a_country_gives_it(address: str, country: str) -> None:
    """'…, IL 62701, USA' was "the end of this address ('USA') names no country", as if it were a state's code."""
    fields, problems = _address_only(address)
    assert fields["country"] == country and ("warning", "import-country-from-address", 2) in problems
    assert {code for _, code, _ in problems} <= {"import-country-from-address", "import-subdivision-from-address"}


def test_an_address_that_does_not_end_in_a_country_is_an_error_at_its_cell() -> None:
    for address in ("Lot 5, Sample Industrial Park, Bac Ninh", "100 Example St, Los Angeles, CA 90001"):
        fields, problems = _address_only(address)
        assert "country" not in fields and problems == [("error", "import-country-from-address", 2)]


def test_a_country_column_decides_however_the_address_ends_and_says_when_they_differ() -> None:
    fields, problems = _address_only("12 Sample Avenue, Kunshan, Jiangsu, China", country="Vietnam")
    assert fields["country"] == "VN" and [code for _, code, _ in problems] == ["import-country-address"]


def test_a_list_whose_only_place_is_the_address_imports_with_the_countries_it_ends_in(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Supplier List"
    for row in (["Fiscal Year 2025 Supplier List"], [], ["Supplier Name", "Manufacturing Facility Address"],
                ["Example Lumen Optics Co., Ltd.", "No. 8 Example Road, Longhua District, Shenzhen, Guangdong, China"],
                ["Example Lumen Optics Co., Ltd.", "12 Sample Avenue, Kunshan, Jiangsu, China"],
                ["Example Lumen Optics Co., Ltd.", "Lot 5, Sample Industrial Park, Bac Ninh, Vietnam"],
                ["Sample Precision Holdings Limited", "45 Example Blvd, Austin, TX 78701, United States"]):
        sheet.append(row)
    book.save(tmp_path / "list.xlsx")
    _, by_id = imported(tmp_path / "out", tmp_path / "list.xlsx")
    found = sorted((e["name"], e["country"]) for e in by_id.values() if e["name"].startswith(("Example", "Sample")))
    assert found == [("Example Lumen Optics Co., Ltd.", "CN"), ("Example Lumen Optics Co., Ltd.", "CN"),
                     ("Example Lumen Optics Co., Ltd.", "VN"), ("Sample Precision Holdings Limited", "US")]


def test_a_place_in_the_country_column_gives_the_country_and_the_province_a_column_does_not() -> None:
    """"Xinjiang, China" in a list without a Province column: the site is in China, in Xinjiang (CN-XJ), the
    region a reader of the registry filters by; said at its cell. A Province column of its own wins."""
    cell = Cell("Xinjiang, China", 2, 3)
    fields, origin, problems = row_fields({"name": Cell("Alpha Cotton", 2, 1), "country": cell}, "list.csv")
    assert (fields["country"], fields["subdivision"], origin["subdivision"]) == ("CN", "CN-XJ", cell)
    assert [(p.line, p.column, p.level, p.code) for p in problems] == [
        (2, 3, "warning", "import-country-with-place")]
    given = {"country": Cell("Shenzhen, Guangdong, China", 3, 3), "subdivision": Cell("Fujian", 3, 4)}
    fields, _, problems = row_fields(given, "list.csv")
    assert (fields["country"], fields["subdivision"]) == ("CN", "CN-FJ")
    fields, _, _ = row_fields({"country": Cell("Shenzhen, Guangdong, China", 4, 3)}, "list.csv")
    assert fields["subdivision"] == "CN-GD"
    fields, _, problems = row_fields({"country": Cell("China, Vietnam", 5, 3)}, "list.csv")
    assert "country" not in fields and [p.code for p in problems] == ["import-country"]
