"""Shapes of published lists that read a cell or a heading as something it is not: a firm named like a
totals row, an English heading that is a word of another language."""

from __future__ import annotations

from pathlib import Path

from generator.authoring.importer import import_sheet
from tests.authoring.test_import import disclosure
from tests.authoring.test_published_cells import TODAY, _suppliers, _xlsx


def _imported(tmp_path: Path, rows: list[list[object]]) -> tuple[dict[str, dict], list]:
    target = disclosure(tmp_path)
    outcome = import_sheet(_xlsx(tmp_path, rows), target, "suppliers", today=TODAY)
    assert outcome.ok, [p.text() for p in outcome.problems]
    return _suppliers(target), outcome.problems


def test_a_firm_named_total_with_its_address_and_country_is_a_site(tmp_path: Path) -> None:
    """'Total' beside its street, town and country was "read as a total, not as a site; it is not
    imported"; a row of sums, or a subtotal beside its country alone, still is a total."""
    sites, problems = _imported(tmp_path, [
        ["Factory Name", "Address", "City", "Country", "Workers"],
        ["Total", "1 Example Road", "Prato", "Italy", "300"],
        ["Alpha Knit", "2 Example Road", "Gazipur", "Bangladesh", "1,200"],
        ["Total", "", "", "Bangladesh", "1,200"],
        ["Sum", "", "", "", "1,500"]])
    assert sites["Total"]["country"] == "IT" and sites["Total"]["workers"] == 300
    assert len(sites) == 3    # the fixture's own supplier, Total and Alpha Knit
    assert [p.line for p in problems if p.code == "import-note-row"] == [4, 5]
