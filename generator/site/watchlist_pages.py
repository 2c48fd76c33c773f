"""The site's watchlist page: every match, grouped by company."""

from __future__ import annotations

from collections.abc import Sequence

from ..registry.registry import Registry
from ..registry.screening import Match
from ..registry.watchlists import Watchlist
from .pages import Page, render


def watchlist_pages(matches: Sequence[Match], registry: Registry, watchlists: Sequence[Watchlist] = ()) -> list[Page]:
    companies = {c.id: c.name for c in registry.companies}
    html = render("watchlists.html", "watchlists/index.md", matches=list(matches), companies=companies,
                  watchlists=list(watchlists))
    return [Page("watchlists/index.md", "Watchlist matches", html)]
