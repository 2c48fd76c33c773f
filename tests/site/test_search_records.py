"""What the search index is fed: a record per company, entity, region and prose page, with facets."""

from __future__ import annotations

from collections import Counter

import pytest

from generator.check.validation import validate_paths
from generator.model import LIST_LABELS, Disclosure
from generator.registry.registry import Registry
from generator.site.search import (
    Record,
    broad_words,
    company_record,
    disclosure_weight,
    entity_record,
    page_record,
    record_html,
    record_words,
    region_record,
    registry_records,
)
from generator.site.snippets import words
from tests.sitebuild import FIXTURES


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.of(Disclosure.of(d.data) for d in validate_paths([FIXTURES]).valid_documents())


def test_a_company_is_found_by_its_entities_names_in_both_scripts(registry):
    record = company_record(registry.company("alpha-vision"))
    assert record.url == "/companies/alpha-vision/" and record.title == "Alpha Vision Example"
    assert "乌鲁木齐视界分销有限公司" in record.content and "Urumqi Shijie Distribution" in record.content


def test_a_company_leaves_out_the_names_of_entities_with_a_page_of_their_own(registry):
    (record,) = (r for r in registry_records(registry) if r.url == "/companies/alpha-vision/")
    assert "Urumqi Shijie" not in record.content and "视界" not in record.content  # the entity's record leads here
    assert "乌鲁木齐市公安局" in record.content and "Lens Maker GmbH" in record.content  # no page: found here
    assert "Independent audit: completed" in record.filters["due diligence"]  # facets still from all its entities
    assert "Government counterparty" in record.filters["list"]


def test_company_facets_come_from_its_data(registry):
    filters = company_record(registry.company("alpha-vision")).filters
    assert "China (CN)" in filters["country"] and "Xinjiang Uygur Zizhiqu (CN-XJ)" in filters["subdivision"]
    assert set(filters["list"]) <= {"Partner", "Supplier", "Government counterparty"} and filters["list"]
    assert "Independent audit: completed" in filters["due diligence"]
    assert all(values for values in filters.values())  # an empty facet is left out


def test_entities_and_regions_have_records_of_their_own(registry):
    shijie = next(e for e in registry.shared_entities if e.slug == "urumqi-shijie-distribution-cn")
    record = entity_record(shijie)
    assert record.kind == "Entity" and "乌鲁木齐视界分销有限公司" in record.content
    assert "Alpha Vision Example" not in record.content and "disclosed by 2 companies" in record.content
    assert record.filters["country"] == ("China (CN)",)
    xj = region_record(next(r for r in registry.regions if r.code == "CN-XJ"))
    assert xj.title == "Xinjiang Uygur Zizhiqu (CN-XJ)" and xj.url == "/regions/cn-xj/"
    assert xj.filters == {"country": ("China (CN)",), "subdivision": ("Xinjiang Uygur Zizhiqu (CN-XJ)",)}
    urls = [r.url for r in registry_records(registry)]
    expected = len(registry.companies) + len(registry.shared_entities) + len(registry.regions)
    assert len(urls) == len(set(urls)) == expected


def test_a_prose_page_is_indexed_by_its_visible_text_only():
    record = page_record("/about/", "About &amp; more", "<h1>About</h1><script>var secret = 1;</script>"
                         "<style>p{}</style><p>Plain &lt;words&gt;\n   here</p>")
    assert record.title == "About & more"
    assert record.content == "About Plain <words> here"  # text, for Pagefind to escape when it shows an excerpt


def test_a_record_is_written_as_a_page_with_every_value_escaped():
    record = Record("/companies/x/", "<script>alert(1)</script>", 'a "b" & <c>', "Company",
                    {"country": ("Taiwan, Province of China (TW)",), "list": ('<img src=x onerror="y">',)})
    page = record_html(record)
    assert "<script>alert" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "a &quot;b&quot; &amp; &lt;c&gt;" in page
    assert '<span data-pagefind-filter="country">Taiwan, Province of China (TW)</span>' in page
    assert '<div data-pagefind-ignore><span data-pagefind-meta="kind">Company</span>' in page  # not in excerpts


def test_an_entity_weighs_more_the_more_companies_disclose_it(registry):
    assert disclosure_weight(1) == 1 < disclosure_weight(2) < disclosure_weight(30) < disclosure_weight(300) < 5
    assert disclosure_weight(0) == 1  # never below the default: an undisclosed name is not pushed down
    shijie = next(e for e in registry.shared_entities if e.slug == "urumqi-shijie-distribution-cn")
    record = entity_record(shijie)
    assert record.weight == disclosure_weight(2)
    assert f'<p data-pagefind-weight="{record.weight:g}">' in record_html(record)
    assert "data-pagefind-weight" not in record_html(company_record(registry.company("alpha-vision")))


def test_a_record_offers_its_latin_words_and_the_ends_of_its_chinese_names():
    names = "乌鲁木齐云天纺织有限公司 · 喀什宏鑫 · 91650100X"
    record = Record("/entities/x/", "Urumqi Yuntian Textile Co., Ltd.", names)
    words = record_words(record)
    assert {"urumqi", "yuntian", "textile", "ltd", "91650100x"} <= words and "co" not in words  # two letters: too short
    assert {"乌鲁木齐", "乌鲁木", "有限公司", "公司", "喀什", "喀什宏鑫", "宏鑫"} <= words
    assert "云天" not in words and "纺织" not in words  # inside a name: not a place or a legal form


def test_a_word_is_broad_when_enough_records_hold_it_however_often_each_does():
    one = Record("/companies/a/", "A", "乌鲁木齐华鑫纺纱有限公司 · 乌鲁木齐明鑫纺纱有限公司 · 乌鲁木齐华丰有限公司")
    other = Record("/companies/b/", "B", "乌鲁木齐视界分销有限公司 · 喀什宏鑫棉业有限公司")
    counts = Counter(w for r in (one, other, one) for w in record_words(r))
    assert counts["乌鲁木齐"] == 3 and counts["喀什"] == 1  # once a record, not once a name
    assert "乌鲁木齐" in broad_words(counts, 3) and "喀什" not in broad_words(counts, 2)
    assert broad_words(counts, 3) == sorted(broad_words(counts, 3))


def test_an_entity_record_says_what_the_entity_s_own_names_and_identifiers_say(registry):
    # The record shows what the entity page shows: the names and identifiers the entity gathers once.
    for entity in registry.shared_entities:
        record = entity_record(entity)
        ids = [v for values in entity.identifiers.values() for v in values]
        count = len(entity.companies)
        disclosed = f"disclosed by {count} {'company' if count == 1 else 'companies'}"
        place = record.filters.get("country", ("",))[0] if entity.country else ""
        assert record.content == " · ".join([*entity.names, *ids, place, disclosed])
        mentioned = [m.entity for m in entity.mentions]
        assert record.filters.get("list") == tuple(sorted({LIST_LABELS[e.list] for e in mentioned})) or not mentioned
        assert set(record.filters.get("counterparty kind", ())) == {words(e.kind) for e in mentioned if e.kind}
