"""The site's watchlist pages: every match, grouped by company, a page of matches at a time.

A registry of 10,000 companies can hold tens of thousands of matches, and one company may
match hundreds: the matches, not the companies, are cut into pages, so no page grows with
the registry. A company whose matches run over a page break is headed again on the next page.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..registry.registry import Registry
from ..registry.screening import Match
from ..registry.watchlists import Watchlist
from .pages import Page, render, safe_title
from .paging import paged

MATCHES_PER_PAGE = 500  # about 220 KB of HTML a page


def watchlist_pages(matches: Sequence[Match], registry: Registry, watchlists: Sequence[Watchlist] = (),
                    per_page: int = MATCHES_PER_PAGE) -> list[Page]:
    companies = {c.id: c.name for c in registry.companies}
    unreviewed = sum(not m.reviewed for m in matches)
    pages = []
    for chunk, p in paged(list(matches), "watchlists/", per_page):
        html = render("watchlists.html", p.path, matches=list(chunk), companies=companies,
                      watchlists=list(watchlists), pages=p, total=len(matches), unreviewed=unreviewed)
        title = "Watchlist matches" if p.number == 1 else f"Watchlist matches, page {p.number}"
        # Later pages hold only what the company pages already make searchable.
        pages.append(Page(p.path, safe_title(title), html, searchable=p.number == 1))
    return pages
