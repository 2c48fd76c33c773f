"""The Content-Security-Policy of every page: scripts only from the site itself, and the
theme's inline scripts allowed one by one, by the hash of their text.

Without 'unsafe-inline' no injected inline script and no `javascript:` URL can run, even
where escaping were ever to fail. Hashes are taken from each page as rendered, so a new
theme version cannot break the site nor widen the policy; but never for what a page's own
file wrote (its Markdown, title and front matter, which a pull request may hold): those
texts are cut out of the page before its scripts are hashed, and a script tag among them
is renamed, so that one loading a file of the site (`<script src=...>`) does not run either.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Mapping, MutableMapping
from typing import Any

MARKER = "dc-csp-5e1f0a"  # what overrides/main.html puts where the policy goes
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_DATA = re.compile(r"""\btype\s*=\s*["']?application/(?:ld\+)?json""", re.I)
_SOURCE = re.compile(r"\bsrc\s*=", re.I)
# The start or end tag, as the HTML parser reads it, of a script and of the elements a page's text could
# use to act beyond itself: a <meta http-equiv="refresh"> sends the reader elsewhere, a <base href> points
# the theme's own scripts at the page's folder, a <link> fetches.
_TAG = re.compile(r"<(/?)(script|meta|base|link)(?=[\s/>])", re.I)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)

# 'wasm-unsafe-eval', worker-src and connect-src: the search index (Pagefind) runs as WebAssembly
# in a worker and fetches its chunks, all from this site.
POLICY = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; "
          "frame-src 'none'; base-uri 'none'; form-action 'self'")


def inline_hashes(html: str) -> list[str]:
    """CSP source expressions for each inline script that runs (data blocks do not)."""
    found = {base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
             for attrs, body in _SCRIPT.findall(html) if not _SOURCE.search(attrs) and not _DATA.search(attrs)}
    return [f"'sha256-{h}'" for h in sorted(found)]


def with_policy(html: str, page_text: Iterable[str] = ()) -> str:
    """The page with its policy filled in where the marker stands.

    `page_text`: what the page's own file put on it; no script there or begun there is hashed.
    A page whose template has no marker (a theme's custom_dir replacing main.html) gets the
    policy first in its head, where it rules whatever loads after it."""
    if MARKER not in html:
        html = _HEAD.sub(lambda m: f'{m.group(0)}<meta http-equiv="Content-Security-Policy" content="{MARKER}">'
                                   '<meta name="referrer" content="no-referrer">', html, count=1)
        if MARKER not in html:
            return html   # no head: not a page (a fragment, a redirect's text)
    # Only a text with markup can hold or begin a script; cutting 'new' from the theme's would break it.
    texts = sorted({t for t in page_text if "<" in t}, key=len, reverse=True)
    theme = html
    for text in texts:   # longest first: the body goes whole, with any title inside it
        theme = theme.replace(text, "")
    # Cutting texts out of a theme's script could leave exactly one a text holds: never hashed either.
    written = {h for text in texts for h in inline_hashes(text)}
    hashes = "".join(" " + h for h in inline_hashes(theme) if h not in written)
    return html.replace(MARKER, POLICY.format(hashes=hashes), 1)


def inert(html: str) -> str:
    """`html` with every script, meta, base and link element renamed to a hidden one that does nothing,
    whatever its attributes."""
    def renamed(m: re.Match[str]) -> str:
        # x-dc-script: no script element at all; assets/disclose.js loads a script[data-dc-src]
        name = f"x-dc-{m.group(2).lower()}"
        return f"</{name}" if m.group(1) else f"<{name} hidden"
    return _TAG.sub(renamed, html)


def strings(value: object, _seen: set[int] | None = None) -> list[str]:
    """Every string in `value`, lists and mappings (a page's front matter) opened, each of them once: a
    YAML alias is the same list again, and a dozen lines of them stand for 10^11 strings."""
    seen = set() if _seen is None else _seen
    if isinstance(value, str):
        return [value]
    if not isinstance(value, (Mapping, list, tuple)) or id(value) in seen:
        return []
    seen.add(id(value))
    if isinstance(value, Mapping):
        return [s for k, v in value.items() for s in (*strings(k, seen), *strings(v, seen))]
    return [s for v in value for s in strings(v, seen)]


def toc_titles(items: Iterable[Any]) -> list[str]:
    """The titles of a table of contents (MkDocs' `page.toc`), at every level."""
    return [t for item in items for t in (item.title, *toc_titles(item.children))]


def made_inert(value: object, _made: dict[int, object] | None = None) -> object:
    """Front matter (or a setting) with every string in it, keys too, passed through `inert`. A list or
    mapping that stands in several places (a YAML alias) is made once and stands there again."""
    made = {} if _made is None else _made
    if isinstance(value, str):
        return inert(value)
    if not isinstance(value, (Mapping, list)):
        return value
    if id(value) in made:
        return made[id(value)]
    if isinstance(value, Mapping):   # kept before it is filled: a list may hold itself (`&a [1, *a]`)
        made[id(value)] = out = {}
        out.update((made_inert(k, made), made_inert(v, made)) for k, v in value.items())
        return out
    made[id(value)] = items = []
    items.extend(made_inert(v, made) for v in value)
    return items


# What mkdocs.yml writes onto every page as it is: a pull request's words, like a page's own.
WRITTEN_SETTINGS = ("site_name", "site_description", "site_author", "copyright", "extra", "nav")


def inert_settings(config: MutableMapping[str, Any]) -> None:
    """Every script tag in the settings the theme prints made inert (the policy would hash it as the theme's)."""
    for key in WRITTEN_SETTINGS:
        if config.get(key) is not None:
            config[key] = made_inert(config[key])


def safe_repo_url(url: str | None) -> bool:
    """Only a web address may become a link on every page: never `javascript:` or `data:`, nor a host hidden
    behind a user name (`https://github.com@evil.example/` goes to evil.example)."""
    return not url or re.fullmatch(r"https?://[^\s\"'<>`/?#@]+(?:[/?#][^\s\"'<>`]*)?", url, re.I) is not None
