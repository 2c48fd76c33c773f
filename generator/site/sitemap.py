"""sitemap.xml for every page, split as the sitemap protocol requires (≤ 50,000 URLs a file)."""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from .pages import Asset

LIMIT = 50_000
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def _urlset(locs: Sequence[str]) -> str:
    body = "".join(f"<url><loc>{escape(loc)}</loc></url>\n" for loc in locs)
    return f"{_HEAD}<urlset {_NS}>\n{body}</urlset>\n"


def sitemaps(urls: Sequence[str], base: str, limit: int = LIMIT) -> list[Asset]:
    """`urls` relative to the site root (`companies/acme/`); `base` the site's address, ending in /.

    One sitemap.xml when all fit; else sitemap.xml is an index of sitemap-1.xml, sitemap-2.xml, ...
    """
    locs = [base + u for u in sorted(set(urls))]
    if len(locs) <= limit:
        return [Asset("sitemap.xml", _urlset(locs))]
    parts = [locs[i:i + limit] for i in range(0, len(locs), limit)]
    assets = [Asset(f"sitemap-{n}.xml", _urlset(part)) for n, part in enumerate(parts, 1)]
    index = "".join(f"<sitemap><loc>{escape(base)}sitemap-{n}.xml</loc></sitemap>\n" for n in range(1, len(parts) + 1))
    return [Asset("sitemap.xml", f"{_HEAD}<sitemapindex {_NS}>\n{index}</sitemapindex>\n"), *assets]


def write_sitemaps(site_dir: Path, urls: list[str], site_url: str | None) -> None:
    """sitemap.xml (and its parts) written into `site_dir`, with sitemap.xml.gz."""
    base = (site_url or "/").rstrip("/") + "/"
    for asset in sitemaps(urls, base):
        (site_dir / asset.path).write_text(str(asset.content), encoding="utf-8")
    first = (site_dir / "sitemap.xml").read_bytes()
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(first, mtime=0))
