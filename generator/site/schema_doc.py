"""The field reference, read from the JSON Schema so that the two cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..check.schema import schema


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    required: bool
    description: str
    allowed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str
    description: str
    fields: tuple[Field, ...]


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """(name of the definition it refers to or '', the schema it stands for)."""
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[1]
        return name, defs[name]
    return "", node


def _kind(node: dict[str, Any], defs: dict[str, Any]) -> str:
    name, target = _resolve(node, defs)
    if target.get("type") == "array":
        item_name, item = _resolve(target["items"], defs)
        return f"list of {item_name or item.get('type', 'values')}".replace("_", " ")
    if name:
        return name.replace("_", " ")
    if "enum" in target:
        return "one of"
    return str(target.get("type", "value"))


def _section(anchor: str, title: str, node: dict[str, Any], defs: dict[str, Any]) -> Section:
    required = set(node.get("required", ()))
    fields = []
    for name, prop in node.get("properties", {}).items():
        _, target = _resolve(prop, defs)
        items = target.get("items", {}) if target.get("type") == "array" else target
        allowed = tuple(str(v) for v in items.get("enum", ()))
        description = prop.get("description") or target.get("description", "")
        fields.append(Field(name, _kind(prop, defs), name in required, description, allowed))
    return Section(anchor, title, node.get("description", ""), tuple(fields))


def schema_sections() -> list[Section]:
    root = schema()
    defs = root["$defs"]
    sections = [_section("top-level", "Top level", root, defs)]
    for key in ("company", "disclosure"):
        sections.append(_section(key, key, root["properties"][key], defs))
    sections.append(_section("period", "disclosure.period", root["properties"]["disclosure"]["properties"]["period"],
                             defs))
    for name, node in defs.items():
        if node.get("type") == "object":
            sections.append(_section(name, name.replace("_", " "), node, defs))
    return sections
