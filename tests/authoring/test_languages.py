"""Lists published in the buyer's or the maker's language: French, German, Spanish, Chinese headings and
country names, as brands in France, Germany, Spain and lists from China write them (invented sites)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from generator.authoring.foreign_headings import FOREIGN
from generator.authoring.headings import SITE_NAMES, column_key
from generator.authoring.headings import resolve as resolve_heading
from generator.authoring.importer import import_sheet
from generator.check.countries import resolve
from generator.load.loader import load_file
from tests.authoring.test_import import disclosure

TODAY = dt.date(2026, 6, 1)


@pytest.mark.parametrize(("text", "code"), [
    ("Tunisie", "TN"), ("Maroc", "MA"), ("Türkei", "TR"), ("Bangladesch", "BD"), ("Perú", "PE"), ("Brasil", "BR"),
    ("Chine", "CN"), ("Indien", "IN"), ("Camboya", "KH"), ("Trung Quốc", "CN"), ("Çin", "CN"), ("Mısır", "EG"),
    ("Corée du Sud", "KR"), ("Vereinigtes Königreich", "GB"), ("États-Unis", "US"), ("Estados Unidos", "US"),
    ("CHINA (PRC)", "CN"), ("Türkiye (Turkey)", "TR"), ("India (IND)", "IN")])
def test_a_country_in_the_lists_language_or_glossed_in_brackets(text: str, code: str) -> None:
    assert resolve(text).code == code


def test_a_bracket_naming_another_country_is_still_refused() -> None:
    assert resolve("Chine (Taïwan)").code == "" and resolve("China (Vietnam)").code == ""


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def test_every_heading_in_another_language_names_its_column() -> None:
    for column, written in FOREIGN.items():
        for heading in written:
            assert resolve_heading(heading, {}) == column, heading


# Shaped after French, German and Spanish brands' published factory lists and a list compiled in China.
LISTS = {
    "fr": [["Nom du fournisseur", "Nom de l'usine", "Adresse", "Ville", "Pays", "Nombre de salariés",
            "Catégorie de produits"],
           ["Fournisseur Exemple", "Usine Exemple 1", "12 rue de l'Exemple", "Sousse", "Tunisie", "250", "Vêtements"],
           ["Fournisseur Exemple", "Usine Exemple 2", "14 rue de l'Exemple", "Fès", "Maroc", "120", "Vêtements"]],
    "de": [["Lieferant", "Produktionsstätte", "Adresse", "Stadt", "Land", "Anzahl Beschäftigte", "Produktgruppe"],
           ["Beispiel GmbH", "Beispiel Werk", "Str. 1", "Izmir", "Türkei", "250", "Bekleidung"],
           ["Beispiel GmbH", "Beispiel Näherei", "Str. 2", "Dhaka", "Bangladesch", "1200", "Bekleidung"]],
    "es": [["Nombre de la fábrica", "Dirección", "Ciudad", "País", "Número de trabajadores", "Producto"],
           ["Fábrica Ejemplo", "Calle 1", "Lima", "Perú", "300", "Prendas"],
           ["Fábrica Muestra", "Calle 2", "Tehuacán", "México", "900", "Mezclilla"]],
    "zh": [["供应商名称", "工厂名称", "工厂地址", "城市", "国家", "工人数量"],
           ["示例集团有限公司", "示例纺织有限公司", "示例路1号", "东莞", "中国", "500"],
           ["示例集团有限公司", "示例针织厂", "示例路2号", "越南平阳", "越南", "300"]],
}


@pytest.mark.parametrize("language", LISTS)
def test_a_list_headed_in_its_own_language_imports(tmp_path: Path, language: str) -> None:
    rows = LISTS[language]
    target = disclosure(tmp_path)
    outcome = import_sheet(_csv(tmp_path / f"{language}.csv", rows), target, "suppliers", today=TODAY)
    assert outcome.ok and outcome.written, [p.text() for p in outcome.problems]
    suppliers = load_file(target).data["suppliers"][-2:]   # after the disclosure's own
    site = next(i for i, h in enumerate(rows[0]) if column_key(h) in SITE_NAMES)
    assert [s["name"] for s in suppliers] == [r[site] for r in rows[1:]]
    assert all(s["workers"] and s["address"] and len(s["country"]) == 2 for s in suppliers)
    if language in ("fr", "de", "zh"):   # the supplier beside the site is its parent
        assert {s["parent"] for s in suppliers} == {rows[1][0]}


def test_a_chinese_heading_row_over_an_english_one_and_both_in_one_cell(tmp_path: Path) -> None:
    two_rows = [["工厂名称", "地址", "国家", "工人数量"], ["Factory Name", "Address", "Country", "Number of Workers"],
                ["示例纺织有限公司", "示例路1号", "中国", "500"]]
    one_cell = [["工厂名称Factory Name", "地址\nAddress", "国家/Country", "工人数量 Workers"],
                ["示例纺织有限公司", "示例路1号", "中国", "500"]]
    for name, rows in (("two", two_rows), ("one", one_cell)):
        (tmp_path / name).mkdir()
        target = disclosure(tmp_path / name)
        outcome = import_sheet(_csv(tmp_path / f"{name}.csv", rows), target, "suppliers", today=TODAY)
        assert outcome.ok, [p.text() for p in outcome.problems]
        last = load_file(target).data["suppliers"][-1]
        assert (last["name"], last["workers"]) == ("示例纺织有限公司", 500)


def test_a_german_list_of_makers_reads_its_maker_as_the_site(tmp_path: Path) -> None:
    # Shaped after German outdoor brands' lists: the maker (Produzent) beside its supplier, staff 'Mitarbeitende'.
    rows = [["Lieferant", "Produzent", "Straße und Hausnummer", "Stadt", "Land", "Anzahl Mitarbeitende"],
            ["Beispiel Handels GmbH", "Beispiel Textil Co., Ltd.", "Beispielstr. 3", "Ho-Chi-Minh-Stadt", "Vietnam",
             "ca. 800"]]
    target = disclosure(tmp_path)
    outcome = import_sheet(_csv(tmp_path / "de.csv", rows), target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    site = load_file(target).data["suppliers"][-1]
    assert (site["name"], site["parent"]) == ("Beispiel Textil Co., Ltd.", "Beispiel Handels GmbH")
    assert site["workers"] == 800


@pytest.mark.parametrize("heading", ["Land (ha)", "Land [ha]", "Land (hectares)", "Planted Land (acres)"])
def test_a_heading_with_a_unit_of_area_is_no_country(tmp_path: Path, heading: str) -> None:
    """'Land (ha)' of a plantation list was read as German 'Land', the country, its note dropped: each row's
    hectares were "'1,200' is not imported" beside the Country column, which "differ"."""
    rows = [["Mill Name", "Country", "Province", heading, "Latitude", "Longitude"],
            ["Sigma POM", "Malaysia", "Sabah", "1,200", "5.84", "118.11"]]
    target = disclosure(tmp_path)
    outcome = import_sheet(_csv(tmp_path / "mills.csv", rows), target, "suppliers", today=TODAY)
    assert outcome.ok and [p.code for p in outcome.problems] == ["import-column-ignored"]
    assert resolve_heading("Land", {}) == "country" and resolve_heading("Land (Country)", {}) == "country"
