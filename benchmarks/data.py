"""Open data at scale: the size and build cost of each form from one loaded registry.

The baseline is the CSVs, the form the site published before the others. Each form is
written from the same rows, read once from the registry as the site does (the synthetic
corpus, no git history: the changes table is empty). Reported per form: CPU seconds of its
writer (process time, one run: each takes seconds), megabytes, and the ratio of both to
the CSVs; the CSVs gzipped, as a server sends them; the shared row model's time; the time
to load the registry (validation included) for scale; peak memory of the process; and two
name searches on the built database: a trigram MATCH of three Chinese characters, and a
LIKE of two (below a trigram: a scan of the table).

    python -m benchmarks.data --companies 1000 10000 --entities 100
"""

from __future__ import annotations

import gzip
import resource
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.common import corpus, save, sizes
from generator.pipeline import load_registry
from generator.site import tables
from generator.site.datapackage import datapackage_json, datasette_metadata_json
from generator.site.exports import csv_text
from generator.site.parquet_export import parquet_bytes
from generator.site.sqlite_export import Database


def _cpu(work: Callable[[], Any]) -> tuple[float, Any]:
    started = time.process_time()
    result = work()
    return time.process_time() - started, result


def _size(content: str | bytes) -> int:
    return len(content.encode("utf-8") if isinstance(content, str) else content)


def _query_ms(database: bytes) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "disclosures.sqlite"
        path.write_bytes(database)
        db = sqlite3.connect(path)
        timings = {}
        for name, sql in (("match_3_chars_ms", "SELECT count(*) FROM suppliers_fts WHERE suppliers_fts MATCH '纺织有'"),
                          ("like_2_chars_ms", "SELECT count(*) FROM suppliers WHERE local_name LIKE '%纺织%'")):
            started = time.perf_counter()
            db.execute(sql).fetchall()
            timings[name] = round((time.perf_counter() - started) * 1000, 1)
        db.close()
    return timings


def _sqlite(data: dict[tables.Table, list[Any]]) -> bytes:
    database = Database()
    for table, rows in data.items():
        database.add(table, rows)
    return database.content()


def run(companies: int, entities: int) -> dict[str, Any]:
    folder, _ = corpus(companies, entities)
    load_s, (registry, _) = _cpu(lambda: load_registry(folder))
    # As the site builds them: each table's rows read once from the registry, then written in each form.
    rows_s, data = _cpu(lambda: {t: list(tables.rows(t, registry)) for t in tables.TABLES})
    csv_s, csvs = _cpu(lambda: [csv_text(t, rows) for t, rows in data.items()])
    csv_bytes = sum(map(_size, csvs))
    csv_gz = sum(len(gzip.compress(c.encode("utf-8"), 6)) for c in csvs)
    del csvs
    sqlite_s, database = _cpu(lambda: _sqlite(data))
    parquet_s, parquets = _cpu(lambda: [parquet_bytes(t, rows) for t, rows in data.items()])
    described_s, described = _cpu(lambda: (datapackage_json(), datasette_metadata_json()))
    forms = {"csv": (csv_s, csv_bytes), "sqlite": (sqlite_s, len(database)),
             "parquet": (parquet_s, sum(map(_size, parquets))),
             "descriptions": (described_s, sum(map(_size, described)))}
    return {"companies": companies, "entities": entities, "rows": {t.name: len(r) for t, r in data.items()},
            "load_registry_cpu_s": round(load_s, 2), "row_model_cpu_s": round(rows_s, 2),
            "csv_gzip_mb": round(csv_gz / 2**20, 1),
            "forms": {name: {"cpu_s": round(s, 2), "mb": round(size / 2**20, 2), "cpu_vs_csv": round(s / csv_s, 2),
                             "size_vs_csv": round(size / csv_bytes, 3)} for name, (s, size) in forms.items()},
            **_query_ms(database), "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def main() -> None:
    args = sizes(__doc__, [1000])
    results = []
    for n in args.companies:
        r = run(n, args.entities)
        results.append(r)
        parts = ", ".join(f"{name} {f['mb']:.1f} MB in {f['cpu_s']:.1f} s CPU (×{f['cpu_vs_csv']:.2f} time, "
                          f"×{f['size_vs_csv']:.2f} size of CSV)" for name, f in r["forms"].items())
        print(f"{n} companies × {args.entities} entities, {sum(r['rows'].values())} rows: {parts}; "
              f"CSV gzipped {r['csv_gzip_mb']:.1f} MB; row model (shared) {r['row_model_cpu_s']:.1f} s CPU; "
              f"registry load {r['load_registry_cpu_s']:.1f} s CPU; "
              f"MATCH 3 chars {r['match_3_chars_ms']} ms, LIKE 2 chars {r['like_2_chars_ms']} ms; "
              f"peak {r['peak_mb']} MB", flush=True)
    save("data", {"results": results})


if __name__ == "__main__":
    main()
