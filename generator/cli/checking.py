"""Commands that check and build: validate, build, serve, new, init."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from ..authoring.atomic_write import write_new
from ..authoring.starter import name_problem, starter
from ..check.checks import device_name
from ..check.schema import ID_PATTERN
from ..check.spool import Spool
from ..check.validation import validate_paths
from ..load.loader import DEFAULT_LIMITS, Limits
from ..problems import FILE_FORMATS, as_text, counted
from ..site import publish
from ..site.config_file import config_problems
from ..site.serve_guard import exposed
from . import echo, main, must_exist


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(sorted(FILE_FORMATS)), default="text", show_default=True,
              help="text for people and editors, json for programs, github for pull-request annotations.")
@click.option("--max-bytes", type=click.IntRange(1), default=DEFAULT_LIMITS.max_bytes, show_default=True,
              help="Largest file accepted.")
def validate(paths: tuple[Path, ...], fmt: str, max_bytes: int) -> None:
    """Check disclosure files (default: the disclosures/ folder). Exit 1 when any has an error."""
    limits = Limits(max_bytes=max_bytes)
    # Each file's problems are kept on disk as they are found, and written a file at a time.
    with Spool() as spool:
        result = validate_paths(list(paths) or [Path("disclosures")], limits=limits, spool=spool)
        printed = False
        for part in FILE_FORMATS[fmt](spool.files()):
            click.echo(part, nl=False)
            printed = printed or bool(part)
        if printed:
            click.echo()
        if fmt != "json":
            click.echo(counted(spool.errors, spool.warnings, len(result.documents)), err=fmt == "github")
    sys.exit(0 if spool.ok else 1)


@main.command()
@click.option("--source", type=click.Path(path_type=Path, file_okay=False), default=None, callback=must_exist,
              help="Folder of disclosures (default: as mkdocs.yml says, disclosures/).")
@click.option("--site-dir", type=click.Path(path_type=Path, file_okay=False), default=Path("site"), show_default=True)
@click.option("--config-file", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=None,
              help="Default: mkdocs.yml; without one, a built-in configuration over disclosures/.")
def build(source: Path | None, site_dir: Path, config_file: Path | None) -> None:
    """Build the website. On failure the previous site is left as it was."""
    if config_file is None and Path("mkdocs.yml").is_file():
        config_file = Path("mkdocs.yml")
    elif config_file is None:
        click.echo("no mkdocs.yml here: building disclosures/ with the built-in configuration "
                   "(`disclose init` writes one to change)", err=True)
    code = publish.build(config_file, site_dir, source, say=lambda text: echo(text, err=True))
    if code:
        click.echo(f"not built: {site_dir} is unchanged", err=True)
        sys.exit(code)
    click.echo(f"built {site_dir}/")


@main.command()
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True)
def serve(dev_addr: str) -> None:
    """Live preview of the site while you edit disclosures."""
    if not Path("mkdocs.yml").is_file():
        click.echo("no mkdocs.yml here: run `disclose serve` in a registry's folder (`disclose init` writes one; "
                   "`disclose build` builds without it)", err=True)
        sys.exit(publish.USAGE)
    if problems := config_problems(Path("mkdocs.yml")):
        click.echo(f"{as_text(problems)}\nnot served: mkdocs.yml asks what a build does not do", err=True)
        sys.exit(1)
    if warning := exposed(dev_addr):
        click.echo(warning, err=True)
    # MkDocs takes this process's place: stopping `disclose serve` stops the server, and leaves none behind.
    os.execv(sys.executable, [sys.executable, "-m", "generator.site.engine", "mkdocs", "serve", "--dev-addr", dev_addr])


@main.command()
@click.argument("company_id", metavar="ID")
@click.option("--name", required=True, help="The company's usual name.")
@click.option("--dir", "folder", type=click.Path(path_type=Path, file_okay=False), default=Path("disclosures"),
              show_default=True)
def new(company_id: str, name: str, folder: Path) -> None:
    """Write a starter disclosure, disclosures/ID.yaml, that validates as written."""
    import re

    if not re.fullmatch(ID_PATTERN, company_id):
        raise click.BadParameter("use lower-case letters, digits and hyphens, such as acme-corp", param_hint="ID")
    if why := device_name(company_id):
        raise click.BadParameter(why, param_hint="ID")
    if problem := name_problem(name):
        raise click.BadParameter(problem, param_hint="--name")
    # Made before the file is opened: a failure must not leave an empty file behind.
    content = starter(company_id, name, dt.date.today())
    target = folder / f"{company_id}.yaml"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        write_new(target, content.encode("utf-8"))
    except FileExistsError:
        raise click.ClickException(f"{target} already exists; edit it instead") from None
    except OSError as e:
        raise click.ClickException(f"{target} not written: {e.strerror}; nothing was left behind") from None
    click.echo(f"wrote {target}; check it with: disclose validate {target}")


@main.command()
@click.argument("folder", metavar="[DIR]", type=click.Path(path_type=Path, file_okay=False), default=Path("."))
@click.option("--site-name", default="Human-rights disclosures", show_default=True)
@click.option("--package", "spec", default=None,
              help="How CI installs disclose (a pip requirement); default: where this one came from.")
def init(folder: Path, site_name: str, spec: str | None) -> None:
    """Start a registry in DIR: mkdocs.yml, a starter disclosure, pre-commit and GitHub workflows."""
    from ..authoring.init import package_spec, registry_files, write_registry

    if problem := name_problem(site_name):
        raise click.BadParameter(problem.replace("company's usual name", "site's name"), param_hint="--site-name")
    files = registry_files(site_name, spec or package_spec(), dt.date.today())
    try:
        written = write_registry(folder, files)
    except FileExistsError as e:
        raise click.ClickException(f"{e.args[0]} already exists; nothing was written") from None
    except OSError as e:
        raise click.ClickException(f"the registry was not set up in {folder}: {e.strerror or e}; "
                                   "no file was left behind") from None
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"next: cd {folder}, edit requirements.txt if it names example.org, git init, then: disclose build")
