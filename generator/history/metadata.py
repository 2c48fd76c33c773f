"""Commit metadata as the site shows it: written by anyone who can push, so bounded, with no
e-mail address and no control character."""

from __future__ import annotations

import re

from ..text import printable

_EMAIL = re.compile(r"<?[^\s<>@]+@[^\s<>@]+>?")
# Shown bounded, like any other text.
MAX_SHOWN = 300
# A word longer than any e-mail address is dropped whole when it holds an @: the address
# pattern is then matched on short words only, so scrubbing stays linear in the text.
_LONGEST_ADDRESS = 320


def scrub(text: str, limit: int = MAX_SHOWN) -> str:
    """Commit metadata is shown publicly: e-mail addresses are personal data, never shown;
    control characters are written as escapes; the result is at most `limit` characters."""
    if len(text) <= limit and "@" not in text and text.isascii() and text.isprintable():
        return " ".join(text.split())   # most subjects and names: what `_scrubbed` would make of them
    return _scrubbed(text, limit)


def _scrubbed(text: str, limit: int) -> str:
    words = []
    for word in text.split():
        if "@" in word:
            word = _EMAIL.sub("", word) if len(word) <= _LONGEST_ADDRESS else ""
        if word:
            words.append(printable(word))
        if sum(map(len, words)) + len(words) > limit:
            break
    shown = " ".join(words)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
