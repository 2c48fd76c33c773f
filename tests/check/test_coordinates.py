"""A site's point that lies outside its country, or is the country's centre as geocoders give it, is a warning
at validate and at import: a garment factory in Yangzhou placed in Johannesburg, a factory placed at the centre
of China, pass no region's check as the site they are not."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from generator.authoring.importer import import_sheet
from generator.check.country_boxes import outside
from tests.authoring.test_real_lists import TODAY, disclosure
from tests.conftest import LV_TODAY

_SITE = "    country: CN\n    subdivision: CN-XJ\n    city: Urumqi\n"


def _with_point(text: str, country: str, lat: float, lon: float) -> str:
    assert _SITE in text
    point = f"    country: {country}\n    city: Example Town\n    coordinates: {{lat: {lat}, lon: {lon}}}\n"
    text = text.replace("Urumqi Example Vision", "Example Vision", 1).replace("乌鲁木齐视界", "视界", 1)  # no Xinjiang
    return text.replace('schema_version: "1.0"', 'schema_version: "1.1"').replace(_SITE, point, 1)


@pytest.mark.parametrize(("country", "lat", "lon", "code"), [
    ("CN", -26.058998, 28.237001, "coordinates-outside-country"),   # Johannesburg, beside Yangzhou's name
    ("CN", 35.86166, 104.195397, "coordinates-country-centre"),
    ("IN", 20.593684, 78.96288, "coordinates-country-centre"),
    ("TR", 29.0, 41.0, "coordinates-outside-country"),              # Istanbul, longitude first
])
def test_a_point_not_the_sites_is_a_warning(lv_full_text: str, lv_check, country: str, lat: float, lon: float,
                                            code: str) -> None:
    problems = lv_check(_with_point(lv_full_text, country, lat, lon), today=LV_TODAY)
    assert [(p.level, p.code) for p in problems] == [("warning", code)]
    assert f"{lat}, {lon}" in problems[0].message
    assert ("swapped" in problems[0].message) == (country == "TR")


@pytest.mark.parametrize(("country", "lat", "lon"), [
    ("CN", 32.3942, 119.4127), ("IN", 13.0827, 80.2707), ("VN", 10.8231, 106.6297),
    ("RU", 64.73, 177.51), ("RU", 66.0, -170.0), ("RU", 54.71, 20.51),          # Chukotka both sides, Kaliningrad
    ("US", 52.9, 173.1), ("US", 61.2, -149.9), ("US", 19.7, -155.5),           # Attu, Anchorage, Hawaii
    ("FJ", -17.7, 178.0), ("FJ", -18.2, -178.8), ("NZ", -43.95, -176.56),      # Fiji's Lau group, the Chathams
    ("KI", 1.45, 173.0), ("KI", 1.87, -157.4), ("PT", 37.74, -25.67),          # Tarawa, Kiritimati, the Azores
    ("MY", 6.35, 99.8), ("JP", 26.21, 127.68),                                  # Langkawi, Okinawa
    ("TW", 24.43, 118.32), ("GR", 36.43, 28.22), ("GR", 36.15, 29.59),         # Kinmen, Rhodes, Kastellorizo
    ("IT", 35.5, 12.6), ("PH", 20.45, 121.97), ("KR", 37.5, 130.9),            # Lampedusa, Batanes, Ulleungdo
    ("GQ", -1.43, 5.63), ("HN", 17.4, -83.93),                                  # Annobón, the Swan Islands
])
def test_a_point_in_its_country_says_nothing(lv_full_text: str, lv_check, country: str, lat: float,
                                             lon: float) -> None:
    assert lv_check(_with_point(lv_full_text, country, lat, lon), today=LV_TODAY) == []


def test_a_box_across_the_180th_meridian_holds_neither_side_beyond_it() -> None:
    assert outside("FJ", -17.7, 170.0) and outside("FJ", -17.7, -170.0) and outside("RU", 55.0, -150.0)


def test_the_import_says_it_at_the_coordinates_cell(tmp_path: Path) -> None:
    sheet = tmp_path / "list.csv"
    with open(sheet, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["Factory Name", "Address", "City", "Country", "Latitude", "Longitude"],
                                 ["Example Garments (Yangzhou)", "1 Example Road", "Yangzhou", "CHINA",
                                  "-26.058998", "28.237001"],
                                 ["Example Headwear", "2 Example Road", "Huai'an", "China", "35.86166", "104.195397"],
                                 ["Example Knit", "3 Example Road", "Chennai", "India", "13.0827", "80.2707"]])
    outcome = import_sheet(sheet, disclosure(tmp_path), "suppliers", today=TODAY)
    assert outcome.ok and outcome.written
    assert [(p.line, p.column, p.code) for p in outcome.problems] == [
        (2, 5, "coordinates-outside-country"), (3, 5, "coordinates-country-centre")]
