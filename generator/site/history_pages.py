"""The pages and feeds that change history adds to the site.

/changes/ (every change, newest first, grouped by commit) and its Atom feed; an Atom
feed per company; a page for each withdrawn company (its last version and history);
a redirect from each former company id to the current one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..check.schema import ID_PATTERN
from ..history.timeline import History, Timeline, Version
from ..registry.registry import Registry
from .feeds import FeedInfo, atom
from .pages import Asset, Page, render, safe_title
from .paging import paged

_ID = re.compile(ID_PATTERN)   # as MODEL.md: safe in URLs and file names


@dataclass(frozen=True)
class CompanyChange:
    id: str
    name: str
    linked: bool       # the company has a page on the site
    version: Version


@dataclass(frozen=True)
class CommitGroup:
    commit: str
    date: str
    author: str
    message: str
    url: str           # '' when the repository's address is not known
    companies: tuple[CompanyChange, ...]


def commit_url(repo_url: str | None, sha: str) -> str:
    if not repo_url or not repo_url.startswith(("https://", "http://")):
        return ""
    return f"{repo_url.rstrip('/')}/commit/{sha}"


def timeline_context(history: History, company_id: str, repo_url: str | None) -> dict[str, object]:
    """What a page that includes _timeline.html passes for one company."""
    message = history.message if not history.available else (
        "no committed version of this disclosure was found in the repository yet")
    return {"timeline": history.timeline(company_id), "history_message": message,
            "repo_url": repo_url if commit_url(repo_url, "x") else ""}


def _paged(history: History, registry: Registry) -> set[str]:
    """Companies with a page: those disclosed now, and the withdrawn ones."""
    current = {c.id for c in registry.companies}
    return current | {t.id for t in _withdrawn(history, current)}


def _withdrawn(history: History, current: set[str]) -> list[Timeline]:
    # A file whose name is no valid id was never readable; its name must not become a URL.
    return [t for t in history.withdrawn() if t.id not in current and _ID.fullmatch(t.id)]


def commit_groups(history: History, registry: Registry, repo_url: str | None) -> list[CommitGroup]:
    names = {c.id: c.name for c in registry.companies}
    paged = _paged(history, registry)
    groups: list[CommitGroup] = []
    for version, timeline in history.changes():
        change = CompanyChange(timeline.id, names.get(timeline.id, timeline.name), timeline.id in paged, version)
        if groups and groups[-1].commit == version.commit:
            last = groups[-1]
            groups[-1] = CommitGroup(last.commit, last.date, last.author, last.message, last.url,
                                     (*last.companies, change))
        else:
            groups.append(CommitGroup(version.commit, version.date, version.author, version.message,
                                      commit_url(repo_url, version.commit), (change,)))
    return groups


CHANGES_PER_PAGE = 50  # commits


def _changes_pages(history: History, registry: Registry, repo_url: str | None, per_page: int) -> list[Page]:
    """/changes/, newest first, then /changes/page_2/, ... (the Atom feed stays whole)."""
    pages = []
    for groups, p in paged(commit_groups(history, registry, repo_url), "changes/", per_page):
        html = render("changes.html", p.path, history=history, groups=groups, pages=p)
        title = "Changes" if p.number == 1 else f"Changes, page {p.number}"
        # Not searchable: company pages already hold every fact, and thousands of events would swell the index.
        pages.append(Page(p.path, title, html, searchable=False))
    return pages


def _withdrawn_page(timeline: Timeline, repo_url: str | None) -> Page:
    html = render("withdrawn.html", f"companies/{timeline.id}/index.md", timeline=timeline, last=timeline.last or {},
                  repo_url=repo_url or "")
    return Page(f"companies/{timeline.id}/index.md", safe_title(f"{timeline.name} (withdrawn)"), html)


def _redirect_page(old: str, new: str) -> Page:
    html = render("redirect.html", f"companies/{old}/index.md", old=old, new=new)
    return Page(f"companies/{old}/index.md", safe_title(f"{old} is now {new}"), html, searchable=False)


def _feeds(history: History, registry: Registry) -> list[Asset]:
    changes = history.changes()
    site = FeedInfo("urn:disclose:changes", "Changes to the disclosures", "./", "feed.xml")
    paged = _paged(history, registry)
    assets = [Asset("changes/feed.xml", atom(site, changes, "../companies/{id}/", paged))]
    names = {c.id: c.name for c in registry.companies}
    for company_id in sorted(paged):
        timeline = history.timeline(company_id)
        if timeline is None:
            continue
        own = [(v, t) for v, t in changes if t.id == company_id]
        info = FeedInfo(f"urn:disclose:company:{company_id}",
                        f"Changes to {names.get(company_id, timeline.name)}", "./", "feed.xml")
        assets.append(Asset(f"companies/{company_id}/feed.xml", atom(info, own, "../{id}/")))
    return assets


def history_pages(history: History, registry: Registry, repo_url: str | None,
                  per_page: int = CHANGES_PER_PAGE) -> tuple[list[Page], list[Asset]]:
    """Pages and feeds for the change history; with history unavailable, /changes/ says why."""
    pages = _changes_pages(history, registry, repo_url, per_page)
    current = {c.id for c in registry.companies}
    withdrawn = _withdrawn(history, current)
    pages.extend(_withdrawn_page(t, repo_url) for t in withdrawn)
    taken = current | {t.id for t in withdrawn}
    pages.extend(_redirect_page(old, new) for old, new in sorted(history.redirects.items())
                 if old not in taken and new in taken and _ID.fullmatch(old))
    return pages, _feeds(history, registry)
