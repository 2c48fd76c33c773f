"""Commands that read the change history: history and diff."""

from __future__ import annotations

from pathlib import Path

import click

from ..text import printable, printable_json
from . import echo, main, must_exist


@main.command()
@click.argument("company_id", metavar="ID")
@click.option("--source", type=click.Path(path_type=Path, file_okay=False), default=Path("disclosures"),
              callback=must_exist, show_default=True, help="Folder of disclosures inside a git repository.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for people (newest first), json for programs (oldest first).")
def history(company_id: str, source: Path, fmt: str) -> None:
    """A company's change timeline, read from git."""
    from ..history.timeline import read_history

    found = read_history(source)
    if not found.available:
        raise click.ClickException(f"history unavailable: {found.message}")
    timeline = found.timeline(found.redirects.get(company_id, company_id))
    if timeline is None:
        raise click.ClickException(f"no history for '{printable(company_id)}' in {source}: "
                                   "it was never committed there")
    if fmt == "json":
        click.echo(printable_json([v.as_dict() for v in timeline.versions]))
        return
    if timeline.id != company_id:
        echo(f"{company_id} is now {timeline.id}")
    for v in timeline.newest_first:
        echo(f"{v.date[:10]}  {v.commit[:7]}  {v.message}  ({v.author})")
        lines = [f"could not be read: {v.problem}"] if v.state == "unreadable" else [e.text() for e in v.events]
        for line in lines or ["no change to the disclosed facts (layout or order only)"]:
            echo(f"    - {printable(line)}")


@main.command()
@click.argument("old", required=False)
@click.argument("new", required=False)
@click.option("--source", type=click.Path(path_type=Path, file_okay=False), default=Path("disclosures"),
              callback=must_exist, show_default=True, help="Folder of disclosures compared between two git revisions.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True, help="markdown suits a pull-request comment or a CI job summary.")
def diff(old: str | None, new: str | None, source: Path, fmt: str) -> None:
    """What changed between two disclosure files, or two git revisions (default: HEAD and your working tree)."""
    from ..history.gitlog import GitUnavailable
    from ..history.revisions import REPORTS, diff_files, diff_revisions

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
