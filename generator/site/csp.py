"""The Content-Security-Policy of every page: scripts only from the site itself, and the
theme's inline scripts allowed one by one, by the hash of their text.

Without 'unsafe-inline' no injected inline script and no `javascript:` URL can run, even
where escaping were ever to fail. Hashes are taken from each page as rendered, so a new
theme version cannot break the site nor widen the policy.
"""

from __future__ import annotations

import base64
import hashlib
import re

MARKER = "dc-csp-5e1f0a"  # what overrides/main.html puts where the policy goes
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_DATA = re.compile(r"""\btype\s*=\s*["']?application/(?:ld\+)?json""", re.I)
_SOURCE = re.compile(r"\bsrc\s*=", re.I)
# 'wasm-unsafe-eval', worker-src and connect-src: the search index (Pagefind) runs as WebAssembly
# in a worker and fetches its chunks, all from this site.
POLICY = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; "
          "base-uri 'self'; form-action 'self'")


def inline_hashes(html: str) -> list[str]:
    """CSP source expressions for each inline script that runs (data blocks do not)."""
    found = {base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
             for attrs, body in _SCRIPT.findall(html) if not _SOURCE.search(attrs) and not _DATA.search(attrs)}
    return [f"'sha256-{h}'" for h in sorted(found)]


def with_policy(html: str) -> str:
    """The page with its policy filled in where the marker stands."""
    if MARKER not in html:
        return html
    hashes = "".join(" " + h for h in inline_hashes(html))
    return html.replace(MARKER, POLICY.format(hashes=hashes), 1)


def safe_repo_url(url: str | None) -> bool:
    """Only a web address may become a link on every page: never `javascript:` or `data:`."""
    return not url or re.fullmatch(r"https?://[^\s\"'<>`]+", url, re.I) is not None
