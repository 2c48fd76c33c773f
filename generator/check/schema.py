"""The JSON Schema, compiled once; its errors rewritten for the person editing the YAML.

jsonschema-rs decides whether a document is valid (about 50 times faster); only an
invalid one goes through jsonschema, whose errors carry the paths and schema parts
that plain-language messages are made from.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from functools import cache, reduce
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs

from ..load.loader import Loaded
from ..model import IDENTIFIER_SCHEMES
from ..problems import MAX_PER_FILE, TOO_MANY, Problem
from . import hints
from .countries import resolve
from .hints import ID_PATTERN as ID_PATTERN  # where the CLI and the site look for it
from .misplaced import MOVE, belongs, decimal_comma, glued_key, once
from .unique import unique
from .walk import child
from .wrong_type import empty_message, type_message, unknown_suffix

MAX_PROBLEMS = MAX_PER_FILE
UNKNOWN_PER_MAPPING = 100
# The schema lives in schema/ and is linked into the package, so an installed copy finds it too.
SCHEMA_PATH = Path(__file__).resolve().parent / "disclosure.schema.json"


@cache
def schema() -> dict[str, Any]:
    with open(SCHEMA_PATH, encoding="utf-8") as f:
        return json.load(f)


@cache
def _fast() -> Any:
    return jsonschema_rs.validator_for(schema())


def _unique_items(validator: Any, wanted: bool, instance: Any, _: Any) -> Iterator[jsonschema.ValidationError]:
    if wanted and validator.is_type(instance, "array") and not unique(instance):
        yield jsonschema.ValidationError(f"{instance!r} has non-unique elements")


@cache
def _slow() -> jsonschema.Draft202012Validator:
    checker = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"uniqueItems": _unique_items})
    return checker(schema())  # type: ignore[no-any-return]


def conforms(data: Any) -> bool:
    """Whether `data` is of the schema's shape (no explanation: the quick answer only)."""
    return bool(_fast().is_valid(data))


def schema_problems(doc: Loaded) -> list[Problem]:
    return schema_check(doc)[0]


def schema_check(doc: Loaded, budget: int = MAX_PROBLEMS) -> tuple[list[Problem], list[list[Any]] | None]:
    """The schema's problems, and the paths of the values it rejected (None: too many to tell).
    It stops at `budget` problems, what the file's limit leaves after the loader's.

    A rejected value is left out of the semantic checks; everything else is checked in
    the same pass, so that a file's problems show at once, not in waves.
    """
    if _fast().is_valid(doc.data):
        return [], []
    problems: list[Problem] = []
    rejected: list[list[Any]] = []
    typos = [hints.TYPOS_GUESSED]
    # Each explanation costs time in proportion to the value it is about, and one error
    # (a mapping of unknown keys) can hold thousands: a hostile file must not multiply that.
    for error in _slow().iter_errors(doc.data):
        rejected.extend(_rejected(error))
        for problem in _explain(doc, error, typos):
            if len(problems) >= budget:
                problems.append(doc.problem([], TOO_MANY,
                                            f"stopped after {MAX_PROBLEMS:,} problems; correct these and check again"))
                return problems, None
            problems.append(problem)
    return once(problems), rejected


