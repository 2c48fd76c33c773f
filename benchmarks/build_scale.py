"""A maintainer's build at scale: full build, rebuild after one changed disclosure, and
`disclose serve` showing a saved change.

For each size: a full `disclose build` from a cold output cache (wall, CPU of the build
and its workers, peak memory of the largest process, site size, largest HTML page); then
one disclosure changes (one supplier renamed) and `disclose build` runs again with the
cache of the first build: its wall time as a share of the full build. With --serve, the
time from saving a changed file to `disclose serve` serving the new HTML of that page.

Run it on two checkouts to compare them (the figures name the commit they were made on):

    python -m benchmarks.build_scale --companies 1000 10000 --entities 100 [--serve]

With --stages: a full `disclose build`, one change, `disclose build` again (its share of the
full build), then a second change and a rebuild in this process, timed stage by stage as
`benchmarks.build_stages` times a full build.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import OUT, ROOT, corpus
from tests.sitebuild import fetch, free_port, project_copy

DISCLOSE = [sys.executable, "-m", "generator.cli"]


def _commit() -> str:
    done = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return done.stdout.strip() or "unknown"


def timed_build(project: Path, site: Path) -> dict[str, float]:
    """`disclose build` in the project; CPU and peak memory of it and everything it waited for."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    proc = subprocess.Popen([*DISCLOSE, "build", "--site-dir", str(site)], cwd=project, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    assert status == 0, f"build of {project} failed: {proc.stderr.read().decode() if proc.stderr else ''}"
    # ru_maxrss of wait4 is the largest of the process tree that was waited for (the build and its workers)
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024}


def measure_site(site: Path) -> dict[str, object]:
    files = [p for p in site.rglob("*") if p.is_file()]
    html = [p for p in files if p.suffix == ".html"]
    largest = max(html, key=lambda p: p.stat().st_size)
    return {"site_mb": sum(p.stat().st_size for p in files) / 2**20, "html_pages": len(html),
            "largest_html_kb": largest.stat().st_size / 1024, "largest_html": str(largest.relative_to(site))}


def change_one(project: Path) -> tuple[str, str]:
    """Rename the first supplier of the first disclosure; returns the company id and the new name."""
    path = sorted((project / "disclosures").glob("*.yaml"))[0]
    text = path.read_text(encoding="utf-8")
    marker = "suppliers:\n- id: "
    at = text.index(marker)
    name_at = text.index("  name: ", at) + len("  name: ")
    end = text.index("\n", name_at)
    new = f"Renamed Supplier {time.monotonic_ns()}"
    path.write_text(text[:name_at] + new + text[end:], encoding="utf-8")
    return path.stem, new


def change_workers(project: Path) -> None:
    """A change no search record shows: the workers of the first supplier of the second disclosure."""
    path = sorted((project / "disclosures").glob("*.yaml"))[1]
    text = path.read_text(encoding="utf-8")
    at = text.index("  workers: ", text.index("suppliers:\n- id: ")) + len("  workers: ")
    end = text.index("\n", at)
    path.write_text(f"{text[:at]}{int(text[at:end].strip(chr(39))) + 1}{text[end:]}", encoding="utf-8")


