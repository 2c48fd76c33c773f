"""Checks beyond the schema (MODEL.md): each a small function over a document.

The values the schema rejected are left out before these run (a list item as None, a
key removed), so each check reads every value with care: a key may be missing, an item
may not be a mapping. That way one pass shows every problem of a file.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from ..load.loader import Loaded
from ..problems import Bounded, Problem
from .hidden import check_hidden_characters, check_typographic_quotes
from .places import check_places
from .version import CHECKS as VERSION_CHECKS
from .version import check_operation_ids, check_version_fields, check_workers
from .walk import child, entities, ids_left_out, mappings, records, texts, walked_once

DATE_KEYS = {"start", "end", "published", "updated", "since", "until", "date", "due"}
STALE_MONTHS = 18

Check = Callable[[Loaded, dt.date], Iterator[Problem]]


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
    for path, item in mappings(doc.data, []):
        if item.keys().isdisjoint(DATE_KEYS):   # most mappings hold no date
            continue
        for key, value in item.items():
            if key in DATE_KEYS and isinstance(value, (str, int)) and not isinstance(value, bool):
                yield path + [key], value


# Names Windows keeps for devices, whatever follows the dot: a repository holding disclosures/con.yaml
# cannot be checked out there, and a site holding companies/con/ cannot be copied there.
_DEVICES = re.compile(r"(?:con|prn|aux|nul|com[0-9]|lpt[0-9])")


def device_name(company_id: str) -> str | None:
    """Why an id that MODEL.md's pattern allows still cannot name a company's files; None when it can."""
    if _DEVICES.fullmatch(company_id):
        return (f"'{company_id}' names a device on Windows, where no file or folder may be called so; "
                f"choose another id, such as '{company_id}-corp'")
    return None


def check_id_matches_file(doc: Loaded, today: dt.date) -> Iterator[Problem]:
    stem = Path(doc.path).stem
    company = doc.data.get("company")
    company_id = company.get("id") if isinstance(company, dict) else None
    if isinstance(company_id, str) and company_id != stem:
        yield doc.problem(["company", "id"], "id-mismatch",
                          f"company.id is '{company_id}' but the file is named '{stem}.yaml'; "
                          "rename the file or change the id so that they match")
    elif isinstance(company_id, str) and (why := device_name(company_id)):
        yield doc.problem(["company", "id"], "reserved-id", f"company.id {why}")


def check_unique_ids(doc: Loaded, today: dt.date) -> Iterator[Problem]:
    groups = {"entity": list(entities(doc.data)),
              "due-diligence step": list(records(doc.data, "due_diligence")),
              "risk": list(records(doc.data, "risks"))}
    for noun, items in groups.items():
        seen: dict[str, list[Any]] = {}
        for path, item in items:
            if not isinstance(item.get("id"), str):
                continue
            first = seen.setdefault(item["id"], path)
            if first is not path:
                line = doc.source.locate(first + ["id"])[0] if doc.source else 0
                yield doc.problem(path + ["id"], "duplicate-id",
                                  f"the id '{item['id']}' is already used on line {line}; "
                                  f"give each {noun} its own id")


def check_references(doc: Loaded, today: dt.date) -> Iterator[Problem]:
    known_entities = _ids(entities(doc.data))
    risks = _ids(records(doc.data, "risks"))
    refs = []
    for path, step in records(doc.data, "due_diligence"):
        refs += [(path + ["scope", j], v, known_entities, "entity") for j, v in texts(step, "scope")]
        refs += [(path + ["risks", j], v, risks, "risk") for j, v in texts(step, "risks")]
    for path, risk in records(doc.data, "risks"):
        refs += [(path + ["entities", j], v, known_entities, "entity") for j, v in texts(risk, "entities")]
    for path, record in records(doc.data, "screening"):
        if isinstance(record.get("entity"), str):
            refs.append((path + ["entity"], record["entity"], known_entities, "entity"))
    suggested, left_out = 0, None
    for path, value, known, noun in refs:
        if known is None or value in known:
            continue
        if left_out is None:
            left_out = ids_left_out(doc.source.root if doc.source else None, doc.data)
        if value in left_out:
            continue
        # difflib costs grow with the ids on both sides: a few suggestions are enough to
        # show a pattern, and the text output shows only the first few of a kind anyway.
        close = _closest(value, known) if suggested < SUGGESTIONS_PER_FILE else None
        suggested += 1
        hint = f"; did you mean '{close}'?" if close else ""
        yield doc.problem(path, "unknown-reference", f"there is no {noun} with id '{value}' in this file{hint}",
                          kind=f"unknown-reference:{noun}")


def _ids(records: Iterator[tuple[list[Any], dict[str, Any]]]) -> set[str] | None:
    """The ids of these records; None when one has no usable id (the schema left it out),
    as a reference that does not resolve may well be aimed at that one."""
    ids = [r.get("id") for _, r in records]
    return None if not all(isinstance(i, str) for i in ids) else set(ids)  # type: ignore[arg-type]


SUGGESTIONS_PER_FILE = 20
_CANDIDATES = 500


def _closest(value: str, known: set[Any]) -> str | None:
    # Ids with the same first letter and about the same length: a typo rarely changes either.
    near = sorted(k for k in known
                  if isinstance(k, str) and k[:1] == value[:1] and abs(len(k) - len(value)) <= 2)[:_CANDIDATES]
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
    for path, item in mappings(doc.data, []):
        if "since" in item and "until" in item:
            yield path, "since", "until"


def check_date_order(doc: Loaded, today: dt.date) -> Iterator[Problem]:
    for path, first, second in _ordered_pairs(doc):
        item: Any = doc.data
        for part in path:
            item = child(item, part)
        if not isinstance(item, dict):
            continue
        a, b = item.get(first), item.get(second)
        if not (isinstance(a, (str, int)) and isinstance(b, (str, int))) or isinstance(a, bool) or isinstance(b, bool):
            continue
        if not (_is_real_date(a) and _is_real_date(b)):
            continue
        if earliest(a) > latest(b):
            code = "period-reversed" if first == "start" else "dates-reversed"
            yield doc.problem(path + [second], code, f"{second} ({b}) is before {first} ({a}); check both dates")


def check_status_fields(doc: Loaded, today: dt.date) -> Iterator[Problem]:
    for path, entity in entities(doc.data):
        if "until" in entity and entity.get("status", "active") == "active":
            yield doc.problem(path + ["until"], "until-while-active",
                              "until is given but the status is active; write status: ended (or suspended), "
                              "or remove until")
    # A date or reason the schema rejected ('date: N/A') is left out of `step`; its own problem says what to write.
    written = doc.source.holds if doc.source else lambda _: False
    for path, step in records(doc.data, "due_diligence"):
        if step.get("status") == "completed" and "date" not in step and not written(path + ["date"]):
            yield doc.problem(path + ["status"], "completed-without-date",
                              "this step is completed but has no date; add 'date: YYYY-MM-DD' (when it was done)")
        if step.get("status") == "not-undertaken" and "reason" not in step and not written(path + ["reason"]):
            yield doc.problem(path + ["status"], "missing-reason",
                              "this step was not undertaken; add 'reason: …' saying why")


def check_audit_independence(doc: Loaded, today: dt.date) -> Iterator[Problem]:
    for path, step in records(doc.data, "due_diligence"):
        if step.get("step") != "independent-audit" or step.get("status") != "completed":
            continue
        # A value the schema rejected ('independent: yes', conducted_by as a list) is left out of
        # `step`; the schema's own problem says what to write there, and is the only one shown.
        written = doc.source.holds if doc.source else lambda _: False
        by = step.get("conducted_by")
        if not isinstance(by, dict):
            if not written(path + ["conducted_by"]):
                yield doc.problem(path + ["step"], "audit-not-independent",
                                  "a completed independent audit needs conducted_by with the auditor's name "
                                  "and independent: true")
        elif any(written(path + ["conducted_by", key]) and key not in by for key in ("independent", "name")):
            continue
        elif "independent" in by and by["independent"] is not True:
            yield doc.problem(path + ["conducted_by", "independent"], "audit-not-independent",
                              "a completed independent audit needs an independent auditor: write "
                              "independent: true if it was one, or record the work as another step, such as monitoring")
        elif "independent" not in by:
            yield doc.problem(path + ["conducted_by"], "audit-not-independent",
                              "a completed independent audit needs independent: true under conducted_by")
        elif not by.get("name"):
            yield doc.problem(path + ["conducted_by"], "audit-not-independent",
                              "a completed independent audit needs the auditor's name under conducted_by")


def _months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def is_stale(updated: str | int, today: dt.date) -> bool:
    return _is_real_date(updated) and latest(updated) < _months_before(today, STALE_MONTHS)


def check_stale(doc: Loaded, today: dt.date) -> Iterator[Problem]:
    meta = doc.data.get("disclosure")
    key = "updated" if isinstance(meta, dict) and "updated" in meta else "published"
    if not isinstance(meta, dict) or not isinstance(meta.get(key), (str, int)) or isinstance(meta[key], bool):
        return
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
    check_hidden_characters,
    check_typographic_quotes,
    *VERSION_CHECKS,
)


# The checks whose errors are each about one value (a mapping, a date, a text): in an item of
# a top-level list, what they find depends on that item, its list's name and schema_version
# alone, so an item found free of errors once is free of them in any file. (No error depends
# on the day of checking: only warnings do.) History judges thousands of versions that share
# most of their items, and checks only the items it has not seen (`history.verdict`).
ITEM_CHECKS: tuple[Check, ...] = (check_dates, check_date_order, check_status_fields, check_audit_independence,
                                  check_places, check_hidden_characters, check_typographic_quotes, check_version_fields,
                                  check_workers)
# The others read the document whole: ids and references across its lists, its name and date.
DOCUMENT_CHECKS: tuple[Check, ...] = (check_id_matches_file, check_unique_ids, check_references, check_stale,
                                      check_operation_ids)


def semantic_problems(doc: Loaded, today: dt.date, checks: tuple[Check, ...] = CHECKS,
                      found: Bounded | None = None) -> list[Problem]:
    """The checks' problems, after those already `found`: past the file's limit, only counted."""
    found = found if found is not None else Bounded()
    with walked_once(doc.data):
        found.extend(p for check in checks for p in check(doc, today))
    return found.listed()
