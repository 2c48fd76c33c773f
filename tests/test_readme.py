"""The README documents every command and every option of the command line."""

from __future__ import annotations

import pytest

from generator.cli import main
from tests.sitebuild import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_and_option_is_in_the_readme(name):
    command = main.commands[name]
    assert f"disclose {name}" in README
    for param in command.params:
        for flag in getattr(param, "opts", []):
            if flag.startswith("--") and flag != "--help":
                row = next((line for line in README.splitlines() if f"`disclose {name}" in line and flag in line), None)
                assert row is not None, f"{flag} of disclose {name} is not in the README's command table"


def test_quick_start_is_two_commands():
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert "make site" in quick and "make test" in quick
