"""Shapes of published lists met again: a printed list that heads each page with its column headings, a
count of workers with a note that dates it, a region before the country, a fiscal year or a quarter for a
date, the words of a supplier's approval for its status, a column of certifications."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.authoring import not_sites, tables
from generator.authoring.importer import import_sheet
from generator.authoring.sheets import Row, Sheet
from tests.authoring.test_import import disclosure
from tests.authoring.test_published_cells import TODAY, _suppliers, _xlsx

HEADINGS = ["Factory Name", "Address", "Country", "Number of Workers"]


def test_the_headings_written_again_on_each_page_are_not_sites(tmp_path: Path) -> None:
    """Each repeated heading row was an error at its Country and Workers cells, and the list was not imported."""
    sheet = _xlsx(tmp_path, [HEADINGS, ["Zeta Textiles", "1 Example Rd, Dhaka", "Bangladesh", 100],
                             HEADINGS, ["Eta Textiles", "2 Example Rd, Dhaka", "Bangladesh", 200],
                             [h.upper() for h in HEADINGS], ["Theta Textiles", "3 Example Rd, Dhaka", "BD", 300]])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    assert [(p.line, p.code) for p in outcome.problems] == [(3, "import-note-row"), (5, "import-note-row")]
    assert "column headings written again" in outcome.problems[0].message
    found = _suppliers(target)
    assert [found[n]["workers"] for n in ("Zeta Textiles", "Eta Textiles", "Theta Textiles")] == [100, 200, 300]


def test_a_count_of_workers_with_a_note_that_dates_it_is_the_count(tmp_path: Path) -> None:
    """Each was an error, "'1200 (2023)' is not a number of workers", and the list was not imported."""
    written = ["1200 (2023)", "1,200 as of Dec 2023", "1200 - 2023 audit", "1,200 (as of 31/12/2023)",
               "approx. 1200 (2023)*", "100-499 (2022)", "1200 - 2023"]
    sheet = _xlsx(tmp_path, [HEADINGS] + [[f"Alpha{n} Textiles", f"{n} Example Rd, Dhaka", "Bangladesh", w]
                                          for n, w in enumerate(written)])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok and not outcome.problems, [p.text() for p in outcome.problems]
    found = _suppliers(target)
    assert [found[f"Alpha{n} Textiles"]["workers"] for n in range(len(written))] == [
        1200, 1200, 1200, 1200, 1200, "100-499", "1200-2023"]   # a dash and a year alone is a range


def test_a_note_dating_a_count_by_its_fiscal_year_or_month_is_set_aside_too(tmp_path: Path) -> None:
    """'1200 (FY2023)', '1200 (Dec-23)' and '1200 [2023]' were still "not a number of workers"."""
    written = ["1200 (FY2023)", "1200 (Dec-23)", "1200 [2023]", "1200 (200 seasonal)"]
    sheet = _xlsx(tmp_path, [HEADINGS] + [[f"Lambda{n} Textiles", f"{n} Example Rd, Dhaka", "Bangladesh", w]
                                          for n, w in enumerate(written)])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    # a note of no date is words about the count: read, and the cell kept in the notes
    assert [(p.line, p.code) for p in outcome.problems] == [(5, "import-workers-note")]
    assert _suppliers(target)["Lambda3 Textiles"]["notes"] == "Number of workers: 1200 (200 seasonal)"


def test_a_region_of_the_world_beside_the_country_is_set_aside(tmp_path: Path) -> None:
    """Each was an error, "'Asia - China' is not a country name or ISO code; did you mean Taiwan (TW) or China"."""
    written = ["Asia - China", "EMEA / Turkey", "Europe: Portugal", "Sub-Saharan Africa - Kenya", "China (Asia)",
               "APAC-Vietnam", "Guinea-Bissau"]
    sheet = _xlsx(tmp_path, [["Factory Name", "Address", "Country"]] + [
        [f"Epsilon{n} Textiles", f"{n} Example Road", w] for n, w in enumerate(written)])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok and not outcome.problems, [p.text() for p in outcome.problems]
    found = _suppliers(target)
    assert [found[f"Epsilon{n} Textiles"]["country"] for n in range(len(written))] == [
        "CN", "TR", "PT", "KE", "CN", "VN", "GW"]


def test_two_regions_or_two_countries_are_not_read_as_one_country(tmp_path: Path) -> None:
    sheet = _xlsx(tmp_path, [["Factory Name", "Address", "Country"], ["Mu Textiles", "1 Example Road", "Asia - Europe"],
                             ["Nu Textiles", "2 Example Road", "Asia - China / Vietnam"]])
    outcome = import_sheet(sheet, disclosure(tmp_path), "suppliers", today=TODAY)
    assert [(p.line, p.level) for p in outcome.problems if p.code.startswith("import-country")] == [
        (2, "error"), (3, "error")]


def test_a_quarter_or_half_gives_its_year_and_a_fiscal_year_is_said_at_its_cell(tmp_path: Path) -> None:
    """Each was "'Q1 2019' is not a date", which said nothing of why 'FY2019' could not be read."""
    written = ["Q1 2019", "2019 Q3", "H1 2020", "Since Q2 2018", "FY2019", "FY 2019/20", "Q3 FY2019"]
    sheet = _xlsx(tmp_path, [["Factory Name", "Address", "Country", "Supplier Since"]] + [
        [f"Beta{n} Textiles", f"{n} Example Road", "Bangladesh", w] for n, w in enumerate(written)])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    found = _suppliers(target)
    assert [found[f"Beta{n} Textiles"].get("since") for n in range(len(written))] == [
        "2019", "2019", "2020", "2018", None, None, None]
    assert [(p.line, p.code) for p in outcome.problems] == [(n, "import-date-fiscal") for n in (6, 7, 8)]
    assert "fiscal year" in outcome.problems[0].message


def test_a_status_in_words_is_the_models_and_a_stage_of_approval_is_said_to_read_as_active(tmp_path: Path) -> None:
    """'Phased out', 'New' and 'Off-boarded' were "does not say whether the site is active, suspended or ended";
    the warning at 'Pending' did not say that the site then reads as active."""
    written = ["Phased out", "Phased-Out", "New", "Off-boarded", "Exited", "Suspended", "Pending", "Under review",
               "Inactive"]
    sheet = _xlsx(tmp_path, [["Factory Name", "Address", "Country", "Status"]] + [
        [f"Gamma{n} Textiles", f"{n} Example Road", "Bangladesh", w] for n, w in enumerate(written)])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    found = _suppliers(target)
    assert [found[f"Gamma{n} Textiles"].get("status") for n in range(len(written))] == [
        "ended", "ended", "active", "ended", "ended", "suspended", None, None, None]
    said = {p.line: p.message for p in outcome.problems if p.code == "import-status"}
    assert sorted(said) == [8, 9, 10]
    assert "stage of the site's approval" in said[8] and "stage" not in said[10]
    assert all("reads as active" in m for m in said.values())


def test_a_column_of_certifications_is_said_to_have_no_field_and_a_row_per_certificate_is_one_site(
        tmp_path: Path) -> None:
    """'Certifications' was "not a heading the importer knows; name its field with --map", a field there is not."""
    headings = ["Factory Name", "Address", "Country", "Product Category", "Certifications", "BSCI Rating"]
    sheet = _xlsx(tmp_path, [headings,
                             ["Iota Textiles", "1 Example Rd, Dhaka", "Bangladesh", "Tops", "BSCI; SA8000; WRAP", "B"],
                             ["Iota Textiles", "1 Example Rd, Dhaka", "Bangladesh", "Bottoms", "Higg FEM", "B"],
                             ["Kappa Textiles", "2 Example Rd, Dhaka", "Bangladesh", "Tops", "ISO 14001", "A"]])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    ignored = [p for p in outcome.problems if p.code == "import-column-ignored"]
    assert [p.column for p in ignored] == [5, 6]
    assert all("no certifications or audit results" in p.message and "--map" not in p.message for p in ignored)
    found = _suppliers(target)
    assert found["Iota Textiles"]["products"] == ["Bottoms", "Tops"] and len(found) == 3   # with the file's own


def test_a_status_with_the_date_of_its_change_a_mark_or_its_noun_is_read(tmp_path: Path) -> None:
    """Each was "does not say whether the site is active, suspended or ended", so an exited site read as active."""
    written = ["Exited (2023)", "Phased out in 2023", "Terminated - Dec 2023", "Suspended (2024)", "Active*",
               "Active (New)", "New supplier", "Active (Suspended)", "Exited - 2023", "Closed 2022"]
    sheet = _xlsx(tmp_path, [["Factory Name", "Address", "Country", "Status"]] + [
        [f"Omega{n} Textiles", f"{n} Example Road", "Bangladesh", w] for n, w in enumerate(written)])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    found = _suppliers(target)
    assert [found[f"Omega{n} Textiles"].get("status") for n in range(len(written))] == [
        "ended", "ended", "ended", "suspended", "active", "active", "active", None, "ended", "ended"]
    assert [(p.line, p.code) for p in outcome.problems] == [(9, "import-status")]   # two statuses: not read


def test_the_title_and_the_number_of_each_printed_page_are_not_sites(tmp_path: Path) -> None:
    """'Acme Corp Supplier List' and 'Page 2 of 3' inside the table were each "row 4 has no country"."""
    sheet = _xlsx(tmp_path, [["Acme Corp Supplier List"], HEADINGS,
                             ["Zeta Textiles", "1 Example Rd, Dhaka", "Bangladesh", 100],
                             ["ACME CORP SUPPLIER LIST"], HEADINGS, ["Eta Textiles", "2 Example Rd, Dhaka", "BD", 200],
                             ["Page 2 of 3"], [*HEADINGS[:3], "Number of Workers*"],
                             ["Theta Textiles", "3 Example Rd, Dhaka", "Bangladesh", 300]])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    assert [(p.line, p.code) for p in outcome.problems] == [(n, "import-note-row") for n in (4, 5, 7, 8)]
    assert "title above the table" in outcome.problems[0].message and "page's number" in outcome.problems[2].message
    assert len(_suppliers(target)) == 4   # with the file's own


def test_women_and_migrants_with_a_note_that_dates_them_are_read_as_the_workers_are(tmp_path: Path) -> None:
    """'600 (2023)' was read, but '60% (2023)' and '5% (2023)' were errors that stopped the list."""
    sheet = _xlsx(tmp_path, [["Factory Name", "Address", "Country", "Number of Workers", "Female Workers",
                              "% Migrant Workers"],
                             ["Rho Textiles", "1 Example Rd, Dhaka", "BD", "1000 (2023)", "600 (2023)", "5% (2023)"],
                             ["Sigma Textiles", "2 Example Rd, Dhaka", "BD", "1,000 as of Dec 2023", "60% (2023)",
                              "10 (Dec-23)"]])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok and not outcome.problems, [p.text() for p in outcome.problems]
    found = _suppliers(target)
    assert [(found[n]["female_workers"], found[n]["migrant_workers"]) for n in ("Rho Textiles", "Sigma Textiles")] == [
        (600, 50), (600, 100)]


def test_a_country_after_its_region_is_read_as_the_country_alone_would_be(tmp_path: Path) -> None:
    """'Asia - Korea', 'Asia - Xinjiang, China' and 'Asia - Srilanka' were errors; alone, each is read."""
    written = ["Asia - Korea", "Asia - Xinjiang, China", "Asia - Srilanka"]
    sheet = _xlsx(tmp_path, [["Factory Name", "Address", "Country"]] + [
        [f"Phi{n} Textiles", f"{n} Example Road", w] for n, w in enumerate(written)])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    assert [p.code for p in outcome.problems] == [
        "import-country-assumed", "import-country-with-place", "import-country-guessed"]
    found = _suppliers(target)
    assert [found[f"Phi{n} Textiles"]["country"] for n in range(3)] == ["KR", "CN", "LK"]
    assert found["Phi1 Textiles"]["subdivision"] == "CN-XJ"


def test_a_group_heading_written_again_on_each_page_is_not_a_site(tmp_path: Path) -> None:
    """A group heading not merged ('Workers' over 'Total' and '% Female', as a CSV keeps it) holds one cell: written
    again on the next page, it was read as a site, "row 4 has no name"."""
    group, lower = ["", "", "", "Workers", ""], ["Factory Name", "Address", "Country", "Total", "% Female"]
    sheet = _xlsx(tmp_path, [group, lower, ["Chi Textiles", "1 Example Rd, Dhaka", "Bangladesh", 1000, "60%"],
                             group, lower, ["Psi Textiles", "2 Example Rd, Dhaka", "Bangladesh", 500, "50%"]])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    assert [(p.line, p.code) for p in outcome.problems] == [(4, "import-note-row"), (5, "import-note-row")]
    assert _suppliers(target)["Psi Textiles"]["female_workers"] == 250


def test_looking_for_a_page_heading_reads_each_sites_first_cell_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each row of the table had all its cells made plain, and every heading and title row's again: 40,000 rows
    under one title took 2.4 s instead of 0.3 s."""
    made_plain: list[int] = []
    plain = not_sites.plain_cells
    for module in (tables, not_sites):
        monkeypatch.setattr(module, "plain_cells", lambda cells: made_plain.append(len(cells)) or plain(cells))
    rows = [Row(1, ("Acme Corp Supplier List",)), Row(2, tuple(HEADINGS))]
    rows += [Row(n, (f"Site {n}", f"{n} Example Road", "Bangladesh", "100")) for n in range(3, 1003)]
    table, problems, _ = tables.find_table(Sheet("list.csv", "", (), tuple(rows)), {})
    assert table is not None and len(table.rows) == 1000 and not problems
    assert sum(made_plain) <= 1000 + 2 * len(HEADINGS)


def test_a_site_named_like_a_note_or_a_total_with_its_country_alone_is_a_site(tmp_path: Path) -> None:
    """'Source Fabrics Ltd', 'Total Apparel' and 'Notes & Co', each beside its country alone, were each "read as a
    note" or "as a total, not as a site; it is not imported"; the last row of the list, too."""
    sheet = _xlsx(tmp_path, [["Factory Name", "Country", "Product Category"], ["Alpha Knit", "Bangladesh", "Tops"],
                             ["Source Fabrics Ltd", "Bangladesh"], ["Total Apparel", "India"], ["Notes & Co", "IN"],
                             ["Beta Knit", "Bangladesh", "Tops"], ["Definitions Print", "India"],
                             ["Total number of factories: 6"], ["Source: the brand's records"], ["Note", "as of 2024"]])
    target = disclosure(tmp_path)
    outcome = import_sheet(sheet, target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    assert [p.line for p in outcome.problems if p.code == "import-note-row"] == [8, 9, 10]
    assert {"Source Fabrics Ltd", "Total Apparel", "Notes & Co", "Definitions Print"} <= set(_suppliers(target))
