"""Entity names, normalised so that spellings of one organisation compare equal."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_LEGAL_FORMS = re.compile(
    r"\b(co|company|corp|corporation|inc|incorporated|ltd|limited|llc|plc|gmbh|ag|sa|srl|bv|nv|"
    r"group|holdings?)\b"
)
_CJK_FORMS = re.compile(r"(股份有限公司|有限责任公司|有限公司|集团|公司)")


def normalise(name: str) -> str:
    """Case, width, punctuation and legal-form suffixes ignored."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = _CJK_FORMS.sub(" ", text)
    text = re.sub(r"[^\w]+", " ", text)
    text = _LEGAL_FORMS.sub(" ", text)
    return " ".join(text.split())


def slug(name: str, country: str) -> str:
    """A URL-safe, stable slug; names without Latin letters get a short hash."""
    ascii_part = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", normalise(name))
                        .encode("ascii", "ignore").decode()).strip("-")
    if not ascii_part:
        ascii_part = hashlib.sha1(normalise(name).encode()).hexdigest()[:10]
    return f"{country.lower()}-{ascii_part}"[:80].strip("-")
