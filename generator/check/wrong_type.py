"""A value of the wrong kind, in words: what was written, what to write instead."""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema

from . import hints
from .walk import child


def _field(error: jsonschema.ValidationError) -> str:
    names = [p for p in error.absolute_path if isinstance(p, str)]
    return names[-1] if names else "the file"


_TYPE_NAMES = {"string": "a text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
               "array": "a list (lines starting with '- ')", "object": "a mapping (indented 'key: value' lines)",
               "null": "empty"}


def _type_of(value: Any) -> str:
    for name, kinds in (("boolean", bool), ("integer", int), ("number", float), ("string", str),
                        ("array", list), ("object", dict)):
        if isinstance(value, kinds):
            return name
    return "null"


def type_message(error: jsonschema.ValidationError, written: str | None, beside: Any = None) -> str:
    expected = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
    actual = _type_of(error.instance)
    path = list(error.absolute_path)
    name = f"each entry in {_field(error)}" if path and isinstance(path[-1], int) else _field(error)
    wanted = _TYPE_NAMES.get(expected, expected)
    if actual == "null":
        return f"{name} has no value; write {wanted}"
    if expected == "integer" and (share := hints.share(name, error.instance, child(beside, "workers"))):
        return share
    message = f"{name} should be {wanted}, not {_TYPE_NAMES[actual] if actual != 'number' else 'a decimal number'}"
    if expected == "string" and actual in ("integer", "number", "boolean"):
        message += f"; put it in quotes: \"{written if written is not None else json.dumps(error.instance)}\""
    elif expected == "boolean" and isinstance(error.instance, str) and error.instance.lower() in _YES_NO:
        message += f"; write {_YES_NO[error.instance.lower()]} ('{error.instance}' is read as text)"
    elif expected == "integer" and (hint := hints.count(error.instance, written)):
        message += ";" + hint[:-1].replace(" W", " w", 1)
    elif expected == "array" and isinstance(error.instance, str):
        message += _as_list(_field(error), error.instance)
    elif expected == "object" and actual == "array" and [type(v) for v in error.instance] == [dict]:
        message += "; delete the '- ' before its first key, and indent its keys equally"
    return message


# Bullets a word processor writes ('• cotton', '– yarn'), which YAML reads as part of one text.
_BULLET = re.compile(r"\s*[\u2022\u00b7\u25aa\u25e6\u25cf\u2023\u2043\u2013\u2014\u2212]\s*")
_PLAIN = re.compile(r"[^\W_][\w .()/&+'-]*")


def _as_list(name: str, value: str) -> str:
    """What to write for a list typed as one text: 'cotton, yarn' or '• cotton • yarn' → [cotton, yarn]."""
    bulleted = bool(_BULLET.match(value))
    items = [item for item in re.split(r"\s*[,;]\s*", _BULLET.sub(", ", value)) if item.strip()]
    shown = ", ".join(item if _PLAIN.fullmatch(item) else json.dumps(item, ensure_ascii=False) for item in items)
    if not items or len(shown) > 120:
        return "; write each entry on its own line, starting with '- '" if bulleted else ""
    instead = f"; write {name}: [{shown}]"
    if bulleted:
        return f"{instead}, or each entry on its own line starting with '- ' (a hyphen, not '{value.lstrip()[0]}')"
    return instead if len(items) > 1 else f"{instead} (a list of one)"


_YES_NO = {**dict.fromkeys(["yes", "y", "on"], "true"), **dict.fromkeys(["no", "n", "off"], "false")}
