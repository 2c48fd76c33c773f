"""History at scale: a registry of N companies with 3 versions each, built with and without history.

The registry is the synthetic corpus (`benchmarks.synthetic`, 100 entities per company by
default); its git repository holds three versions of every file, one commit each: a first
version (another company name, another headcount at one supplier), a second (another
headcount), and the corpus file itself, so 3 × N commits and 3 × N distinct blobs.

Each build runs in a fresh process and is timed around `build_site` (loading, validating,
history, every page and export in memory; no MkDocs), as wall seconds and CPU seconds of
the process and its workers:

- without history: the same files in a folder outside any git repository;
- cold: the repository with an empty cache folder;
- warm: the repository again, the cache folder kept from the cold build (CI with
  `.cache/disclose/` restored).

Goals: cold ≤ 2× without history; warm ≤ 1.1×.
Run: python -m benchmarks.history --scale 10000 [--entities 100]
"""

from __future__ import annotations

import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import ROOT, corpus

START = 1_700_000_000
_WORKERS = re.compile(rb"workers: (\d+)")


def _edited(text: bytes, version: int) -> bytes:
    """An earlier version of a corpus file: another headcount, and at first another name."""
    text = _WORKERS.sub(lambda m: b"workers: %d" % (int(m.group(1)) + version), text, count=1)
    return text.replace(b" (example)", b" Holdings (example)", 1) if version == 1 else text


def stream(files: list[Path], folder: str = "disclosures") -> bytes:
    """A fast-import stream: every file's first version, then every second, then every last."""
    out: list[bytes] = []
    contents = [f.read_bytes() for f in files]
    n = 0
    for version in (1, 2, 3):
        for file, text in zip(files, contents, strict=True):
            body = text if version == 3 else _edited(text, version)
            message = f"Version {version} of {file.stem}".encode()
            out.append(b"commit refs/heads/main\n")
            out.append(f"committer Example Author {n % 7} <a{n % 7}@example.org> {START + 60 * n} +0000\n".encode())
            out.append(b"data %d\n%s\n" % (len(message), message))
            out.append(b"M 100644 inline %s/%s\ndata %d\n%s\n" % (folder.encode(), file.name.encode(), len(body), body))
            n += 1
    return b"".join(out)


def make_repo(root: Path, files: list[Path]) -> Path:
    root.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=stream(files), check=True)
    subprocess.run(["git", "reset", "-q", "--hard"], cwd=root, check=True)
    return root / "disclosures"


def _child(source: Path, cache: Path) -> dict[str, float]:
    """One build in a new interpreter: nothing in memory carries over between builds."""
    code = ("import json, sys, time, datetime as dt; from pathlib import Path;"
            "from generator.pipeline import Settings, build_site;"
            "t = time.perf_counter();"
            "site = build_site(Path(sys.argv[1]), Settings(today=dt.date(2026, 11, 1), cache_dir=Path(sys.argv[2])));"
            "w = time.perf_counter() - t; assert site.result.ok, 'the registry does not validate';"
            "import resource; peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024;"
            "print(json.dumps({'wall': w, 'peak_mb': peak, 'notes': list(site.notes)}))")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, "-c", code, str(source), str(cache)], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    found = json.loads(done.stdout.strip().splitlines()[-1])
    # Includes the interpreter's start and imports (about a second), the same in every build.
    found["cpu"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return found


def run(companies: int, entities: int) -> None:
    folder, files = corpus(companies, entities)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        plain = Path(tmp) / "plain" / "disclosures"
        shutil.copytree(folder, plain, ignore=shutil.ignore_patterns(".complete"))
        source = make_repo(Path(tmp) / "repo", files)
        made = time.perf_counter() - start
        cache = Path(tmp) / "cache"
        without = _child(plain, Path(tmp) / "unused")
        cold = _child(source, cache)
        warm = _child(source, cache)
    print(f"registry: {companies} companies × {entities} entities, 3 versions each ({3 * companies} commits; "
          f"repository written in {made:.0f} s)")
    print(f"{'build_site':28s} {'wall s':>8s} {'CPU s':>8s} {'wall ratio':>11s} {'CPU ratio':>10s} {'peak MB':>8s}")
    for name, found, goal in (("without history", without, ""), ("history, cold cache", cold, "(goal <= 2x)"),
                              ("history, warm cache", warm, "(goal <= 1.1x)")):
        print(f"{name:28s} {found['wall']:8.1f} {found['cpu']:8.1f} {found['wall'] / without['wall']:10.2f}x "
              f"{found['cpu'] / without['cpu']:9.2f}x {found['peak_mb']:8.0f}  {goal}")
    if without["notes"] == cold["notes"]:
        print("warning: the build without history read history too", file=sys.stderr)
