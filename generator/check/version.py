"""Checks of version 1.1 (MODEL.md "Version 1.1"): its fields only in a file that says "1.1",
worker ranges the right way round, and operation ids unique."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from ..load.loader import Loaded
from ..model import ENTITY_LISTS
from ..problems import Problem

ENTITY_FIELDS = ("coordinates", "facility_type")
SUPPLIER_FIELDS = ("female_workers", "migrant_workers")


def newer(data: dict[str, Any]) -> Iterator[tuple[list[Any], str]]:
    """Each use of a 1.1 feature: its path, and what it is."""
    for list_name in ENTITY_LISTS:
        for i, entity in enumerate(data.get(list_name) or []):
            for key in ENTITY_FIELDS + (SUPPLIER_FIELDS if list_name == "suppliers" else ()):
                if key in entity:
                    yield [list_name, i, key], f"{key} is a field of version 1.1"
            if list_name == "suppliers" and isinstance(entity.get("workers"), str):
                yield [list_name, i, "workers"], "a range of workers is a form of version 1.1"
            if list_name == "suppliers" and "relationship" not in entity:
                yield [list_name, i], ("a supplier without relationship is valid only from version 1.1 "
                                       "(or add relationship: supplier)")
    for i, operation in enumerate(data.get("operations") or []):
        if "id" in operation:
            yield ["operations", i, "id"], "an operation id is a field of version 1.1"
    for i, step in enumerate(data.get("due_diligence") or []):
        if step.get("step") == "training":
            yield ["due_diligence", i, "step"], "the step training is a value of version 1.1"


def check_version_fields(doc: Loaded, today: dt.date) -> Iterator[Problem]:
    if doc.data.get("schema_version") != "1.0":
        return
    for path, what in newer(doc.data):
        yield doc.problem(path, "needs-version-1-1",
                          f"{what}; set schema_version: \"1.1\" at the top of the file "
                          "(or remove it)")


def _range(value: str) -> tuple[int, int]:
    low, _, high = value.partition("-")
    return int(low), int(high)


def check_workers(doc: Loaded, today: dt.date) -> Iterator[Problem]:
    for i, supplier in enumerate(doc.data.get("suppliers") or []):
        workers = supplier.get("workers")
        if isinstance(workers, str):
            low, high = _range(workers)
            if low > high:
                yield doc.problem(["suppliers", i, "workers"], "workers-range-reversed",
                                  f"the range {workers} runs backwards; write the smaller number first: {high}-{low}")
            continue
        for key in SUPPLIER_FIELDS:
            part = supplier.get(key)
            if isinstance(workers, int) and isinstance(part, int) and part > workers:
                yield doc.problem(["suppliers", i, key], "workers-part-exceeds-total",
                                  f"{key} ({part}) is more than workers ({workers}); check both numbers",
                                  level="warning")


def check_operation_ids(doc: Loaded, today: dt.date) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for i, operation in enumerate(doc.data.get("operations") or []):
        key = operation.get("id")
        if key is None:
            continue
        if key in seen:
            line = doc.source.locate(["operations", seen[key], "id"])[0] if doc.source else 0
            yield doc.problem(["operations", i, "id"], "duplicate-id",
                              f"the id '{key}' is already used on line {line}; give each operation its own id")
        seen.setdefault(key, i)


CHECKS = (check_version_fields, check_workers, check_operation_ids)
