"""Commands that move lists in and out: import, export, and watchlist screening."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..check.validation import validate_paths
from ..problems import FORMATS
from ..text import printable
from . import echo, main, must_exist


def _mapping(pairs: tuple[str, ...]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        column, sep, target = pair.partition("=")
        if not sep or not column.strip():   # an empty FIELD leaves the column out
            raise click.BadParameter(f"'{pair}': write COLUMN=FIELD, such as 'Factory name=name', or COLUMN= to "
                                     "leave a column out", param_hint="--map")
        mapping[column.strip()] = target.strip()
    return mapping


def _disclosure(company: str, folder: Path) -> Path:
    """The file --company names: an ID (DIR/ID.yaml), or a disclosure's file ('disclosures/acme.yaml', 'acme.yaml')."""
    if not company.endswith((".yaml", ".yml")):
        return folder / f"{company}.yaml"
    given = Path(company)
    return next((p for p in (given, folder / given.name) if p.is_file()),
                given if given.parent != Path() else folder / given.name)


@main.command(name="import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--company", "company_id", required=True,
              help="The disclosure to merge into: its ID (the file DIR/ID.yaml), or the path of its file.")
@click.option("--list", "list_name", type=click.Choice(["suppliers", "partners", "government_counterparties"]),
              default="suppliers", show_default=True)
@click.option("--map", "pairs", multiple=True, metavar="COLUMN=FIELD",
              help="Read a column as a field, such as --map 'Factory name=name'; it wins over the headings the "
                   "importer reads by itself. --map 'Column=' leaves a column out. Repeatable.")
@click.option("--dir", "folder", type=click.Path(path_type=Path, file_okay=False), default=Path("disclosures"),
              show_default=True)
@click.option("--header-row", type=click.IntRange(min=1), default=None, metavar="N",
              help="The row that holds the column headings (default: found among the first 30 rows).")
@click.option("--sheet", "sheet_name", default=None, metavar="NAME",
              help="The XLSX worksheet to read (default: the only one that holds a supplier table).")
def import_(file: Path, company_id: str, list_name: str, pairs: tuple[str, ...], folder: Path,
            header_row: int | None, sheet_name: str | None) -> None:
    """Merge a CSV or XLSX list (Open Supply Hub layouts, brands' headings) into a disclosure.
    Writes nothing unless it validates."""
    from ..authoring.importer import import_sheet

    target = _disclosure(company_id, folder)
    outcome = import_sheet(file, target, list_name, _mapping(pairs), header_row=header_row, sheet_name=sheet_name)
    if outcome.table:   # names the sheet, whose title is the workbook's text: a line break or a bidi control
        click.echo(printable(f"read {file}: {outcome.table}"))
    if outcome.problems:
        click.echo(FORMATS["text"](sorted(outcome.problems)))
    if not outcome.ok:
        click.echo(f"not imported: {target} is unchanged", err=True)
        sys.exit(1)
    click.echo(f"{list_name}: {len(outcome.added)} added, {len(outcome.updated)} updated, "
               f"{len(outcome.unchanged)} unchanged" + ("" if outcome.written else "; file unchanged"))


@main.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), required=True, help="Folder to write into.")
@click.option("--source", type=click.Path(path_type=Path, file_okay=False), default=Path("disclosures"),
              callback=must_exist, show_default=True)
@click.option("--company", "company_id", default=None, help="Only this company (default: all).")
@click.option("--list", "list_name", type=click.Choice(["suppliers", "partners", "government_counterparties"]),
              default="suppliers", show_default=True)
@click.option("--layout", type=click.Choice(["osh-upload", "osh-download"]), default="osh-upload", show_default=True,
              help="Open Supply Hub's upload columns (with the model's own fields), or its download's.")
def export(fmt: str, out: Path, source: Path, company_id: str | None, list_name: str, layout: str) -> None:
    """Write entity lists in an Open Supply Hub layout: OUT/ID-LIST.csv (or .json)."""
    from ..authoring.osh_export import write_export

    result = validate_paths([source / f"{company_id}.yaml" if company_id else source])
    if not result.ok:
        click.echo(FORMATS["text"](sorted(result.problems)))
        sys.exit(1)
    for doc in result.valid_documents():
        try:
            echo(f"wrote {write_export(doc.data, list_name, out, fmt, layout)}")
        except OSError as e:
            raise click.ClickException(f"{doc.data['company']['id']}'s {list_name} not exported into {out}: "
                                       f"{e.strerror or e}; a file written there before is unchanged") from None


@main.command()
@click.option("--source", type=click.Path(path_type=Path, file_okay=False), default=Path("disclosures"),
              callback=must_exist, show_default=True)
@click.option("--watchlists", "lists", type=click.Path(path_type=Path, file_okay=False), default=Path("watchlists"),
              show_default=True, help="Lists besides the packaged ones; a file named like a packaged one replaces it.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Exit 1 when any match is not reviewed in the disclosure's screening.")
def screen(source: Path, lists: Path, fmt: str, strict: bool) -> None:
    """Compare every partner, supplier and counterparty with the watchlists."""
    from ..model import Disclosure
    from ..pipeline import layered, load_lists
    from ..registry.screening import FORMATS as MATCH_FORMATS
    from ..registry.screening import screen_registry, unreviewed

    result = validate_paths([source])
    watchlists, problems = load_lists(layered(lists))  # the packaged lists, then the registry's own
    shown = sorted([*result.problems, *problems])
    if shown:
        click.echo(FORMATS["text"](shown), err=True)
    matches = screen_registry([Disclosure.of(d.data) for d in result.valid_documents()], watchlists)
    output = MATCH_FORMATS[fmt](matches)
    if output:
        echo(output) if fmt == "text" else click.echo(output)
    if fmt == "text":
        click.echo(f"{len(matches)} matches, {len(unreviewed(matches))} not reviewed", err=True)
    # A disclosure that cannot be read was not screened: that is a failure too.
    sys.exit(1 if not result.ok or (strict and unreviewed(matches)) else 0)
