"""`disclose serve` shows a saved disclosure from its quick pass, then the full build follows and
makes the whole-registry files (data downloads) with the change too."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.sitebuild import fetch, free_port, project_copy

pytestmark = pytest.mark.site

OLD, NEW = "Kashgar Example Yarn Company Limited", "Kashgar Renamed Yarn Company Limited"


def _until(found: Callable[[], bool], proc: subprocess.Popen[bytes], seconds: float = 600) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        if found():
            return True
        time.sleep(0.3)
    return found()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str, Path, subprocess.Popen[bytes]]]:
    project = project_copy(tmp_path / "project")
    port = free_port()
    log = tmp_path / "serve.log"
    env = dict(os.environ, DISCLOSE_SERVE_QUIET="3")
    with log.open("wb") as out:
        proc = subprocess.Popen([str(Path(sys.executable).parent / "disclose"), "serve", "--dev-addr",
                                 f"127.0.0.1:{port}"], cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield project, f"http://127.0.0.1:{port}/", log, proc
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)


def test_a_saved_disclosure_shows_at_once_and_the_full_build_follows(served) -> None:
    project, base, log, proc = served
    page, data = base + "companies/beta-apparel/", base + "data/suppliers.csv"
    assert _until(lambda: OLD in fetch(page), proc), log.read_text(errors="replace")
    time.sleep(2)   # the watcher settles
    file = project / "disclosures" / "beta-apparel.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    assert _until(lambda: NEW in fetch(page), proc), log.read_text(errors="replace")
    said = log.read_text(errors="replace")
    assert "preview: " in said and "pages of the saved disclosures redrawn" in said, said
    # The data downloads are the full build's: they follow after the quiet period.
    assert _until(lambda: NEW in fetch(data), proc), log.read_text(errors="replace")
    assert NEW in fetch(page) and OLD not in fetch(page)


def test_a_disclosure_saved_with_an_error_goes_to_the_full_build_which_reports_it(served) -> None:
    project, base, log, proc = served
    page = base + "companies/beta-apparel/"
    assert _until(lambda: OLD in fetch(page), proc), log.read_text(errors="replace")
    time.sleep(2)
    file = project / "disclosures" / "beta-apparel.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace("schema_version", "schema_versio", 1), encoding="utf-8")
    assert _until(lambda: "beta-apparel.yaml:" in log.read_text(errors="replace"), proc, 300)
    said = log.read_text(errors="replace")
    assert "pages of the saved disclosures redrawn" not in said, said
