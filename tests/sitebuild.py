"""Build a real site once for a test module: the project's mkdocs.yml over a folder of disclosures."""

from __future__ import annotations

import functools
import http.server
import shutil
import socket
import sys
import threading
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.site import publish

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "site"


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now, for a server started in another process."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str, timeout: float = 10) -> str:
    """The page's text, or "" while nothing (or an error) answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return str(response.read().decode("utf-8", "replace"))
    except OSError:
        return ""


def project_copy(target: Path, disclosures: Path | None = FIXTURES) -> Path:
    """mkdocs.yml and docs/ of the project, with the given disclosures; the rest comes with the plugin."""
    shutil.copytree(ROOT / "docs", target / "docs")
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    if disclosures is not None:
        shutil.copytree(disclosures, target / "disclosures")
    return target


def build(target: Path, disclosures: Path = FIXTURES, engine: str = "mkdocs") -> Path:
    project = project_copy(target / "project", disclosures)
    site = target / "site"
    code = publish.build(project / "mkdocs.yml", site, project / "disclosures", engine=engine)
    assert code == 0, f"{engine} build failed with exit code {code}"
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # A browser that drops a request it no longer needs (a page left mid-load) is not an error of the site.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(site: Path, handler_class: type[http.server.SimpleHTTPRequestHandler] = _QuietHandler) -> Iterator[str]:
    """Serve a built site on 127.0.0.1, on a free port."""
    handler = functools.partial(handler_class, directory=str(site))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
