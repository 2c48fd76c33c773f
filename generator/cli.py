"""The `disclose` command. Wiring only: each command calls the pipeline and prints."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import click

from .authoring.starter import name_problem, starter
from .check.schema import ID_PATTERN
from .check.validation import validate_paths
from .load.loader import DEFAULT_LIMITS, Limits
from .problems import FORMATS, summary
from .site import publish
from .text import printable


class _Group(click.Group):
    """Usage errors exit 2 (click's default); anything unexpected is one line, not a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            _quiet_exit()
        except OSError as e:
            raise click.ClickException(f"{e.filename or ''}: {e.strerror}") from None
        except Exception as e:  # a defect of ours: still one line, never a traceback
            raise click.ClickException(f"unexpected error, please report it: {type(e).__name__}: {e}") from None


def _quiet_exit() -> None:
    """The reader closed the pipe (`| head`): stop without a word, as a killed `git log` does."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())   # so that the final flush cannot fail again
    sys.exit(141)   # 128 + SIGPIPE


def _echo(text: str, err: bool = False) -> None:
    """Company text and commit messages on a terminal: every control character escaped."""
    click.echo("\n".join(printable(line) for line in text.split("\n")), err=err)


def _must_exist(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    """A folder named on the command line must exist: a typo is not an empty registry."""
    named = ctx.get_parameter_source(param.name or "") == click.core.ParameterSource.COMMANDLINE
    if value is not None and named and not value.is_dir():
        raise click.BadParameter(f"'{printable(str(value))}' is not a folder that exists", ctx, param)
    return value


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
@click.option("--source", type=click.Path(path_type=Path, file_okay=False), default=None, callback=_must_exist,
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
    code = publish.build(config_file, site_dir, source, say=lambda text: _echo(text, err=True))
    if code:
        click.echo(f"not built: {site_dir} is unchanged", err=True)
        sys.exit(code)
    click.echo(f"built {site_dir}/")


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

    if not re.fullmatch(ID_PATTERN, company_id):
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


@main.command()
@click.argument("folder", metavar="[DIR]", type=click.Path(path_type=Path, file_okay=False), default=Path("."))
@click.option("--site-name", default="Human-rights disclosures", show_default=True)
@click.option("--package", "spec", default=None,
              help="How CI installs disclose (a pip requirement); default: where this one came from.")
def init(folder: Path, site_name: str, spec: str | None) -> None:
    """Start a registry in DIR: mkdocs.yml, a starter disclosure, pre-commit and GitHub workflows."""
    from .authoring.init import package_spec, registry_files, write_registry

    if problem := name_problem(site_name):
        raise click.BadParameter(problem.replace("company's usual name", "site's name"), param_hint="--site-name")
    files = registry_files(site_name, spec or package_spec(), dt.date.today())
    try:
        written = write_registry(folder, files)
    except FileExistsError as e:
        raise click.ClickException(f"{e.args[0]} already exists; nothing was written") from None
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"next: cd {folder}, edit requirements.txt if it names example.org, git init, then: disclose build")


# --- Publishing: spreadsheet import and export, watchlist screening ---------------------

def _mapping(pairs: tuple[str, ...]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        column, sep, target = pair.partition("=")
        if not sep or not column.strip() or not target.strip():
            raise click.BadParameter(f"'{pair}': write COLUMN=FIELD, such as 'Factory name=name'", param_hint="--map")
        mapping[column.strip()] = target.strip()
    return mapping


@main.command(name="import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--company", "company_id", required=True, help="The disclosure to merge into: DIR/ID.yaml.")
@click.option("--list", "list_name", type=click.Choice(["suppliers", "partners", "government_counterparties"]),
              default="suppliers", show_default=True)
@click.option("--map", "pairs", multiple=True, metavar="COLUMN=FIELD",
              help="Read a column under another name, such as --map 'Factory name=name'. Repeatable.")
@click.option("--dir", "folder", type=click.Path(path_type=Path, file_okay=False), default=Path("disclosures"),
              show_default=True)
def import_(file: Path, company_id: str, list_name: str, pairs: tuple[str, ...], folder: Path) -> None:
    """Merge a CSV or XLSX list (Open Supply Hub layouts, brands' headings) into a disclosure.
    Writes nothing unless it validates."""
    from .authoring.importer import import_sheet

    outcome = import_sheet(file, folder / f"{company_id}.yaml", list_name, _mapping(pairs))
    if outcome.problems:
        click.echo(FORMATS["text"](sorted(outcome.problems)))
    if not outcome.ok:
        click.echo(f"not imported: {folder / company_id}.yaml is unchanged", err=True)
        sys.exit(1)
    click.echo(f"{list_name}: {len(outcome.added)} added, {len(outcome.updated)} updated, "
               f"{len(outcome.unchanged)} unchanged" + ("" if outcome.written else "; file unchanged"))


@main.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), required=True, help="Folder to write into.")
@click.option("--source", type=click.Path(path_type=Path, file_okay=False), default=Path("disclosures"),
              callback=_must_exist, show_default=True)
@click.option("--company", "company_id", default=None, help="Only this company (default: all).")
@click.option("--list", "list_name", type=click.Choice(["suppliers", "partners", "government_counterparties"]),
              default="suppliers", show_default=True)
@click.option("--layout", type=click.Choice(["osh-upload", "osh-download"]), default="osh-upload", show_default=True,
              help="Open Supply Hub's upload columns (with the model's own fields), or its download's.")
def export(fmt: str, out: Path, source: Path, company_id: str | None, list_name: str, layout: str) -> None:
    """Write entity lists in an Open Supply Hub layout: OUT/ID-LIST.csv (or .json)."""
    from .authoring.osh_export import write_export

    result = validate_paths([source / f"{company_id}.yaml" if company_id else source])
    if not result.ok:
        click.echo(FORMATS["text"](sorted(result.problems)))
        sys.exit(1)
    for doc in result.valid_documents():
        _echo(f"wrote {write_export(doc.data, list_name, out, fmt, layout)}")


@main.command()
@click.option("--source", type=click.Path(path_type=Path, file_okay=False), default=Path("disclosures"),
              callback=_must_exist, show_default=True)
@click.option("--watchlists", "lists", type=click.Path(path_type=Path, file_okay=False), default=Path("watchlists"),
              show_default=True, help="Lists besides the packaged ones; a file named like a packaged one replaces it.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Exit 1 when any match is not reviewed in the disclosure's screening.")
def screen(source: Path, lists: Path, fmt: str, strict: bool) -> None:
    """Compare every partner, supplier and counterparty with the watchlists."""
    from .model import Disclosure
    from .pipeline import layered, load_lists
    from .registry.screening import FORMATS as MATCH_FORMATS
    from .registry.screening import screen_registry, unreviewed

    result = validate_paths([source])
    watchlists, problems = load_lists(layered(lists))  # the packaged lists, then the registry's own
    shown = sorted([*result.problems, *problems])
    if shown:
        click.echo(FORMATS["text"](shown), err=True)
    matches = screen_registry([Disclosure.of(d.data) for d in result.valid_documents()], watchlists)
    output = MATCH_FORMATS[fmt](matches)
    if output:
        _echo(output) if fmt == "text" else click.echo(output)
    if fmt == "text":
        click.echo(f"{len(matches)} matches, {len(unreviewed(matches))} not reviewed", err=True)
    # A disclosure that cannot be read was not screened: that is a failure too.
    sys.exit(1 if not result.ok or (strict and unreviewed(matches)) else 0)
# --- change history: `disclose history` and `disclose diff` ---------------------------

@main.command()
@click.argument("company_id", metavar="ID")
@click.option("--source", type=click.Path(path_type=Path, file_okay=False), default=Path("disclosures"),
              callback=_must_exist, show_default=True, help="Folder of disclosures inside a git repository.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for people (newest first), json for programs (oldest first).")
def history(company_id: str, source: Path, fmt: str) -> None:
    """A company's change timeline, read from git."""
    from .history.timeline import read_history

    found = read_history(source)
    if not found.available:
        raise click.ClickException(f"history unavailable: {found.message}")
    timeline = found.timeline(found.redirects.get(company_id, company_id))
    if timeline is None:
        raise click.ClickException(f"no history for '{printable(company_id)}' in {source}: "
                                   "it was never committed there")
    if fmt == "json":
        click.echo(json.dumps([v.as_dict() for v in timeline.versions], ensure_ascii=False, indent=2, default=str))
        return
    if timeline.id != company_id:
        _echo(f"{company_id} is now {timeline.id}")
    for v in timeline.newest_first:
        _echo(f"{v.date[:10]}  {v.commit[:7]}  {v.message}  ({v.author})")
        lines = [f"could not be read: {v.problem}"] if v.state == "unreadable" else [e.text() for e in v.events]
        for line in lines or ["no change to the disclosed facts (layout or order only)"]:
            _echo(f"    - {printable(line)}")


@main.command()
@click.argument("old", required=False)
@click.argument("new", required=False)
@click.option("--source", type=click.Path(path_type=Path, file_okay=False), default=Path("disclosures"),
              callback=_must_exist, show_default=True, help="Folder of disclosures compared between two git revisions.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True, help="markdown suits a pull-request comment or a CI job summary.")
def diff(old: str | None, new: str | None, source: Path, fmt: str) -> None:
    """What changed between two disclosure files, or two git revisions (default: HEAD and your working tree)."""
    from .history.gitlog import GitUnavailable
    from .history.revisions import REPORTS, diff_files, diff_revisions

    missing = [p for p in (old, new) if p and p.endswith((".yaml", ".yml")) and not Path(p).is_file()]
    if missing:
        raise click.ClickException(f"{missing[0]}: no such file")
    if old and new and Path(old).is_file() and Path(new).is_file():
        diffs = [diff_files(Path(old), Path(new))]
        title = f"Changes from {old} to {new}"
    else:
        try:
            diffs = diff_revisions(source, old or "HEAD", new)
        except GitUnavailable as e:
            raise click.ClickException(e.message) from None
        title = f"Disclosure changes from {old or 'HEAD'} to {new or 'the working tree'}"
    click.echo(REPORTS["markdown"](diffs, title) if fmt == "markdown" else REPORTS[fmt](diffs), nl=False)
    if fmt != "markdown":
        click.echo()


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONUTF8", "1")
    main()
