"""How fast is `disclose validate`, against check-jsonschema and against parsing alone?

    python -m benchmarks.validate --files 1000 --entities 100

On one synthetic corpus (benchmarks/synthetic.py) it times, best of N:
  ours       validation.validate_paths in-process, and the `disclose validate` CLI;
  before     every file through the located loader (the path before the fast one), in-process;
  baseline   `check-jsonschema --schemafile schema/disclosure.schema.json FILES` (a subprocess
             that reads the YAML itself), so CLI is compared with CLI;
  floor      reading the same files and parsing them with libyaml (yaml.CSafeLoader),
             and composing them only (the node tree our loader starts from); and
             parsing them with yaml_rs, the fast path's parser.
and the CPU seconds of one run of ours and of check-jsonschema, workers included (steady when
other work shares the cores, as wall time is not).
Goals: ours >= 30x check-jsonschema; ours within 2x of the bare libyaml parse.
Results go to benchmarks/out/validate.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import resource
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml
import yaml_rs

from generator.check.checks import CHECKS
from generator.check.schema import schema_problems
from generator.check.validation import validate_document, validate_paths
from generator.load.fast import load_fast
from generator.load.loader import collector_paused, load_file

from .common import Timing, best_of, corpus, run, save, tool

SCHEMA = Path("schema") / "disclosure.schema.json"
GOAL_VS_BASELINE = 30.0
GOAL_VS_PARSE = 2.0


def _ours(folder: Path) -> None:
    result = validate_paths([folder])
    if not result.ok:
        raise SystemExit(f"the corpus in {folder} does not validate; fix benchmarks/synthetic.py")


def _located_only(paths: Sequence[Path]) -> None:
    """Every file through the located loader, as before the fast path (cross-file check left out)."""
    today = dt.date.today()
    with collector_paused():
        for path in paths:
            if any(p.is_error for p in validate_document(load_file(path), today)):
                raise SystemExit(f"{path} does not validate")


def _gc_paused(work: Callable[[], object]) -> Callable[[], None]:
    """Diagnostic: the same work with the cyclic garbage collector paused.

    Composed YAML is millions of small objects that live until the run ends; each
    full collection walks all of them again, so collection time grows with the corpus.
    """
    def paused() -> None:
        gc.disable()
        try:
            work()
        finally:
            gc.enable()
            gc.collect()
    return paused


def _cli(args: Sequence[str | Path]) -> None:
    done = run(args)
    if done.returncode != 0:
        shown = (done.stdout + done.stderr).strip().splitlines()[:5]
        raise SystemExit(f"{Path(str(args[0])).name} failed (exit {done.returncode}):\n" + "\n".join(shown))


def _parse(paths: Sequence[Path]) -> list[Any]:
    # Results are kept, as validate_paths keeps its documents: both pay for what they hold.
    return [yaml.load(p.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader) for p in paths]


def _yaml_rs(paths: Sequence[Path]) -> list[Any]:
    return [yaml_rs.loads(p.read_bytes().decode("utf-8"), parse_datetime=False) for p in paths]


def _compose(paths: Sequence[Path]) -> list[Any]:
    return [yaml.compose(p.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader) for p in paths]


def stages(paths: Sequence[Path]) -> dict[str, float]:
    """One pass, GC paused, split by stage: where the time goes when it is not collection."""
    today = dt.date.today()
    spent: dict[str, float] = {}

    def timed(name: str, work: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        value = work()
        spent[name] = round(time.perf_counter() - start, 3)
        return value

    gc.disable()
    try:
        timed("load (fast.load_fast)", lambda: [load_fast(p.read_bytes()) for p in paths])
        docs = timed("load (loader.load_file)", lambda: [load_file(p) for p in paths])
        timed("schema (schema.schema_problems)", lambda: [schema_problems(d) for d in docs])
        for check in CHECKS:
            timed(f"checks.{check.__name__}", lambda c=check: [list(c(d, today)) for d in docs])
    finally:
        gc.enable()
    return spent


def measure(folder: Path, paths: list[Path], repeat: int, baseline_repeat: int) -> dict[str, Timing]:
    _ours(folder)  # warm up: schema compiled, pycountry loaded, files in the page cache
    timings = {
        "disclose in-process": best_of(lambda: _ours(folder), repeat),
        "disclose validate (CLI)": best_of(lambda: _cli([tool("disclose"), "validate", folder]), repeat),
        "before: located loader only": best_of(lambda: _located_only(paths), repeat),
        "check-jsonschema (CLI)": best_of(
            lambda: _cli([tool("check-jsonschema"), "--schemafile", SCHEMA, *paths]), baseline_repeat),
        "libyaml load": best_of(lambda: _parse(paths), repeat),
        "libyaml compose": best_of(lambda: _compose(paths), repeat),
        "yaml_rs load": best_of(lambda: _yaml_rs(paths), repeat),
        "disclose in-process, GC paused": best_of(_gc_paused(lambda: _ours(folder)), repeat),
        "libyaml load, GC paused": best_of(_gc_paused(lambda: _parse(paths)), repeat),
    }
    return timings


def cpu_of(work: Callable[[], object]) -> float:
    """CPU seconds of one run: this process's and its children's (workers, a CLI's subprocess and
    its workers). Unlike wall time, they do not grow when other work shares the cores."""
    def spent() -> float:
        me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
    start = spent()
    work()
    return spent() - start


def cpu_seconds(folder: Path, paths: list[Path]) -> dict[str, float]:
    return {"disclose in-process": cpu_of(lambda: _ours(folder)),
            "disclose validate (CLI)": cpu_of(lambda: _cli([tool("disclose"), "validate", folder])),
            "check-jsonschema (CLI)": cpu_of(lambda: _cli([tool("check-jsonschema"), "--schemafile", SCHEMA, *paths]))}


def report(timings: dict[str, Timing], files: int) -> dict[str, Any]:
    ours, cli = timings["disclose in-process"].best, timings["disclose validate (CLI)"].best
    ratios = {
        "check-jsonschema / disclose (CLI vs CLI)": timings["check-jsonschema (CLI)"].best / cli,
        "before / disclose (in-process)": timings["before: located loader only"].best / ours,
        "disclose / yaml_rs load (in-process)": ours / timings["yaml_rs load"].best,
        "disclose / libyaml load (in-process)": ours / timings["libyaml load"].best,
        "disclose / libyaml compose (in-process)": ours / timings["libyaml compose"].best,
        "disclose / libyaml load, both GC paused": timings["disclose in-process, GC paused"].best
        / timings["libyaml load, GC paused"].best,
        "check-jsonschema / disclose GC paused (in-process)": timings["check-jsonschema (CLI)"].best
        / timings["disclose in-process, GC paused"].best,
    }
    goals = {
        f"disclose >= {GOAL_VS_BASELINE:g}x faster than check-jsonschema":
            ratios["check-jsonschema / disclose (CLI vs CLI)"] >= GOAL_VS_BASELINE,
        f"disclose within {GOAL_VS_PARSE:g}x of libyaml load":
            ratios["disclose / libyaml load (in-process)"] <= GOAL_VS_PARSE,
    }
    return {"timings": {k: t.as_dict(files) for k, t in timings.items()},
            "ratios": {k: round(v, 2) for k, v in ratios.items()}, "goals_met": goals}


def show(result: dict[str, Any]) -> str:
    lines = [f"{result['files']} files x {result['entities']} entities, {result['megabytes']} MB of YAML",
             f"{'':36} {'best s':>9} {'files/s':>9}"]
    for name, t in result["timings"].items():
        lines.append(f"{name:36} {t['best_s']:9.2f} {t['files_per_s']:9.1f}")
    lines += [f"{name}: {value:.2f}x" for name, value in result["ratios"].items()]
    cpu = result["cpu_s"]
    lines += ["CPU seconds of one run (with its workers):", *(f"  {name:36} {s:7.2f}" for name, s in cpu.items()),
              f"check-jsonschema / disclose, CPU (CLI vs CLI): "
              f"{cpu['check-jsonschema (CLI)'] / cpu['disclose validate (CLI)']:.2f}x"]
    lines += ["stages, GC paused:", *(f"  {name:40} {s:7.2f} s" for name, s in result["stages_gc_paused_s"].items())]
    lines += [f"goal {'met' if ok else 'NOT met'}: {goal}" for goal, ok in result["goals_met"].items()]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.validate", description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000, help="disclosure files in the corpus")
    parser.add_argument("--entities", type=int, default=100, help="entities per file")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best counts")
    parser.add_argument("--baseline-repeat", type=int, default=None,
                        help="runs of check-jsonschema (slow); default: --repeat")
    args = parser.parse_args(argv)
    folder, paths = corpus(args.files, args.entities, args.seed)
    timings = measure(folder, paths, args.repeat, args.baseline_repeat or args.repeat)
    result = {"command": " ".join(["python -m benchmarks.validate", *(argv if argv is not None else sys.argv[1:])]),
              "files": len(paths), "entities": args.entities, "seed": args.seed, "repeat": args.repeat,
              "megabytes": round(sum(p.stat().st_size for p in paths) / 1e6, 1), **report(timings, len(paths)),
              "stages_gc_paused_s": stages(paths),
              "cpu_s": {k: round(v, 2) for k, v in cpu_seconds(folder, paths).items()}}
    print(show(result))
    print(f"wrote {save('validate', result)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
