"""Checks beyond the schema (MODEL.md): each a small function over a schema-valid document."""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pycountry

from ..load.loader import Loaded
from ..model import ENTITY_LISTS
from ..problems import Problem
from .version import CHECKS as VERSION_CHECKS

DATE_KEYS = {"start", "end", "published", "updated", "since", "until", "date", "due"}
STALE_MONTHS = 18

Check = Callable[[Loaded, dt.date], Iterator[Problem]]


def _entities(data: dict[str, Any]) -> Iterator[tuple[list[Any], dict[str, Any]]]:
    for name in ENTITY_LISTS:
        for i, item in enumerate(data.get(name, [])):
            yield [name, i], item


def _mappings(value: Any, path: list[Any]) -> Iterator[tuple[list[Any], dict[str, Any]]]:
    """Every mapping in the document with its path, depth first. Paths are made for
    containers only: a disclosure holds far more scalars, and history checks thousands."""
    if isinstance(value, dict):
        yield path, value
        for k, v in value.items():
            if isinstance(v, (dict, list)):
                yield from _mappings(v, path + [k])
    elif isinstance(value, list):
        for i, v in enumerate(value):
            if isinstance(v, (dict, list)):
                yield from _mappings(v, path + [i])


@cache
def earliest(value: str | int) -> dt.date:
    parts = [int(p) for p in str(value).split("-")]
    return dt.date(parts[0], *(parts[1:] + [1, 1])[:2])