def serve_reload(project: Path, timeout: float = 600) -> dict[str, float]:
    """Seconds from saving a changed disclosure to `disclose serve` serving its page with the change."""
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.Popen([*DISCLOSE, "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        company = sorted((project / "disclosures").glob("*.yaml"))[0].stem
        url = f"http://127.0.0.1:{port}/companies/{company}/"
        started = time.perf_counter()
        while not fetch(url, 5) and time.perf_counter() - started < timeout:
            time.sleep(0.2)
        first = time.perf_counter() - started
        time.sleep(2)  # the watcher settles
        _, new = change_one(project)
        saved = time.perf_counter()
        while new not in fetch(url, 5) and time.perf_counter() - saved < timeout:
            time.sleep(0.1)
        shown = time.perf_counter() - saved
        # The full build that follows the quick pass: the open data shows the change too.
        data = f"http://127.0.0.1:{port}/data/suppliers.csv"
        while new not in fetch(data, 5) and time.perf_counter() - saved < timeout:
            time.sleep(0.5)
        return {"first_serve_s": first, "save_to_served_s": shown, "save_to_full_s": time.perf_counter() - saved}
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def rebuild_stages(companies: int, entities: int) -> None:
    """A full `disclose build`, one change, then the rebuild in this process, stage by stage."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from benchmarks import build_stages

    folder, _ = corpus(companies, entities)
    with tempfile.TemporaryDirectory() as tmp:
        project = project_copy(Path(tmp) / "project", None)
        shutil.copytree(folder, project / "disclosures", ignore=shutil.ignore_patterns(".complete"))
        full = timed_build(project, project / "site")
        print(f"full build: {full['wall_s']:.1f} s wall, {full['cpu_s']:.1f} s CPU, peak {full['peak_mb']:.0f} MB",
              flush=True)
        change_one(project)
        again = timed_build(project, project / "site")
        print(f"rebuild (disclose build): {again['wall_s']:.1f} s wall ({again['wall_s'] / full['wall_s']:.1%} of "
              f"full), {again['cpu_s']:.1f} s CPU ({again['cpu_s'] / full['cpu_s']:.1%}), "
              f"peak {again['peak_mb']:.0f} MB", flush=True)
        change_one(project)
        os.environ["NO_MKDOCS_2_WARNING"] = "1"
        build_stages._instrument()   # before the config: MkDocs binds the plugin's hooks when it loads it
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(Path(tmp) / "rebuilt"))
        print(build_stages.HEADER, flush=True)
        started, (cpu, kids) = time.perf_counter(), build_stages._cpu()
        mkdocs_build(config)
        now, kids_now = build_stages._cpu()
        print(f"rebuild: {time.perf_counter() - started:.1f} s wall, {now - cpu:.1f} s CPU here + "
              f"{kids_now - kids:.1f} s in children", flush=True)


def run(companies: int, entities: int, serve: bool) -> dict[str, object]:
    folder, _ = corpus(companies, entities)
    with tempfile.TemporaryDirectory() as tmp:
        project = project_copy(Path(tmp) / "project", None)
        shutil.copytree(folder, project / "disclosures", ignore=shutil.ignore_patterns(".complete"))
        full = timed_build(project, project / "site")
        result: dict[str, object] = {"companies": companies, "entities": entities, "full": full,
                                     **measure_site(project / "site")}
        change_one(project)
        result["rebuild"] = timed_build(project, project / "site")
        result["rebuild_share"] = result["rebuild"]["wall_s"] / full["wall_s"]  # type: ignore[index]
        change_workers(project)
        result["unsearched"] = timed_build(project, project / "site")
        result["unsearched_share"] = result["unsearched"]["wall_s"] / full["wall_s"]  # type: ignore[index]
        if serve:
            result["serve"] = serve_reload(project)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, nargs="+", default=[1000])
    parser.add_argument("--entities", type=int, default=100)
    parser.add_argument("--serve", action="store_true", help="also time a saved change in `disclose serve`")
    parser.add_argument("--stages", action="store_true", help="time the rebuild stage by stage instead")
    args = parser.parse_args()
    if args.stages:
        for n in args.companies:
            rebuild_stages(n, args.entities)
        return
    commit, results = _commit(), []
    for n in args.companies:
        r = run(n, args.entities, args.serve)
        results.append(r)
        f, b = r["full"], r["rebuild"]
        print(f"[{commit}] {n} × {args.entities}: full build {f['wall_s']:.0f} s wall, {f['cpu_s']:.0f} s CPU, "
              f"peak {f['peak_mb']:.0f} MB, site {r['site_mb']:.0f} MB, {r['html_pages']} HTML pages, largest "
              f"{r['largest_html_kb']:.0f} KB ({r['largest_html']}); rebuild after one change {b['wall_s']:.1f} s "
              f"wall, {b['cpu_s']:.1f} s CPU ({r['rebuild_share']:.0%} of full)", flush=True)
        u = r["unsearched"]
        print(f"  rebuild after a change no search record shows (a supplier's workers): {u['wall_s']:.1f} s wall, "
              f"{u['cpu_s']:.1f} s CPU ({r['unsearched_share']:.0%} of full)", flush=True)
        if "serve" in r:
            s = r["serve"]
            print(f"  serve: first page {s['first_serve_s']:.1f} s, saved change served in "
                  f"{s['save_to_served_s']:.1f} s, in the data downloads (full build) after "
                  f"{s['save_to_full_s']:.1f} s", flush=True)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"build_scale-{commit}.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
