"""Countries as lists write them: resolved when certain, refused with candidates otherwise."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from generator.authoring.countries import explain, resolve

DATA = Path(__file__).parents[1] / "data"


def rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_real_usage_resolves_and_the_undecidable_is_refused() -> None:
    answers = {r["text"]: (r["iso2"], resolve(r["text"]).code) for r in rows("countries.csv")}
    assert {t: got for t, (want, got) in answers.items() if got != want} == {}


def test_spellings_the_table_was_not_made_from_are_never_resolved_wrongly() -> None:
    wrong = {r["text"]: resolve(r["text"]).code for r in rows("countries-holdout.csv")
             if resolve(r["text"]).code not in ("", r["iso2"])}
    assert wrong == {}


@pytest.mark.parametrize(("text", "candidates"), [("Korea", ("KR", "KP")), ("Congo", ("CG", "CD")),
                                                   ("Channel Islands", ("GG", "JE"))])
def test_ambiguous_names_list_their_candidates(text: str, candidates: tuple[str, ...]) -> None:
    found = resolve(text)
    assert found.code == "" and found.ambiguous and found.candidates == candidates
    assert all(c in explain(text, found) for c in candidates)


def test_a_typo_is_an_error_that_suggests_never_a_guess() -> None:
    found = resolve("Bangaldesh")
    assert found.code == "" and "Bangladesh (BD)" in explain("Bangaldesh", found)
    assert resolve("Kosovo").code == resolve("XKX").code == resolve("xk").code == "XK"
    assert resolve("TÜRKİYE").code == resolve("Turkey").code == "TR"
    assert resolve("United\r\nKingdom").code == "GB"