def _rejected(error: jsonschema.ValidationError) -> list[list[Any]]:
    """The values an error is about: unknown keys themselves; nothing for a missing key."""
    path = list(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        return [path + [k] for k in error.instance if k not in allowed]
    return [] if error.validator == "required" else [path]


def _field(error: jsonschema.ValidationError) -> str:
    names = [p for p in error.absolute_path if isinstance(p, str)]
    return names[-1] if names else "the file"


def _place(path: list[Any]) -> str:
    """Where a mapping sits, in words: 'the file', 'company', 'this entry in suppliers'."""
    if not path:
        return "the file"
    if isinstance(path[-1], int):
        names = [p for p in path if isinstance(p, str)]
        return f"this entry in {names[-1]}" if names else "this entry"
    return str(path[-1])


def _show(value: Any) -> str:
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a mapping"
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "…"


def _suggest(value: Any, allowed: list[str]) -> str:
    # difflib is quadratic: a long text, or a list the size of the file, would stall here.
    if not isinstance(value, str) or len(value) > 100:
        return "."
    close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else "."


# A message: (code, text, path of the problem, point at the key rather than the value, kind suffix).
Explained = tuple[str, str, list[Any], bool, str]


def _explain(doc: Loaded, error: jsonschema.ValidationError, typos: list[int]) -> Iterator[Problem]:
    where = "/".join(str(p) for p in error.absolute_schema_path)
    explain = _empty if error.instance is None and error.validator in ("type", "anyOf", "enum") else _EXPLAIN.get(
        str(error.validator), _other)
    for code, message, at, key, suffix in explain(error, doc):
        if code == "invalid-country" and typos[0] > 0:   # `hints.typo`: a few in each file
            typos[0] -= 1
            message += hints.typo(error.instance)
        if suffix_ := unknown_suffix(error, schema(), doc.data):
            message = message.rstrip(".") + ("." if suffix_.startswith(" ") else "") + suffix_
        yield doc.problem(at, code, message, key=key, kind=f"{code}:{where}{suffix}")


def _additional(error: jsonschema.ValidationError, doc: Loaded) -> Iterator[Explained]:
    path = list(error.absolute_path)
    sub = error.schema if isinstance(error.schema, dict) else {}
    allowed = sorted(sub.get("properties", {}))
    extras = [k for k in error.instance if k not in allowed]  # in the order written
    for extra in extras[:UNKNOWN_PER_MAPPING]:
        # The key is part of the kind: two different unknown keys are two mistakes, not one.
        there, comma = belongs(extra, schema(), doc.data, path), (decimal_comma(error.instance, extra)
                                                             or glued_key(error.instance, extra, allowed))
        yield ("unknown-field", comma or f"{_show(extra)} is not a field of {_place(path)}: it belongs in {there}{MOVE}"
               if comma or there else f"{_show(extra)} is not a field here{_suggest(extra, allowed)} "
               f"Allowed fields: {', '.join(allowed)}.", path + [extra], True, f":{extra}")
    if len(extras) > UNKNOWN_PER_MAPPING:
        yield ("unknown-field", f"{len(extras) - UNKNOWN_PER_MAPPING:,} more fields in {_place(path)} are not "
               f"allowed either. Allowed fields: {', '.join(allowed)}.", path, bool(path), ":more")


def _required(error: jsonschema.ValidationError, doc: Loaded) -> Iterator[Explained]:
    path = list(error.absolute_path)
    sub = error.schema if isinstance(error.schema, dict) else {}
    missing = error.message.split("'")[1]
    described = sub.get("properties", {}).get(missing, {}).get("description", "")
    about = f" ({described.rstrip('.')})" if described else ""
    yield ("missing-field", f"{_place(path)} needs '{missing}'{about}; add a line '{missing}: …'",
           path, bool(path), f":{missing}")


def _enum(error: jsonschema.ValidationError, doc: Loaded) -> Iterator[Explained]:
    if list(error.absolute_path) == ["schema_version"]:
        yield from _const(error, doc)
        return
    allowed = [str(a) for a in error.validator_value]
    yield ("not-allowed-value", f"{_show(error.instance)} is not an allowed value for {_field(error)}"
           f"{_suggest(error.instance, allowed)} Write one of: {', '.join(allowed)}.",
           list(error.absolute_path), False, "")


def _const(error: jsonschema.ValidationError, doc: Loaded) -> Iterator[Explained]:
    path = list(error.absolute_path)
    if path != ["schema_version"]:
        yield from _format(error)
        return
    if isinstance(error.instance, (int, float)) and not isinstance(error.instance, bool):
        message = (f"schema_version {error.instance} must be written in quotes, so that it stays text: "
                   "\"1.0\" (or \"1.1\")")
    else:
        message = f"schema_version {_show(error.instance)} is not a version this tool reads; write \"1.0\" or \"1.1\""
    yield "wrong-schema-version", message, path, False, ""


def _length(error: jsonschema.ValidationError, doc: Loaded) -> Iterator[Explained]:
    path, name = list(error.absolute_path), _field(error)
    if error.validator == "minLength":
        yield "empty-value", f"{name} is empty; write a value", path, False, ""
    else:
        yield ("too-long", f"{name} is longer than {error.validator_value:,} characters; shorten it",
               path, False, "")


def _bounds(error: jsonschema.ValidationError, doc: Loaded) -> Iterator[Explained]:
    path, name, limit = list(error.absolute_path), _field(error), error.validator_value
    if error.validator == "uniqueItems":
        yield "repeated-value", f"{name} lists the same value more than once; list each value once", path, False, ""
    elif error.validator == "maxItems":
        yield ("too-many", f"{name} has {len(error.instance):,} entries; at most {limit:,} are allowed",
               path, False, "")
    else:
        bound = "at least" if error.validator == "minimum" else "at most"
        yield "out-of-range", f"{name} is {error.instance}; it must be {bound} {limit:,}", path, False, ""


def _type(error: jsonschema.ValidationError, doc: Loaded) -> Iterator[Explained]:
    path = list(error.absolute_path)
    written = doc.source.written(path) if doc.source else None
    beside = reduce(child, path[:-1], doc.data)   # the mapping that holds the value, for a share's workers
    yield "wrong-type", type_message(error, written, beside), path, False, ""


def _format(error: jsonschema.ValidationError, doc: Loaded) -> Iterator[Explained]:
    sub = error.schema if isinstance(error.schema, dict) else {}
    code, message = _format_message(error, sub, child(child(doc.data, "company"), "contact"))
    if sub.get("title") == "subdivision":
        message += hints.subdivision(error.instance, doc.data, list(error.absolute_path))
    if code == "invalid-id" and _field(error) in hints.REFERS and message.split("'")[-2] not in hints.ids(doc.data):
        message = message.split(" Write it as '")[0]   # a reference: only an id the file holds will do
    yield code, message, list(error.absolute_path), False, ""


def _empty(error: jsonschema.ValidationError, doc: Loaded) -> Iterator[Explained]:
    yield "wrong-type", empty_message(error), list(error.absolute_path), False, ""


def _other(error: jsonschema.ValidationError, doc: Loaded) -> Iterator[Explained]:
    yield "invalid", f"{_field(error)}: {error.message}", list(error.absolute_path), False, ""


_EXPLAIN = {"additionalProperties": _additional, "required": _required, "enum": _enum, "const": _const,
            "type": _type, "pattern": _format, "anyOf": _format, "minLength": _length, "maxLength": _length,
            "maxItems": _bounds, "minimum": _bounds, "maximum": _bounds, "uniqueItems": _bounds}


_FORMAT_CODES = {"id": "invalid-id", "country": "invalid-country", "subdivision": "invalid-subdivision",
                 "date": "invalid-date", "url": "invalid-url"}


def _format_message(error: jsonschema.ValidationError, sub: dict[str, Any],
                    contact: Any = None) -> tuple[str, str]:
    title = sub.get("title", "")
    name = _field(error)
    value = _show(error.instance)
    if (title == "country" and isinstance(error.instance, str) and re.fullmatch(r"[A-Za-z]{2}", error.instance)
            and resolve(error.instance).code in ("", error.instance.upper())):   # 'uk' is GB, never UK
        return "invalid-country", f"{name} {value} must be in upper case: '{error.instance.upper()}'"
    if title in _FORMAT_CODES:
        hint = hints.rewrite(title, error.instance)
        hint = (hints.country(error.instance) if title == "country" else hints.date(error.instance)
                if title == "date" else f" Write it as '{hint}'." if hint
                else hints.address(name, error.instance, contact))
        return (_FORMAT_CODES[title],
                f"{name} {value} is not a valid {title}. Expected: {sub.get('description', '')}{hint}")
    if name in IDENTIFIER_SCHEMES:
        return "invalid-identifier", f"{name} {value} is not valid. Expected: {sub.get('description', '')}"
    return "invalid", (f"{name} {value} is not valid. Expected: {sub.get('description', error.message)}"
                       f"{hints.count(error.instance)}{hints.tier(error.instance) if name == 'tier' else ''}"
                       f"{hints.address(name, error.instance, contact)}")
