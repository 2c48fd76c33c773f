"""Pages and Atom feeds made from a real repository's history."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
import pytest

from generator.check.validation import validate_paths
from generator.history.timeline import History, Timeline, Version, read_history
from generator.model import Disclosure
from generator.registry.registry import Registry
from generator.site.history_pages import history_pages, timeline_context
from generator.site.pages import environment
from tests.history_story import AUTHOR_EMAIL, Repo, disclosure, tell_story

REPO_URL = "https://example.org/registry"


def _registry(folder: Path) -> Registry:
    result = validate_paths([folder])
    return Registry.of(Disclosure.of(d.data) for d in result.valid_documents())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("story")
    _, shas = tell_story(root)
    history = read_history(root / "disclosures")
    registry = _registry(root / "disclosures")
    pages, assets = history_pages(history, registry, REPO_URL)
    return shas, history, registry, {p.path: p for p in pages}, {a.path: a.content for a in assets}


def test_pages_and_feeds_that_exist(site):
    _, _, _, pages, assets = site
    assert sorted(pages) == ["changes/index.md", "companies/acme-group/index.md", "companies/acme/index.md"]
    assert sorted(assets) == ["changes/feed.xml", "companies/acme-group/feed.xml", "companies/other/feed.xml"]


def test_changes_page_newest_first_linked_to_commits(site):
    shas, _, _, pages, _ = site
    html = pages["changes/index.md"].html
    assert html.index("Withdraw Acme Group") < html.index("Audit completed") < html.index("Add Acme and Other")
    assert f'href="{REPO_URL}/commit/{shas["complete"]}"' in html
    assert "Due-diligence step audit-2025 (independent-audit): status planned → completed" in html
    assert "could not be read" in html
    assert shas["reorder"][:7] not in html
    assert 'href="../companies/other/"' in html


def test_site_feed_is_valid_atom(site):
    shas, _, _, _, assets = site
    feed = feedparser.parse(assets["changes/feed.xml"])
    assert feed.bozo == 0 and feed.version == "atom10"
    assert feed.feed.updated == "2026-01-09T12:00:00+00:00"
    titles = [e.title for e in feed.entries]
    assert titles[0] == "Acme Example Ltd: Disclosure of Acme Example Ltd (acme-group) withdrawn"
    assert "Acme Example Ltd: company.id: acme → acme-group" in titles
    reopened = next(e for e in feed.entries if shas["reopen"] in e.id)
    assert reopened.title == "Acme Example Ltd: 5 changes"
    assert "- Due-diligence step audit-2025 (independent-audit): status completed → planned" in reopened.summary
    assert len(feed.entries) == 9  # every version with events or unreadable; the reordering is not news
    assert all(e.author == "Jane Doe" for e in feed.entries)
    assert len({e.id for e in feed.entries}) == len(feed.entries)


def test_company_feed(site):
    _, _, _, _, assets = site
    feed = feedparser.parse(assets["companies/other/feed.xml"])
    assert feed.bozo == 0
    assert [e.title for e in feed.entries] == ["Other Example plc: Disclosure of Other Example plc (other) added"]
    assert feed.feed.title == "Changes to Other Example plc"
    site_ids = {e.id for e in feedparser.parse(assets["changes/feed.xml"]).entries}
    assert {e.id for e in feed.entries} <= site_ids


def test_withdrawn_page(site):
    _, _, _, pages, _ = site
    page = pages["companies/acme-group/index.md"]
    assert page.title == "Acme Example Ltd (withdrawn)"
    assert "Withdrawn" in page.html and "Kashgar Yarn Co." in page.html and "Dhaka" not in page.html.split(
        'id="history"')[0]
    assert "Supplier Dhaka Knit Ltd (dhaka-knit) removed" in page.html
    assert "independent-audit" in page.html


def test_redirect_page(site):
    _, _, _, pages, _ = site
    page = pages["companies/acme/index.md"]
    assert '<meta http-equiv="refresh" content="0; url=../acme-group/">' in page.html
    assert 'href="../acme-group/"' in page.html and not page.searchable


def test_timeline_fragment(site):
    _, history, _, _, _ = site
    template = environment().get_template("_timeline.html")
    html = template.render(timeline=history.timeline("acme-group"), root="../../", repo_url=REPO_URL)
    assert html.index("withdrawn") < html.index("Add Acme and Other")
    assert "formerly listed as acme" in html
    none = template.render(timeline=None, root="../../", history_message="this is a shallow clone")
    assert "History unavailable: this is a shallow clone" in none
    assert "History unavailable" in template.render(timeline=None, root="../../")
    context = timeline_context(History("unavailable", "shallow", "fetch-depth: 0 please"), "acme-group", REPO_URL)
    assert "History unavailable: fetch-depth: 0 please" in template.render(root="../../", **context)
    context = timeline_context(history, "acme-group", "javascript:alert(1)")
    assert "javascript:" not in template.render(root="../../", **context)


def test_no_email_in_any_output(site):
    _, history, _, pages, assets = site
    every = [p.html for p in pages.values()] + [str(a) for a in assets.values()]
    assert all(AUTHOR_EMAIL not in text and "Signed-off-by" not in text for text in every)
    assert AUTHOR_EMAIL not in repr(history)


def test_output_is_deterministic(site):
    _, history, registry, pages, assets = site
    again_pages, again_assets = history_pages(history, registry, REPO_URL)
    assert {p.path: p.html for p in again_pages} == {k: p.html for k, p in pages.items()}
    assert {a.path: a.content for a in again_assets} == assets


def test_hostile_commit_text_is_escaped(tmp_path):
    repo = Repo(tmp_path)
    repo.write("acme.yaml", disclosure("acme", name="<img src=x onerror=alert(1)> & Co"))
    repo.commit("<script>alert(1)</script> \x01 ]]>")
    repo.write("gone.yaml", disclosure("gone"))
    repo.write("<b>..&bad.yaml", disclosure("<b>..&bad"))
    repo.write('a "quoted"\nname.yaml', disclosure("x"))
    repo.commit("Add gone")
    (tmp_path / "disclosures" / "gone.yaml").unlink()
    (tmp_path / "disclosures" / "<b>..&bad.yaml").unlink()
    (tmp_path / "disclosures" / 'a "quoted"\nname.yaml').unlink()
    repo.commit("Withdraw gone")
    history = read_history(tmp_path / "disclosures")
    pages, assets = history_pages(history, _registry(tmp_path / "disclosures"), "javascript:alert(1)")
    html = "".join(p.html for p in pages)
    assert {p.path for p in pages} == {"changes/index.md", "companies/gone/index.md"}
    assert {a.path for a in assets} == {"changes/feed.xml", "companies/gone/feed.xml", "companies/acme/feed.xml"}
    assert "&lt;b&gt;..&amp;bad" in html
    assert "<script>" not in html and "<img" not in html and "javascript:" not in html
    feed = feedparser.parse(assets[0].content)
    assert feed.bozo == 0 and "<script>alert(1)</script>" in feed.entries[-1].content[0].value
    # A file whose name is no id has no page: its changes link to the changes page, not to a missing one.
    paged = {"../companies/gone/", "../companies/acme/", "./"}
    assert {e.link for e in feed.entries} <= paged and "./" in {e.link for e in feed.entries}
    assert all(re.fullmatch(r"urn:disclose:change:[0-9a-f]{40}:[\w%.-]+", e.id) for e in feed.entries)


def test_unavailable_history_explained_on_changes_page(tmp_path):
    history = History("unavailable", "shallow", "this is a shallow clone; set fetch-depth: 0")
    pages, assets = history_pages(history, Registry(()), None)
    assert "fetch-depth: 0" in pages[0].html
    assert feedparser.parse(assets[0].content).bozo == 0


def test_changes_are_paged_newest_first_and_the_feed_stays_whole(site):
    _, history, registry, whole, assets = site
    pages, paged_assets = history_pages(history, registry, REPO_URL, per_page=3)
    changes = [p for p in pages if p.path.startswith("changes/")]
    assert [p.path for p in changes] == ["changes/index.md", "changes/page_2/index.md", "changes/page_3/index.md"]
    first, last = changes[0].html, changes[-1].html
    assert "Withdraw Acme Group" in first and "Add Acme and Other" not in first
    assert "Add Acme and Other" in last and 'href="../../changes/page_2/"' in last and 'rel="prev"' in last
    assert 'href="../changes/page_2/" rel="next"' in first  # plain links: paging needs no script
    assert 'href="../../companies/other/"' in last  # links from page n still reach the root
    assert {a.path: a.content for a in paged_assets} == assets  # the Atom feeds are the same
    assert "page_2" not in whole["changes/index.md"].html  # eight commits fit one page of 50


@pytest.mark.parametrize("count", [3, 100, 101, 10_000])
def test_a_timeline_shows_its_newest_hundred_versions_and_says_where_the_rest_are(count: int) -> None:
    versions = tuple(Version(f"{i:040x}", f"2026-01-01T00:00:{i % 60:02d}+00:00", "x", f"change {i}", "acme",
                             "readable") for i in range(count))
    html = environment().get_template("_timeline.html").render(timeline=Timeline("acme", versions), root="../../")
    assert html.count('class="disclose-version ') == min(count, 100)
    assert f" change {count - 1} ·" in html and f" change {max(count - 100, 0)} ·" in html
    if count > 100:
        assert f" change {count - 101} ·" not in html
    assert (f"all {count:,} are in" in html) == (count > 100)
    assert f'start="{count}"' in html
