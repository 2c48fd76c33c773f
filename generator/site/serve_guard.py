"""`disclose serve`'s server answers a browser on this machine, and nothing else.

MkDocs' preview server answers whatever reaches its port. A web page on evil.example whose
name the attacker's DNS then resolves to 127.0.0.1 (DNS rebinding) is, to the browser, the
same origin as the preview: its script could read every page of it, the disclosures not yet
committed among them. Such a request still says the name it was sent to in its Host header,
so a Host that is neither this machine's name nor an address is refused. A connection that
never finishes its request is closed after a while instead of holding a thread for good.
"""

from __future__ import annotations

import ipaddress
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..text import printable

# Long enough for a slow machine's request, short enough that idle connections cannot pile up.
REQUEST_SECONDS = 30
REFUSED_HOST = (b"This preview answers only http://127.0.0.1 or http://localhost: the address in your "
                b"browser names another host, as a page that rebinds its name to this machine would.\n")

Respond = Callable[..., Any]
App = Callable[[dict[str, Any], Respond], Iterable[bytes]]


def _name(host: str) -> str:
    """The host name of a Host header ('[::1]:8000' → '::1'), lower-case; '' when it cannot be read."""
    try:
        return urlsplit(f"//{host}").hostname or ""
    except ValueError:
        return ""


def exposed(dev_addr: str) -> str:
    """A warning when the preview would answer other machines too: the disclosures not yet committed, and any
    draft, could then be read by anyone on the network ('' for a loopback address)."""
    host = _name(dev_addr)
    try:
        if ipaddress.ip_address(host).is_loopback:
            return ""
    except ValueError:
        if host == "localhost":
            return ""
    return (f"warning: --dev-addr {dev_addr} lets other machines on your network read this preview, drafts "
            "included; use 127.0.0.1:8000 to keep it to this one")


def host_allowed(host: str, bound: str) -> bool:
    """Whether a request's Host header names this machine: a browser sends the name it resolved."""
    if not host:   # not a browser (every browser sends one): nothing to rebind
        return True
    name = _name(host)
    if name in {"localhost", bound.lower()} or name.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(name)   # an address is not looked up, so cannot be rebound
        return True
    except ValueError:
        return False


def guarded(app: App, bound: str) -> App:
    """`app`, answering only requests sent to this machine's names, and never to a NUL in a path."""

    def guard(environ: dict[str, Any], respond: Respond) -> Iterable[bytes]:
        if not host_allowed(environ.get("HTTP_HOST", ""), bound):
            respond("403 Forbidden", [("Content-Type", "text/plain; charset=utf-8")])
            return [REFUSED_HOST]
        if "\0" in environ.get("PATH_INFO", ""):   # MkDocs would log a traceback for it
            respond("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"404 Not Found\n"]
        return app(environ, respond)

    return guard


def _quiet_errors(request: Any, address: Any) -> None:
    """A connection that timed out or went away is no one's mistake: one line for anything else."""
    error = sys.exc_info()[1]
    if not isinstance(error, (TimeoutError, ConnectionError)):
        # Its text may carry what the request sent: escaped, as every other error line is
        print(f"preview: a request failed: {type(error).__name__}: {printable(str(error))}", file=sys.stderr)


def guard_server(server: Any) -> None:
    """Refuse other hosts' requests, end stalled ones, and show the served site's own 404 page."""
    server.set_app(guarded(server.get_app(), str(server.server_address[0])))
    server.RequestHandlerClass = type("TimedHandler", (server.RequestHandlerClass,), {"timeout": REQUEST_SECONDS})
    server.handle_error = _quiet_errors
    server.error_handler = lambda code: _error_page(Path(server.root), code)


def _error_page(site: Path, code: int) -> bytes | None:
    page = site / f"{code}.html"
    try:
        return page.read_bytes() if code == 404 and page.is_file() and not page.is_symlink() else None
    except OSError:
        return None
