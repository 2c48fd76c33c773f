"""No input whatsoever yields a traceback: arbitrary bytes, text, YAML trees and mutated
valid disclosures go through loading and validation and come out as data and Problems."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator.authoring.starter import name_problem, starter
from generator.check.schema import schema, schema_problems
from generator.check.validation import validate_document
from generator.cli import main
from generator.load.loader import Loaded, load_bytes, load_file, load_text
from generator.problems import Problem
from generator.text import LONG_TEXT_FIELDS, csv_line, guard, hidden_character, printable, unguard

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TODAY = dt.date(2025, 7, 1)  # as conftest's LV_TODAY
REFERENCE = jsonschema.Draft202012Validator(schema())
FULL = load_file(Path(__file__).parent / "cases" / "valid" / "full-example.yaml").data
KEYS = ["schema_version", "company", "disclosure", "id", "name", "country", "subdivision", "period", "start",
        "end", "published", "updated", "suppliers", "partners", "government_counterparties", "due_diligence",
        "risks", "scope", "entities", "since", "until", "status", "step", "date", "relationship", "kind", "tier"]

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20),
                    st.sampled_from(["NO", "yes", "2024-13-45", "2023-02-29", "1.0", "CN-XJ", "~", "", "0000"]))
keys = st.one_of(st.sampled_from(KEYS), st.text(max_size=10))
trees = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                     st.dictionaries(keys, inner, max_size=5)), max_leaves=30)

# Values the schema accepts, so that mutated documents reach the semantic checks.
dates = st.one_of(st.from_regex(r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?", fullmatch=True),
                  st.integers(1000, 9999))
ids = st.one_of(st.sampled_from(["kashgar-cotton", "oslo-parts", "urumqi-vision", "example-psb", "surveillance",
                                 "audit-2024", "exit-plan", "full-example"]),
                st.from_regex(r"[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True))
codes = st.one_of(st.from_regex(r"[A-Z]{2}", fullmatch=True), st.from_regex(r"[A-Z]{2}-[A-Z0-9]{1,3}", fullmatch=True),
                  st.sampled_from(["NO", "CN", "US", "GB", "UK", "CN-XJ", "US-CA", "NO-03"]))
statuses = st.sampled_from(["active", "suspended", "ended", "planned", "in-progress", "completed", "not-undertaken"])
steps = st.sampled_from(["independent-audit", "risk-assessment", "responsible-exit"])


FITTING: dict[str, st.SearchStrategy[Any]] = {
    **dict.fromkeys(["start", "end", "published", "updated", "since", "until", "date", "due"], dates),
    **dict.fromkeys(["id", "entity"], ids),
    **dict.fromkeys(["scope", "entities", "risks"], st.lists(ids, max_size=3)),
    **dict.fromkeys(["country", "jurisdiction", "headquarters", "subdivision"], codes),
    "status": statuses, "step": steps, "independent": st.booleans(), "name": st.text(min_size=1, max_size=30),
    "conducted_by": st.fixed_dictionaries({}, optional={"name": st.text(min_size=1, max_size=9),
                                                        "independent": st.booleans()}),
}


SAME_KIND: dict[type, st.SearchStrategy[Any]] = {str: st.text(min_size=1, max_size=30), int: st.integers(1, 4),
                                                 bool: st.booleans()}


def replacement(path: tuple[Any, ...], current: Any, wild: bool) -> st.SearchStrategy[Any]:
    """A value of the kind the schema expects there, so that the semantic checks run; or anything."""
    last = path[-1]
    if isinstance(last, int) and len(path) > 1 and path[-2] in ("scope", "entities", "risks"):
        last = "id"
    if wild:
        return st.one_of(scalars, trees)
    return FITTING.get(last, SAME_KIND.get(type(current), st.just(current)))


def check(doc: Loaded) -> list[Problem]:
    """Validation of any loaded document: data or None, and only well-formed Problems."""
    assert doc.data is None or isinstance(doc.data, dict)
    problems = validate_document(doc, TODAY)
    for p in problems:
        assert isinstance(p, Problem)
        assert p.line >= 1 and p.column >= 1
        assert p.level in ("error", "warning")
        assert p.code and p.message
        assert p.text()
    if doc.data is not None:
        # The fast validator agrees with the reference one, and every refusal is explained.
        assert bool(schema_problems(doc)) == (not REFERENCE.is_valid(doc.data))
    return problems


def leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            found += leaves(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += leaves(v, (*path, i))
    return found


PATHS = leaves(FULL)[1:]


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    data = copy.deepcopy(FULL)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(PATHS))
        parent = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            if draw(st.integers(0, 3)) == 0 and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                wild = draw(st.integers(0, 9)) == 0
                parent[path[-1]] = draw(replacement(path, parent[path[-1]], wild))
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or replaced this place
    return data


@FUZZ
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(raw: bytes) -> None:
    check(load_bytes(raw, "disclosures/fuzz.yaml"))


@FUZZ
@given(st.text(st.one_of(st.characters(), st.characters(categories=["Cs"])), max_size=2000))  # with surrogates
def test_arbitrary_text(text: str) -> None:
    check(load_text(text, "disclosures/fuzz.yaml"))


@FUZZ
@given(st.lists(st.sampled_from(["a:", " ", "\n", "- ", "[", "]", "{", "}", ",", "&x ", "*x", "!!str ", "? ",
                                 "'", '"', "#", "|", ">", "---", "...", "%YAML 1.2\n", "\t", "NO", "2024-13-45"]),
                max_size=60))
def test_yaml_looking_text(parts: list[str]) -> None:
    check(load_text("".join(parts), "disclosures/fuzz.yaml"))


@FUZZ
@given(trees)
def test_arbitrary_yaml_trees(tree: Any) -> None:
    text = yaml.safe_dump(tree, allow_unicode=True)
    doc = load_text(text, "disclosures/fuzz.yaml")
    check(doc)
    # libyaml reads NEL, LS and PS as line breaks (YAML 1.1), and PyYAML writes them raw.
    breaks = any(c in text for c in "\x85\u2028\u2029")
    if isinstance(tree, dict) and doc.problems == () and not breaks:
        assert doc.data.keys() == tree.keys()


@FUZZ
@given(mutated(), st.booleans())
def test_mutated_valid_disclosures(data: dict[str, Any], flow: bool) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=flow)
    check(load_text(text, "disclosures/full-example.yaml"))


@FUZZ
@given(st.text(max_size=600))
def test_any_accepted_name_makes_a_valid_starter(name: str) -> None:
    if name_problem(name):
        return
    doc = load_text(starter("acme", name, TODAY), "disclosures/acme.yaml")
    assert validate_document(doc, TODAY) == []
    assert doc.data["company"]["name"] == name


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=500), mutated().map(lambda d: yaml.safe_dump(d, allow_unicode=True).encode())))
def test_cli_exits_0_or_1_without_a_traceback(tmp_path: Path, raw: bytes) -> None:
    file = tmp_path / "full-example.yaml"
    file.write_bytes(raw)
    for fmt in ("text", "json", "github"):
        result = CliRunner().invoke(main, ["validate", "--format", fmt, str(file)])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert result.exit_code in (0, 1)
        assert "Traceback" not in result.output


# --- The text rules (generator/text.py): hidden characters, CSV cells, terminal lines -------

HIDDEN = ["\x00", "\t", "\n", "\r", "\x1b", "\x7f", "\x85", "\x9f", "\u202a", "\u202e", "\u2066", "\u2069"]
texts = st.text(st.one_of(st.characters(exclude_categories=["Cs"]), st.sampled_from(HIDDEN),
                          st.sampled_from(["=", "+", "-", "@", "'", ",", '"'])), min_size=1, max_size=40)


@FUZZ
@given(texts, st.sampled_from([("suppliers", 0, "name"), ("due_diligence", 0, "summary")]))
def test_a_value_is_valid_exactly_when_it_hides_nothing(value: str, where: tuple[str, int, str]) -> None:
    data = copy.deepcopy(FULL)
    data[where[0]][where[1]][where[2]] = value
    # JSON is YAML; what YAML may not hold raw is written as an escape.
    text = re.sub("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]", lambda m: f"\\u{ord(m.group()):04x}",
                  json.dumps(data, ensure_ascii=False))
    doc = load_text(text, "disclosures/full-example.yaml")
    assert doc.data is not None, doc.problems
    problems = [p for p in validate_document(doc, TODAY) if p.code == "hidden-character"]
    allowed = where[2] in LONG_TEXT_FIELDS
    assert bool(problems) == (hidden_character(value, line_breaks=allowed) is not None)
    assert all(p.pointer == "/" + "/".join(map(str, where)) for p in problems)


@FUZZ
@given(st.lists(texts, min_size=1, max_size=5))
def test_csv_cells_read_back_as_one_row_and_never_start_a_line_with_a_formula(cells: list[str]) -> None:
    rows = list(csv.reader(io.StringIO(csv_line(cells), newline="")))
    assert rows == [[guard(c) for c in cells]]
    for cell in rows[0]:
        for line in re.split("[\r\n]", cell):
            assert not line.startswith(("=", "+", "-", "@", "\t"))


@FUZZ
@given(texts)
def test_guard_is_undone_by_unguard(cell: str) -> None:
    assume(not re.search("(^|[\r\n])'[=+\\-@\t\r]", cell))   # already guarded by hand: kept as written
    assert unguard(guard(cell)) == cell


@FUZZ
@given(texts)
def test_printable_text_is_one_line_without_controls(value: str) -> None:
    shown = printable(value)
    assert hidden_character(shown) is None and "\u2028" not in shown and "\u2029" not in shown
