"""The watchlist matches, a page of matches at a time: no page grows with the registry."""

from __future__ import annotations

import re

import pytest

from benchmarks.synthetic import write_corpus
from generator.pipeline import load_lists, load_registry
from generator.registry.screening import screen_registry
from generator.site.watchlist_pages import MATCHES_PER_PAGE, watchlist_pages


@pytest.fixture(scope="module")
def screened(tmp_path_factory: pytest.TempPathFactory):
    """A registry whose every entity's name is on a watchlist: more matches than fit on one page."""
    folder = tmp_path_factory.mktemp("watchlisted")
    write_corpus(folder / "disclosures", 40, 20)
    registry, result = load_registry(folder / "disclosures")
    assert result.ok
    names = sorted({e.name for c in registry.companies for e in c.entities})
    (folder / "watchlists").mkdir()
    rows = "".join('"' + n.replace('"', '""') + '"\n' for n in names)
    (folder / "watchlists" / "everyone.csv").write_text("name\n" + rows, encoding="utf-8")
    lists, problems = load_lists(folder / "watchlists")
    assert not problems
    matches = screen_registry(registry.companies, lists)
    assert len(matches) > MATCHES_PER_PAGE
    return registry, lists, matches


def _rows(html: str) -> list[str]:
    return re.findall(r'<tr class="disclose-match[^"]*">\s*<td>([^<]*)</td>', html)


def test_every_match_is_on_exactly_one_page_in_order(screened):
    registry, lists, matches = screened
    pages = watchlist_pages(matches, registry, lists, per_page=100)
    assert len(pages) == -(-len(matches) // 100)
    assert [p.path for p in pages[:3]] == ["watchlists/index.md", "watchlists/page_2/index.md",
                                           "watchlists/page_3/index.md"]
    assert [r for p in pages for r in _rows(p.html)] == [m.entity_name for m in matches]
    assert [p.searchable for p in pages[:2]] == [True, False]  # the company pages make the rest searchable


def test_pages_link_to_each_other_and_count_every_match(screened):
    registry, lists, matches = screened
    pages = watchlist_pages(matches, registry, lists, per_page=100)
    second = pages[1].html
    assert 'href="../../watchlists/" rel="prev"' in second and 'href="../../watchlists/page_3/" rel="next"' in second
    assert f"<p>{len(matches)} matches;" in second and f"page 2 of {len(pages)}" in second
    assert 'href="../../companies/' in second  # company links climb out of the page's folder


def test_a_company_whose_matches_run_over_a_page_break_is_headed_again(screened):
    registry, lists, matches = screened
    cut = next(i for i in range(50, len(matches)) if matches[i - 1].company == matches[i].company)
    first, second = watchlist_pages(matches, registry, lists, per_page=cut)[:2]
    heading = f'<h2 id="{matches[cut].company}">'
    assert heading in first.html and heading in second.html
    assert second.html.count(heading) == 1


def test_no_page_grows_with_the_registry(screened):
    registry, lists, matches = screened
    pages = watchlist_pages(matches, registry, lists)
    assert len(pages) > 1
    assert max(len(p.html.encode()) for p in pages) < 500_000


def test_without_matches_there_is_one_page_without_a_pager(screened):
    registry, lists, _ = screened
    [page] = watchlist_pages([], registry, lists)
    assert "<p>0 matches; 0 not reviewed.</p>" in page.html and "dc-pager" not in page.html


def test_each_page_of_an_entity_shows_the_matches_of_the_companies_it_lists(screened):
    from collections import defaultdict

    from generator.site.pages import Extras, entity_pages

    registry, _, matches = screened
    found = defaultdict(list)
    for m in matches:
        found[(m.company, m.entity)].append(m)
    entity = max(registry.shared_entities, key=lambda e: len(e.mentions))
    assert len(entity.mentions) > 4
    pages = entity_pages(entity, Extras(matches=found), per_page=2)
    shown = [re.findall(r'<tr class="disclose-match[^"]*">', p.html) for p in pages]
    listed = [re.findall(r'<tr><td><a href="[^"]*companies/([^/]+)/#', p.html) for p in pages]
    for rows, companies in zip(shown, listed, strict=True):
        assert len(rows) == sum(len(found[(x.company.id, x.entity.id)]) for x in entity.mentions
                                if x.company.id in companies) > 0
    assert sum(map(len, shown)) == sum(len(found[(x.company.id, x.entity.id)]) for x in entity.mentions)