@cache
def latest(value: str | int) -> dt.date:
    parts = [int(p) for p in str(value).split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return dt.date(year, month, day)


def _is_real_date(value: str | int) -> bool:
    try:
        latest(value)
    except ValueError:
        return False
    return True


def _dates(doc: Loaded) -> Iterator[tuple[list[Any], Any]]:
    for path, item in _mappings(doc.data, []):
        for key, value in item.items():
            if key in DATE_KEYS and isinstance(value, (str, int)) and not isinstance(value, bool):
                yield path + [key], value


def check_id_matches_file(doc: Loaded, today: dt.date) -> Iterator[Problem]:
    stem = Path(doc.path).stem
    company_id = doc.data["company"]["id"]
    if company_id != stem:
        yield doc.problem(["company", "id"], "id-mismatch",
                          f"company.id is '{company_id}' but the file is named '{stem}.yaml'; "
                          "rename the file or change the id so that they match")


def check_unique_ids(doc: Loaded, today: dt.date) -> Iterator[Problem]:
    steps = doc.data.get("due_diligence", [])
    groups = {"entity": list(_entities(doc.data)),
              "due-diligence step": [(["due_diligence", i], s) for i, s in enumerate(steps)],
              "risk": [(["risks", i], r) for i, r in enumerate(doc.data.get("risks", []))]}
    for noun, items in groups.items():
        seen: dict[str, list[Any]] = {}
        for path, item in items:
            first = seen.setdefault(item["id"], path)
            if first is not path:
                line = doc.source.locate(first + ["id"])[0] if doc.source else 0
                yield doc.problem(path + ["id"], "duplicate-id",
                                  f"the id '{item['id']}' is already used on line {line}; "
                                  f"give each {noun} its own id")


def check_references(doc: Loaded, today: dt.date) -> Iterator[Problem]:
    entities = {e["id"] for _, e in _entities(doc.data)}
    risks = {r["id"] for r in doc.data.get("risks", [])}
    refs = []
    for i, step in enumerate(doc.data.get("due_diligence", [])):
        refs += [(["due_diligence", i, "scope", j], v, entities, "entity") for j, v in enumerate(step.get("scope", []))]
        refs += [(["due_diligence", i, "risks", j], v, risks, "risk") for j, v in enumerate(step.get("risks", []))]
    for i, risk in enumerate(doc.data.get("risks", [])):
        refs += [(["risks", i, "entities", j], v, entities, "entity") for j, v in enumerate(risk.get("entities", []))]
    for i, record in enumerate(doc.data.get("screening", [])):
        refs.append((["screening", i, "entity"], record["entity"], entities, "entity"))
    suggested = 0
    for path, value, known, noun in refs:
        if value in known:
            continue
        # difflib costs grow with the ids on both sides: a few suggestions are enough to
        # show a pattern, and the text output shows only the first few of a kind anyway.
        close = _closest(value, known) if suggested < SUGGESTIONS_PER_FILE else None
        suggested += 1
        hint = f"; did you mean '{close}'?" if close else ""
        yield doc.problem(path, "unknown-reference", f"there is no {noun} with id '{value}' in this file{hint}",
                          kind=f"unknown-reference:{noun}")


SUGGESTIONS_PER_FILE = 20
_CANDIDATES = 500


def _closest(value: str, known: set[str]) -> str | None:
    # Ids with the same first letter and about the same length: a typo rarely changes either.
    near = sorted(k for k in known if k[:1] == value[:1] and abs(len(k) - len(value)) <= 2)[:_CANDIDATES]
    close = difflib.get_close_matches(value, near, n=1, cutoff=0.7)
    return close[0] if close else None


def check_dates(doc: Loaded, today: dt.date) -> Iterator[Problem]:
    for path, value in _dates(doc):
        if not _is_real_date(value):
            yield doc.problem(path, "invalid-date",
                              f"{path[-1]} '{value}' is not a date in the calendar; check the month and day")
        elif path[-1] not in ("due", "until") and earliest(value) > today:
            yield doc.problem(path, "future-date", f"{path[-1]} '{value}' is in the future; check the date",
                              level="warning")


def _ordered_pairs(doc: Loaded) -> Iterator[tuple[list[Any], str, str]]:
    yield ["disclosure", "period"], "start", "end"
    for path, item in _mappings(doc.data, []):
        if "since" in item and "until" in item:
            yield path, "since", "until"


def check_date_order(doc: Loaded, today: dt.date) -> Iterator[Problem]:
    for path, first, second in _ordered_pairs(doc):
        item = doc.data
        for part in path:
            item = item[part]
        a, b = item.get(first), item.get(second)
        if a is None or b is None or not (_is_real_date(a) and _is_real_date(b)):
            continue
        if earliest(a) > latest(b):
            code = "period-reversed" if first == "start" else "dates-reversed"
            yield doc.problem(path + [second], code, f"{second} ({b}) is before {first} ({a}); check both dates")


def check_status_fields(doc: Loaded, today: dt.date) -> Iterator[Problem]:
    for path, entity in _entities(doc.data):
        if "until" in entity and entity.get("status", "active") == "active":
            yield doc.problem(path + ["until"], "until-while-active",
                              "until is given but the status is active; write status: ended (or suspended), "
                              "or remove until")
    for i, step in enumerate(doc.data.get("due_diligence", [])):
        path = ["due_diligence", i]
        if step["status"] == "completed" and "date" not in step:
            yield doc.problem(path + ["status"], "completed-without-date",
                              "this step is completed but has no date; add 'date: YYYY-MM-DD' (when it was done)")
        if step["status"] == "not-undertaken" and "reason" not in step:
            yield doc.problem(path + ["status"], "missing-reason",
                              "this step was not undertaken; add 'reason: …' saying why")


def check_audit_independence(doc: Loaded, today: dt.date) -> Iterator[Problem]:
    for i, step in enumerate(doc.data.get("due_diligence", [])):
        if step["step"] != "independent-audit" or step["status"] != "completed":
            continue
        by = step.get("conducted_by", {})
        if not by.get("name") or by.get("independent") is not True:
            yield doc.problem(["due_diligence", i, "step"], "audit-not-independent",
                              "a completed independent audit needs conducted_by with the auditor's name "
                              "and independent: true")


@cache
def _subdivision_country(code: str) -> str | None:
    found = pycountry.subdivisions.get(code=code)
    return found.country_code if found else None


@cache
def _is_country(code: str) -> bool:
    # XK (Kosovo) is user-assigned in ISO 3166-1, and the code data publishers use.
    return code == "XK" or pycountry.countries.get(alpha_2=code) is not None


_COMMON_MISTAKES = {"UK": "GB", "EL": "GR"}


def check_places(doc: Loaded, today: dt.date) -> Iterator[Problem]:
    for path, value in _mappings(doc.data, []):
        for key in ("country", "jurisdiction", "headquarters"):
            code = value.get(key)
            if isinstance(code, str) and not _is_country(code):
                hint = (f"; for {code} write {_COMMON_MISTAKES[code]}" if code in _COMMON_MISTAKES
                        else "; write the two-letter code, such as CN, US or NO")
                yield doc.problem(path + [key], "unknown-country", f"'{code}' is not an ISO 3166-1 country code{hint}")
        if "subdivision" in value:
            code, country = value["subdivision"], value.get("country")
            owner = _subdivision_country(code)
            if owner is None:
                yield doc.problem(path + ["subdivision"], "unknown-subdivision",
                                  f"'{code}' is not an ISO 3166-2 subdivision code (Xinjiang is CN-XJ)")
            elif country and owner != country:
                yield doc.problem(path + ["subdivision"], "subdivision-country-mismatch",
                                  f"subdivision {code} is in {owner}, not in {country}; "
                                  "correct the country or the subdivision")


def _months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def is_stale(updated: str | int, today: dt.date) -> bool:
    return _is_real_date(updated) and latest(updated) < _months_before(today, STALE_MONTHS)


def check_stale(doc: Loaded, today: dt.date) -> Iterator[Problem]:
    meta = doc.data["disclosure"]
    key = "updated" if "updated" in meta else "published"
    if is_stale(meta[key], today):
        yield doc.problem(["disclosure", key], "stale",
                          f"this disclosure was last reviewed on {meta[key]}, more than {STALE_MONTHS} months ago; "
                          "review it and set disclosure.updated", level="warning")


CHECKS: tuple[Check, ...] = (
    check_id_matches_file,
    check_unique_ids,
    check_references,
    check_dates,
    check_date_order,
    check_status_fields,
    check_audit_independence,
    check_places,
    check_stale,
    *VERSION_CHECKS,
)


def semantic_problems(doc: Loaded, today: dt.date) -> list[Problem]:
    return [p for check in CHECKS for p in check(doc, today)]
