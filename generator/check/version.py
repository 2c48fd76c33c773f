"""Checks of version 1.1 (MODEL.md "Version 1.1"): its fields only in a file that says "1.1",
worker ranges the right way round, and operation ids unique."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from ..load.loader import Loaded, SourceMap
from ..model import ENTITY_LISTS, LIST_IDENTIFIERS
from ..problems import Problem
from .walk import records

ENTITY_FIELDS = ("coordinates", "facility_type")
IDENTIFIERS = LIST_IDENTIFIERS
SUPPLIER_FIELDS = ("female_workers", "migrant_workers")


def newer(data: dict[str, Any], source: SourceMap | None = None) -> Iterator[tuple[list[Any], str]]:
    """Each use of a 1.1 feature: its path, and what it is. (`source`: the file as written,
    where a value the schema rejected, and so left out of `data`, can still be seen.)"""
    for path, entity in records(data, *ENTITY_LISTS):
        supplier = path[0] == "suppliers"
        for key in ENTITY_FIELDS + (SUPPLIER_FIELDS if supplier else ()):
            if key in entity:
                yield path + [key], f"{key} is a field of version 1.1"
        identifiers = entity.get("identifiers")
        for key in IDENTIFIERS if isinstance(identifiers, dict) else ():
            if key in identifiers:
                yield path + ["identifiers", key], f"the identifier {key} is a field of version 1.1"
        if supplier and isinstance(entity.get("workers"), str):
            yield path + ["workers"], "a range of workers is a form of version 1.1"
        written = source is not None and source.written(path + ["relationship"]) is not None
        if supplier and "relationship" not in entity and not written:
            yield path, ("a supplier without relationship is valid only from version 1.1 "
                         "(or add relationship: supplier)")
    for path, operation in records(data, "operations"):
        if "id" in operation:
            yield path + ["id"], "an operation id is a field of version 1.1"
    for path, step in records(data, "due_diligence"):
        if step.get("step") == "training":
            yield path + ["step"], "the step training is a value of version 1.1"


def check_version_fields(doc: Loaded, today: dt.date) -> Iterator[Problem]:
    if doc.data.get("schema_version") != "1.0":
        return
    for path, what in newer(doc.data, doc.source):
        yield doc.problem(path, "needs-version-1-1",
                          f"{what}; set schema_version: \"1.1\" at the top of the file "
                          "(or remove it)")


def _range(value: str) -> tuple[int, int] | None:
    low, _, high = value.partition("-")
    return (int(low), int(high)) if low.isdecimal() and high.isdecimal() else None


def check_workers(doc: Loaded, today: dt.date) -> Iterator[Problem]:
    for path, supplier in records(doc.data, "suppliers"):
        workers = supplier.get("workers")
        if isinstance(workers, str):
            low, high = _range(workers) or (0, 0)
            if low > high:
                yield doc.problem(path + ["workers"], "workers-range-reversed",
                                  f"the range {workers} runs backwards; write the smaller number first: {high}-{low}")
            continue
        for key in SUPPLIER_FIELDS:
            part = supplier.get(key)
            if isinstance(workers, int) and isinstance(part, int) and part > workers:
                yield doc.problem(path + [key], "workers-part-exceeds-total",
                                  f"{key} ({part}) is more than workers ({workers}); check both numbers",
                                  level="warning")


def check_operation_ids(doc: Loaded, today: dt.date) -> Iterator[Problem]:
    seen: dict[str, list[Any]] = {}
    for path, operation in records(doc.data, "operations"):
        key = operation.get("id")
        if not isinstance(key, str):
            continue
        if key in seen:
            line = doc.source.locate(seen[key] + ["id"])[0] if doc.source else 0
            yield doc.problem(path + ["id"], "duplicate-id",
                              f"the id '{key}' is already used on line {line}; give each operation its own id")
        seen.setdefault(key, path)


CHECKS = (check_version_fields, check_workers, check_operation_ids)
