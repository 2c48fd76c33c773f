"""`disclose serve` shows a saved disclosure from its quick pass, then the full build follows and
makes the whole-registry files (data downloads) with the change too."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.site.serve_guard import REQUEST_SECONDS
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


def _status(url: str, host: str | None = None, timeout: float = 20) -> int:
    """The status a request gets, with the Host header a browser would send for `host`."""
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return int(response.status)
    except urllib.error.HTTPError as e:
        return int(e.code)


def test_the_preview_answers_only_requests_sent_to_this_machine(served) -> None:
    """A page on evil.example rebinding its name to 127.0.0.1 sends its own name as Host: refused."""
    _, base, log, proc = served
    assert _until(lambda: "Beta" in fetch(base + "companies/"), proc), log.read_text(errors="replace")
    port = base.split(":")[2].strip("/")
    assert _status(base + "companies/", f"evil.example:{port}") == 403
    assert _status(base + "data/suppliers.csv", "evil.example") == 403
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"):
        assert _status(base + "companies/", host) == 200, host
    assert _status(base + "companies/%00") == 404
    # A request never finished is closed, not left holding one of the server's threads for good.
    with socket.create_connection(("127.0.0.1", int(port))) as s:
        s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        s.settimeout(REQUEST_SECONDS + 30)
        assert s.recv(100) == b""
    assert "Traceback" not in log.read_text(errors="replace")


def test_a_failed_rebuild_leaves_the_last_site_served_and_runs_nothing(served, tmp_path: Path) -> None:
    project, base, log, proc = served
    page = base + "companies/beta-apparel/"
    assert _until(lambda: OLD in fetch(page), proc), log.read_text(errors="replace")
    time.sleep(2)
    failures = 0

    def fails_and_still_serves() -> None:
        nonlocal failures
        failures += 1
        assert _until(lambda: log.read_text(errors="replace").count("not rebuilt") >= failures, proc, 300), \
            log.read_text(errors="replace")
        # Neither stuck (MkDocs held every request until a build succeeded) nor half removed.
        assert OLD in fetch(page, timeout=20) and _status(base + "data/suppliers.csv") == 200

    file = project / "disclosures" / "beta-apparel.yaml"
    good = file.read_text(encoding="utf-8")
    file.write_text(good.replace("schema_version", "schema_versio", 1), encoding="utf-8")
    fails_and_still_serves()
    file.write_text(good, encoding="utf-8")
    (project / "docs" / "passwd.txt").symlink_to("/etc/passwd")
    fails_and_still_serves()
    assert _status(base + "passwd.txt") == 404
    (project / "docs" / "passwd.txt").unlink()
    # A branch checked out under the preview: MkDocs' own reading of mkdocs.yml would run the tag.
    marker = tmp_path / "ran"
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8")
                      + f'\nextra:\n  x: !!python/object/apply:os.system ["touch {marker}"]\n', encoding="utf-8")
    fails_and_still_serves()
    assert not marker.exists()
    assert "Traceback" not in log.read_text(errors="replace")
