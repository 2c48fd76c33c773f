"""Provinces and states as published lists spell them where ISO writes another name: the English names of
European states (Bavaria, Styria, Antwerp), the romanisations of Cambodia's provinces garment lists use
(Kandal, Pursat), and a name beside its code (BAHIA - BA)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from generator.authoring.importer import import_sheet
from generator.check.provinces import subdivision
from generator.load.loader import load_file
from tests.authoring.test_real_lists import TODAY, disclosure


@pytest.mark.parametrize(("text", "country", "code"), [
    ("KANDAL", "KH", "KH-8"), ("Kampong Speu", "KH", "KH-5"), ("KAMPONG SPEU PROVINCE", "KH", "KH-5"),
    ("Pursat", "KH", "KH-15"), ("POUTHISAT", "KH", "KH-15"), ("Trengganu", "MY", "MY-11"),
    ("Bavaria", "DE", "DE-BY"), ("Saxony", "DE", "DE-SN"), ("Lower Saxony", "DE", "DE-NI"),
    ("Styria", "AT", "AT-6"), ("Carinthia", "AT", "AT-2"), ("Antwerp", "BE", "BE-VAN"),
    ("Lombardy", "IT", "IT-25"), ("Catalonia", "ES", "ES-CT"),
    ("BAHIA - BA", "BR", "BR-BA"), ("SP - Sao Paulo", "BR", "BR-SP"), ("CE: Ceará", "BR", "BR-CE"),
])
def test_a_province_as_lists_spell_it_is_its_iso_code(text: str, country: str, code: str) -> None:
    assert subdivision(text, country) == code


@pytest.mark.parametrize("text", ["Bahia - SP", "Bahia - XX"])
def test_a_name_beside_a_code_that_is_not_its_own_is_not_read(text: str) -> None:
    assert subdivision(text, "BR") is None


def _import(tmp_path: Path, rows: list[list[str]], mapping: dict[str, str]) -> tuple[dict[str, dict], list[str]]:
    sheet = tmp_path / "list.csv"
    with open(sheet, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", mapping, today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    found = {e["id"]: e for e in load_file(target).data["suppliers"] if e["name"].startswith("Example")}
    return found, [p.code for p in outcome.problems]


def test_two_plants_of_one_name_in_two_states_are_two_sites(tmp_path: Path) -> None:
    """A brand's list read with --map supplier_address=subdivision: 'Bavaria' and 'Saxony' were no place, and
    the two plants were merged into one."""
    found, codes = _import(tmp_path, [["supplier_name", "country", "supplier_address"],
                                      ["Example Semiconductors AG", "Germany", "Bavaria"],
                                      ["Example Semiconductors AG", "Germany", "Saxony"]],
                           {"supplier_address": "subdivision"})
    assert sorted(e["subdivision"] for e in found.values()) == ["DE-BY", "DE-SN"]
    assert "import-duplicate-row" not in codes


def test_two_plants_in_states_the_importer_cannot_read_are_not_merged(tmp_path: Path) -> None:
    found, codes = _import(tmp_path, [["supplier_name", "country", "supplier_address"],
                                      ["Example Semiconductors AG", "Germany", "Sample Land"],
                                      ["Example Semiconductors AG", "Germany", "Other Land"],
                                      ["Example Semiconductors AG", "Germany", "Other Land"]],
                           {"supplier_address": "subdivision"})
    assert len(found) == 2 and codes.count("import-duplicate-row") == 1
    assert codes.count("import-subdivision") == 3
