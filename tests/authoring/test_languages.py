"""Lists published in the buyer's or the maker's language: French, German, Spanish, Chinese headings and
country names, as brands in France, Germany, Spain and lists from China write them (invented sites)."""

from __future__ import annotations

import pytest

from generator.authoring.countries import resolve


@pytest.mark.parametrize(("text", "code"), [
    ("Tunisie", "TN"), ("Maroc", "MA"), ("Türkei", "TR"), ("Bangladesch", "BD"), ("Perú", "PE"), ("Brasil", "BR"),
    ("Chine", "CN"), ("Indien", "IN"), ("Camboya", "KH"), ("Trung Quốc", "CN"), ("Çin", "CN"), ("Mısır", "EG"),
    ("Corée du Sud", "KR"), ("Vereinigtes Königreich", "GB"), ("États-Unis", "US"), ("Estados Unidos", "US"),
    ("CHINA (PRC)", "CN"), ("Türkiye (Turkey)", "TR"), ("India (IND)", "IN")])
def test_a_country_in_the_lists_language_or_glossed_in_brackets(text: str, code: str) -> None:
    assert resolve(text).code == code


def test_a_bracket_naming_another_country_is_still_refused() -> None:
    assert resolve("Chine (Taïwan)").code == "" and resolve("China (Vietnam)").code == ""
