"""The `disclose` command: arguments → the pipeline → printed results. Wiring only.

The group and what every command shares live here; the commands, by what they serve:
`checking` (validate, build, serve, new, init), `publishing` (import, export, screen),
`changes` (history, diff).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..text import log_line, printable


class _Group(click.Group):
    """Usage errors exit 2 (click's default); anything unexpected is one line, not a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        from ..load.loader import LIBYAML_MISSING

        if LIBYAML_MISSING:
            raise click.ClickException(LIBYAML_MISSING)
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            _quiet_exit()
        except OSError as e:
            where = f"{printable(str(e.filename))}: " if e.filename else ""
            raise click.ClickException(f"{where}{e.strerror or printable(str(e))}") from None
        except Exception as e:  # a defect of ours: still one line, never a traceback
            raise click.ClickException(f"unexpected error, please report it: {type(e).__name__}: "
                                       f"{printable(str(e))}") from None


def _quiet_exit() -> None:
    """The reader closed the pipe (`| head`): stop without a word, as a killed `git log` does."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())   # so that the final flush cannot fail again
    sys.exit(141)   # 128 + SIGPIPE


def echo(text: str, err: bool = False) -> None:
    """Company text, commit messages and what a build printed, on a terminal or in a CI log: every control
    character escaped, and no line a workflow command."""
    click.echo("\n".join(log_line(line) for line in text.split("\n")), err=err)


def must_exist(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    """A folder named on the command line must exist: a typo is not an empty registry."""
    named = ctx.get_parameter_source(param.name or "") == click.core.ParameterSource.COMMANDLINE
    if value is not None and named and not value.is_dir():
        raise click.BadParameter(f"'{printable(str(value))}' is not a folder that exists", ctx, param)
    return value


@click.group(cls=_Group)
@click.version_option(package_name="disclose")
def main() -> None:
    """Publish, validate and compare human-rights due-diligence disclosures."""


# Each module adds its commands to `main` when imported.
from . import changes, checking, publishing  # noqa: E402, F401
