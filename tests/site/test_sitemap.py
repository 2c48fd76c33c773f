"""sitemap.xml lists every page, entity pages from the shell included, in files of at most 50,000 URLs."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET

import pytest

from generator.site.sitemap import sitemaps
from tests.sitebuild import build

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_one_file_when_all_fit():
    [only] = sitemaps(["b/", "a/", "a/"], "https://example.org/")
    locs = [e.text for e in ET.fromstring(only.content).findall("s:url/s:loc", NS)]
    assert only.path == "sitemap.xml" and locs == ["https://example.org/a/", "https://example.org/b/"]


def test_an_index_of_files_when_there_are_more_urls_than_one_file_may_hold():
    urls = [f"entities/e{i}/" for i in range(7)]
    assets = sitemaps(urls, "/", limit=3)
    assert [a.path for a in assets] == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]
    index = ET.fromstring(assets[0].content)
    assert index.tag.endswith("sitemapindex")
    assert [e.text for e in index.findall("s:sitemap/s:loc", NS)] == [f"/sitemap-{n}.xml" for n in (1, 2, 3)]
    parts = [[e.text for e in ET.fromstring(a.content).findall("s:url/s:loc", NS)] for a in assets[1:]]
    assert [len(p) for p in parts] == [3, 3, 1]
    assert [loc for part in parts for loc in part] == sorted("/" + u for u in urls)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    return build(tmp_path_factory.mktemp("sitemap"))


def test_the_built_sitemap_lists_company_entity_and_region_pages(site):
    locs = {e.text for e in ET.parse(site / "sitemap.xml").getroot().findall("s:url/s:loc", NS)}
    pages = {"/" + str(p.parent.relative_to(site)) + "/" for p in site.rglob("index.html") if p.parent != site}
    assert pages <= locs  # every page, those filled from the shell after MkDocs' own pass included
    assert {"/entities/kashgar-example-yarn-cn/", "/entities/urumqi-shijie-distribution-cn/", "/regions/cn-xj/",
            "/companies/alpha-vision/", "/"} <= locs
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()
