"""Countries as lists write them: resolved when certain, refused with candidates otherwise."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from generator.check.countries import explain, near, resolve, with_place
from tests.deadline import within

DATA = Path(__file__).parents[1] / "data"


def rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_real_usage_resolves_and_the_undecidable_is_refused() -> None:
    answers = {r["text"]: (r["iso2"], resolve(r["text"]).code) for r in rows("countries.csv")}
    assert {t: got for t, (want, got) in answers.items() if got != want} == {}


def test_spellings_the_table_was_not_made_from_are_never_resolved_wrongly() -> None:
    wrong = {r["text"]: resolve(r["text"]).code for r in rows("countries-holdout.csv")
             if resolve(r["text"]).code not in ("", r["iso2"])}
    assert wrong == {}


@pytest.mark.parametrize(("text", "candidates"), [("Korea", ("KR", "KP")), ("Congo", ("CG", "CD")),
                                                   ("Channel Islands", ("GG", "JE"))])
def test_ambiguous_names_list_their_candidates(text: str, candidates: tuple[str, ...]) -> None:
    found = resolve(text)
    assert found.code == "" and found.ambiguous and found.candidates == candidates
    assert all(c in explain(text, found) for c in candidates)


def test_resolve_leaves_a_typo_unresolved_with_its_suggestion() -> None:
    found = resolve("Bangaldesh")
    assert found.code == "" and "Bangladesh (BD)" in explain("Bangaldesh", found)
    assert resolve("Kosovo").code == resolve("XKX").code == resolve("xk").code == "XK"
    assert resolve("TÜRKİYE").code == resolve("Turkey").code == "TR"
    assert resolve("United\r\nKingdom").code == "GB"


@pytest.mark.parametrize(("text", "code"), [("Srilanka", "LK"), ("Phillipines", "PH"), ("Bangaldesh", "BD"),
                                            ("Indonesa", "ID"), ("Camboida", "KH"), ("Austrailia", "AU"),
                                            ("Slovnia", "SI"), ("Mallawi", "MW"), ("Vietnma", "VN")])
def test_a_typo_of_one_country_is_near_it(text: str, code: str) -> None:
    assert resolve(text).code == "" and near(text) == code


# Typos as near two countries, texts too short to tell, and names of places or peoples that are
# no typo of the country they resemble.
@pytest.mark.parametrize("text", ["Nigera", "Nigerai", "Malwi", "Iram", "Inida", "Chian", "Bulgeria", "Koreia",
                                  "Dominican", "Dominicana", "Iberia", "Mainland", "Atlantis", "Tibet", "Zaire"])
def test_a_text_near_several_countries_or_none_is_not_guessed(text: str) -> None:
    assert near(text) == ""


def test_countries_near_each_other_are_not_guessed_for_each_other() -> None:
    pairs = [("Niger", "Nigeria"), ("Dominica", "Dominican Republic"), ("Guinea", "Guinea-Bissau"),
             ("Guinea", "Equatorial Guinea"), ("Austria", "Australia"), ("Slovakia", "Slovenia"), ("Iran", "Iraq"),
             ("Mali", "Malawi"), ("Gambia", "Zambia")]
    for one, other in pairs:
        assert (near(one), near(other)) == ("", "")
        assert resolve(one).code != resolve(other).code


@pytest.mark.parametrize(("text", "found"), [
    ("Xinjiang, China", ("CN", "Xinjiang")), ("China (Xinjiang)", ("CN", "Xinjiang")),
    ("Shenzhen, Guangdong, China", ("CN", "Shenzhen, Guangdong")), ("Gazipur , Bangladesh", ("BD", "Gazipur")),
    ("Ho Chi Minh City, Viet Nam", ("VN", "Ho Chi Minh City")),
    # two countries, an ambiguous one, no place, a country's own inverted name: none is a place in a country
    ("China, Vietnam", ("", "")), ("USA (Mexico)", ("", "")), ("Xinjiang, Korea", ("", "")),
    ("China ()", ("", "")), (", China", ("", "")), ("Korea, Republic of", ("", "")), ("China", ("", "")),
    # the two parts together name another country: it was Guinea (GN), with a warning
    ("Guinea (Bissau)", ("", "")), ("Papua (New Guinea)", ("", ""))])
def test_a_place_written_with_its_country_is_told_apart_from_two_countries(text: str, found: tuple) -> None:
    assert with_place(text) == found


@pytest.mark.parametrize(("text", "code"), [("CN - China", "CN"), ("China – CN", "CN"), ("VN: Viet Nam", "VN"),
                                            ("China | CN", "CN"), ("Congo, DR", "CD"), ("KSA", "SA")])
def test_a_code_beside_a_name_of_the_same_country_is_that_country(text: str, code: str) -> None:
    """As an ERP system exports a country: its code and its name, in either order."""
    assert resolve(text).code == code


@pytest.mark.parametrize(("text", "words"), [
    ("IN - China", "gives two countries that disagree, India (IN) and China (CN)"),
    ("Niger, NG", "Niger (NE) and Nigeria (NG)"),
    ("USA/Canada", "names 2 countries (United States (US), Canada (CA)); a site is in one country"),
    ("Pakistan / India", "names 2 countries (Pakistan (PK), India (IN))")])
def test_a_cell_of_two_countries_is_refused_and_says_which(text: str, words: str) -> None:
    found = resolve(text)
    assert found.code == "" and words in explain(text, found)


@pytest.mark.parametrize(("text", "code"), [
    ("Korea (the Republic of)", "KR"), ("Korea (the Democratic People's Republic of)", "KP"),
    ("Netherlands (the)", "NL"), ("United States of America (the)", "US"), ("Philippines (the)", "PH"),
    ("Lao People's Democratic Republic (the)", "LA"), ("Moldova (the Republic of)", "MD"),
    ("United Kingdom of Great Britain and Northern Ireland (the)", "GB"), ("Congo (the)", "CG"),
    ("Vietnam,", "VN")])
def test_isos_own_short_names_and_a_comma_left_at_the_end_resolve(text: str, code: str) -> None:
    """ISO 3166's list writes 'Netherlands (the)': copied into a supplier list, each was refused."""
    assert resolve(text).code == code


