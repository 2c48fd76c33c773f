"""History's piece-by-piece parse gives the fast path's data for the whole text, or none
(then the whole is read as before): never other data, whatever the text."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.history import disclosure
from generator.check.validation import check_bytes
from generator.history import pieces
from generator.history.pieces import Pieces
from generator.history.verdict import parse_version
from generator.load.fast import load_fast
from tests.sitebuild import ROOT

FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TODAY = dt.date(2025, 7, 1)
EXAMPLES = [f.read_text(encoding="utf-8") for f in sorted((ROOT / "disclosures").glob("*.yaml"))]
# Lines that make a cut wrong, or that YAML reads across lines: the parse must notice.
TRICKY = ["key: |", "key: >-", "  - x", "- x", "    - nested", "  -\tx", "\t- x", "x: 'a", "  b'", '  "c', "? a",
          ": b", "# note", "", "   ", "suppliers:", "suppliers: ~", '"q": 1', "  - {a: 1,", "  b: 2}", "a: &x 1",
          "b: *x", "...", "---", "  - id: a\r  - id: b", "company: {id: x}", "name: Example", "  name: Other",
          "  - id: supplier-1", "      deep: 1", "-", "  -", "1: one", "true: yes", "x:#y", "  summary: |",
          "   text", "  - 1_000", "- 0b1", "risks:", "  - !tag x", "key: [a,", "  b]",
          # and lines that make an item, or the file, wrong in the semantic checks' eyes
          "    country: ZZ", "    subdivision: US-CA", "    since: 2025-02-30", "    until: 2020-01-01",
          "    status: ended", "    status: completed", "    step: independent-audit", "    workers: 9-3",
          "    female_workers: 9999", '    name: "a\\u202eb"', "    id: supplier-1", "    id: step-0",
          'schema_version: "1.1"', "    scope: [nobody]", "    conducted_by: {name: X, independent: false}"]
# One parser for every example: what it remembers from one text must not change another's.
SHARED = Pieces()


def _mutated(text: str, edits: list[tuple[int, int, str]]) -> str:
    lines = text.split("\n")
    for kind, at, line in edits:
        at %= len(lines) + 1
        if kind == 0:
            lines.insert(at, line)
        elif kind == 1 and at < len(lines):
            del lines[at]
        elif kind == 2 and at < len(lines):
            lines[at] = line
        elif at < len(lines):   # indented differently
            lines[at] = " " * (kind - 2) + lines[at].lstrip(" ")
    return "\n".join(lines)


def _synthetic(seed: int) -> str:
    rng = random.Random(seed)
    state = {"suppliers": sorted(rng.sample(range(1, 40), rng.randint(0, 12))), "steps": [rng.randrange(3)] * 5}
    return disclosure(seed, rng, state, f"company-{seed}")


texts = st.one_of(st.sampled_from(EXAMPLES), st.integers(0, 50).map(_synthetic))
edits = st.lists(st.tuples(st.integers(0, 5), st.integers(0, 400), st.sampled_from(TRICKY)), max_size=4)


@FUZZ
@given(texts, edits, st.booleans())
def test_pieces_give_the_whole_texts_data_or_none(text: str, changes: list[tuple[int, int, str]], crlf: bool) -> None:
    changed = _mutated(text, changes)
    raw = (changed.replace("\n", "\r\n") if crlf else changed).encode()
    found = SHARED.load(raw)
    assert found is None or found == load_fast(raw)
    if not changes:   # an unchanged disclosure is read piece by piece, not left to the whole
        assert found is not None and found == load_fast(raw)


@settings(max_examples=150, deadline=None)
@given(texts, edits)
def test_a_version_read_by_pieces_gets_the_verdict_of_the_whole(text: str, changes: list[tuple[int, int, str]]) -> None:
    raw = _mutated(text, changes).encode()
    doc, problems = check_bytes(raw, "disclosures/company-1.yaml", TODAY, errors_only=True)
    errors = [p for p in problems if p.is_error]
    expected = (None, errors[0].text()) if errors or doc.data is None else (doc.data, "")
    if expected[0] is None and not errors:
        expected = (None, "disclosures/company-1.yaml: cannot be read")
    assert parse_version(raw, "disclosures/company-1.yaml", TODAY, SHARED) == expected


def test_versions_that_share_items_share_their_parse() -> None:
    parser = Pieces()
    first = _synthetic(3).encode()
    second = first.replace(b"tier: ", b"tier:  ", 1)   # one supplier's line, respaced
    a, b = parser.load(first), parser.load(second)
    assert a == b == load_fast(first)
    assert a is not None and b is not None
    assert a["suppliers"][0] is not b["suppliers"][0]   # the changed item: parsed again
    assert a["suppliers"][-1] is b["suppliers"][-1]     # the others: once
    assert a["company"] is b["company"]


def test_the_memo_starts_again_past_its_bound(monkeypatch) -> None:
    monkeypatch.setattr(pieces, "MEMO_CHARS", 2000)
    parser = Pieces()
    for seed in range(20):
        raw = _synthetic(seed).encode()
        assert parser.load(raw) == load_fast(raw)
        assert parser.chars <= 2000 + len(raw)


def test_an_item_judged_in_one_version_is_judged_again_where_it_means_otherwise() -> None:
    parser, path = Pieces(), "disclosures/company-3.yaml"
    text = _synthetic(3)
    newer = text.replace('schema_version: "1.0"', 'schema_version: "1.1"').replace(
        "relationship: supplier,", "relationship: supplier, female_workers: 5,", 1)
    assert parse_version(newer.encode(), path, TODAY, parser)[1] == ""
    # The same items under 1.0: female_workers is a field of 1.1 there.
    older = newer.replace('schema_version: "1.1"', 'schema_version: "1.0"')
    data, problem = parse_version(older.encode(), path, TODAY, parser)
    assert data is None and "needs-version-1-1" in problem
    # An item seen clean, then one changed to name an unknown country: the change is found.
    assert parse_version(text.encode(), path, TODAY, parser)[1] == ""
    assert "country: CN" in text
    changed = text.replace("country: CN", "country: ZZ", 1)
    data, problem = parse_version(changed.encode(), path, TODAY, parser)
    assert data is None and "unknown-country" in problem


# Edits that keep the YAML readable and make an item, or the file, wrong or right again.
VALUE_EDITS = [("country: CN", "country: ZZ"), ("country: VN", "country: UK"),
               ("subdivision: CN-XJ", "subdivision: US-CA"),
               ("status: planned", "status: completed"), ("status: in-progress", "status: not-undertaken"),
               ("workers: ", "workers: 900-3, x: "), ("independent: true", "independent: false"),
               ("date: 2025-06-30", "date: 2025-02-30"), ("supplier-1,", "supplier-2,"), ("step-1", "step-0"),
               ('schema_version: "1.0"', 'schema_version: "1.1"'), ("relationship: supplier,", "female_workers: 3,"),
               ("step: monitoring", "step: training"), ("start: 2024-01-01", "start: 2026-01-01"),
               ("scope: [", "scope: [nobody, "), ("status: active", "status: active\n    until: 2020-01-01")]



def edited(text: str, edits_made: list[tuple[int, int]]) -> str:
    """`text` with each (edit, nth) of VALUE_EDITS made at the nth place it applies (wrapping)."""
    for which, nth in edits_made:
        old, new = VALUE_EDITS[which]
        hits = [i for i in range(len(text)) if text.startswith(old, i)]
        if hits:
            at = hits[nth % len(hits)]
            text = text[:at] + new + text[at + len(old):]
    return text

@settings(max_examples=40, deadline=None)
@given(st.integers(0, 50), st.lists(st.lists(st.tuples(st.integers(0, len(VALUE_EDITS) - 1), st.integers(0, 30)),
                                             max_size=2), min_size=2, max_size=8))
def test_versions_of_a_file_read_through_one_parser_get_the_verdicts_of_each_whole(
        seed: int, versions: list[list[tuple[int, int]]]) -> None:
    """As history reads them: one parser for a file's versions, each a few values away from the next."""
    base, parser, path = _synthetic(seed), Pieces(), f"disclosures/company-{seed}.yaml"
    for edits_made in versions:
        raw = edited(base, edits_made).encode()
        assert parse_version(raw, path, TODAY, parser) == parse_version(raw, path, TODAY)


def test_a_list_too_long_to_cut_is_read_whole(monkeypatch) -> None:
    monkeypatch.setattr(pieces, "MAX_ITEMS", 4)
    parser, raw = Pieces(), _synthetic(5).encode()
    data = parser.load(raw)
    assert data is not None and data == load_fast(raw) and len(data["suppliers"]) > 4
    assert all(len(text) > 400 for (level, _), memo in parser.memo.items() if level == 1 for text in memo
               if text.startswith("suppliers:"))   # the list's key with all its items: one piece
