"""History at scale: a registry of N companies with 3 versions each, built with and without history.

The registry is the synthetic corpus (`benchmarks.synthetic`, 100 entities per company by
default); its git repository holds three versions of every file: a first version (another
company name, another headcount at one supplier), a second (another headcount), and the
corpus file itself, so 3 × N distinct blobs; one file to a commit up to 1,000 companies
(3 × N commits), and 3,000 commits of several files above (see `per_commit`).

Each case runs in a fresh process (nothing in memory carries over) and times, as wall
seconds and CPU seconds of the process and its workers and git:

- the registry's data without history: `load_registry` (every file loaded and validated);
- with history: then `read_history` as the site build calls it (handed the files just
  validated), with an empty cache folder (cold), and again with the cache folder kept from
  the cold run (warm: CI with `.cache/disclose/` restored).

Ratios are (registry + history) / registry. The pages are left out of both sides: with them
the ratios would be smaller, but `build_site` holds every page in memory (its resident size
passed 5.8 GB at 1,000 companies × 100 entities), more than this machine can give 10,000.
Goals: cold ≤ 2× without history; warm ≤ 1.1×.
Run: python -m benchmarks.history --scale 10000 [--entities 100]
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT, corpus

START = 1_700_000_000
_WORKERS = re.compile(rb"workers: (\d+)")


def _edited(text: bytes, version: int) -> bytes:
    """An earlier version of a corpus file: another headcount, and at first another name."""
    text = _WORKERS.sub(lambda m: b"workers: %d" % (int(m.group(1)) + version), text, count=1)
    return text.replace(b" (example)", b" Holdings (example)", 1) if version == 1 else text


def stream(files: list[Path], folder: str = "disclosures", batch: int = 1) -> Iterator[bytes]:
    """A fast-import stream, a commit at a time: every file's first version, then every
    second, then every last, `batch` files to a commit."""
    n = 0
    for version in (1, 2, 3):
        for at in range(0, len(files), batch):
            some = files[at:at + batch]
            names = some[0].stem if len(some) == 1 else f"{some[0].stem} to {some[-1].stem}"
            message = f"Version {version} of {names}".encode()
            out = [b"commit refs/heads/main\n",
                   f"committer Example Author {n % 7} <a{n % 7}@example.org> {START + 60 * n} +0000\n".encode(),
                   b"data %d\n%s\n" % (len(message), message)]
            for file in some:
                text = file.read_bytes()
                body = text if version == 3 else _edited(text, version)
                path = f"{folder}/{file.name}".encode()
                out.append(b"M 100644 inline %s\ndata %d\n%s\n" % (path, len(body), body))
            n += 1
            yield b"".join(out)


def per_commit(companies: int) -> int:
    """Files changed by each commit: one up to 1,000 companies, then more, so that there are
    never more than 3,000 commits. Each commit writes the folder's whole tree: with 10,000
    files, 1,000 commits cost `git fast-import` 12 CPU seconds and `git log --raw` 1.9 here,
    so 30,000 (one file each) would take git minutes before history starts (a first attempt
    was 70% written after 18 minutes on a loaded machine)."""
    return max(1, companies // 1000)


def make_repo(root: Path, files: list[Path], files_per_commit: int = 1) -> Path:
    root.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    # Written as it is made: the stream of 10,000 companies is about 2 GB.
    with subprocess.Popen(["git", "fast-import", "--quiet"], cwd=root, stdin=subprocess.PIPE) as importing:
        assert importing.stdin is not None
        for chunk in stream(files, batch=files_per_commit):
            importing.stdin.write(chunk)
        importing.stdin.close()
        if importing.wait():
            raise RuntimeError("git fast-import failed")
    subprocess.run(["git", "reset", "-q", "--hard"], cwd=root, check=True)
    return root / "disclosures"


_CASE = """
import json, resource, sys, time
from pathlib import Path
from generator.history.timeline import read_history
from generator.pipeline import load_registry

def cpu():
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

source, cache = Path(sys.argv[1]), Path(sys.argv[2])
t, c = time.perf_counter(), cpu()
registry, result = load_registry(source)
assert result.ok, "the registry does not validate"
load = (time.perf_counter() - t, cpu() - c)
t, c = time.perf_counter(), cpu()
history = read_history(source, cache, result.valid_documents())
assert history.available, history.message
found = (time.perf_counter() - t, cpu() - c)
versions = sum(len(t.versions) for t in history.timelines)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"load": load, "history": found, "versions": versions, "peak_mb": peak}))
"""


def _child(source: Path, cache: Path) -> dict[str, Any]:
    """One case in a new interpreter."""
    done = subprocess.run([sys.executable, "-c", _CASE, str(source), str(cache)], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(companies: int, entities: int) -> None:
    _, files = corpus(companies, entities)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        batch = per_commit(companies)
        source = make_repo(Path(tmp) / "repo", files, batch)
        made = time.perf_counter() - start
        cache = Path(tmp) / "cache"
        cold = _child(source, cache)
        warm = _child(source, cache)
    commits = 3 * -(-companies // batch)
    print(f"registry: {companies} companies × {entities} entities, 3 versions each ({commits} commits of {batch} "
          f"file{'s' if batch > 1 else ''}, "
          f"{cold['versions']} versions; repository written in {made:.0f} s)")
    print(f"{'':34s} {'wall s':>8s} {'CPU s':>8s} {'wall ratio':>11s} {'CPU ratio':>10s} {'peak MB':>8s}")
    for name, found, goal in (("cold cache", cold, "(goal <= 2x)"), ("warm cache", warm, "(goal <= 1.1x)")):
        (load_wall, load_cpu), (wall, cpu) = found["load"], found["history"]
        print(f"{'registry data, without history':34s} {load_wall:8.1f} {load_cpu:8.1f}")
        print(f"{'  + history, ' + name:34s} {wall:8.1f} {cpu:8.1f} {(load_wall + wall) / load_wall:10.2f}x "
              f"{(load_cpu + cpu) / load_cpu:9.2f}x {found['peak_mb']:8.0f}  {goal}")
