"""Semantic diff of two versions of a disclosure: what changed, in plain words.

Items are matched by their stable ids (entities across the three entity lists,
due-diligence steps, risks; operations by their id, else country + subdivision + region
name), never by list position, and every list is compared as a set: reordering items or
reformatting the YAML changes nothing a reader cares about, so it yields no event.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from ..model import ENTITY_LISTS, LIST_LABELS

DATE_KEYS = {"start", "end", "published", "updated", "since", "until", "date", "due"}
# Top-level keys diffed item by item; the remaining ones are diffed field by field.
ITEM_LISTS = (*ENTITY_LISTS, "due_diligence", "risks", "operations")
_KIND = {"due_diligence": "step", "risks": "risk", "operations": "operation"}
_SHOWN = 80  # characters of a changed value shown in a sentence
# A field path ending so names one item of a list, added (old is None) or removed (new is None).
ITEM = "[]"


@dataclass(frozen=True)
class Event:
    kind: str       # e.g. entity-added, step-changed, field-changed
    list: str       # suppliers, due_diligence, risks, operations, … ('' for the disclosure itself)
    id: str         # the item's id (the company id for disclosure-level events)
    field: str      # dotted path inside the item or the document ('' for added/removed)
    old: Any
    new: Any
    label: str = ""  # a name for the sentence: entity name, step kind, risk category

    def text(self) -> str:
        what = _subject(self)
        verb = self.kind.rsplit("-", 1)[1]
        field, change = self.field.removesuffix(ITEM), _change(self.old, self.new, self.field.endswith(ITEM))
        if self.kind == "field-changed":
            return f"{field}: {change}"
        if verb == "changed":
            return f"{what}: {field} {change}"
        return f"{what} {verb}"

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "text": self.text()}


def _subject(e: Event) -> str:
    if e.kind.startswith("disclosure-"):
        return f"Disclosure of {e.label} ({e.id})" if e.label else f"Disclosure {e.id}"
    if e.list in LIST_LABELS:
        return f"{LIST_LABELS[e.list]} {e.label} ({e.id})"
    if e.list == "due_diligence":
        return f"Due-diligence step {e.id} ({e.label})"
    if e.list == "risks":
        return f"Risk {e.id} ({e.label})"
    return f"Operation in {e.id}"


def show(value: Any) -> str:
    """A value as a short line of plain text."""
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        text = ", ".join(_leading(value))
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    else:
        text = " ".join(str(value).split())
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _leading(items: list[Any]) -> Iterator[str]:
    """Each item shown, until they are more than a line: a list of 8,000 screening records, changed in each
    of a hundred commits, was spelled out whole each time, then cut to a line."""
    length = -2
    for item in items:
        part = show(item)
        yield part
        length += len(part) + 2
        if length > _SHOWN:
            return


def _change(old: Any, new: Any, item: bool = False) -> str:
    if item:
        return f"added {show(new)}" if old is None else f"removed {show(old)}"
    if old is None:
        return f"set to {show(new)}"
    if new is None:
        return f"removed (was {show(old)})"
    return f"{show(old)} → {show(new)}"


def canonical(value: Any, key: str = "") -> Any:
    """The value with list order and YAML spelling removed (a year 2016 equals '2016')."""
    if isinstance(value, dict):
        return {k: canonical(v, k) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [canonical(v, key) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    if key in DATE_KEYS and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Nested mappings as dotted paths; lists and scalars are leaves."""
    if not isinstance(value, dict):
        return {prefix: value} if prefix else {}
    out: dict[str, Any] = {}
    for k, v in value.items():
        path = f"{prefix}.{k}" if prefix else str(k)
        out.update(_flatten(v, path) if isinstance(v, dict) else {path: v})
    return out


def _field_changes(old: Any, new: Any, prefix: str = "") -> Iterator[tuple[str, Any, Any]]:
    a, b = _flatten(canonical(old), prefix), _flatten(canonical(new), prefix)
    for path in sorted(a.keys() | b.keys()):
        was, now = a.get(path), b.get(path)
        if was == now:
            continue
        if isinstance(was, list | None) and isinstance(now, list | None):
            yield from _item_changes(path, was or [], now or [])
        else:
            yield path, was, now


