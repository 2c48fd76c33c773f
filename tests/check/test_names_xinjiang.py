"""A site in China whose address, town or (with no subdivision) name names Xinjiang, and that has not CN-XJ, is a
warning: a smelter list's 'Xinjiang Easthope Coal Power & Aluminium' or an address in Shihezi imported with the
country alone is left out of Xinjiang's page, map and counts."""

from __future__ import annotations

import pytest

from tests.conftest import LV_TODAY

_SITE = ("    name: Urumqi Example Vision Distribution Co.\n    local_name: 乌鲁木齐视界分销有限公司\n"
         "    aliases: [Example Vision]\n    country: CN\n    subdivision: CN-XJ\n    city: Urumqi\n"
         "    address: 1 Example Road\n")


def _site(text: str, lines: str, name: str = "Example Vision Distribution Co.") -> str:
    """The full example with its first partner's place (and name) given by `lines`."""
    assert _SITE in text
    return text.replace(_SITE, f"    name: {name}\n    country: CN\n" + lines, 1)


@pytest.mark.parametrize(("lines", "key", "word"), [
    ("    city: Urumqi\n", "city", "Urumqi"),
    ("    address: 12 Beisi Road, Shihezi\n", "address", "Shihezi"),
    ("    subdivision: CN-GS\n    address: Kashgar Economic Development Zone\n", "address", "Kashgar"),
    ("    city: 乌鲁木齐\n", "city", "乌鲁木齐"),
    ("    address: Xinjang Yihe\n", "address", "Xinjang"),                 # as a list misspells it
])
def test_a_place_in_xinjiang_without_its_code_is_a_warning(lv_full_text: str, lv_check, lines: str, key: str,
                                                           word: str) -> None:
    problems = lv_check(_site(lv_full_text, lines), today=LV_TODAY)
    assert [(p.level, p.code) for p in problems] == [("warning", "names-xinjiang")]
    assert f"{key} names '{word}'" in problems[0].message and "CN-XJ" in problems[0].message


def test_a_name_for_xinjiang_is_a_warning_only_where_no_subdivision_is_given(lv_full_text: str, lv_check) -> None:
    unplaced = lv_check(_site(lv_full_text, "    city: Guangzhou\n", "Xinjiang Example Cotton"), today=LV_TODAY)
    assert [(p.code, p.message.split(" names")[0]) for p in unplaced] == [("names-xinjiang", "name")]
    placed = _site(lv_full_text, "    subdivision: CN-GD\n    city: Guangzhou\n", "Xinjiang Example Cotton")
    assert lv_check(placed, today=LV_TODAY) == []


@pytest.mark.parametrize("lines", [
    "    subdivision: CN-XJ\n    city: Urumqi\n",
    "    city: Shenzhen\n",
    "    city: Hamilton\n",                          # a word that holds a city's name is not the city
    "    address: 8 Tianhai Road, Changjiang Town, Rugao City\n",
])
def test_nothing_is_said_of_a_site_placed_or_elsewhere(lv_full_text: str, lv_check, lines: str) -> None:
    assert lv_check(_site(lv_full_text, lines), today=LV_TODAY) == []