@pytest.mark.parametrize(("text", "code"), [
    ("中国台湾", "TW"), ("中國臺灣", "TW"), ("台湾省", "TW"), ("香港特别行政区", "HK"), ("香港特別行政區", "HK"),
    ("中华人民共和国香港特别行政区", "HK"), ("澳门特别行政区", "MO"), ("中国澳门", "MO"), ("Taiwan, R.O.C.", "TW")])
def test_taiwan_hong_kong_and_macao_as_lists_from_the_mainland_write_them(text: str, code: str) -> None:
    """Each was 'not a country name or ISO code. Write a code such as CN', or read as a guess with a warning."""
    assert resolve(text).code == code


@pytest.mark.parametrize(("text", "code"), [
    ("China (Hong Kong)", "HK"), ("China (Hong Kong SAR)", "HK"), ("China - Hong Kong", "HK"),
    ("Hong Kong - China", "HK"), ("China (Macau)", "MO"), ("China - Macao", "MO"), ("Macau - China", "MO")])
def test_hong_kong_and_macao_written_after_or_before_china_are_themselves(text: str, code: str) -> None:
    """'China (Hong Kong)' was "gives two countries that disagree, China (CN) and Hong Kong (HK)", and
    'China - Hong Kong' a guess, "is not a country's name", as 'Hong Kong, China' already was neither."""
    assert resolve(text).code == code


def test_a_country_cell_as_long_as_excel_allows_is_answered_at_once() -> None:
    """The spaces matched around a slash were tried from every space of a run: 8 s for one such cell."""
    text = "x" + " " * 32_000 + "y"
    found = resolve(text)
    with within(5):
        assert "is not a country name" in explain(text, found)
