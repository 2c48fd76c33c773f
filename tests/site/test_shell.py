from __future__ import annotations

import pytest

from generator.site.pages import Page
from generator.site.shell import BODY, TITLE, Shell, same_shape


def test_a_theme_that_drops_the_body_is_refused():
    with pytest.raises(ValueError):
        Shell(f"<title>{TITLE}</title><main></main>", "entities/a/")


def test_fill_puts_title_and_body_in_place_and_leaves_the_rest():
    shell = Shell(f'<title>{TITLE} - Site</title><link rel="canonical" href="https://x.org/entities/a/">'
                  f"<main>{BODY}</main>", "entities/a/")
    html = shell.fill(Page("entities/b/index.md", "B ＆ Co", "<h1>B &amp; Co</h1>"), "entities/b/")
    assert html == ('<title>B ＆ Co - Site</title><link rel="canonical" href="https://x.org/entities/b/">'
                    "<main><h1>B &amp; Co</h1></main>")


def test_only_pages_at_one_depth_share_a_shell():
    assert same_shape([Page("entities/a/index.md", "", ""), Page("entities/b/index.md", "", "")])
    assert not same_shape([Page("entities/a/index.md", "", ""), Page("index.md", "", "")])
