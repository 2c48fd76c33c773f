"""A value of the wrong kind, in words: what was written, what to write instead."""

from __future__ import annotations

import json
import re
from functools import reduce
from typing import Any

import jsonschema

from ..load.nodes import plain_scalar
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


def _name(error: jsonschema.ValidationError) -> str:
    path = list(error.absolute_path)
    return f"each entry in {_field(error)}" if path and isinstance(path[-1], int) else _field(error)


def type_message(error: jsonschema.ValidationError, written: str | None, beside: Any = None) -> str:
    expected = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
    actual = _type_of(error.instance)
    name = _name(error)
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
    elif expected == "array" and isinstance(error.instance, str) and error.instance.strip().casefold() not in _UNKNOWN:
        message += _as_list(_field(error), error.instance)
    elif expected == "object" and name == "coordinates" and isinstance(error.instance, str) and (
            pair := re.fullmatch(r"\s*\(?\s*(-?\d{1,3}\.\d+)\s*[,;]?\s+(-?\d{1,3}\.\d+)\s*\)?\s*", error.instance)):
        message += _point(pair[1], pair[2])
    elif expected == "array" and actual == "object" and error.instance:
        first = next(iter(error.instance))
        message += (f"; start each entry with '- ' before its first key ('- {first}: …'), and line its other keys "
                    f"up with '{first}'")
    elif expected == "object" and actual == "array" and [type(v) for v in error.instance] == [dict]:
        message += "; delete the '- ' before its first key, and indent its keys equally"
    return message


def _point(first: str, second: str) -> str:
    """Two numbers copied from a map as the lat/lon mapping that holds them, if any does (latitude -90 to 90)."""
    if abs(float(first)) <= 90 and abs(float(second)) <= 180:
        return f"; write the two numbers as {{lat: {first}, lon: {second}}} (latitude first, as a map gives them)"
    if abs(float(second)) <= 90 and abs(float(first)) <= 180:
        return (f"; write the two numbers as {{lat: {second}, lon: {first}}} ({first} is no latitude, which runs "
                "from -90 to 90: the longitude is written first)")
    return ""


# Bullets a word processor writes ('• cotton', '– yarn'), which YAML reads as part of one text.
_BULLET = re.compile(r"\s*[\u2022\u00b7\u25aa\u25e6\u25cf\u2023\u2043\u2013\u2014\u2212]\s*")
_PLAIN = re.compile(r"[^\W_][\w .()/&+'-]*")


def _as_list(name: str, value: str) -> str:
    """What to write for a list typed as one text: 'cotton, yarn' or '• cotton • yarn' → [cotton, yarn]."""
    mark = value.lstrip()[:1]
    if dashed := bool(re.match(r"\s*-[^\s\d-]", value)):   # '-yarn' on each line: dashes without their space
        value = re.sub(r"(?:^|\s)-(?=[^\s\d-])", ", ", value)
    bulleted = dashed or bool(_BULLET.match(value))
    items = [item for item in re.split(r"\s*[,;]\s*", _BULLET.sub(", ", value)) if item.strip()]
    shown = ", ".join(item if _PLAIN.fullmatch(item) and isinstance(plain_scalar(item), str)   # not 2016, true, null
                      else json.dumps(item, ensure_ascii=False) for item in items)
    if not items or len(shown) > 120:
        return "; write each entry on its own line, starting with '- '" if bulleted else ""
    instead = f"; write {name}: [{shown}]"
    if bulleted:
        what = "a hyphen and a space" if dashed else f"a hyphen, not '{mark}'"
        return f"{instead}, or each entry on its own line starting with '- ' ({what})"
    return instead if len(items) > 1 else f"{instead} (a list of one)"


_YES_NO = {**dict.fromkeys(["yes", "y", "on"], "true"), **dict.fromkeys(["no", "n", "off"], "false")}


# What each kind of value looks like, for a key written with no value at all.
_LOOKS = {"country": "a country code, such as CN or GB", "subdivision": "a subdivision code, such as CN-XJ",
          "date": "a date as YYYY-MM-DD (or YYYY-MM, or YYYY)", "url": "a web address starting with https://",
          "id": "an id of lower-case letters, digits and hyphens"}


def empty_message(error: jsonschema.ValidationError) -> str:
    """A key with nothing after its colon: what kind of value it takes."""
    sub = error.schema if isinstance(error.schema, dict) else {}
    if error.validator == "enum":
        wanted = "one of: " + ", ".join(str(v) for v in error.validator_value)
    elif sub.get("title") in _LOOKS:
        wanted = _LOOKS[sub["title"]]
    elif error.validator == "type":
        kind = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
        wanted = _TYPE_NAMES.get(kind, "a value")
    else:
        return f"{_name(error)} has no value. Expected: {str(sub.get('description', '')).rstrip('.')}"
    return f"{_name(error)} has no value; write {wanted}"


# What people write in a cell whose value they do not know.
_UNKNOWN = {"n/a", "na", "n.a.", "unknown", "not known", "tbd", "tbc", "-", "--", "?", "none", "nil", "null", "x"}


def _needed(data: Any, at: list[Any]) -> bool:
    """Whether `at` is a field the semantic checks require though the schema does not: the date of a completed
    due-diligence step, the reason of one not undertaken, the auditor's name of a completed independent audit."""
    if at[:1] != ["due_diligence"] or len(at) < 3:
        return False
    step = reduce(lambda node, key: child(node, key), at[:2], data)
    if not isinstance(step, dict):
        return False
    if at[2:] == ["conducted_by", "name"]:
        return (step.get("step"), step.get("status")) == ("independent-audit", "completed")
    return (at[2:], step.get("status")) in ((["date"], "completed"), (["reason"], "not-undertaken"))


def unknown_suffix(error: jsonschema.ValidationError, root: dict[str, Any], data: Any = None) -> str:
    """For an optional field left empty or written 'N/A', 'unknown', 'TBD': that it can be left out."""
    value, path = error.instance, list(error.absolute_schema_path)
    if not (value is None or (isinstance(value, str) and value.strip().casefold() in _UNKNOWN)):
        return ""
    if _needed(data, list(error.absolute_path)):
        return ""
    if error.validator == "type" and error.validator_value == "boolean":   # true or false is asked for
        return ""
    at = len(path) - 3   # [..., "properties", the field, "type" or "anyOf" or "pattern"]: a field, not an entry
    if at < 0 or path[at] != "properties" or list(error.absolute_path)[-1:] != [path[at + 1]]:
        return ""
    parent: Any = root
    for part in [*path[:at], None]:   # jsonschema's path runs through each $ref as if it were not there
        while isinstance(parent, dict) and str(parent.get("$ref", "")).startswith("#/"):
            parent = reduce(lambda node, key: node.get(key, {}), parent["$ref"][2:].split("/"), root)
        if part is not None:
            parent = parent.get(part, {}) if isinstance(parent, dict) else {}
    if path[at + 1] in (parent.get("required", []) if isinstance(parent, dict) else ["?"]):
        return ""
    return f"; if it is not known, delete the line '{_field(error)}:'" if value is None else (
        f" If it is not known, delete the line '{_field(error)}: {value}'.")
