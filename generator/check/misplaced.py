"""Where a field of the model belongs, for one written at the wrong level or under the wrong list
('tier' under disclosure, 'published' indented under period)."""

from __future__ import annotations

import json
import re
from typing import Any

from ..problems import Problem

# Beyond this many places a field is too common ('id', 'name', 'date') for a place to help.
PLACES_SHOWN = 2
MOVE = "; move the line there"


def _resolve(node: Any, root: dict[str, Any]) -> Any:
    seen = 0
    while isinstance(node, dict) and str(node.get("$ref", "")).startswith("#/") and seen < 10:
        seen += 1
        target: Any = root
        for part in node["$ref"][2:].split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        node = target
    return node


def _walk(node: Any, root: dict[str, Any], place: tuple[str, ...], found: dict[str, set[tuple[str, ...]]],
          depth: int = 0) -> None:
    node = _resolve(node, root)
    if not isinstance(node, dict) or depth > 8:
        return
    if isinstance(node.get("items"), dict):
        _walk(node["items"], root, (*place, "[]"), found, depth + 1)
    for key, sub in (node.get("properties") or {}).items():
        found.setdefault(key, set()).add(place)
        _walk(sub, root, (*place, key), found, depth + 1)


_PLACES: dict[int, dict[str, set[tuple[str, ...]]]] = {}   # by the schema's id: it is loaded once


def _places(root: dict[str, Any]) -> dict[str, set[tuple[str, ...]]]:
    if id(root) not in _PLACES:
        _PLACES[id(root)] = {}
        _walk(root, root, (), _PLACES[id(root)])
    return _PLACES[id(root)]


def _words(place: tuple[str, ...]) -> str:
    """('suppliers', '[]') → 'each entry of suppliers'; ('disclosure', 'period') → 'period, under disclosure'."""
    if not place:
        return "the top level of the file (no indentation)"
    if place[-1] == "[]":
        return f"each entry of {place[-2]}" + (f", under {place[-3]}" if len(place) > 2 and place[-3] != "[]" else "")
    return place[-1] + (f", under {place[-2]}" if len(place) > 1 and place[-2] != "[]" else "")


def _holds(data: Any, place: tuple[str, ...], key: str, path: list[Any]) -> bool:
    """Whether the mapping at `place` has `key` already: moved there, it would be twice. Of a list's entries, the
    one `path` is written in is meant ('tier' under a supplier's identifiers belongs in that supplier)."""
    for at, part in enumerate(place):
        if part != "[]":
            data = data.get(part) if isinstance(data, dict) else None
        elif at < len(path) and isinstance(path[at], int) and all(
                p == q or (p == "[]" and isinstance(q, int)) for p, q in zip(place[:at], path[:at], strict=True)):
            data = data[path[at]] if isinstance(data, list) and path[at] < len(data) else None
        else:
            return False
    return isinstance(data, dict) and key in data


def belongs(key: Any, root: dict[str, Any], data: Any = None, path: list[Any] | None = None) -> str:
    """Where `key` is a field of the model: 'each entry of suppliers'; "" for none, or too many to help, or for a
    place that holds it already ('period' in a supplier, where disclosure has its period)."""
    places = _places(root).get(key, set()) if isinstance(key, str) else set()
    if 0 < len(places) <= PLACES_SHOWN and any(_holds(data, place, key, path or []) for place in places):
        return ""
    return " or in ".join(sorted(_words(p) for p in places)) if 0 < len(places) <= PLACES_SHOWN else ""


GLUED = "has no space after its first colon"


def glued_key(mapping: dict[str, Any], key: Any, allowed: list[str]) -> str:
    """For 'name:Pearl River: Yarn Co', which YAML reads as a key 'name:Pearl River' (with no space after the
    first colon it is no key and value), the line to write; "" for any other key."""
    found = re.fullmatch(r"([\w-]+):(\S.*)", key, re.S) if isinstance(key, str) and len(key) <= 100 else None
    value = mapping.get(key)
    if not found or found[1] not in allowed or not (value is None or (isinstance(value, str) and len(value) <= 100)):
        return ""
    text = found[2] if value is None else f"{found[2]}: {value}"
    return (f"'{found[1]}:{found[2]}' {GLUED}, so YAML reads it as one key; write "
            f"{found[1]}: {json.dumps(text, ensure_ascii=False)}")


def once(problems: list[Problem]) -> list[Problem]:
    """Without "disclosure needs 'published'" where 'published' is written below it, at the wrong level:
    its unknown-field problem says where to move it, which mends both; nor "… needs 'name'" beside a key
    'name:Acme' written with no space after its colon."""
    below = {(pointer, p.kind.rsplit(":", 1)[-1]) for p in problems
             if p.code == "unknown-field" and MOVE in p.message for pointer in _ancestors(p.pointer)}
    below |= {(p.pointer.rsplit("/", 1)[0], p.message.split("'")[1].split(":")[0]) for p in problems
              if p.code == "unknown-field" and GLUED in p.message}
    return [p for p in problems if p.code != "missing-field" or (p.pointer, p.kind.rsplit(":", 1)[-1]) not in below]


def _ancestors(pointer: str) -> list[str]:
    parts = pointer.split("/")
    return ["/".join(parts[:i]) for i in range(1, len(parts) - 1)]


def decimal_comma(mapping: dict[str, Any], key: Any) -> str:
    """For '{lat: 23,81, lon: 90,41}', a decimal comma that split a number into a field of its own ('81')."""
    keys = list(mapping)
    at = keys.index(key) if key in keys else 0
    if not (isinstance(key, str) and key.isascii() and key.isdigit() and len(key) <= 15 and at > 0
            and mapping[key] is None):   # the decimals a coordinate has, not a number of 100,000 digits
        return ""
    before, value = keys[at - 1], mapping[keys[at - 1]]
    if not isinstance(value, int) or isinstance(value, bool):
        return ""
    return (f"'{before}: {value},{key}' is read as {before}: {value} and a field '{key}', a comma separating the two; "
            f"write the number with a decimal point: {before}: {value}.{key}")
