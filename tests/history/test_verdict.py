"""History's quick answer to "do the document checks find an error?" is theirs, for any data."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.check import checks
from generator.history.verdict import document_errors
from generator.load.fast import load_fast
from generator.load.loader import Loaded
from tests.history.test_pieces import FUZZ, TODAY, _mutated, edits, texts

PATH = "disclosures/company-1.yaml"
ids = st.one_of(st.sampled_from(["a", "b", "c", "company-1", "r1", "s1"]), st.none(), st.integers(0, 2))
refs = st.lists(st.one_of(st.sampled_from(["a", "b", "c", "r1", "s1", "zzz"]), st.integers(0, 2)), max_size=3)
record = st.fixed_dictionaries({}, optional={"id": ids, "scope": refs, "risks": refs, "entities": refs,
                                             "entity": ids, "country": st.just("CN")})
items = st.lists(st.one_of(record, st.none(), st.just("text")), max_size=4)
lists = ("partners", "suppliers", "government_counterparties", "due_diligence", "risks", "operations", "screening")
documents = st.fixed_dictionaries(
    {}, optional={**{name: st.one_of(items, st.just("not a list")) for name in lists},
                  "company": st.one_of(st.fixed_dictionaries({}, optional={"id": ids}), st.just("text")),
                  "disclosure": st.just({"published": "2020-01-01"})})


def _theirs(data: dict[str, Any], path: str = PATH) -> bool:
    return any(p.is_error for p in checks.semantic_problems(Loaded(path, data, None), TODAY, checks.DOCUMENT_CHECKS))


@settings(max_examples=600, deadline=None)
@given(documents)
def test_the_quick_answer_is_the_document_checks_on_any_data(data: dict[str, Any]) -> None:
    assert document_errors(data, PATH) == _theirs(data)


@FUZZ
@given(texts, edits)
def test_the_quick_answer_is_the_document_checks_on_edited_disclosures(text: str,
                                                                        changes: list[tuple[int, int, str]]) -> None:
    data = load_fast(_mutated(text, changes).encode())
    if data is not None:
        company = data.get("company")
        name = company.get("id") if isinstance(company, dict) and isinstance(company.get("id"), str) else "x"
        for path in (PATH, f"disclosures/{name}.yaml"):
            assert document_errors(data, path) == _theirs(data, path)
