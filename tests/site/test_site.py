"""A real MkDocs build of the project's mkdocs.yml over the test disclosures."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
import yaml

from tests.sitebuild import FIXTURES, build

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("site"))


@pytest.mark.parametrize("page", [
    "index.html", "companies/alpha-vision/index.html", "companies/beta-apparel/index.html",
    "companies/gamma-payload/index.html", "compare/index.html", "entities/index.html",
    "entities/urumqi-shijie-distribution-cn/index.html", "entities/kashgar-example-yarn-cn/index.html",
    "regions/index.html", "regions/cn-xj/index.html", "regions/de/index.html", "schema/index.html",
    "api/index.html", "about/index.html", "submit/index.html",
])
def test_every_page_of_the_site_map_exists(site, page):
    assert (site / page).is_file()


def test_entities_are_recognised_across_spellings_and_identifiers(site):
    shijie = (site / "entities/urumqi-shijie-distribution-cn/index.html").read_text()
    assert "Alpha Vision Example" in shijie and "Beta Apparel Example" in shijie
    assert "乌鲁木齐视界分销有限公司" in shijie
    yarn = (site / "entities/kashgar-example-yarn-cn/index.html").read_text()
    assert "Beta Apparel Example" in yarn and "Gamma" in yarn  # joined by the Open Supply Hub id alone
    # an entity disclosed by one company only gets no cross-company page
    assert not any("lens-maker" in p.name for p in (site / "entities").iterdir())


def test_company_page_links_each_shared_entity_and_region(site):
    page = (site / "companies/beta-apparel/index.html").read_text()
    assert 'href="../../entities/kashgar-example-yarn-cn/"' in page
    assert 'href="../../regions/cn-xj/"' in page
    assert "stale" in page  # published 2024-01-15, never updated


def test_region_page_groups_by_company(site):
    page = (site / "regions/cn-xj/index.html").read_text()
    assert page.index("Alpha Vision Example") < page.index("Beta Apparel Example")
    assert "Urumqi Municipal Public Security Bureau" in page


def test_json_api_gives_each_disclosure_as_filed(site):
    index = json.loads((site / "api/v1/index.json").read_text())
    assert sorted(c["id"] for c in index["companies"]) == ["alpha-vision", "beta-apparel", "gamma-payload"]
    alpha = next(c for c in index["companies"] if c["id"] == "alpha-vision")
    assert alpha["steps"] == {"risk-assessment": "completed", "independent-audit": "completed"}
    assert alpha["indicators"]["Public-security counterparties"] == 1
    data = json.loads((site / "api/v1/companies/beta-apparel.json").read_text())
    filed = yaml.safe_load((FIXTURES / "beta-apparel.yaml").read_text())
    assert data["suppliers"][0]["name"] == filed["suppliers"][0]["name"]
    assert data["disclosure"]["published"] == "2024-01-15"  # a date stays text


def test_csv_per_list_has_a_company_column_and_no_formula_cells(site):
    rows = list(csv.DictReader((site / "data/suppliers.csv").open(encoding="utf-8")))
    assert {r["company"] for r in rows} == {"alpha-vision", "beta-apparel", "gamma-payload"}
    yarn = next(r for r in rows if r["id"] == "kashgar-yarn")
    assert yarn["os_id"] == "CN2019303BQ3FZP" and yarn["products"] == "cotton yarn"
    cells = [v for r in rows for v in r.values()]
    assert not any(v.startswith(("=", "+", "-", "@")) for v in cells)


def test_downloads_of_each_company(site):
    assert (site / "companies/alpha-vision/alpha-vision.yaml").read_bytes() == \
        (FIXTURES / "alpha-vision.yaml").read_bytes()
    rows = list(csv.DictReader((site / "companies/alpha-vision/alpha-vision.csv").open(encoding="utf-8")))
    assert {r["list"] for r in rows} == {"partners", "suppliers", "government_counterparties"}
    schema = json.loads((site / "schema/disclosure.schema.json").read_text())
    assert schema["$schema"].endswith("2020-12/schema")


def test_schema_page_documents_every_field(site):
    page = (site / "schema/index.html").read_text()
    for name in ("schema_version", "government_counterparties", "conducted_by", "military-economic", "os_id"):
        assert name in page


def test_no_page_refers_to_another_host(site):
    pattern = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)="(https?:)?//', re.I)
    for page in site.rglob("*.html"):
        assert not pattern.search(page.read_text()), page
    assert "fonts.googleapis" not in "".join(p.read_text() for p in site.rglob("*.html"))


def test_the_site_has_a_pagefind_index_and_no_whole_index_to_download(site):
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["zh"]  # one index, segmented as Chinese: 视界 finds 乌鲁木齐视界…
    assert entry["languages"]["zh"]["page_count"] >= 3 + 2 + 5  # companies, entities, regions at least
    assert not (site / "search").exists()  # material's search plugin (one whole index per page load) is gone
    assert not (site / "pagefind/pagefind-ui.js").exists()  # Pagefind's own UI is not used
    assert "search_index.json" not in (site / "index.html").read_text()


def test_payloads_are_escaped_in_the_html(site):
    page = (site / "companies/gamma-payload/index.html").read_text()
    assert "<script>alert(" not in page and "<img src=x" not in page and "<svg onload" not in page
    assert "&lt;script&gt;alert(&#39;supplier&#39;)&lt;/script&gt;" in page
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert "<" not in title and "script›" in title


def test_properdocs_builds_the_same_configuration(tmp_path):
    pytest.importorskip("properdocs")
    site = build(tmp_path, engine="properdocs")
    assert (site / "companies/alpha-vision/index.html").is_file()
    assert (site / "entities/urumqi-shijie-distribution-cn/index.html").is_file()


def test_entity_pages_rendered_from_one_shell_carry_their_own_title_and_body(site):
    for slug, name in (("kashgar-example-yarn-cn", "Kashgar Example Yarn Company Limited"),
                       ("urumqi-shijie-distribution-cn", "Urumqi Shijie Distribution Co., Ltd.")):
        page = (site / "entities" / slug / "index.html").read_text()
        assert re.search(r"<title>(.*?)</title>", page).group(1).startswith(name)
        assert f'<h1 id="entity">{name}</h1>' in page.replace("&#39;", "'")
        assert 'href="../../assets/disclose.css"' in page or "../../assets/" in page
    for page in site.rglob("*.html"):
        assert "dc-shell" not in page.read_text(), page


def test_shell_pages_get_their_own_canonical_url(tmp_path):
    from generator.site import publish
    from tests.sitebuild import project_copy

    project = project_copy(tmp_path / "p")
    config = project / "mkdocs.yml"
    text = config.read_text().replace("site_name:", "site_url: https://registry.example.org/\nsite_name:", 1)
    config.write_text(text)
    assert publish.build(config, tmp_path / "site", project / "disclosures") == 0
    for slug in ("kashgar-example-yarn-cn", "urumqi-shijie-distribution-cn"):
        page = (tmp_path / "site" / "entities" / slug / "index.html").read_text()
        assert f'<link rel="canonical" href="https://registry.example.org/entities/{slug}/">' in page
