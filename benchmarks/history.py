"""Change history from git, timed against `git log -p` over the same paths.

A synthetic repository of 100 companies and 5,000 commits is written with one
`git fast-import` stream (deterministic: fixed seed, authors and dates). Then:

- baseline: `git log -p -- disclosures`, the cost of merely reading the changes;
- full: `read_history` with empty caches (every version loaded, validated, compared), the
  least disturbed of three runs;
- rebuild: one more commit, then `read_history` in a new process state with the
  on-disk cache warm (the usual build after a merge).

Each runs after the registry has been validated, as in a build.

Goals: full within 5x of the baseline; rebuild under 10% of full.
Run: python -m benchmarks.history [--companies 100] [--commits 5000]

With --scale N, the other case instead: N companies with 3 versions each, the site's data
built with and without history (see `benchmarks.history_scale`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from benchmarks import history_scale
from generator.check.validation import validate_paths
from generator.history import gitlog, parsed
from generator.history.catfile import blobs
from generator.history.gitlog import walk
from generator.history.pieces import Pieces
from generator.history.timeline import read_history
from generator.history.verdict import parse_version

START = 1_700_000_000  # commit dates: one hour apart from here
COUNTRIES = [("CN", "CN-XJ"), ("CN", "CN-GD"), ("VN", ""), ("BD", ""), ("IN", "IN-TN"), ("TR", "")]
STATUSES = ("planned", "in-progress", "completed")
STEPS = ("risk-assessment", "independent-audit", "partner-disclosure", "public-report", "monitoring")


def _supplier(rng: random.Random, n: int) -> str:
    country, sub = rng.choice(COUNTRIES)
    place = f", subdivision: {sub}" if sub else ""
    return (f"  - {{id: supplier-{n}, name: Example Supplier {n} Ltd, country: {country}{place}, "
            f"relationship: supplier, tier: {rng.randint(1, 4)}, workers: {rng.randint(10, 5000)}}}\n")


def _step(company: int, i: int, status: str) -> str:
    done = "\n    date: 2025-06-30" if status == "completed" else ""
    by = "\n    conducted_by: {name: Example Audit Co, independent: true}" if STEPS[i] == "independent-audit" else ""
    return (f"  - id: step-{i}\n    step: {STEPS[i]}\n    status: {status}\n"
            f"    summary: Step {i} of company {company}{done}{by}\n")


def disclosure(company: int, rng: random.Random, state: dict[str, list[int]], name: str) -> str:
    suppliers = "".join(_supplier(random.Random(company * 1000 + s), s) for s in sorted(state["suppliers"]))
    steps = "".join(_step(company, i, STATUSES[s]) for i, s in enumerate(state["steps"]))
    return (f"schema_version: \"1.0\"\ncompany:\n  id: {name}\n  name: Example Company {company} plc\n"
            "  headquarters: GB\ndisclosure:\n  period: {start: 2024-01-01, end: 2024-12-31}\n"
            f"  published: 2025-01-{1 + company % 28:02d}\n  example: true\n"
            f"suppliers:\n{suppliers}due_diligence:\n{steps}")


def _evolve(rng: random.Random, state: dict[str, list[int]]) -> None:
    """One plausible edit: a supplier added or dropped, or a step moving on."""
    choice = rng.random()
    if choice < 0.4:
        state["suppliers"].append(max(state["suppliers"], default=0) + 1)
    elif choice < 0.6 and len(state["suppliers"]) > 3:
        state["suppliers"].remove(rng.choice(state["suppliers"]))
    else:
        i = rng.randrange(len(state["steps"]))
        state["steps"][i] = (state["steps"][i] + 1) % len(STATUSES)


def _commit(out: list[bytes], n: int, message: str, ops: list[tuple[str, str, bytes]]) -> None:
    msg = message.encode()
    out.append(b"commit refs/heads/main\n")
    out.append(f"committer Example Author {n % 7} <author{n % 7}@example.org> {START + 3600 * n} +0000\n".encode())
    out.append(b"data %d\n%s\n" % (len(msg), msg))
    for op, path, content in ops:
        if op == "M":
            out.append(b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(content), content))
        else:
            out.append(f"{op} {path}\n".encode())


def stream(companies: int, commits: int, seed: int = 7) -> bytes:
    """A fast-import stream: companies are added, then edited; a few renamed, a few withdrawn."""
    rng, out = random.Random(seed), []
    states = {c: {"suppliers": list(range(1, 8)), "steps": [0] * len(STEPS)} for c in range(companies)}
    names = {c: f"company-{c}" for c in range(companies)}
    for n in range(commits):
        c = n if n < companies else rng.randrange(companies)
        if n >= companies:
            _evolve(rng, states[c])
        ops: list[tuple[str, str, bytes]] = []
        if n >= companies and n % 1000 == 500:   # a rename: file and company.id together
            ops.append(("D", f"disclosures/{names[c]}.yaml", b""))
            names[c] = f"{names[c]}-renamed"
        text = disclosure(c, rng, states[c], names[c]).encode()
        ops.append(("M", f"disclosures/{names[c]}.yaml", text))
        _commit(out, n, f"Update {names[c]}", ops)
    return b"".join(out)


def git(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    return subprocess.run(["git", *args], cwd=repo, input=stdin, capture_output=True, check=True).stdout


def make_repo(root: Path, companies: int, commits: int) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "fast-import", "--quiet", stdin=stream(companies, commits))
    git(root, "reset", "-q", "--hard")
    return root


def _cpu() -> float:
    """CPU seconds of this process and its finished children (git, history's workers)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(fn: Callable[[], object], repeat: int = 1) -> tuple[float, float]:
    """Wall and CPU seconds of the run least disturbed (on a shared machine, CPU says more)."""
    best = (float("inf"), 0.0)
    for _ in range(repeat):
        start, cpu = time.perf_counter(), _cpu()
        fn()
        best = min(best, (time.perf_counter() - start, _cpu() - cpu))
    return best


def _floors(repo: Path) -> list[tuple[float, float]]:
    """What reading every version costs on one core: loading and validating each distinct
    version whole; the same a piece at a time, each piece once, a file's versions in turn (as
    history reads them); and merely parsing each with libyaml (no checks, no positions)."""
    commits = walk(repo, "disclosures")
    keys = sorted({(c.blob, c.path) for commit in commits for c in commit.changes if c.blob},
                  key=lambda key: (key[1], key[0]))
    found = blobs(repo, sorted({blob for blob, _ in keys}), parsed.MAX_BYTES)
    contents = {sha: blob.content for sha, blob in found.items()}
    today = dt.date(2026, 1, 1)
    validated = timed(lambda: [parse_version(contents[blob], path, today) for blob, path in keys])
    pieced = timed(lambda: _pieced(keys, contents, today))
    parsed_only = timed(lambda: [yaml.load(contents[blob], Loader=yaml.CSafeLoader) for blob, _ in keys])
    return [validated, pieced, parsed_only]


def _pieced(keys: list[tuple[str, str]], contents: dict[str, bytes | None], today: dt.date) -> None:
    shared = Pieces()
    for blob, path in keys:
        parse_version(contents[blob] or b"", path, today, shared)


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--companies", type=int, default=100)
    args.add_argument("--commits", type=int, default=5000)
    args.add_argument("--scale", type=int, metavar="N", help="instead: N companies × 3 versions, with and "
                      "without history (see benchmarks.history_scale)")
    args.add_argument("--entities", type=int, default=100, help="entities per company, with --scale")
    opts = args.parse_args()
    if opts.scale:
        return history_scale.run(opts.scale, opts.entities)
    with tempfile.TemporaryDirectory() as tmp:
        repo, cache = make_repo(Path(tmp) / "repo", opts.companies, opts.commits), Path(tmp) / "cache"
        folder = repo / "disclosures"
        # As in a build, the registry is validated first: the place codes (pycountry's tables,
        # about 0.45 s to load) and the schema are loaded before history, and forked workers
        # inherit them. Without this, each worker loaded them again and the timing with it.
        validate_paths([folder])
        baseline = timed(lambda: git(repo, "log", "-p", "--", "disclosures"), repeat=3)
        history: list[object] = []

        def cold() -> None:   # as a new build process with no cache finds it (but for imports)
            parsed._MEMO.clear()
            gitlog._SIZES.clear()
            shutil.rmtree(cache, ignore_errors=True)
            history[:] = [read_history(folder, cache)]

        # The least disturbed of three, as for the baseline: on a loaded machine one run's CPU
        # seconds vary by a sixth.
        full = timed(cold, repeat=3)
        versions = sum(len(t.versions) for t in history[0].timelines)  # type: ignore[attr-defined]
        whole, pieced, bare = _floors(repo)
        target = sorted(folder.iterdir())[0]
        target.write_text(target.read_text(encoding="utf-8") + "risks:\n  - {id: r1, category: other, "
                          "description: Added in the benchmark}\n", encoding="utf-8")
        git(repo, "-c", "user.name=Example", "-c", "user.email=e@example.org", "commit", "-qam", "One more")
        parsed._MEMO.clear()   # a new build process: only the disk cache is warm
        rebuild = timed(lambda: read_history(folder, cache))
    print(f"repository: {opts.companies} companies, {opts.commits} commits, {versions} versions read")
    print(f"{'':50s} {'wall s':>8s} {'CPU s':>8s}  wall / CPU vs. baseline")
    rows = (("git log -p (baseline)", baseline, ""), ("full history, cold caches", full, "(goal <= 5x)"),
            ("  loading and validating every version whole, one core", whole, ""),
            ("  the same by pieces, each piece once (as history)", pieced, ""),
            ("  a bare libyaml parse of every version, for scale", bare, ""))
    for name, (wall, cpu), goal in rows:
        print(f"{name:50s} {wall:8.3f} {cpu:8.3f}  {wall / baseline[0]:6.2f}x {cpu / baseline[1]:6.2f}x  {goal}")
    print(f"{'rebuild after one commit':50s} {rebuild[0]:8.3f} {rebuild[1]:8.3f}  "
          f"{100 * rebuild[0] / full[0]:5.1f}% of full (goal < 10%)")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUTF8", "1")
    sys.exit(main())
