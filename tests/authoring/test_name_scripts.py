"""A name cell holding a site's name in Latin letters and in its local script is two names:
the name, and the local name; each finds the site in a list that writes only one."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from generator.authoring.importer import import_sheet
from generator.authoring.name_scripts import split
from generator.load.loader import load_file
from tests.authoring.test_import import FIXTURE, disclosure
from tests.authoring.test_real_lists import TODAY, imported


@pytest.mark.parametrize(("cell", "expected"), [
    ("Alpha Textiles 阿尔法纺织有限公司", ("Alpha Textiles", "阿尔法纺织有限公司")),
    ("Alpha Textiles / 阿尔法纺织", ("Alpha Textiles", "阿尔法纺织")),
    ("阿尔法纺织 (Alpha Textiles)", ("Alpha Textiles", "阿尔法纺织")),
    ("Alpha Textiles (Ningbo) Co., Ltd. / 阿尔法纺织（宁波）有限公司",
     ("Alpha Textiles (Ningbo) Co., Ltd.", "阿尔法纺织（宁波）有限公司")),
    ("알파 섬유 Alpha Textile", ("Alpha Textile", "알파 섬유")),
    ("Alpha Textiles (阿尔法纺织有限公司)", ("Alpha Textiles", "阿尔法纺织有限公司")),
    ("บริษัท อัลฟา จำกัด Alpha Co., Ltd.", ("Alpha Co., Ltd.", "บริษัท อัลฟา จำกัด")),
    # the Latin name's own bracket last before the other name: it lost its ')' ("Alpha Textiles (Shanghai")
    ("Alpha Textiles (Shanghai) 上海阿尔法纺织", ("Alpha Textiles (Shanghai)", "上海阿尔法纺织")),
    ("Alpha Textiles (Shanghai) (上海阿尔法纺织)", ("Alpha Textiles (Shanghai)", "上海阿尔法纺织")),
    ("上海阿尔法纺织 - Alpha (Shanghai) Ltd", ("Alpha (Shanghai) Ltd", "上海阿尔法纺织")),
])
def test_a_name_in_two_scripts_is_split(cell: str, expected: tuple[str, str]) -> None:
    assert split(cell) == expected


@pytest.mark.parametrize("cell", ["阿尔法纺织（宁波）有限公司", "宁波ABC纺织", "ABC株式会社", "ABC 株式会社",
                                  "Alpha Textiles", "Société Générale", "Alpha 阿尔法 Beta"])
def test_a_name_in_one_script_or_with_its_scripts_mixed_stays_whole(cell: str) -> None:
    assert split(cell) is None


@pytest.mark.parametrize("cell", ["阿尔法纺织 (HK)", "阿尔法纺织有限公司 Co., Ltd.", "アルファ工業 K.K.",
                                  "阿尔法纺织 Ltd", "阿尔法纺织 Factory 2", "阿尔法纺织 (Group)",
                                  "阿尔法纺织 Plant II"])
def test_a_local_name_followed_by_a_legal_form_or_a_plant_alone_stays_whole(cell: str) -> None:
    """'阿尔法纺织 (HK)' was split into the name 'HK' and the local name 阿尔法纺织."""
    assert split(cell) is None


@pytest.mark.parametrize("cell", ["Sample Co.,Ltd（新疆）", "Alpha Textiles (苏州)",
                                  "Alpha Textiles（广西壮族自治区）", "Alpha Textiles (苏州工业园区)",
                                  "Alpha Textiles (广州市番禺区)"])
def test_a_place_in_brackets_after_the_name_is_a_note_not_a_local_name(cell: str) -> None:
    assert split(cell, "CN") is None


def _write(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def test_the_import_keeps_the_two_names_apart_and_another_list_finds_the_site(tmp_path: Path) -> None:
    sheet = _write(tmp_path / "list.csv", [
        ["Facility Name", "Address", "Country", "Local Name"],
        ["Alpha Textiles 阿尔法纺织有限公司", "1 Example Road, Ningbo", "China", ""],
        ["Beta Weaving / 贝塔织造", "2 Example Road, Shaoxing", "China", "贝塔织造"],
        ["Gamma Knits / 伽马针织", "3 Example Road, Suzhou", "China", "伽马针织（苏州）"]])
    target, suppliers = imported(tmp_path, sheet)
    assert [(e["name"], e.get("local_name")) for e in suppliers.values()][1:] == [
        ("Alpha Textiles", "阿尔法纺织有限公司"), ("Beta Weaving", "贝塔织造"),
        ("Gamma Knits / 伽马针织", "伽马针织（苏州）")]   # a local name of its own: the cell stays as written
    again = _write(tmp_path / "next.csv", [["Facility Name", "Address", "Country"],
                                           ["Alpha Textiles", "1 Example Road, Ningbo", "China"]])
    outcome = import_sheet(again, target, "suppliers", today=TODAY)
    assert outcome.ok and outcome.added == []


def test_a_site_stored_under_both_names_in_one_is_found_and_updated_not_added(tmp_path: Path) -> None:
    sheet = _write(tmp_path / "list.csv", [["Facility Name", "Address", "Country"],
                                           ["Alpha Textiles 阿尔法纺织有限公司", "1 Example Road, Ningbo", "China"]])
    target = disclosure(tmp_path)
    target.write_text(FIXTURE.replace("due_diligence:", "  - id: alpha-textile-cn\n"
                                      "    name: Alpha Textiles 阿尔法纺织有限公司\n    country: CN\n"
                                      "    address: 1 Example Road, Ningbo\n    relationship: supplier\n"
                                      "due_diligence:"), encoding="utf-8")
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok and outcome.added == [] and outcome.updated == ["alpha-textile-cn"]
    [site] = [e for e in load_file(target).data["suppliers"] if e["id"] == "alpha-textile-cn"]
    assert (site["name"], site["local_name"]) == ("Alpha Textiles", "阿尔法纺织有限公司")
