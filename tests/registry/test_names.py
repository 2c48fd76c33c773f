from __future__ import annotations

import re

import pytest

from generator.registry.names import normalise, slug

ID = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")


@pytest.mark.parametrize("variant", [
    "Kashgar Example Yarn Co., Ltd.",
    "KASHGAR EXAMPLE YARN COMPANY LIMITED",
    "Ｋａｓｈｇａｒ　Ｅｘａｍｐｌｅ Yarn Co Ltd",
    "kashgar  example-yarn, co. ltd",
    "Kashgar Example Yarn Group Holdings Ltd",
    "Kashi Example Yarn LLC",
])
def test_variants_of_one_name_normalise_alike(variant: str) -> None:
    assert normalise(variant) == "kashgar example yarn"


@pytest.mark.parametrize(("name", "expected"), [
    ("喀什示例纱线有限公司", "喀什示例纱线"),
    ("喀什示例纱线股份有限公司", "喀什示例纱线"),
    ("喀什示例纱线有限责任公司", "喀什示例纱线"),
    ("喀什示例纱线集团有限公司", "喀什示例纱线"),
    ("喀什示例纱线 有限公司", "喀什示例纱线"),
    ("Acme GmbH", "acme"),
    ("Société Exemple S.A.", "societe exemple"),
    ("Foo L.L.C.", "foo"),
    ("Foo & Bar Intl Trading Inc.", "foo and bar international trade"),
    ("Hefei Example Co., Ltd. (former name)", "hefei example"),
    ("Hoshine Example (Shanshan) Co., Ltd and subsidiaries", "hoshine example shanshan"),
    # a place in brackets after the legal form, as lists also write it
    ("Sample PV Materials Co., Ltd. (Xinjiang)", "sample pv material xinjiang"),
    ("Sample PV Materials (Xinjiang) Co., Ltd.", "sample pv material xinjiang"),
    ("Sample PV Materials Co.,Ltd（Xinjiang）", "sample pv material xinjiang"),
    ("示例新能源股份有限公司（包头）", "示例新能源 包头"),
    # a site after the legal form, as apparel lists write a firm's units; a form after the comma is one form
    ("Unichela (PVT) Ltd. - Koggala", "unichela koggala"),
    ("Unichela Koggala", "unichela koggala"),
    ("AHP APPAREL PVT LTD., UNIT 60", "ahp apparel unit 60"),
    ("Example Knit Co., Ltd., Dong Nai Branch", "example knit dong nai branch"),
    ("ABC Co., Ltd.", "abc"),
    ("Smith, Jones and Co", "smith jones"),
    # Letters that have no accent to drop are written out, as a list typed without accents gives them.
    ("Đức Thành Garment Co., Ltd", "duc thanh garment"),
    ("Størvik Ølfabrikk AS", "storvik olfabrikk"),
    ("Łódź Textile", "lodz textile"),
])
def test_legal_forms_and_notes_are_dropped(name: str, expected: str) -> None:
    assert normalise(name) == expected


def test_a_legal_form_alone_is_kept_rather_than_emptied() -> None:
    assert normalise("Limited") == "limited"
    assert normalise("有限公司") == "有限公司"


def test_different_names_stay_different() -> None:
    assert normalise("Kashgar Example Yarn Co., Ltd.") != normalise("Kashgar Example Cotton Co., Ltd.")


def test_slug_is_an_id_with_the_country() -> None:
    assert slug("Kashgar Example Yarn Co., Ltd.", "CN") == "kashgar-example-yarn-cn"
    assert slug("Kashgar Example Yarn Company Limited", "CN") == "kashgar-example-yarn-cn"


def test_slug_of_a_cjk_name_is_a_stable_hash() -> None:
    one = slug("喀什示例纱线有限公司", "CN")
    assert ID.match(one) and one.startswith("entity-") and one.endswith("-cn")
    assert one == slug("喀什示例纱线股份有限公司", "CN")
    assert one != slug("乌鲁木齐示例视界分销有限公司", "CN")


@pytest.mark.parametrize("name", ["x" * 300, "A " * 80, "Ölmühle Beispiel GmbH & Co. KG", "-", "'", "株式会社テスト"])
def test_slug_always_matches_the_id_pattern(name: str) -> None:
    value = slug(name, "DE")
    assert ID.match(value), value
    assert len(value) <= 64
