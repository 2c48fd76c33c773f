"""Many pages from one: a page rendered once by the theme with markers, then filled in.

Entity pages can number in the tens of thousands. Sending each through MkDocs costs a
full theme render; pages at the same depth differ only in title and body, so one render
serves them all.
"""

from __future__ import annotations

from dataclasses import dataclass

from .pages import Page

TITLE = "dc-shell-title-5e1f0a"
BODY = "<!-- dc-shell-body-5e1f0a -->"


def same_shape(pages: list[Page]) -> bool:
    """Pages can share a shell when their relative links back to the root are the same."""
    return len({p.path.count("/") for p in pages}) <= 1


@dataclass(frozen=True)
class Shell:
    html: str
    url: str  # the URL of the page the shell was rendered as

    def __post_init__(self) -> None:
        if self.html.count(BODY) != 1 or TITLE not in self.html:
            raise ValueError("the theme did not render the page's title and body where expected")

    def fill(self, page: Page, url: str) -> str:
        html = self.html.replace(BODY, page.html).replace(TITLE, page.title)
        # absolute links to the page itself (canonical URL, when site_url is set)
        return html.replace(f"/{self.url}\"", f"/{url}\"")
