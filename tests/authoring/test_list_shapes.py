"""Shapes of published lists that the importer refused or read as something they are not: a firm named like a
totals row, an English heading that is a word of another language, a mill list's district and UML code, a
vessel list, a cocoa list of cooperatives, figures withheld or written about, a province after its country."""

from __future__ import annotations

from pathlib import Path

from generator.authoring.importer import import_sheet
from tests.authoring.test_import import disclosure
from tests.authoring.test_published_cells import TODAY, _suppliers, _xlsx


def _imported(tmp_path: Path, rows: list[list[object]]) -> tuple[dict[str, dict], list]:
    tmp_path.mkdir(exist_ok=True)
    target = disclosure(tmp_path)
    outcome = import_sheet(_xlsx(tmp_path, rows), target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    return _suppliers(target), outcome.problems


def test_a_firm_named_total_with_its_address_and_country_is_a_site(tmp_path: Path) -> None:
    """'Total' beside its street, town and country was "read as a total, not as a site; it is not
    imported"; a row of sums, or a subtotal beside its country alone, still is a total."""
    sites, problems = _imported(tmp_path, [
        ["Factory Name", "Address", "City", "Country", "Workers"],
        ["Total", "1 Example Road", "Prato", "Italy", "300"],
        ["Alpha Knit", "2 Example Road", "Gazipur", "Bangladesh", "1,200"],
        ["Total", "", "", "Bangladesh", "1,200"],
        ["Sum", "", "", "", "1,500"]])
    assert sites["Total"]["country"] == "IT" and sites["Total"]["workers"] == 300
    assert len(sites) == 3    # the fixture's own supplier, Total and Alpha Knit
    assert [p.line for p in problems if p.code == "import-note-row"] == [4, 5]


def test_cap_in_an_english_list_is_not_the_italian_postcode(tmp_path: Path) -> None:
    """'CAP' (a capacity) beside 'Address' and 'City' was joined to the address as Italy's postcode:
    '1 Example Road, 1200'. It is said and not imported; beside Italian headings it is the postcode."""
    english, problems = _imported(tmp_path / "en", [
        ["Factory Name", "Address", "City", "Country", "CAP"],
        ["Alpha Knit", "1 Example Road", "Prato", "Italy", "1200"]])
    assert english["Alpha Knit"]["address"] == "1 Example Road"
    [said] = [p for p in problems if p.code == "import-column-ignored"]
    assert (said.line, said.column) == (1, 5) and "--map 'CAP=address'" in said.message
    italian, _ = _imported(tmp_path / "it", [
        ["Ragione sociale", "Indirizzo", "CAP", "Città", "Paese"],
        ["Esempio Tessile", "Via Esempio 2", "59100", "Prato", "Italia"]])
    assert italian["Esempio Tessile"]["address"] == "Via Esempio 2, 59100"


def test_a_district_is_the_town_of_a_list_without_one(tmp_path: Path) -> None:
    """A palm-oil mill list's 'District' (the regency a mill stands in) was "not a heading the importer
    knows", and the mill kept no town; beside a 'City' column it is a part of that town, said and not
    imported."""
    mills, _ = _imported(tmp_path / "mills", [
        ["Parent Company", "Mill Name", "Country", "Province/State", "District", "Latitude", "Longitude"],
        ["Example Agro Group", "Sungai Contoh POM", "Indonesia", "Riau", "Siak", 0.8712, 101.5521]])
    assert mills["Sungai Contoh POM"]["city"] == "Siak"
    plants, problems = _imported(tmp_path / "plants", [
        ["Factory Name", "Address", "City", "District", "Country"],
        ["Alpha Knit", "No. 8 Example Road", "Qingdao", "Jimo District", "China"]])
    assert plants["Alpha Knit"]["city"] == "Qingdao"
    [said] = [p for p in problems if p.code == "import-column-ignored"]
    assert said.column == 4 and "part of a town" in said.message


def test_a_mill_list_headed_as_traders_publish_it_imports(tmp_path: Path) -> None:
    """'Name of Mill', 'Mill Parent Company' and 'UML Mill Code' (a trader's quarterly mill list) were
    unknown headings: the list stopped with "name no name column", and renamed, it lost each mill's UML
    ID and parent."""
    mills, problems = _imported(tmp_path, [
        ["Mill Parent Company", "Name of Mill", "Country", "Province", "Latitude", "Longitude", "UML Mill Code"],
        ["Example Agro Group", "Sungai Contoh POM", "Indonesia", "Riau", 0.8712, 101.5521, "PO1000000011"]])
    mill = mills["Sungai Contoh POM"]
    assert mill["identifiers"] == {"uml_id": "PO1000000011"} and mill["parent"] == "Example Agro Group"
    assert not [p for p in problems if p.code == "import-column-ignored"]


def test_a_list_of_fishing_vessels_imports_each_vessel_under_its_flag(tmp_path: Path) -> None:
    """A retailer's list of the vessels its tuna comes from, headed 'Vessel Name' and 'Flag State', stopped
    with "none of the first 30 rows names the columns with headings the importer knows"."""
    vessels, problems = _imported(tmp_path, [
        ["Vessel Name", "Flag State", "IMO Number", "Gear Type", "Species", "Vessel Owner"],
        ["Example Star 7", "Ecuador", "9000001", "Purse seine", "Skipjack tuna", "Example Pesquera S.A."],
        ["Example Dawn", "Papua New Guinea", "9000002", "Longline", "Yellowfin tuna", "Example Fishing Ltd"]])
    star = vessels["Example Star 7"]
    assert (star["country"], star["parent"], star["products"]) == ("EC", "Example Pesquera S.A.", ["Skipjack tuna"])
    assert star["facility_type"] == ["Purse seine"] and vessels["Example Dawn"]["country"] == "PG"
    assert [p.column for p in problems if p.code == "import-column-ignored"] == [3]     # IMO Number


def test_a_count_the_list_withholds_is_not_given(tmp_path: Path) -> None:
    """'Not disclosed' under 'Number of Workers' and 'Confidential' under '% Female Workers', where a factory
    gave no figures, were each an error ("is not a number of workers") that stopped the whole list."""
    sites, problems = _imported(tmp_path, [
        ["Factory Name", "City", "Country", "Number of Workers", "% Female Workers", "% Migrant Workers"],
        ["Alpha Knit", "Gazipur", "Bangladesh", "Not disclosed", "Confidential", "Data not available"],
        ["Beta Knit", "Dhaka", "Bangladesh", "Undisclosed", "Not provided", "Withheld"],
        ["Gamma Knit", "Dhaka", "Bangladesh", "300", "50%", "No data"]])
    assert "workers" not in sites["Alpha Knit"] and "workers" not in sites["Beta Knit"]
    assert (sites["Gamma Knit"]["workers"], sites["Gamma Knit"]["female_workers"]) == (300, 150)
    assert not [p for p in problems if p.code.startswith("import-workers") or p.code.startswith("import-share")]


def test_a_share_given_by_a_bound_is_said_at_its_cell(tmp_path: Path) -> None:
    """'<1%' under '% Migrant Workers' (too few to count) and '>90%' under '% Female Workers' were each
    "is not a share between 0% and 100%", an error that stopped the list; each is now a warning at its
    cell, and the row imports without it."""
    sites, problems = _imported(tmp_path, [
        ["Factory Name", "City", "Country", "Total Workers", "% Female Workers", "% Migrant Workers"],
        ["Alpha Knit", "Gazipur", "Bangladesh", "1000", ">90%", "<1%"],
        ["Beta Knit", "Dhaka", "Bangladesh", "200", "50%", "less than 5%"]])
    assert "female_workers" not in sites["Alpha Knit"] and "migrant_workers" not in sites["Alpha Knit"]
    assert sites["Beta Knit"]["female_workers"] == 100 and sites["Alpha Knit"]["workers"] == 1000
    said = [(p.line, p.column) for p in problems if p.code == "import-share-range"]
    assert said == [(2, 5), (2, 6), (3, 6)]


def test_an_address_in_four_lines_or_under_location_is_the_address(tmp_path: Path) -> None:
    """A retailer's list of 'Address Line 1' to 'Address Line 4' kept only the first two lines (the town,
    on line 4, was "not a heading the importer knows"), and a list that places its sites under 'Factory
    Location' alone imported them with no place at all."""
    sites, problems = _imported(tmp_path / "lines", [
        ["Site Name", "Address Line 1", "Address Line 2", "Address Line 3", "Address Line 4", "Postcode", "Country"],
        ["Example Foods Ltd", "Unit 4", "Example Industrial Estate", "Example Road", "Wisbech", "PE13 2AB", "UK"]])
    assert sites["Example Foods Ltd"]["address"] == "Unit 4, Example Industrial Estate, Example Road, Wisbech, PE13 2AB"
    assert not [p for p in problems if p.code == "import-column-ignored"]
    located, problems = _imported(tmp_path / "location", [
        ["Factory Name", "Factory Location", "Country"], ["Alpha Knit", "12 Example Road, Gazipur", "Bangladesh"]])
    assert located["Alpha Knit"]["address"] == "12 Example Road, Gazipur"
    assert not [p for p in problems if p.code in ("import-column-ignored", "import-no-place")]


def test_a_country_and_its_province_after_a_dash_or_a_slash_are_read(tmp_path: Path) -> None:
    """'China - Jiangsu' and 'China/Guangdong' under 'Country/Region' were each "not a country name or ISO
    code", an error that stopped the list, though 'Jiangsu, China' and 'China (Jiangsu)' were read; two
    countries so written are still no country."""
    sites, problems = _imported(tmp_path / "dashed", [
        ["Factory Name", "City", "Country/Region"], ["Alpha Knit", "Suzhou", "China - Jiangsu"],
        ["Beta Knit", "Dongguan", "China/Guangdong"], ["Gamma Knit", "Thu Dau Mot", "Binh Duong – Viet Nam"]])
    places = {name: (site["country"], site.get("subdivision")) for name, site in sites.items()}
    assert places["Alpha Knit"] == ("CN", "CN-JS") and places["Beta Knit"] == ("CN", "CN-GD")
    assert places["Gamma Knit"][0] == "VN"
    assert [p.line for p in problems if p.code == "import-country-with-place"] == [2, 3, 4]
    target = disclosure(tmp_path)
    outcome = import_sheet(_xlsx(tmp_path, [["Factory Name", "City", "Country"], ["Delta Knit", "Bangkok",
                                                                                   "Thailand / Vietnam"]]),
                           target, "suppliers", today=TODAY)
    assert [p.code for p in outcome.problems if p.is_error] == ["import-country"]


def test_a_brand_list_headed_in_its_own_words_keeps_each_fact(tmp_path: Path) -> None:
    """'Holding Company', 'Type of Factory', 'Process Type', 'Main Product', 'FTE' and 'Partnership Since' were
    each "not a heading the importer knows": the list imported names and places only."""
    sites, problems = _imported(tmp_path, [
        ["Factory Name", "Holding Company", "Address", "City", "Country", "Type of Factory", "Process Type",
         "Main Product", "FTE", "Partnership Since"],
        ["Alpha Knit", "Example Holdings Ltd", "12 Example Road", "Gazipur", "Bangladesh", "Finished goods",
         "Knitting", "T-shirts", "1200", "2016"]])
    site = sites["Alpha Knit"]
    assert (site["parent"], site["products"], site["workers"], str(site["since"])) == (
        "Example Holdings Ltd", ["T-shirts"], 1200, "2016")
    assert site["facility_type"] == ["Finished goods", "Knitting"]
    assert not [p for p in problems if p.code == "import-column-ignored"]


def test_a_tier_in_words_or_roman_figures_is_read(tmp_path: Path) -> None:
    """'Tier One', 'Tier II', 'Second tier' and '1st Tier' were each "not a tier the disclosure holds": the
    rows imported without their tier."""
    sites, problems = _imported(tmp_path, [
        ["Factory Name", "City", "Country", "Tier"], ["Alpha Knit", "Gazipur", "Bangladesh", "Tier One"],
        ["Beta Mill", "Dhaka", "Bangladesh", "Tier II"], ["Gamma Dye", "Dhaka", "Bangladesh", "Second tier"],
        ["Delta Yarn", "Savar", "Bangladesh", "1st Tier"], ["Epsilon Ginning", "Bogura", "Bangladesh", "Tier IV"]])
    assert {name: site.get("tier") for name, site in sites.items() if name != "Kashgar Example Yarn Co., Ltd."} == {
        "Alpha Knit": 1, "Beta Mill": 2, "Gamma Dye": 2, "Delta Yarn": 1, "Epsilon Ginning": 4}
    assert not [p for p in problems if p.code.startswith("import-tier")]


def test_a_share_written_about_is_read_as_a_count_written_so_is(tmp_path: Path) -> None:
    """'approx. 60%', '~5%', '50% (approx.)' and 'ca. 2%' were each "is not a share between 0% and 100%", an
    error that stopped the list, though 'approx. 1,200' was read as the workers."""
    sites, problems = _imported(tmp_path, [
        ["Factory Name", "City", "Country", "Total Workers", "% Female Workers", "% Migrant Workers"],
        ["Alpha Knit", "Gazipur", "Bangladesh", "1000", "approx. 60%", "~5%"],
        ["Beta Knit", "Dhaka", "Bangladesh", "200", "50% (approx.)", "ca. 2%"]])
    assert (sites["Alpha Knit"]["female_workers"], sites["Alpha Knit"]["migrant_workers"]) == (600, 50)
    assert (sites["Beta Knit"]["female_workers"], sites["Beta Knit"]["migrant_workers"]) == (100, 4)
    assert not [p for p in problems if p.is_error]


def test_a_cocoa_list_names_its_cooperatives_with_their_exporter_as_parent(tmp_path: Path) -> None:
    """A list headed 'Supplier' (the exporter) and 'Cooperative Name' imported the exporter as every site
    ("both give the name, and differ: 'Example Cocoa Trading SA' is imported"), and two cooperatives of one
    exporter merged into one entity; 'Name of Cooperative' was not a heading at all."""
    for heading in ("Cooperative Name", "Name of Cooperative", "Farmer Group"):
        sites, problems = _imported(tmp_path / heading, [
            ["Supplier", heading, "Country", "Latitude", "Longitude"],
            ["Example Cocoa Trading SA", "SOCOOPEX Example", "Côte d'Ivoire", 5.7852, -6.5936],
            ["Example Cocoa Trading SA", "COOP-CA Exemple", "Cote d'Ivoire", 4.7485, -6.6363]])
        assert sites["SOCOOPEX Example"]["parent"] == sites["COOP-CA Exemple"]["parent"] == "Example Cocoa Trading SA"
        assert "Example Cocoa Trading SA" not in sites
        assert not [p for p in problems if p.code in ("import-columns-differ", "import-duplicate-row")]


def test_a_count_of_full_time_equivalents_or_a_band_left_open_in_words_is_read(tmp_path: Path) -> None:
    """'1,200 FTE' was "not a number of workers", an error that stopped the list, though '1,200 employees'
    was read; '5000 plus' the same, though '5000+' was a band left open, said at its cell."""
    sites, problems = _imported(tmp_path, [
        ["Factory Name", "City", "Country", "Number of Workers"], ["Alpha Knit", "Gazipur", "Bangladesh", "1,200 FTE"],
        ["Beta Knit", "Dhaka", "Bangladesh", "350 FTEs"], ["Gamma Knit", "Savar", "Bangladesh", "5000 plus"]])
    assert (sites["Alpha Knit"]["workers"], sites["Beta Knit"]["workers"]) == (1200, 350)
    assert "workers" not in sites["Gamma Knit"]
    assert [(p.line, p.code) for p in problems if p.code.startswith("import-workers")] == [(4, "import-workers-open")]


def test_a_column_of_unions_is_said_to_have_no_field_not_to_want_a_map(tmp_path: Path) -> None:
    """'Trade Union (Y/N)', 'CBA' and 'Worker Committee' were each "not a heading the importer knows; name
    its field with --map", as if a field could hold them; India's 'State/Union Territory' is still a place."""
    sites, problems = _imported(tmp_path, [
        ["Factory Name", "City", "State/Union Territory", "Country", "Trade Union (Y/N)", "CBA", "Worker Committee"],
        ["Alpha Knit", "Tiruppur", "Tamil Nadu", "India", "Y", "N", "Y"]])
    assert sites["Alpha Knit"]["subdivision"] == "IN-TN"
    said = [p for p in problems if p.code == "import-column-ignored"]
    assert [p.column for p in said] == [5, 6, 7]
    assert all("union, a collective agreement or a workers' committee" in p.message and "--map" not in p.message
               for p in said)


def test_a_cooperatives_farmers_are_said_not_to_be_its_workers(tmp_path: Path) -> None:
    """'Number of Farmers' and 'Smallholders' were "not a heading the importer knows; name its field with
    --map", which invites mapping a cooperative's members to its workers."""
    sites, problems = _imported(tmp_path, [
        ["Cooperative Name", "Country", "Latitude", "Longitude", "Number of Farmers", "Smallholders"],
        ["SOCOOPEX Example", "Côte d'Ivoire", 5.7852, -6.5936, "1250", "Yes"]])
    assert "workers" not in sites["SOCOOPEX Example"]
    said = [p for p in problems if p.code == "import-column-ignored"]
    assert [p.column for p in said] == [5, 6] and all("not its workers" in p.message for p in said)
