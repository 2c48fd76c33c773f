"""Edits to a disclosure file that keep its comments, key order and formatting.

ruamel.yaml's round-trip mode is used for writing only: what is read and validated
always goes through `generator.loader`. New text values that YAML 1.1 tools would read
as something else (`NO`, `yes`, `1e3`) are quoted, so the file means the same to every
reader, not only to ours.
"""

from __future__ import annotations

import io
import json
import math
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString
from ruamel.yaml.util import load_yaml_guess_indent

from ..load.nodes import plain_scalar

__all__ = ["RuamelError", "add_list", "dump", "dump_adding", "load_roundtrip", "new_entity", "set_text",
           "update_entity"]

# The order MODEL.md lists entity fields in; new keys are placed by it.
ORDER = ("id", "name", "local_name", "aliases", "country", "subdivision", "city", "address", "coordinates",
         "facility_type", "identifiers", "relationship", "kind", "status", "since", "until", "parent", "tier",
         "products", "workers", "female_workers", "migrant_workers", "services", "end_use", "notes", "sources")
NESTED = ("identifiers", "coordinates")  # mappings whose keys are updated one by one
TOP_ORDER = ("schema_version", "company", "disclosure", "operations", "partners", "suppliers",
             "government_counterparties", "due_diligence", "risks", "sources", "screening")


class Document:
    """A round-trip document and the YAML settings that write it back as it was."""

    def __init__(self, data: CommentedMap, writer: YAML) -> None:
        self.data, self.writer = data, writer


def load_roundtrip(text: str) -> Document:
    writer = YAML(typ="rt")
    writer.preserve_quotes = True
    writer.width = 4096  # never re-wrap long lines people wrote
    # The guess reads the indentation from the text and loads with the writer given, so the file is
    # parsed once: the indentation set after loading only shapes what is written back.
    data, indent, offset = load_yaml_guess_indent(text, yaml=writer)
    if indent is None or not re.search(r"^\s*- ", text, re.M):
        indent, offset = 4, 2  # no list to learn from: the indentation `disclose new` writes
    writer.indent(mapping=max(indent - offset, 2) if offset else indent, sequence=indent, offset=offset)
    return Document(data, writer)


def dump(doc: Document) -> str:
    out = io.StringIO()
    doc.writer.dump(doc.data, out)
    return out.getvalue()


def _scalar(value: Any) -> Any:
    if isinstance(value, str) and not _reads_as_text(value):
        return DoubleQuotedScalarString(value)
    return value


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# Text of letters, digits and the punctuation of names and addresses, starting with a
# letter or digit: no indicator, no ": " or " #". Such text is read back as itself unless
# an implicit type claims it (yes, null, 12, 1.5, 2026-01-01), which the resolver says.
_SIMPLE = re.compile(r"[^\W_][\w .,'()/&+\-]*(?<! )")
_RESOLVER = yaml.resolver.Resolver()


@lru_cache(maxsize=65536)  # lists repeat their countries, products and groups
def _reads_as_text(value: str) -> bool:
    """True when a YAML 1.1 reader (PyYAML) and the loader's YAML 1.2 core schema both read the plain
    value back as this same text: "012345678" (a D-U-N-S number) is text to the one, 12345678 to the other."""
    if plain_scalar(value) != value:
        return False
    if _SIMPLE.fullmatch(value):
        return _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == "tag:yaml.org,2002:str"
    try:
        return bool(value) and yaml.load(value, Loader=_LOADER) == value
    except yaml.YAMLError:
        return False


def _value(value: Any) -> Any:
    if isinstance(value, list):
        seq = CommentedSeq(_scalar(v) for v in value)
        seq.fa.set_flow_style()  # short lists of products read best on one line
        return seq
    if isinstance(value, Mapping):
        mapping = CommentedMap((k, _scalar(v)) for k, v in value.items())
        if all(isinstance(v, (int, float)) for v in value.values()):
            mapping.fa.set_flow_style()  # coordinates: {lat: 16.44, lon: 100.35}
        return mapping
    return _scalar(value)


def _insert(target: CommentedMap, key: str, value: Any, order: tuple[str, ...]) -> None:
    rank = order.index(key) if key in order else len(order)
    position = len(target)
    for i, existing in enumerate(target):
        if existing in order and order.index(existing) > rank:
            position = i
            break
    target.insert(position, key, value)


