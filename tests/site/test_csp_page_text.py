"""What a docs page's own file writes never gets a script hash, nor runs as a script at all."""

from __future__ import annotations

import re

from generator.site.csp import MARKER, inert, inline_hashes, strings, with_policy

THEME = '<meta content="' + MARKER + '"><script>theme()</script>'


def _script_src(html: str) -> str:
    return re.search(r'content="([^"]*)"', html).group(1).split("script-src")[1].split(";")[0]


def test_a_script_of_the_page_text_is_not_hashed_but_the_themes_are() -> None:
    content = '<h1>About</h1><script>document.title="pwned"</script>'
    page = f"{THEME}<article>{content}</article><script>theme_end()</script>"
    policy = _script_src(with_policy(page, [content]))
    assert set(re.findall(r"'sha256-[^']+'", policy)) == set(inline_hashes("<script>theme()</script>"
                                                                            "<script>theme_end()</script>"))
    assert inline_hashes(content)[0] not in policy


def test_a_script_the_page_text_begins_and_the_theme_ends_is_not_hashed() -> None:
    content = "<p>x</p><script>evil();`"
    page = f"{THEME}{content}<script>theme_end()</script>"
    policy = _script_src(with_policy(page, [content]))
    assert inline_hashes(content + "<script>theme_end()</script>")[0] not in policy
    assert inline_hashes("<script>theme()</script>")[0] in policy


def test_a_title_or_front_matter_without_markup_leaves_the_themes_scripts_whole() -> None:
    page = THEME.replace("theme()", "new URL('..', location)")
    assert with_policy(page, ["new", "URL"]) == with_policy(page)


def test_script_tags_of_a_page_are_renamed_whatever_their_case_and_attributes() -> None:
    html = '<SCRIPT src="x.js"></script ><script\ttype="module">a()</script><svg><script>b()</script></svg>'
    assert "script" not in inert(html).replace("x-dc-script", "").lower()
    assert inline_hashes(inert(html)) == []
    assert inert("<scripts>ok</scripts> <noscript>") == "<scripts>ok</scripts> <noscript>"


def test_every_string_of_front_matter_is_found() -> None:
    assert strings(["Title", {"description": "<b>", "tags": ["a", 1, {"k": "v"}]}]) == [
        "Title", "description", "<b>", "tags", "a", "k", "v"]


def test_meta_base_and_link_of_a_page_are_renamed_and_the_policy_forbids_base_and_frames() -> None:
    html = '<meta http-equiv="refresh" content="0;url=https://evil.example/"><BASE href="/x/"><link rel=prefetch>'
    assert all(f"<x-dc-{t} hidden" in inert(html) for t in ("meta", "base", "link"))
    assert "<meta" not in inert(html).lower().replace("x-dc-meta", "")
    policy = with_policy(THEME)
    assert "base-uri 'none'" in policy and "frame-src 'none'" in policy
