"""The `disclose` command. Wiring only: each command calls the pipeline and prints."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import click

from . import publish
from .loader import DEFAULT_LIMITS, Limits
from .problems import FORMATS, summary
from .starter import name_problem, starter
from .validation import validate_paths

ID_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"


class _Group(click.Group):
    """Usage errors exit 2 (click's default); anything unexpected is one line, not a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except OSError as e:
            raise click.ClickException(f"{e.filename or ''}: {e.strerror}") from None
        except Exception as e:  # a defect of ours: still one line, never a traceback
            raise click.ClickException(f"unexpected error, please report it: {type(e).__name__}: {e}") from None


@click.group(cls=_Group)
@click.version_option(package_name="disclose")
def main() -> None:
    """Publish, validate and compare human-rights due-diligence disclosures."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True,
              help="text for people and editors, json for programs, github for pull-request annotations.")
@click.option("--max-bytes", type=click.IntRange(1), default=DEFAULT_LIMITS.max_bytes, show_default=True,
              help="Largest file accepted.")
def validate(paths: tuple[Path, ...], fmt: str, max_bytes: int) -> None:
    """Check disclosure files (default: the disclosures/ folder). Exit 1 when any has an error."""
    limits = Limits(max_bytes=max_bytes)
    result = validate_paths(list(paths) or [Path("disclosures")], limits=limits)
    problems = sorted(result.problems)
    output = FORMATS[fmt](problems)
    if output:
        click.echo(output)
    if fmt != "json":
        click.echo(summary(problems, len(result.documents)), err=fmt == "github")
    sys.exit(0 if result.ok else 1)


@main.command()
@click.option("--source", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of disclosures (default: as mkdocs.yml says, disclosures/).")
@click.option("--site-dir", type=click.Path(path_type=Path, file_okay=False), default=Path("site"), show_default=True)
@click.option("--config-file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              default=Path("mkdocs.yml"), show_default=True)
def build(source: Path | None, site_dir: Path, config_file: Path) -> None:
    """Build the website. On failure the previous site is left as it was."""
    result = validate_paths([source or config_file.parent / "disclosures"])
    if not result.ok:
        problems = sorted(result.problems)
        click.echo(FORMATS["text"](problems))
        click.echo(summary(problems, len(result.documents)))
        click.echo(f"not built: {site_dir} is unchanged", err=True)
        sys.exit(1)
    code = publish.build(config_file, site_dir, source)
    if code:
        click.echo(f"not built: {site_dir} is unchanged", err=True)
        sys.exit(code)
    click.echo(f"built {site_dir}/ from {len(result.documents)} disclosures")


@main.command()
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True)
def serve(dev_addr: str) -> None:
    """Live preview of the site while you edit disclosures."""
    sys.exit(subprocess.call([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", dev_addr]))


@main.command()
@click.argument("company_id", metavar="ID")
@click.option("--name", required=True, help="The company's usual name.")
@click.option("--dir", "folder", type=click.Path(path_type=Path, file_okay=False), default=Path("disclosures"),
              show_default=True)
def new(company_id: str, name: str, folder: Path) -> None:
    """Write a starter disclosure, disclosures/ID.yaml, that validates as written."""
    import re

    if not re.match(ID_PATTERN, company_id):
        raise click.BadParameter("use lower-case letters, digits and hyphens, such as acme-corp", param_hint="ID")
    if problem := name_problem(name):
        raise click.BadParameter(problem, param_hint="--name")
    # Made before the file is opened: a failure must not leave an empty file behind.
    content = starter(company_id, name, dt.date.today())
    target = folder / f"{company_id}.yaml"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with open(target, "x", encoding="utf-8") as f:
            f.write(content)
    except FileExistsError:
        raise click.ClickException(f"{target} already exists; edit it instead") from None
    click.echo(f"wrote {target}; check it with: disclose validate {target}")


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONUTF8", "1")
    main()