def _item_changes(path: str, old: list[Any], new: list[Any]) -> Iterator[tuple[str, Any, Any]]:
    """A list's change told item by item, as a multiset: one record changed among 8,000 is two events,
    where the whole list before and after, at each of a hundred commits, made a site of hundreds of MB."""
    a, b = _alike(old), _alike(new)
    for key, items in a.items():
        yield from ((path + ITEM, item, None) for item in items[len(b.get(key, ())):])
    for key, items in b.items():
        yield from ((path + ITEM, None, item) for item in items[len(a.get(key, ())):])


def _alike(items: list[Any]) -> dict[str, list[Any]]:
    """Equal items together, in first-seen order."""
    found: dict[str, list[Any]] = {}
    for item in items:
        found.setdefault(json.dumps(item, sort_keys=True, ensure_ascii=False), []).append(item)
    return found


def operation_id(op: Mapping[str, Any]) -> str:
    if isinstance(op.get("id"), str):  # version 1.1: the firm's own key, which survives a renamed region
        return op["id"]
    place = str(op.get("subdivision") or op.get("country") or "?")
    return f"{place} ({op['region_name']})" if op.get("region_name") else place


def _items(doc: Mapping[str, Any], list_name: str) -> dict[str, tuple[str, dict[str, Any]]]:
    """Items of a list (entities: of all three lists) by id, each with the list it is in."""
    names = ENTITY_LISTS if list_name in ENTITY_LISTS else (list_name,)
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    for name in names:
        raw = doc.get(name)
        for item in raw if isinstance(raw, list) else ():
            if not isinstance(item, dict):
                continue
            key = operation_id(item) if name == "operations" else str(item.get("id", "?"))
            while key in found:  # duplicates only occur in invalid files; keep them apart
                key += "+"
            found[key] = (name, item)
    return found


def _label(list_name: str, item: Mapping[str, Any]) -> str:
    field = {"due_diligence": "step", "risks": "category", "operations": ""}.get(list_name, "name")
    return str(item.get(field, "")) if field else ""


def _list_events(old: Mapping[str, Any], new: Mapping[str, Any], list_name: str) -> Iterator[Event]:
    kind = _KIND.get(list_name, "entity")
    a, b = _items(old, list_name), _items(new, list_name)
    for key in sorted(a.keys() | b.keys()):
        if key not in b:
            name, item = a[key]
            yield Event(f"{kind}-removed", name, key, "", item, None, _label(name, item))
        elif key not in a:
            name, item = b[key]
            yield Event(f"{kind}-added", name, key, "", None, item, _label(name, item))
        elif a[key] != b[key]:  # most items are untouched: plain equality is the quick way out
            (old_list, old_item), (new_list, new_item) = a[key], b[key]
            label = _label(new_list, new_item)
            if old_list != new_list:
                yield Event(f"{kind}-changed", new_list, key, "list", old_list, new_list, label)
            for path, was, now in _field_changes(old_item, new_item):
                yield Event(f"{kind}-changed", new_list, key, path, was, now, label)


def _company(doc: Mapping[str, Any] | None) -> tuple[str, str]:
    company = doc.get("company") if doc else None
    if not isinstance(company, dict):
        return "", ""
    return str(company.get("id", "")), str(company.get("name", ""))


def diff(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> list[Event]:
    """Events that turn version `old` into version `new`; None stands for no disclosure."""
    if old == new:
        return []
    if old is None or new is None:
        company_id, name = _company(new or old)
        kind = "disclosure-added" if old is None else "disclosure-withdrawn"
        return [Event(kind, "", company_id, "", None, None, name)]
    company_id, name = _company(new)
    events = []
    rest = sorted((old.keys() | new.keys()) - set(ITEM_LISTS))
    for key in rest:
        if old.get(key) == new.get(key):
            continue
        for path, was, now in _field_changes(old.get(key), new.get(key), key):
            events.append(Event("field-changed", "", company_id, path, was, now, name))
    for list_name in ("partners", "due_diligence", "risks", "operations"):
        names = ENTITY_LISTS if list_name in ENTITY_LISTS else (list_name,)
        # Most commits leave most lists as they were (and history's versions share their items).
        if any(old.get(name) != new.get(name) for name in names):
            events.extend(_list_events(old, new, list_name))
    return events
