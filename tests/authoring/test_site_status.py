"""Whether a site is still supplied, as lists write it in a Status or Closed column: read when
the words say which of active, suspended or ended it is; a warning at the cell otherwise, never
a stopped list."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from generator.authoring.importer import import_sheet
from tests.authoring.test_import import disclosure
from tests.authoring.test_real_lists import TODAY, imported

CELLS = [  # the cell, what is stored (None: nothing), the warning's code ("": none)
    ("active", "active", ""), ("Active", "active", ""), ("ACTIVE", "active", ""), ("Current", "active", ""),
    ("Operating", "active", ""), ("Suspended", "suspended", ""), ("On hold", "suspended", ""),
    ("Ended", "ended", ""), ("Closed", "ended", ""), ("Terminated", "ended", ""), ("Exited", "ended", ""),
    ("Inactive", None, "import-status"), ("Approved with conditions", None, "import-status"),
]


def _list(tmp_path: Path, heading: str, cells: list[str]) -> Path:
    sheet = tmp_path / "list.csv"
    with open(sheet, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["Factory Name", "Address", "Country", heading],
                                 *([f"Example Mill {i}", f"{i} Example Road", "Portugal", text]
                                   for i, text in enumerate(cells))])
    return sheet


@pytest.mark.parametrize("heading", ["Status", "Factory Status", "Supplier Status"])
def test_a_status_as_lists_write_it_is_read_and_one_that_says_neither_is_a_warning(tmp_path: Path,
                                                                                   heading: str) -> None:
    _, suppliers = imported(tmp_path, _list(tmp_path, heading, [text for text, _, _ in CELLS]))
    assert [suppliers[f"example-mill-{i}-pt"].get("status") for i in range(len(CELLS))] == [s for _, s, _ in CELLS]


def test_the_warning_is_at_the_cell_and_says_what_to_write(tmp_path: Path) -> None:
    outcome = import_sheet(_list(tmp_path, "Status", ["Active", "Inactive"]), disclosure(tmp_path), "suppliers",
                           today=TODAY)
    [problem] = outcome.problems
    assert outcome.written and (problem.line, problem.column, problem.code) == (3, 4, "import-status")
    assert "'Inactive'" in problem.message and "active, suspended or ended" in problem.message


def test_a_note_dating_a_change_of_status_since_is_not_set_aside(tmp_path: Path) -> None:
    """Each kept its first word as the status (suspended, ended, active), the note that changed it read as a date."""
    cells = ["Suspended - reinstated 2024", "Closed (reopened 2024)", "Active, ended 2023", "Exited (2023)",
             "Closed - Dec 2023", "Active (new 2024)"]
    outcome = import_sheet(_list(tmp_path, "Status", cells), disclosure(tmp_path), "suppliers", today=TODAY)
    assert [(p.line, p.code) for p in outcome.problems] == [(2, "import-status"), (3, "import-status"),
                                                            (4, "import-status")]
    _, suppliers = imported(tmp_path, _list(tmp_path, "Status", cells))
    assert [suppliers[f"example-mill-{i}-pt"].get("status") for i in range(len(cells))] == [
        None, None, None, "ended", "ended", "active"]


def test_a_closed_column_that_says_neither_yes_nor_no_is_a_warning(tmp_path: Path) -> None:
    _, suppliers = imported(tmp_path, _list(tmp_path, "is_closed", ["True", "no", "Partly"]))
    assert [suppliers[f"example-mill-{i}-pt"].get("status") for i in range(3)] == ["ended", None, None]
