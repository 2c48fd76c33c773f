"""What to write instead of a country or subdivision given by its name ('China', 'Guangdong
Province'): read as the importer reads a list's country and province columns."""

from __future__ import annotations

from typing import Any

from .countries import explain, near, plain_name, resolve
from .provinces import subdivision as subdivision_code


def country(value: Any) -> str:
    """The code of a country given by its name ('China', 'PRC', 'Türkiye'), its three-letter code
    or a typo of one country's name; the countries a name could mean ('Korea'); else ""."""
    if not isinstance(value, str) or len(value) > 100:
        return ""
    found = resolve(value)
    if code := found.code or near(value):
        return f" Write its code: '{code}' ({plain_name(code)})."
    return f" {explain(value, found)}" if found.ambiguous else ""


def subdivision(value: Any, data: Any, path: list[Any]) -> str:
    """The code of a subdivision given by its name, in the country beside it at `path`; else ""."""
    for key in path[:-1]:
        data = data[key] if isinstance(data, dict | list) else None
    beside = data.get("country") if isinstance(data, dict) else None
    if not isinstance(value, str) or len(value) > 100 or not isinstance(beside, str):
        return ""
    code = subdivision_code(value, beside)
    return f" Write its code: '{code}'." if code and code != value else ""
