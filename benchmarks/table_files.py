"""The data tables' process, in this process: CPU seconds of each part, cold and from kept pieces.

`site.table_files.write_tables` is what the build's forked tables process runs. Here it runs
twice on one loaded registry (the synthetic corpus, no history): cold, into an empty piece
cache, then again from the pieces the first run kept (a rebuild in which no file changed;
one changed file adds the making of one company's piece). Each part is timed where it is
called, in CPU seconds: making pieces, keeping and reading them, the Parquet writers, and
SQLite table by table. Printed with the bytes and files written and a digest of all of
them: a change meant to make the tables cheaper must leave the digest the same.

    python -m benchmarks.table_files --companies 1000
"""

from __future__ import annotations

import gc
import hashlib
import os
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.common import corpus, sizes
from generator.pipeline import _digests, load_registry
from generator.site import parquet_export, sqlite_export, table_files, table_pieces

_SPENT: dict[str, float] = defaultdict(float)


def _timed(owner: Any, name: str, label: Callable[..., str]) -> None:
    work = getattr(owner, name)

    def run(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return work(*args, **kwargs)
        finally:
            _SPENT[label(*args)] += time.process_time() - started
    setattr(owner, name, run)


def _instrument() -> None:
    _timed(table_pieces, "make_piece", lambda *_: "pieces made")
    _timed(table_pieces.PieceStore, "put", lambda *_: "pieces kept")
    _timed(table_pieces.PieceStore, "get", lambda *_: "pieces read")
    _timed(table_pieces.PieceStore, "prune", lambda *_: "pieces kept")   # writes the last pack
    _timed(parquet_export.GroupWriter, "add", lambda *_: "parquet")
    _timed(parquet_export.GroupWriter, "close", lambda *_: "parquet")
    for name in ("add", "add_pieces"):
        _timed(sqlite_export.Database, name, lambda _, table, *__: f"sqlite {table.name}")


def _run(label: str, registry: Any, digests: dict[str, str], pieces: Path) -> str:
    _SPENT.clear()
    with tempfile.TemporaryDirectory() as spool:
        started = os.times()
        table_files.write_tables(registry, None, digests, pieces, Path(spool))
        spent = os.times()
        files = sorted(Path(spool).iterdir())
        digest = hashlib.sha256()
        for path in files:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        print(f"{label}: {spent.user - started.user:.1f} s user + {spent.system - started.system:.1f} s system; "
              f"{len(files)} files, {sum(p.stat().st_size for p in files) / 2**20:.0f} MB; "
              f"digest {digest.hexdigest()[:16]}")
    for part, seconds in sorted(_SPENT.items(), key=lambda kv: -kv[1]):
        if seconds >= 0.05:
            print(f"    {part:32} {seconds:7.2f} s CPU")
    return digest.hexdigest()


def main() -> None:
    args = sizes(__doc__, [1000])
    _instrument()
    for companies in args.companies:
        folder, _ = corpus(companies, args.entities)
        registry, result = load_registry(folder.resolve())
        gc.freeze()   # as the build does: the registry is not walked by the collector
        with tempfile.TemporaryDirectory() as cache:
            pieces = Path(cache) / "tables"
            cold = _run(f"{companies} × {args.entities} cold", registry, _digests(result), pieces)
            kept = sum(p.stat().st_size for p in pieces.iterdir())
            print(f"    piece cache: {len(os.listdir(pieces))} files, {kept / 2**20:.0f} MB")
            warm = _run(f"{companies} × {args.entities} from kept pieces", registry, _digests(result), pieces)
            print("same bytes cold and from kept pieces:", cold == warm)
        gc.unfreeze()


if __name__ == "__main__":
    main()
