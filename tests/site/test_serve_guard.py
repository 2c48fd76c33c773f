"""Which Host headers `disclose serve` answers: this machine's names and addresses, never another host's."""

from __future__ import annotations

import pytest

from generator.site.serve_guard import _quiet_errors, exposed, host_allowed


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "LOCALHOST", "[::1]:8000", "127.0.0.1",
                                  "app.localhost:8000", "192.168.1.20:8000", ""])
def test_this_machine_is_answered(host: str) -> None:
    assert host_allowed(host, "127.0.0.1")


@pytest.mark.parametrize("host", ["evil.example:8000", "evil.example", "127.0.0.1.evil.example:8000",
                                  "localhost.evil.example", "[::1", "evil.example:99999"])
def test_another_host_is_refused(host: str) -> None:
    assert not host_allowed(host, "127.0.0.1")


def test_the_name_serve_was_asked_to_listen_on_is_answered() -> None:
    assert host_allowed("preview.lan:8000", "preview.lan")
    assert not host_allowed("preview.lan:8000", "127.0.0.1")


@pytest.mark.parametrize(("dev_addr", "warned"), [
    ("127.0.0.1:8000", False), ("localhost:8000", False), ("[::1]:8000", False), ("127.0.0.2:9000", False),
    ("0.0.0.0:8000", True), ("[::]:8000", True), ("192.168.1.5:8000", True), ("myhost.example:8000", True)])
def test_a_preview_open_to_the_network_is_said_to_be(dev_addr: str, warned: bool) -> None:
    """--dev-addr 0.0.0.0 made every draft readable from the network without a word."""
    assert bool(exposed(dev_addr)) is warned


def test_a_failed_requests_error_is_printed_with_its_control_characters_escaped(
        capsys: pytest.CaptureFixture[str]) -> None:
    """An error's text may carry what the request sent: a terminal escape in it retitled the maintainer's
    terminal, where every other error line of the tool is escaped."""
    try:
        raise ValueError("bad path \x1b]0;owned\x07")
    except ValueError:
        _quiet_errors(None, None)
    said = capsys.readouterr().err
    assert "\x1b" not in said and "\x07" not in said and "bad path" in said
