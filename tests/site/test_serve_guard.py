"""Which Host headers `disclose serve` answers: this machine's names and addresses, never another host's."""

from __future__ import annotations

import pytest

from generator.site.serve_guard import host_allowed


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
