"""Many pages from one: a page rendered once by the theme with markers, then filled in.

Company, entity and region pages can number in the tens of thousands. Sending each
through MkDocs costs a full theme render; pages that are in no nav and at the same depth
differ only in title, body and their own URL, so one render serves them all: one shell
for each depth.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from .pages import Page

TITLE = "dc-shell-title-5e1f0a"
# "<h1" in the marker: the theme adds a heading of its own to a page whose body has none,
# and every body filled in brings its own.
BODY = "<!-- dc-shell-body-5e1f0a <h1 -->"


def depth(page: Page) -> int:
    return page.path.count("/")


def same_shape(pages: list[Page]) -> bool:
    """Pages can share a shell when their relative links back to the root are the same."""
    return len({depth(p) for p in pages}) <= 1


def by_depth(pages: list[Page]) -> dict[int, list[Page]]:
    """The pages that can share each shell, in their order."""
    found: dict[int, list[Page]] = defaultdict(list)
    for page in pages:
        found[depth(page)].append(page)
    return dict(found)


@dataclass(frozen=True)
class Shell:
    html: str
    url: str  # the URL of the page the shell was rendered as

    def __post_init__(self) -> None:
        if self.html.count(BODY) != 1 or TITLE not in self.html:
            raise ValueError("the theme did not render the page's title and body where expected")

    @cached_property  # asked for by every page's key: the shell is tens of kilobytes to hash
    def digest(self) -> str:
        """What every page filled from it shares, whichever page it was rendered as: part of their cache keys."""
        generic = self.html.replace(f"/{self.url}\"", "/\0\"")
        return hashlib.sha256(generic.encode("utf-8", "surrogatepass")).hexdigest()

    def fill(self, page: Page, url: str) -> str:
        html = self.html.replace(BODY, page.html).replace(TITLE, page.title)
        # absolute links to the page itself (canonical URL, when site_url is set)
        return html.replace(f"/{self.url}\"", f"/{url}\"")