def add_list(doc: Document, list_name: str) -> CommentedSeq:
    """The document's list of that name, created in its usual place when missing."""
    if not isinstance(doc.data.get(list_name), list):
        if list_name in doc.data:
            del doc.data[list_name]
        _insert(doc.data, list_name, CommentedSeq(), TOP_ORDER)
    return doc.data[list_name]


def new_entity(fields: Mapping[str, Any]) -> CommentedMap:
    entity = CommentedMap()
    for key in sorted(fields, key=lambda k: ORDER.index(k) if k in ORDER else len(ORDER)):
        entity[key] = _value(fields[key])
    return entity


def _same(old: Any, new: Any) -> bool:
    if isinstance(new, list):
        return isinstance(old, list) and [str(v) for v in old] == [str(v) for v in new]
    return not isinstance(old, (list, dict)) and old is not None and str(old) == str(new)


def update_entity(entity: CommentedMap, fields: Mapping[str, Any]) -> bool:
    """Set the given fields; keys not given are kept. True when anything changed."""
    changed = False
    for key, value in fields.items():
        if key in NESTED:
            if not isinstance(entity.get(key), dict):
                _insert(entity, key, _value({}), ORDER)
                changed = True
            for scheme, code in value.items():
                if not _same(entity[key].get(scheme), code):
                    entity[key][scheme] = _scalar(code)
                    changed = True
        elif not _same(entity.get(key), value):
            if key in entity:
                entity[key] = _value(value)
            else:
                _insert(entity, key, _value(value), ORDER)
            changed = True
    return changed


def set_text(target: CommentedMap, key: str, value: str) -> None:
    """A value written in double quotes, as `schema_version: "1.1"`."""
    target[key] = DoubleQuotedScalarString(value)


_PLACEHOLDER = "zz-import-placeholder"


_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def _plain_scalar(value: Any, in_flow: bool) -> str | None:
    """A scalar as YAML text that reads back as itself, or None to leave it to libyaml."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        return text if "." in text and "e" not in text and math.isfinite(value) else None
    if not isinstance(value, str) or _BREAKS.search(value):
        return None  # line breaks and control characters: ruamel's quoting
    if _reads_as_text(value) and not (in_flow and any(c in value for c in ",[]{}")):
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _flow(value: Any) -> str | None:
    if isinstance(value, Mapping):
        parts = [(_plain_scalar(k, True), _plain_scalar(v, True)) for k, v in value.items()]
        if any(a is None or b is None for a, b in parts):
            return None
        return "{" + ", ".join(f"{a}: {b}" for a, b in parts) + "}"
    if isinstance(value, list):
        items = [_plain_scalar(v, True) for v in value]
        return None if None in items else "[" + ", ".join(items) + "]"  # type: ignore[arg-type]
    return _plain_scalar(value, False)


def _item_lines(fields: Mapping[str, Any]) -> list[str] | None:
    """A new entity as `key: value` lines (short lists and mappings in flow style), or None
    when a value needs libyaml (the caller then lets ruamel write the item)."""
    lines = []
    for key in sorted(fields, key=lambda k: ORDER.index(k) if k in ORDER else len(ORDER)):
        text = _flow(fields[key])
        if text is None or not re.fullmatch(r"[a-z_]+", key):
            return None
        lines.append(f"{key}: {text}")
    return lines


_PLACEHOLDER = "zz-import-placeholder"


def dump_adding(doc: Document, entities: CommentedSeq, added: list[Mapping[str, Any]]) -> str:
    """The document with `added` entities at the end of `entities`. ruamel's emitter is pure
    Python and slow for thousands of new items, so new items are written here, as plain
    `key: value` lines, where ruamel puts a placeholder item; the caller validates the
    result. A list not in block style, or an unusual value, takes the slow path."""
    if not added:
        return dump(doc)
    written = [_item_lines(fields) for fields in added]
    entities.append(CommentedMap([("id", _PLACEHOLDER)]))
    try:
        text = dump(doc)
    finally:
        entities.pop()
    found = re.search(rf"^( *)-( +)id: {_PLACEHOLDER}\n", text, re.M)
    if not found or text.count(_PLACEHOLDER) != 1 or any(lines is None for lines in written):
        for fields in added:
            entities.append(new_entity(fields))
        return dump(doc)
    dash, gap = found.group(1), found.group(2)
    inner = " " * (len(dash) + 1 + len(gap))
    block = [f"{dash}-{gap}{lines[0]}\n" + "".join(f"{inner}{line}\n" for line in lines[1:])
             for lines in written if lines]
    return text[: found.start()] + "".join(block) + text[found.end():]
