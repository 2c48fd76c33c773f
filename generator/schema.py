"""The JSON Schema, compiled once; its errors rewritten for the person editing the YAML.

jsonschema-rs decides whether a document is valid (about 50 times faster); only an
invalid one goes through jsonschema, whose errors carry the paths and schema parts
that plain-language messages are made from.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs

from .loader import Loaded
from .problems import Problem

# The schema lives in schema/ and is linked into the package, so an installed copy finds it too.
SCHEMA_PATH = Path(__file__).resolve().parent / "disclosure.schema.json"


@cache
def schema() -> dict[str, Any]:
    with open(SCHEMA_PATH, encoding="utf-8") as f:
        return json.load(f)


@cache
def _fast() -> Any:
    return jsonschema_rs.validator_for(schema())


@cache
def _slow() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema())


def schema_problems(doc: Loaded) -> list[Problem]:
    if _fast().is_valid(doc.data):
        return []
    problems: list[Problem] = []
    for error in _slow().iter_errors(doc.data):
        problems.extend(_explain(doc, error))
    return problems


def _field(error: jsonschema.ValidationError) -> str:
    names = [p for p in error.absolute_path if isinstance(p, str)]
    return names[-1] if names else "the file"


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "…"


def _suggest(value: Any, allowed: list[str]) -> str:
    close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _explain(doc: Loaded, error: jsonschema.ValidationError) -> Iterator[Problem]:
    path = list(error.absolute_path)
    kind = error.validator
    where = "/".join(str(p) for p in error.absolute_schema_path)
    value = error.instance
    sub = error.schema if isinstance(error.schema, dict) else {}

    def problem(code: str, message: str, at: list[Any] | None = None, key: bool = False) -> Problem:
        return doc.problem(path if at is None else at, code, message, key=key, kind=f"{code}:{where}")

    if kind == "additionalProperties":
        allowed = sorted(sub.get("properties", {}))
        for extra in sorted(set(value) - set(allowed)):
            yield problem("unknown-field",
                          f"'{extra}' is not a field here{_suggest(extra, allowed)} "
                          f"Allowed: {', '.join(allowed)}", path + [extra], key=True)
    elif kind == "required":
        missing = error.message.split("'")[1]
        described = sub.get("properties", {}).get(missing, {}).get("description", "")
        parent = _field(error)
        yield problem("missing-field", f"'{missing}' is missing from {parent}: {described}".rstrip(": "),
                      key=bool(path))
    elif kind == "enum":
        allowed = [str(a) for a in error.validator_value]
        yield problem("not-allowed-value",
                      f"{_field(error)} {_show(value)} is not an allowed value{_suggest(value, allowed)} "
                      f"Allowed: {', '.join(allowed)}")
    elif kind == "const" and path == ["schema_version"]:
        hint = " in quotes, so that it stays text" if isinstance(value, (int, float)) else ""
        yield problem("wrong-schema-version", f"write schema_version: \"1.0\"{hint}")
    elif kind == "type":
        yield problem("wrong-type", _type_message(error))
    elif kind in ("pattern", "anyOf", "const"):
        yield problem(*_format_message(error, sub))
    elif kind in ("minLength", "maxLength"):
        if kind == "minLength":
            yield problem("empty-value", f"{_field(error)} is empty; write a value or remove the key")
        else:
            yield problem("too-long", f"{_field(error)} is longer than {error.validator_value:,} characters")
    elif kind in ("maxItems", "minimum", "maximum", "uniqueItems"):
        code = {"maxItems": "too-many", "uniqueItems": "repeated-value"}.get(kind, "out-of-range")
        yield problem(code, f"{_field(error)}: {error.message}")
    else:
        yield problem("invalid", f"{_field(error)}: {error.message}")


_TYPE_NAMES = {"string": "a text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
               "array": "a list (lines starting with '- ')", "object": "a mapping (indented 'key: value' lines)",
               "null": "empty"}


def _type_of(value: Any) -> str:
    for name, kinds in (("boolean", bool), ("integer", int), ("number", float), ("string", str),
                        ("array", list), ("object", dict)):
        if isinstance(value, kinds):
            return name
    return "null"


def _type_message(error: jsonschema.ValidationError) -> str:
    expected = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
    actual = _type_of(error.instance)
    name = _field(error)
    if actual == "null":
        return f"{name} is empty; write {_TYPE_NAMES.get(expected, expected)} or remove the key"
    message = f"{name} should be {_TYPE_NAMES.get(expected, expected)}, not {_TYPE_NAMES[actual]}"
    if expected == "string" and actual in ("integer", "number", "boolean"):
        message += f"; put it in quotes: \"{error.instance}\""
    return message


_FORMAT_CODES = {"id": "invalid-id", "country": "invalid-country", "subdivision": "invalid-subdivision",
                 "date": "invalid-date", "url": "invalid-url"}


def _format_message(error: jsonschema.ValidationError, sub: dict[str, Any]) -> tuple[str, str]:
    title = sub.get("title", "")
    name = _field(error)
    value = _show(error.instance)
    if title == "country" and isinstance(error.instance, str) and error.instance.upper() != error.instance:
        return "invalid-country", f"{name} {value} must be in upper case: '{error.instance.upper()}'"
    if title in _FORMAT_CODES:
        return _FORMAT_CODES[title], f"{name} {value} is not a valid {title}. Expected: {sub.get('description', '')}"
    if name in ("lei", "uscc", "os_id", "opencorporates", "duns", "wikidata"):
        return "invalid-identifier", f"{name} {value} is not valid. Expected: {sub.get('description', '')}"
    return "invalid", f"{name} {value} is not valid. Expected: {sub.get('description', error.message)}"
