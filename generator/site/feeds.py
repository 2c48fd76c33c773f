"""Atom feeds of changes, built with xml.etree so that every value is escaped.

Deterministic: every date comes from a commit, never from the build's clock, so the
same history always gives the same bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Container, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from ..history.timeline import Timeline, Version

ATOM = "http://www.w3.org/2005/Atom"
EPOCH = "1970-01-01T00:00:00Z"   # the `updated` of a feed with no entries yet
MAX_ENTRIES = 100
# XML 1.0 cannot hold most control characters, not even escaped; commit messages and
# company text may contain them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class FeedInfo:
    id: str          # a stable IRI for the feed
    title: str
    link: str        # the page the feed follows, relative to the feed
    self_link: str   # the feed's own file name, relative to itself


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _add(parent: ET.Element, tag: str, text: str = "", **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _clean(v) for k, v in attrs.items()})
    if text:
        element.text = _clean(text)
    return element


def entry_title(version: Version, timeline: Timeline) -> str:
    if version.state == "unreadable":
        return f"{timeline.name}: a version that could not be read"
    count = len(version.events)
    if count == 1:
        return f"{timeline.name}: {version.events[0].text()}"
    return f"{timeline.name}: {count} changes"


def entry_text(version: Version) -> str:
    if version.state == "unreadable":
        return f"This version could not be read, so it is skipped: {version.problem}"
    lines = [e.text() for e in version.events]
    return "\n".join(f"- {line}" for line in lines) + f"\n\nCommit {version.commit[:12]}: {version.message}"


def atom(info: FeedInfo, items: Sequence[tuple[Version, Timeline]], company_link: str,
         paged: Container[str] | None = None) -> str:
    """A feed of `items` (newest first); `company_link` is a format string taking the company id, for the
    companies in `paged` (every one when None): a file whose name is no id has no page, and its entries link
    to the feed's own page."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "id", info.id)
    _add(feed, "title", info.title)
    _add(feed, "updated", items[0][0].date if items else EPOCH)
    _add(feed, "link", href=info.link)
    _add(feed, "link", rel="self", href=info.self_link)
    _add(feed, "generator", "disclose")
    for version, timeline in items[:MAX_ENTRIES]:
        entry = _add(feed, "entry")
        # The same change has the same id in the site's feed and in the company's.
        _add(entry, "id", f"urn:disclose:change:{version.commit}:{quote(timeline.id)}")
        _add(entry, "title", entry_title(version, timeline))
        _add(entry, "updated", version.date)
        _add(_add(entry, "author"), "name", version.author)
        paged_here = paged is None or timeline.id in paged
        _add(entry, "link", href=company_link.format(id=timeline.id) if paged_here else info.link)
        _add(entry, "content", entry_text(version), type="text")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
