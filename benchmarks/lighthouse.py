"""Lighthouse scores of a built site, served gzip-compressed from 127.0.0.1 as a real host would.

Uses npm's `lighthouse` (set LIGHTHOUSE to its executable, or have it on PATH) and Debian's
Chromium (CHROME_PATH). Mobile form factor with simulated throttling: Lighthouse's default.
Simulated throttling scales the main-thread time it observes, so on a busy machine one run
is noisy: each page is run LIGHTHOUSE_RUNS times (default 3) and the run of median
performance is reported, as Lighthouse's own docs advise.

    python -m benchmarks.lighthouse SITE_DIR [PATH ...]
"""

from __future__ import annotations

import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import AbstractContextManager
from pathlib import Path

from tests.sitebuild import serve

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
_TEXT = (".html", ".js", ".css", ".json", ".xml", ".svg", ".txt", ".csv")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Text files compressed on the fly when the browser accepts gzip; every body's bytes counted,
    and each request's path, bytes and time logged when a log is given."""

    sent: list[int]
    log: list[tuple[float, str, int]] | None

    def log_message(self, format: str, *args: object) -> None:
        pass

    def copyfile(self, source, outputfile) -> None:  # type: ignore[no-untyped-def]
        data = source.read()
        self.sent.append(len(data))
        if self.log is not None:
            self.log.append((time.perf_counter(), self.path, len(data)))
        outputfile.write(data)

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix not in _TEXT or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def serve_gzip(site: Path, sent: list[int] | None = None,
               log: list[tuple[float, str, int]] | None = None) -> AbstractContextManager[str]:
    """Serve `site` on 127.0.0.1; the size of each response body sent is appended to `sent`,
    and (when sent, `time.perf_counter()`, path, size) to `log`."""
    handler_class = type("Handler", (_GzipHandler,), {"sent": sent if sent is not None else [], "log": log})
    return serve(site, handler_class)


def executable() -> str | None:
    return os.environ.get("LIGHTHOUSE") or shutil.which("lighthouse")


def runs() -> int:
    return max(1, int(os.environ.get("LIGHTHOUSE_RUNS", "3")))


def scores(url: str) -> dict[str, float]:
    """The run of median performance among `runs()` runs of one page."""
    found = sorted((one_run(url) for _ in range(runs())), key=lambda f: f["performance"])
    median = found[(len(found) - 1) // 2]
    return {**median, "performance_spread": statistics.pstdev(f["performance"] for f in found)}


def one_run(url: str) -> dict[str, float]:
    """Each category's score (0-100) and the main metrics of one page."""
    binary = executable()
    assert binary, "npm's lighthouse is not installed: set LIGHTHOUSE"
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        subprocess.run([binary, url, "--quiet", "--output=json", f"--output-path={out}",
                        "--chrome-flags=--headless --no-sandbox --disable-gpu",
                        f"--only-categories={','.join(CATEGORIES)}"], env=env, check=True, timeout=600)
        report = json.loads(out.read_text())
    found = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    audits = report["audits"]
    found["dom_size"] = audits["dom-size"].get("numericValue", 0)
    found["tbt_ms"] = audits["total-blocking-time"].get("numericValue", 0)
    found["lcp_ms"] = audits["largest-contentful-paint"].get("numericValue", 0)
    # Lighthouse's own measure of the host's speed during the run: simulated throttling scales what it
    # observed, so a low index (a loaded machine) lowers performance scores; reported beside them.
    found["benchmark_index"] = report.get("environment", {}).get("benchmarkIndex", 0)
    return found


def site_scores(site: Path, paths: list[str]) -> dict[str, dict[str, float]]:
    with serve_gzip(site) as url:
        return {path: scores(url + path) for path in paths}


def main() -> None:
    site, paths = Path(sys.argv[1]), sys.argv[2:] or [""]
    for path, found in site_scores(site, paths).items():
        print(f"/{path}: " + ", ".join(f"{k} {v:.0f}" for k, v in found.items()))


if __name__ == "__main__":
    main()
