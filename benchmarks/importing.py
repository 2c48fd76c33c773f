"""A 10,000-row supplier list imported, validated and merged into a disclosure (as CSV, and
as XLSX with a title row above the table); the cross-company grouping of two firms' lists
of that size; and how many of the real-shaped lists in tests/authoring/shapes.py import
(or are refused in place) as they should.

    python -m benchmarks.importing [--rows 10000] [--repeat 3]

The list has a brand's headings (Factory Name, Country / Region, Total Workers, ...),
countries as people write them, groups with plants in several towns, and 1 % repeated
rows. Wall-clock and CPU seconds are both printed: on a shared machine the CPU time is the
fairer figure. Baseline: loading and validating the written file alone, which every import must
do anyway; the ratio says what matching rows to sites and writing cost beyond that.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import inspect
import random
import shutil
import tempfile
import time
from pathlib import Path

from generator.authoring.importer import import_sheet
from generator.authoring.starter import starter
from generator.check.validation import validate_document
from generator.load.loader import load_file
from generator.model import Disclosure
from generator.registry.registry import Registry

from .common import best_of, save

try:  # the real-shaped lists live with the tests; a checkout without tests/ skips them
    from tests.authoring.shapes import SHAPES
except ImportError:  # pragma: no cover
    SHAPES = ()

HEADER = ["Factory Name", "Address", "City", "Country / Region", "Product Type", "Total Workers",
          "Female Workers", "Supplier Group", "Factory Type"]
COUNTRIES = ["China Mainland", "Vietnam", "Viet Nam", "Bangladesh", "India", "Türkiye", "Turkey", "Cambodia",
             "Indonesia", "Pakistan", "Sri Lanka", "USA", "South Korea", "Taiwan", "Thailand", "Mexico"]
TOWNS = [f"Town {chr(65 + i)}{chr(65 + j)}" for i in range(26) for j in range(8)]
TODAY = dt.date(2026, 6, 1)


def write_list(path: Path, rows: int, seed: int = 1) -> Path:
    rng = random.Random(seed)
    out = []
    for i in range(rows):
        group = i // 4  # four plants a group, in four towns
        country = COUNTRIES[group % len(COUNTRIES)]
        town = TOWNS[(group * 4 + i % 4) % len(TOWNS)]
        workers = rng.randint(50, 5000)
        out.append([f"Example Group {group} Garment Co., Ltd.", f"{i % 97 + 1} Industrial Road {i}", town, country,
                    "Apparel|Footwear" if i % 2 else "Apparel", str(workers), str(workers // 2),
                    f"Example Group {group}", "FINISHED GOODS"])
    out += [list(r) for r in out[: rows // 100]]  # 1 % repeated rows: merged with a warning
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        writer.writerows(out)
    return path


def write_xlsx(csv_path: Path, path: Path) -> Path:
    """The same list as a workbook, with a title row above the table as brands publish it."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Factory list")
    sheet.append(["Example Brand factory list, data as of 2026-03-31"])
    with open(csv_path, encoding="utf-8", newline="") as f:
        for row in csv.reader(f):
            sheet.append(row)
    book.save(path)
    return path


def shapes(work: Path) -> dict[str, int]:
    """How many real-shaped lists import, and how many are refused in place, as they should."""
    accepted = set(inspect.signature(import_sheet).parameters)
    imported = refused = 0
    for i, shape in enumerate(SHAPES):
        folder = work / f"shape-{i}"
        target = _fresh(folder)
        options = {k: v for k, v in shape.options.items() if k in accepted}
        outcome = import_sheet(shape.write(folder), target, "suppliers", today=TODAY, **options)
        errors = {p.code for p in outcome.problems if p.is_error}
        if not shape.refused:
            imported += outcome.ok and outcome.written
        else:
            refused += not outcome.written and errors == set(shape.refused)
    expected_refused = sum(bool(s.refused) for s in SHAPES)
    return {"shapes_imported": imported, "shapes_to_import": len(SHAPES) - expected_refused,
            "shapes_refused_in_place": refused, "shapes_to_refuse": expected_refused}


def _fresh(folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    target = folder / "bench-firm.yaml"
    target.write_text(starter("bench-firm", "Bench Firm", TODAY), encoding="utf-8")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.importing")
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    sheet = write_list(work / "list.csv", args.rows)
    outcomes, cpu = [], []

    def run_import() -> None:
        start = time.process_time()
        outcomes.append(import_sheet(sheet, _fresh(work / "d"), "suppliers", today=TODAY))
        cpu.append(time.process_time() - start)

    imported = best_of(run_import, args.repeat)
    outcome = outcomes[-1]
    assert outcome.ok and outcome.written, [p.text() for p in outcome.problems if p.is_error][:5]
    book = write_xlsx(sheet, work / "list.xlsx")
    xlsx_outcomes = []
    from_xlsx = best_of(lambda: xlsx_outcomes.append(import_sheet(book, _fresh(work / "x"), "suppliers", today=TODAY)),
                        args.repeat)
    xlsx_ok = xlsx_outcomes[-1].ok and xlsx_outcomes[-1].written
    target = work / "d" / "bench-firm.yaml"
    validated = best_of(lambda: validate_document(load_file(target), TODAY), args.repeat)
    doc = Disclosure.of(load_file(target).data)
    other = Disclosure.of({**doc.raw, "company": {"id": "other-firm", "name": "Other Firm"}})
    start = time.perf_counter()
    shared = Registry.of([doc, other]).shared_entities
    grouped = time.perf_counter() - start
    rows = args.rows + args.rows // 100
    result = {"rows": rows, "entities": len(outcome.added),
              "import_s": round(imported.best, 2), "import_cpu_s": round(min(cpu), 2),
              "csv_rows_per_s": round(rows / imported.best), "xlsx_titled_imported": xlsx_ok,
              "xlsx_rows_per_s": round(rows / from_xlsx.best),
              "validate_written_file_s": round(validated.best, 2),
              "ratio_import_to_validate": round(imported.best / validated.best, 2),
              "registry_two_firms_s": round(grouped, 2), "shared_entities": len(shared),
              "duplicate_row_warnings": sum(p.code == "import-duplicate-row" for p in outcome.problems),
              **shapes(work)}
    for key, value in result.items():
        print(f"{key}: {value}")
    print(f"saved {save('importing', result)}")
    shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
