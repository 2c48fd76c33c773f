"""An address that ends in a country's name and a country column that names another: one of
them is wrong, and the import says so at the row rather than writing either unremarked."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from generator.authoring.cells import Cell
from generator.authoring.osh import row_fields
from tests.authoring.test_real_lists import imported


def _row(address: str, country: str) -> tuple[dict, list[tuple[int, int, str, str]]]:
    given = {"name": Cell("Example Weaving", 4, 1), "address": Cell(address, 4, 2), "country": Cell(country, 4, 3)}
    fields, _, problems = row_fields(given, "list.csv")
    return fields, [(p.line, p.column, p.level, p.code) for p in problems]


def test_an_address_ending_in_another_country_is_a_warning_at_the_country_cell() -> None:
    fields, problems = _row("3 Example Road, Faisalabad, Pakistan", "India")
    assert fields["country"] == "IN"
    assert problems == [(4, 3, "warning", "import-country-address")]


@pytest.mark.parametrize(("address", "country"), [
    ("3 Example Road, Faisalabad, Pakistan", "Pakistan"), ("3 Example Road, Faisalabad, Pakistan 38000", "PK"),
    ("1 Example Avenue, Atlanta, Georgia", "United States"),   # a state of the row's country named like a country
    ("2 Rue Exemple, Arlon, Luxembourg", "Belgium"), ("4 Example Road, Austin, TX", "US"),
    ("5 Example Road, Gazipur", "Bangladesh"), ("Jl. Contoh 1, Kab. Bogor, Jawa Barat", "Indonesia"),
])
def test_an_address_that_ends_in_its_own_country_or_in_none_says_nothing(address: str, country: str) -> None:
    # its province, where it ends in one, is read and said (test_address_province)
    assert [p for p in _row(address, country)[1] if p[3] != "import-subdivision-from-address"] == []


def test_the_list_imports_with_the_country_columns_country(tmp_path: Path) -> None:
    sheet = tmp_path / "list.csv"
    with open(sheet, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["Facility Name", "Address", "Country"],
                                 ["Example Weaving", "3 Example Road, Faisalabad, Pakistan", "India"]])
    _, suppliers = imported(tmp_path, sheet)
    assert suppliers["example-weaving-in"]["country"] == "IN"


@pytest.mark.parametrize("address", ["Sargento Cabral - Pasaje 62, Nº 1071", "Rua Exemplo, No. 12",
                                     "Calle Ejemplo, N.º 5", "Example Strasse, Nr. 3", "Calle Ejemplo, Núm. 4"])
def test_the_sign_of_a_number_that_ends_an_address_is_no_country(address: str) -> None:
    assert _row(address, "Argentina") == ({"name": "Example Weaving", "address": address, "country": "AR"}, [])
