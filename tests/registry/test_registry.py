"""Cross-company indexes: the same entity across firms, and regions."""

from __future__ import annotations

from generator.model import Disclosure
from generator.registry.names import normalise, slug
from generator.registry.registry import Registry


def company(cid: str, *suppliers: dict) -> Disclosure:
    return Disclosure.of({
        "schema_version": "1.0", "company": {"id": cid, "name": cid.title()},
        "disclosure": {"period": {"start": "2025", "end": "2025"}, "published": "2026"},
        "suppliers": [{"relationship": "supplier", "country": "CN", **s} for s in suppliers],
    })


def test_names_ignore_case_punctuation_width_and_legal_forms():
    forms = ["Urumqi Shijie Distribution Co., Ltd.", "URUMQI SHIJIE DISTRIBUTION CO LTD",
             "Ｕｒｕｍｑｉ Shijie Distribution Company Limited", "urumqi-shijie distribution"]
    assert len({normalise(f) for f in forms}) == 1
    assert normalise("乌鲁木齐视界分销有限公司") == normalise("乌鲁木齐视界分销")
    assert normalise("Acme Trading") != normalise("Acme Textiles")


def test_slugs_are_url_safe_even_for_names_in_chinese_script():
    assert slug("Kashgar Yarn Co., Ltd.", "CN") == "kashgar-yarn-cn"
    cjk = slug("乌鲁木齐视界分销有限公司", "CN")
    assert cjk.endswith("-cn") and cjk.isascii() and cjk == slug("乌鲁木齐视界分销", "CN")


def test_same_name_in_two_companies_is_one_shared_entity():
    reg = Registry.of([company("a", {"id": "x", "name": "Kashgar Yarn Co., Ltd."}),
                       company("b", {"id": "y", "name": "KASHGAR YARN CO LTD"})])
    [shared] = reg.shared_entities
    assert shared.slug == "kashgar-yarn-cn"
    assert [c.id for c in shared.companies] == ["a", "b"]
    assert reg.entity_pages == {("a", "x"): "kashgar-yarn-cn", ("b", "y"): "kashgar-yarn-cn"}


def test_an_identifier_joins_different_names_and_a_chain_joins_three():
    reg = Registry.of([
        company("a", {"id": "x", "name": "Old Name Mill", "identifiers": {"uscc": "91650100MA77XXXX0Q"}}),
        company("b", {"id": "y", "name": "New Name Mill", "identifiers": {"uscc": "91650100MA77XXXX0Q"}}),
        company("c", {"id": "z", "name": "NEW NAME MILL CO"}),
    ])
    [shared] = reg.shared_entities
    assert len(shared.mentions) == 3
    assert shared.identifiers == {"uscc": ["91650100MA77XXXX0Q"]}


def test_same_name_in_different_countries_is_not_one_entity():
    a = company("a", {"id": "x", "name": "Sun Textiles"})
    b = Disclosure.of({**a.raw, "company": {"id": "b", "name": "B"},
                       "suppliers": [{"id": "y", "name": "Sun Textiles", "country": "VN", "relationship": "supplier"}]})
    assert Registry.of([a, b]).shared_entities == ()


def test_an_entity_listed_twice_by_one_company_is_not_shared():
    reg = Registry.of([company("a", {"id": "x", "name": "Mill"}, {"id": "y", "name": "MILL LTD"})])
    assert reg.shared_entities == ()


def test_slug_collisions_get_a_number():
    long = "Xinjiang Example Cotton Spinning Weaving Dyeing And Garment Factory Number"
    reg = Registry.of([
        company("a", {"id": "x", "name": f"{long} One"}), company("b", {"id": "y", "name": f"{long} One Ltd"}),
        company("c", {"id": "x", "name": f"{long} Two"}), company("d", {"id": "y", "name": f"{long} Two Ltd"}),
    ])
    slugs = sorted(e.slug for e in reg.shared_entities)  # long names are cut to the same slug
    assert len(slugs) == 2 and slugs[1] == slugs[0] + "-2"


def test_regions_cover_countries_and_subdivisions_of_entities_and_operations():
    a = company("a", {"id": "x", "name": "Mill", "subdivision": "CN-XJ"})
    reg = Registry.of([a])
    assert [r.code for r in reg.regions] == ["CN", "CN-XJ"]
    xj = reg.regions[1]
    assert xj.name == "Xinjiang Uygur Zizhiqu" and xj.slug == "cn-xj" and xj.entity_count == 1
