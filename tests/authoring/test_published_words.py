"""Words of published supplier lists that readers found refused, misread or lost: Taiwan, Hong Kong and Greece
as lists name them, counts and shares written with words about them, several tiers, a withheld name, a subtotal
beside its town, a mill's owner company, a cocoa cooperative's department and sub-prefecture. The names are
invented; the shapes are the lists'."""

from __future__ import annotations

from pathlib import Path

from generator.authoring.importer import import_sheet
from tests.authoring.test_import import disclosure
from tests.authoring.test_published_cells import TODAY, _suppliers, _xlsx

FIXTURE_SITE = "Kashgar Example Yarn Co., Ltd."


def _imported(tmp_path: Path, rows: list[list[object]]) -> tuple[dict[str, dict], list]:
    tmp_path.mkdir(exist_ok=True)
    target = disclosure(tmp_path)
    outcome = import_sheet(_xlsx(tmp_path, rows), target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    sites = _suppliers(target)
    sites.pop(FIXTURE_SITE)
    return sites, outcome.problems


def test_taiwan_hong_kong_and_greece_are_read_as_lists_name_them(tmp_path: Path) -> None:
    """'Republic of China' was "names more than one country", 'ROC', 'HK SAR' and the EU's 'EL' were "not a
    country name or ISO code": each an error that stopped the list."""
    sites, problems = _imported(tmp_path, [
        ["Factory Name", "City", "Country"], ["Alpha Electronics", "Taoyuan", "Republic of China"],
        ["Beta Electronics", "Hsinchu", "ROC"], ["Gamma Trading", "Kowloon", "HK SAR"],
        ["Delta Trading", "Kwun Tong", "Hong Kong SAR"], ["Epsilon Trading", "Tsuen Wan", "Hong Kong S.A.R."],
        ["Zeta Olive Oil", "Kalamata", "EL"]])
    assert {name: site["country"] for name, site in sites.items()} == {
        "Alpha Electronics": "TW", "Beta Electronics": "TW", "Gamma Trading": "HK", "Delta Trading": "HK",
        "Epsilon Trading": "HK", "Zeta Olive Oil": "GR"}
    [said] = [p for p in problems if p.code == "import-country-assumed"]
    assert said.line == 2 and "CN" in said.message   # the other reading is named


def test_el_is_greece_in_a_country_column_only() -> None:
    from generator.check.countries import resolve
    assert resolve("EL").code == "" and resolve("El").code == ""   # in free text, a word


def test_a_site_of_several_tiers_keeps_the_nearest_and_says_which_it_was_given(tmp_path: Path) -> None:
    """'Tier I & II' was read as tier 1 without a word that two were given, and 'Tiers 1-2' was "not a tier the
    disclosure holds"; 'Tier 1 and 2' already kept 1 with a warning."""
    sites, problems = _imported(tmp_path, [
        ["Factory Name", "City", "Country", "Tier"], ["Alpha Knit", "Gazipur", "Bangladesh", "Tier I & II"],
        ["Beta Knit", "Dhaka", "Bangladesh", "Tier 1 and 2"], ["Gamma Dye", "Savar", "Bangladesh", "Tiers 1-2"],
        ["Delta Spinning", "Bogura", "Bangladesh", "Tier 3 & Tier 2"], ["Epsilon Yarn", "Savar", "Bangladesh", "T2"]])
    assert {name: site.get("tier") for name, site in sites.items()} == {
        "Alpha Knit": 1, "Beta Knit": 1, "Gamma Dye": 1, "Delta Spinning": 2, "Epsilon Yarn": 2}
    several = [p for p in problems if p.code == "import-tier-several"]
    assert [p.line for p in several] == [2, 3, 4, 5] and not [p for p in problems if p.code == "import-tier"]
    assert "(1, 2)" in several[0].message and "kept tier 1" in several[0].message
    assert "(2, 3)" in several[3].message and "kept tier 2" in several[3].message
    assert sites["Alpha Knit"]["notes"] == "Tier: Tier I & II" and "notes" not in sites["Epsilon Yarn"]


def test_a_count_with_swiss_thousands_or_words_in_brackets_is_read_and_its_words_kept(tmp_path: Path) -> None:
    """'1'234' (Swiss thousands), '50 (seasonal)' and '1200 (incl. 200 contract)' were each "not a number of
    workers", an error that stopped the list. The count is read, and a cell with words keeps them in the notes,
    after the notes the file holds, once however often the list is imported."""
    rows = [["Factory Name", "City", "Country", "Number of Workers", "Notes"],
            ["Alpha Knit", "Gazipur", "Bangladesh", "1'234", ""], ["Beta Knit", "Dhaka", "Bangladesh", "1’500", ""],
            ["Gamma Farm", "Kandy", "Sri Lanka", "50 (seasonal)", ""],
            ["Delta Knit", "Savar", "Bangladesh", "1200 (incl. 200 contract)", "Audited 2025"],
            ["Epsilon Knit", "Savar", "Bangladesh", "300 (2023)", ""]]
    sites, problems = _imported(tmp_path, rows)
    assert {name: site["workers"] for name, site in sites.items()} == {
        "Alpha Knit": 1234, "Beta Knit": 1500, "Gamma Farm": 50, "Delta Knit": 1200, "Epsilon Knit": 300}
    assert sites["Gamma Farm"]["notes"] == "Number of workers: 50 (seasonal)"
    assert sites["Delta Knit"]["notes"] == "Number of workers: 1200 (incl. 200 contract); Audited 2025"
    assert "notes" not in sites["Alpha Knit"] and "notes" not in sites["Epsilon Knit"]
    assert [p.line for p in problems if p.code == "import-workers-note"] == [4, 5]
    target = disclosure(tmp_path)
    text = target.read_text(encoding="utf-8").replace("Visited in 2025; written by hand.", "Visited in 2025.")
    target.write_text(text, encoding="utf-8")
    rows = [rows[0], ["Kashgar Example Yarn Co., Ltd.", "Kashgar", "China", "80 (seasonal)", ""]]
    for _ in range(2):
        outcome = import_sheet(_xlsx(tmp_path, rows), target, "suppliers", today=TODAY)
        assert outcome.ok, [p.text() for p in outcome.problems]
    yarn = _suppliers(target)[FIXTURE_SITE]
    assert yarn["notes"] == "Visited in 2025. Number of workers: 80 (seasonal)" and outcome.unchanged


def test_a_share_of_women_written_beside_its_side_is_read(tmp_path: Path) -> None:
    """'Female: 60%', '60% F / 40% M' and 'F 60% M 40%' under '% Female Workers' were each "is not a share
    between 0% and 100%", an error that stopped the list, though the same cells under 'Gender Ratio' were read."""
    sites, problems = _imported(tmp_path, [
        ["Factory Name", "City", "Country", "Total Workers", "% Female Workers"],
        ["Alpha Knit", "Gazipur", "Bangladesh", "1000", "Female: 60%"],
        ["Beta Knit", "Dhaka", "Bangladesh", "500", "60% F / 40% M"],
        ["Gamma Knit", "Savar", "Bangladesh", "200", "F 60% M 40%"],
        ["Delta Knit", "Savar", "Bangladesh", "200", "M 30% F 70%"],
        ["Epsilon Knit", "Savar", "Bangladesh", "300", "Female: 60% / Male: 50%"]])
    assert {name: site.get("female_workers") for name, site in sites.items()} == {
        "Alpha Knit": 600, "Beta Knit": 300, "Gamma Knit": 120, "Delta Knit": 140, "Epsilon Knit": None}
    assert [(p.line, p.code) for p in problems] == [(6, "import-gender-ratio")]   # 110%: said, not guessed


def test_a_site_whose_name_the_list_withholds_is_no_named_site(tmp_path: Path) -> None:
    """'Confidential', 'Not disclosed', 'Withheld' and 'N/A' under 'Factory Name' were each imported as a site
    of that name (id 'confidential-bd'), as if a firm were so called."""
    sites, problems = _imported(tmp_path, [
        ["Supplier Name", "Factory Name", "Address", "City", "Country", "Number of Workers"],
        ["Alpha Group", "Alpha Knit", "1 Example Road", "Gazipur", "Bangladesh", "1200"],
        ["Alpha Group", "Confidential", "2 Example Road", "Gazipur", "Bangladesh", "300"],
        ["Beta Group", "Not disclosed", "3 Example Road", "Dhaka", "Bangladesh", "Not disclosed"],
        ["", "Withheld", "4 Example Road", "Savar", "Bangladesh", ""],
        ["", "N/A", "5 Example Road", "Savar", "Bangladesh", ""],
        ["", "Undisclosed supplier", "6 Example Road", "Savar", "Bangladesh", ""]])
    assert list(sites) == ["Alpha Knit"]
    said = [p for p in problems if p.code == "import-name-withheld"]
    assert [(p.line, p.column, p.level) for p in said] == [(n, 2, "warning") for n in (3, 4, 5, 6, 7)]
    assert "'Confidential'" in said[0].message and "withholds" in said[0].message


def test_a_subtotal_beside_its_country_and_town_is_no_site(tmp_path: Path) -> None:
    """'Total' beside 'Bangladesh' and 'Dhaka' (a list's subtotal for a town) was imported as a site named
    'Total' with 5,000 workers, as a country and a town beside it placed it; so were 'Sub-total', 'Grand total',
    'Sum' and 'Totals:'. A firm named 'Total' beside its street is still a site."""
    sites, problems = _imported(tmp_path, [
        ["Factory Name", "Address", "Country", "City", "Number of Workers"],
        ["Alpha Knit", "1 Example Road", "Bangladesh", "Dhaka", "5000"],
        ["Total", "", "Bangladesh", "Dhaka", "5000"], ["Sub-total", "", "Bangladesh", "Dhaka", "5000"],
        ["Beta Knit", "2 Example Road", "Viet Nam", "Hanoi", "800"],
        ["Sum", "", "Viet Nam", "Hanoi", "800"], ["Totals:", "", "Viet Nam", "", "800"],
        ["Total", "3 Example Road", "Italy", "Prato", "300"], ["Grand total", "", "", "", "6100"]])
    assert sorted(sites) == ["Alpha Knit", "Beta Knit", "Total"] and sites["Total"]["country"] == "IT"
    said = [p for p in problems if p.code == "import-note-row"]
    assert [p.line for p in said] == [3, 4, 6, 7, 9] and all("read as a total" in p.message for p in said[:4])


def test_a_mills_owner_company_is_its_parent_and_a_second_level_is_kept_in_its_notes(tmp_path: Path) -> None:
    """A mill list's 'Mill Company Name' (the firm that owns the mill) was "not a heading the importer knows", and
    the Universal Mill List's 'Company Name' beside 'Parent Company' was dropped without a word: both firms were
    read as the parent, and only the first was kept."""
    owned, problems = _imported(tmp_path / "owner", [
        ["Mill Name", "Mill Company Name", "Country", "Province", "Latitude", "Longitude", "UML ID"],
        ["Sungai Contoh POM", "PT Contoh Sawit", "Indonesia", "Riau", 0.8712, 101.5521, "PO1000000011"]])
    assert owned["Sungai Contoh POM"]["parent"] == "PT Contoh Sawit"
    assert not [p for p in problems if p.code == "import-column-ignored"]
    mills, problems = _imported(tmp_path / "uml", [
        ["UML ID", "Mill Name", "Parent Company", "Company Name", "Country", "Province", "Latitude", "Longitude"],
        ["PO1000000011", "Sungai Contoh POM", "Example Agro Group", "PT Contoh Sawit", "Indonesia", "Riau", 0.87,
         101.55],
        ["PO1000000012", "Bukit Contoh POM", "Example Agro Group", "Example Agro Group", "Indonesia", "Jambi", -1.6,
         103.6]])
    sungai, bukit = mills["Sungai Contoh POM"], mills["Bukit Contoh POM"]
    assert sungai["parent"] == "Example Agro Group" and sungai["notes"] == "Company Name: PT Contoh Sawit"
    assert bukit["parent"] == "Example Agro Group" and "notes" not in bukit   # one firm at both levels
    [said] = [p for p in problems if p.code == "import-parent-levels"]
    assert (said.line, said.column) == (1, 4) and "'Parent Company'" in said.message and "notes" in said.message


def test_a_cocoa_cooperatives_department_and_sub_prefecture_place_it(tmp_path: Path) -> None:
    """A Côte d'Ivoire cocoa list's 'Department' and 'Sub-prefecture' (or 'Département' and 'Sous-préfecture')
    were "not a heading the importer knows", and each cooperative was imported with its country alone."""
    for headings in (["District", "Department", "Sub-prefecture"], ["District", "Département", "Sous-préfecture"]):
        coops, problems = _imported(tmp_path / headings[2], [
            ["Cooperative Name", "Country", *headings, "Latitude", "Longitude"],
            ["SCOOP Exemple Une", "Côte d'Ivoire", "Bas-Sassandra", "Soubré", "Okrouyo", 5.79, -6.59],
            ["SCOOP Exemple Deux", "Côte d'Ivoire", "Bas-Sassandra", "Méagui", "Méagui", 5.41, -6.56]])
        one = coops["SCOOP Exemple Une"]
        assert (one["city"], one["address"], one["subdivision"]) == ("Okrouyo", "Soubré", "CI-BS")
        assert coops["SCOOP Exemple Deux"]["city"] == "Méagui"
        assert not [p for p in problems if p.code in ("import-column-ignored", "import-columns-differ")]
    # beside a town's column, the sub-prefecture is a part of the address; a brand's buying 'Department' is no place
    coops, _ = _imported(tmp_path / "town", [
        ["Cooperative Name", "Country", "City", "Sub-prefecture"], ["SCOOP Exemple", "CI", "Soubré", "Okrouyo"]])
    assert (coops["SCOOP Exemple"]["city"], coops["SCOOP Exemple"]["address"]) == ("Soubré", "Okrouyo")
    sites, problems = _imported(tmp_path / "brand", [
        ["Factory Name", "City", "Country", "Department"], ["Alpha Knit", "Gazipur", "Bangladesh", "Menswear"]])
    assert "address" not in sites["Alpha Knit"]
    assert [p.column for p in problems if p.code == "import-column-ignored"] == [4]
