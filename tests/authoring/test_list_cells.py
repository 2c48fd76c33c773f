"""What real lists write in their cells and around their tables: "not given" marks, section and note
rows inside the table, tiers in words, local-language names, a contact person, and --map mistakes."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from generator.authoring.cells import not_given
from generator.authoring.importer import import_sheet
from generator.load.loader import load_file
from tests.authoring.test_import import FIXTURE, disclosure

TODAY = dt.date(2026, 6, 1)
HEAD = ["Factory Name", "Address", "City", "Country", "Number of Workers", "% Female Workers", "Tier"]


def _csv(folder: Path, rows: list[list[str]]) -> Path:
    path = folder / "list.csv"
    with open(path, "w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    return path


def _run(tmp_path: Path, sheet: Path, **options):
    target = disclosure(tmp_path)
    (tmp_path / "before.yaml").write_text(FIXTURE, encoding="utf-8")
    return target, import_sheet(sheet, target, "suppliers", today=TODAY, **options)


def _suppliers(target: Path) -> dict[str, dict]:
    return {e["name"]: e for e in load_file(target).data["suppliers"]}


@pytest.mark.parametrize("text", ["N/A", "n/a", "n.a.", "-", "—", "--", "unknown", "Not available", "TBC", "#N/A",
                                  "#VALUE!", " none "])
def test_a_not_given_mark_is_no_value(text: str) -> None:
    assert not_given(text)


@pytest.mark.parametrize("text", ["0", "1,200", "Namibia", "Nanyang", "A-1", "Tier 1", ""])
def test_a_value_is_not_a_not_given_mark(text: str) -> None:
    assert not not_given(text)


def test_not_given_cells_import_as_empty(tmp_path: Path) -> None:
    sheet = _csv(tmp_path, [HEAD,
                            ["Kappa Apparel", "House 5, Ashulia", "N/A", "Bangladesh", "N/A", "N/A", "-"],
                            ["Lambda Sewing", "12 Chumpou Voin", "-", "NA", "—", "#VALUE!", "Tier 2"],
                            ["Mu Knits", "Plot 44, Tiruppur", "Tiruppur", "India", "1,200", "55%", "unknown"]])
    target, outcome = _run(tmp_path, sheet)
    assert outcome.ok and outcome.written, [p.text() for p in outcome.problems]
    assert not [p for p in outcome.problems if p.code.startswith(("import-workers", "import-tier"))]
    found = _suppliers(target)
    assert "workers" not in found["Kappa Apparel"] and "city" not in found["Kappa Apparel"]
    assert found["Lambda Sewing"]["country"] == "NA" and found["Lambda Sewing"]["tier"] == 2   # Namibia
    assert found["Mu Knits"]["workers"] == 1200 and found["Mu Knits"]["female_workers"] == 660


def test_an_address_that_is_not_given_leaves_the_site_placed_by_its_town_or_nowhere(tmp_path: Path) -> None:
    sheet = _csv(tmp_path, [HEAD[:4], ["Nu Garments", "N/A", "Dhaka", "Bangladesh"]])
    target, outcome = _run(tmp_path, sheet)
    assert outcome.ok, [p.text() for p in outcome.problems]
    site = _suppliers(target)["Nu Garments"]
    assert "address" not in site and site["city"] == "Dhaka"
    sheet = _csv(tmp_path, [HEAD[:4], ["Nu Garments", "N/A", "-", "Bangladesh"],
                            ["Xi Knit", "4 Road", "Dhaka", "Bangladesh"]])
    target, outcome = _run(tmp_path, sheet)
    assert not outcome.ok and target.read_text(encoding="utf-8") == FIXTURE
    assert [p.line for p in outcome.problems if p.is_error and "no place" in p.message] == [2]


def test_a_list_of_names_and_countries_only_imports_with_one_warning(tmp_path: Path) -> None:
    sheet = _csv(tmp_path, [["Supplier Name", "Country"], ["Nu Garments", "Bangladesh"], ["Xi Knit", "China"],
                            ["Nu Garments", "Bangladesh"]])
    target, outcome = _run(tmp_path, sheet)
    assert outcome.ok, [p.text() for p in outcome.problems]
    assert [p.code for p in outcome.problems if p.code == "import-no-place"] == ["import-no-place"]
    assert {(e["name"], e["country"]) for e in _suppliers(target).values()} >= {("Nu Garments", "BD"),
                                                                                 ("Xi Knit", "CN")}
    assert [e["name"] for e in load_file(target).data["suppliers"]].count("Nu Garments") == 1


def test_section_note_and_total_rows_inside_the_table_are_skipped_and_said(tmp_path: Path) -> None:
    sheet = _csv(tmp_path, [["Supplier List - Spring 2025"], [], HEAD[:5],
                            ["TIER 1 - FINISHED GOODS"],
                            ["Sigma Apparel", "Road 4, Block B", "Gazipur", "Bangladesh", "1,100"],
                            ["Total Garments Ltd", "12 Mirpur Road", "Dhaka", "Bangladesh", "2,500"],
                            ["BANGLADESH"],
                            ["Note:", "worker numbers are approximate"],
                            ["Upsilon Fabrics", "Km 5 Chittagong Road", "Narayanganj", "Bangladesh", "800"],
                            ["Total number of factories", "3"],
                            ["Source: internal supplier database"]])
    target, outcome = _run(tmp_path, sheet)
    assert outcome.ok and outcome.written, [p.text() for p in outcome.problems]
    assert set(_suppliers(target)) - set(_suppliers(tmp_path / "before.yaml")) == {
        "Sigma Apparel", "Total Garments Ltd", "Upsilon Fabrics"}
    said = {p.line: p.message for p in outcome.problems if p.code == "import-note-row"}
    assert sorted(said) == [4, 7, 8, 10, 11]
    assert "a section heading" in said[4] and "a section heading" in said[7] and "a note" in said[8]


def test_a_note_or_total_behind_a_padding_column_is_said_at_its_cell(tmp_path: Path) -> None:
    sheet = _csv(tmp_path, [["", *HEAD[:5]], ["", "Sigma Apparel", "Road 4, Block B", "Gazipur", "Bangladesh", "1,100"],
                            ["", "Grand Total", "", "", "", "1,100"], ["", "Source: Example Brand, 2025"]])
    _, outcome = _run(tmp_path, sheet)
    assert outcome.ok, [p.text() for p in outcome.problems]
    assert [(p.line, p.column) for p in outcome.problems if p.code == "import-note-row"] == [(3, 2), (4, 2)]


def test_tiers_in_words_keep_their_number(tmp_path: Path) -> None:
    sheet = _csv(tmp_path, [HEAD, *([f"Omega {n}", f"{n} Mill Lane", "Chattogram", "Bangladesh", "", "", tier]
                                    for n, tier in enumerate(["Tier 3 - Raw Material Processing",
                                                              "Tier 4 - Raw Material Extraction", "Tier 1 & 2",
                                                              "Raw materials"]))])
    target, outcome = _run(tmp_path, sheet)
    assert outcome.ok, [p.text() for p in outcome.problems]
    assert [_suppliers(target)[f"Omega {n}"].get("tier") for n in range(4)] == [3, 4, 1, "raw-material"]
    several = [p for p in outcome.problems if p.code == "import-tier-several"]
    assert [(p.line, p.level) for p in several] == [(4, "warning")] and "kept tier 1" in several[0].message


def test_a_name_in_the_local_language_is_the_local_name(tmp_path: Path) -> None:
    sheet = _csv(tmp_path, [["Factory Name", "Factory Name (Local Language)", "Address (English)",
                             "Address (Local Language)", "Country"],
                            ["Phi Garment Co. Ltd.", "斐服装有限公司", "No. 8 Xingye Road, Ningbo",
                             "浙江省宁波市兴业路8号", "China"]])
    target, outcome = _run(tmp_path, sheet)
    assert outcome.ok, [p.text() for p in outcome.problems]
    phi = _suppliers(target)["Phi Garment Co. Ltd."]
    assert phi["local_name"] == "斐服装有限公司" and phi["address"] == "No. 8 Xingye Road, Ningbo"
    ignored = [p for p in outcome.problems if p.code == "import-column-ignored"]
    assert [(p.line, p.column) for p in ignored] == [(1, 4)]


def _contact_book(folder: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Factory Name", "Address", "Country", "Number of Workers", "Factory Contact", None, None])
    sheet.append([None, None, None, None, "Name", "Email", "Phone"])
    for cells in ("A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:G1"):
        sheet.merge_cells(cells)
    sheet.append(["Alpha Knit Ltd", "Plot 3, DEPZ, Savar", "Bangladesh", 1200, "Rahim Uddin", "rahim@example.com",
                  "+880 1711 000000"])
    path = folder / "list.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize("options", [{}, {"header_row": 2}], ids=["found", "--header-row 2"])
def test_a_contact_person_is_never_published(tmp_path: Path, options: dict) -> None:
    # "Name" under a merged "Factory Contact" was read as a name, then as the factory's parent.
    target, outcome = _run(tmp_path, _contact_book(tmp_path), **options)
    assert outcome.ok and outcome.written, [p.text() for p in outcome.problems]
    text = target.read_text(encoding="utf-8")
    assert "Rahim" not in text and "rahim@" not in text and "1711" not in text
    assert _suppliers(target)["Alpha Knit Ltd"]["workers"] == 1200
    said = [p.message for p in outcome.problems if p.code == "import-column-ignored"]
    assert len(said) == 3 and all("personal data" in m for m in said)


@pytest.mark.parametrize("target_field, hint", [("adress", "did you mean 'address'?"), ("# of Workers", "")])
def test_a_map_to_a_field_the_importer_does_not_fill_stops_the_import(tmp_path: Path, target_field: str,
                                                                     hint: str) -> None:
    sheet = _csv(tmp_path, [["Supplier Name", "Address1", "Country"], ["Alpha Knit", "Plot 3 DEPZ", "Bangladesh"]])
    target, outcome = _run(tmp_path, sheet, mapping={"Address1": target_field})
    errors = [p for p in outcome.problems if p.is_error]
    assert [p.code for p in errors] == ["import-map-field"] and hint in errors[0].message
    assert target.read_text(encoding="utf-8") == FIXTURE


def test_a_map_may_name_the_field_a_column_is_stored_as(tmp_path: Path) -> None:
    sheet = _csv(tmp_path, [["Supplier Name", "Address1", "Country", "Staff"],
                            ["Alpha Knit", "Plot 3 DEPZ", "Bangladesh", "1,200"]])
    target, outcome = _run(tmp_path, sheet, mapping={"Address1": "address", "Staff": "workers"})
    assert outcome.ok, [p.text() for p in outcome.problems]
    assert _suppliers(target)["Alpha Knit"]["workers"] == 1200


@pytest.mark.parametrize("order", [1, -1], ids=["as listed", "reversed"])
def test_a_sites_rows_join_their_products(tmp_path: Path, order: int) -> None:
    rows = [["Psi Garments Ltd", "Plot 12, Ashulia Road", "Savar", "Bangladesh", products]
            for products in ("Knitwear", "Woven|Knitwear", "Denim")]
    sheet = _csv(tmp_path, [["Factory Name", "Address", "City", "Country", "Product Type"], *rows[::order]])
    target, outcome = _run(tmp_path, sheet)
    assert outcome.ok, [p.text() for p in outcome.problems]
    assert _suppliers(target)["Psi Garments Ltd"]["products"] == ["Denim", "Knitwear", "Woven"]
    said = [p.message for p in outcome.problems if p.code == "import-duplicate-row"]
    assert len(said) == 2 and all(m.endswith("their products are joined") for m in said)


@pytest.mark.parametrize("order", [1, -1], ids=["as listed", "reversed"])
def test_a_sites_rows_that_spell_its_name_otherwise_give_it_aliases(tmp_path: Path, order: int) -> None:
    rows = [[name, "1 Example Rd, Urumqi", "China"] for name in (
        "Sample PV Materials Co., Ltd. (Xinjiang)", "Sample PV Materials (Xinjiang) Co., Ltd.",
        "Sample PV Materials Co.,Ltd（新疆）", "SAMPLE PV MATERIALS CO., LTD. (XINJIANG)")]
    sheet = _csv(tmp_path, [["Factory Name", "Address", "Country"], *rows[::order]])
    target, outcome = _run(tmp_path, sheet)
    assert outcome.ok, [p.text() for p in outcome.problems]
    (site,) = [s for s in _suppliers(target).values() if s["name"].casefold().startswith("sample")]
    spellings = [site["name"], *site["aliases"]]
    assert sorted(spellings) == sorted(r[0] for r in rows[:3])   # one of the two alike in all but case
    said = [p.message for p in outcome.problems if p.code == "import-duplicate-row"]
    assert sum("is kept among its aliases" in m for m in said) == 2


@pytest.mark.parametrize("order", [1, -1], ids=["as listed", "reversed"])
def test_a_sites_rows_that_write_its_street_short_and_long_are_one_site(tmp_path: Path, order: int) -> None:
    """'8 Huanghe Rd' and 'No. 8 Huanghe Road' in one city were two sites of one name, each with an id of its own."""
    rows = [["Omega Dyeing Co. Ltd", address, "Changzhou", "China"]
            for address in ("8 Huanghe Rd", "No. 8 Huanghe Road", "8 Huanghe St")]
    sheet = _csv(tmp_path, [["Factory Name", "Address", "City", "Country"], *rows[::order]])
    target, outcome = _run(tmp_path, sheet)
    assert outcome.ok, [p.text() for p in outcome.problems]
    sites = [s for s in load_file(target).data["suppliers"] if s["name"] == "Omega Dyeing Co. Ltd"]
    assert sorted(s["address"] for s in sites) == ["8 Huanghe Rd", "8 Huanghe St"]   # the lead: row order never counts
    said = [p.message for p in outcome.problems if p.code == "import-duplicate-row"]
    assert len(said) == 1 and "spelling of the address is kept" in said[0] and "address:" not in said[0]


def test_a_share_column_of_percents_warns_at_a_fraction_instead_of_reading_it_a_hundredfold_off(
        tmp_path: Path) -> None:
    head = ["Factory Name", "Address", "Country", "Number of Workers", "% Female Workers"]
    sheet = _csv(tmp_path, [head, ["Alpha Knit Co. Ltd.", "1 Example Rd", "Vietnam", "1000", "62%"],
                            ["Beta Sewing Co. Ltd.", "3 Example Rd", "Vietnam", "500", "78"],
                            ["PT Contoh Sepatu", "2 Example Rd", "Indonesia", "12000", "0.8"]])
    target, outcome = _run(tmp_path, sheet)
    sites = _suppliers(target)
    assert [sites[n].get("female_workers") for n in ("Alpha Knit Co. Ltd.", "Beta Sewing Co. Ltd.",
                                                     "PT Contoh Sepatu")] == [620, 390, None]
    [warning] = [p for p in outcome.problems if p.code == "import-share-ambiguous"]
    assert (warning.line, warning.column) == (4, 5) and "80%" in warning.message and "0.8%" in warning.message


def test_a_share_column_of_fractions_beside_percent_signs_reads_the_fractions(tmp_path: Path) -> None:
    head = ["Factory Name", "Address", "Country", "Number of Workers", "% Female Workers"]
    sheet = _csv(tmp_path, [head, ["Alpha Knit Co. Ltd.", "1 Example Rd", "Vietnam", "1000", "62%"],
                            ["PT Contoh Sepatu", "2 Example Rd", "Indonesia", "12000", "0.8"]])
    target, outcome = _run(tmp_path, sheet)
    assert _suppliers(target)["PT Contoh Sepatu"]["female_workers"] == 9600
    assert not [p for p in outcome.problems if p.code.startswith("import-share")]


LAST_YEAR = [["Factory Name", "Address", "City", "Country"],
             ["Ajara Textile Ltd", "31 Motserelia Str", "Poti", "Georgia"],
             ["Psi Garments Ltd", "Plot 3, DEPZ", "Savar", "Bangladesh"],
             ["Psi Garments Ltd", "Plot 7, DEPZ", "Savar", "Bangladesh"]]


@pytest.mark.parametrize(("this_year", "added"), [
    ([["Factory Name", "Address", "City", "Postal Code", "Country"],
      ["Ajara Textile Ltd", "31 Motserelia Str", "Poti", "4400", "Georgia"],
      ["Psi Garments Ltd", "Plot 3, DEPZ", "Savar", "1349", "Bangladesh"],
      ["Psi Garments Ltd", "Plot 7, DEPZ", "Savar", "1349", "Bangladesh"]], 0),
    ([["Factory Name", "Address", "City", "Country"],
      ["Ajara Textile Ltd", "31 Motserelia Str, Poti", "Poti", "Georgia"],
      ["Psi Garments Ltd", "Plot 3, DEPZ, Savar", "Savar", "Bangladesh"],
      ["Psi Garments Ltd", "Plot 9, DEPZ", "Savar", "Bangladesh"]], 1),
], ids=["a postcode joined", "the town joined, one plant new"])
def test_next_years_list_that_adds_a_postcode_or_town_to_addresses_finds_the_same_sites(
        tmp_path: Path, this_year: list[list[str]], added: int) -> None:
    target, first = _run(tmp_path, _csv(tmp_path, LAST_YEAR))
    suppliers = load_file(target).data["suppliers"]
    ids = {e["address"]: e["id"] for e in suppliers if "address" in e}
    assert first.ok and len(first.added) == 3
    again = import_sheet(_csv(tmp_path, this_year), target, "suppliers", today=TODAY)
    assert again.ok and len(again.added) == added, [p.text() for p in again.problems]
    now = load_file(target).data["suppliers"]
    assert {ids["31 Motserelia Str"], ids["Plot 3, DEPZ"], ids["Plot 7, DEPZ"]} <= {e["id"] for e in now}
    assert len(now) == len(suppliers) + added


def test_an_address_on_several_lines_reads_as_written_and_is_the_site_it_was(tmp_path: Path) -> None:
    head = ["Factory Name", "Address", "Country"]
    target, first = _run(tmp_path, _csv(tmp_path, [head, ["Rho Knit", "Unit 1 Example Road Narayanganj", "BD"],
                                                   ["Tau Mill", "Plot 2,\nDEPZ\r\nSavar", "BD"]]))
    assert first.ok and _suppliers(target)["Tau Mill"]["address"] == "Plot 2, DEPZ, Savar"
    ids = {e["name"]: e["id"] for e in load_file(target).data["suppliers"]}
    again = import_sheet(_csv(tmp_path, [head, ["Rho Knit", "Unit 1\nExample Road\nNarayanganj", "BD"],
                                         ["Tau Mill", "Plot 2, DEPZ, Savar", "BD"]]), target, "suppliers", today=TODAY)
    assert again.ok and again.added == [], [p.text() for p in again.problems]
    now = {e["name"]: e for e in load_file(target).data["suppliers"]}
    assert {n: now[n]["id"] for n in ids} == ids
    assert now["Rho Knit"]["address"] == "Unit 1, Example Road, Narayanganj"
