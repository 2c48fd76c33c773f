"""The fast path gives the located loader's data, or defers to it: never other data."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.check.validation import check_file, validate_paths
from generator.load.fast import load_fast
from generator.load.loader import load_bytes
from tests.sitebuild import ROOT

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TODAY = dt.date(2025, 7, 1)
EXAMPLES = sorted((ROOT / "disclosures").glob("*.yaml"))
# Plain scalars where YAML parsers are known to part ways, and the ones that look alike.
TRICKY = ["1_000", "0b101", "_1", "1_", ".inf", "-.inf", ".NaN", "0x1F", "0o17", "017", "012345678", "+1", "1e3",
          "1.", ".5", "NO", "yes", "on", "~", "null", "Null", "true", "True", "2024-05-01", "2024-5-1",
          "2024-05-01T10:00:00Z", "12:30", "1:2", "0e0", "-0", "9" * 120, "3.14e500", "'quoted'", '"a\\tb"',
          "a # comment", "x:y", "- a", "[a, b]", "{a: 1}", "&a x", "*a", "!!str 1", "!x y", "R&D", "a*b", "wow!"]
scalar_text = st.one_of(st.sampled_from(TRICKY), st.text(max_size=12))
lines = st.lists(st.tuples(st.sampled_from(["a", "b", "1", "true", "~", "k k", "id"]), scalar_text), max_size=6)


def agrees(raw: bytes) -> None:
    fast = load_fast(raw)
    if fast is None:
        return  # deferred: the located loader reads it
    slow = load_bytes(raw, "x.yaml")
    assert slow.problems == () and slow.data == fast, (raw, slow.problems, slow.data, fast)
    assert _typed(slow.data) == _typed(fast)  # 1 == 1.0 == True in Python: compare the types too


def _typed(value):
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, value)


@pytest.mark.parametrize("token", TRICKY)
def test_each_tricky_scalar_reads_the_same_or_defers(token: str) -> None:
    agrees(f"a: {token}\nb: [{token}]\n".encode())


@FUZZ
@given(lines)
def test_hand_written_mappings_read_the_same_or_defer(pairs: list[tuple[str, str]]) -> None:
    agrees("".join(f"{k}: {v}\n" for k, v in pairs).encode("utf-8", "surrogatepass"))


trees = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text()),
                     lambda inner: st.one_of(st.lists(inner, max_size=4),
                                             st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                     max_leaves=25)


@FUZZ
@given(st.dictionaries(st.text(max_size=8), trees, max_size=5), st.booleans())
def test_dumped_trees_read_the_same_or_defer(tree: dict, flow: bool) -> None:
    agrees(yaml.safe_dump(tree, default_flow_style=flow, allow_unicode=True).encode("utf-8", "surrogatepass"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_takes_the_fast_path_and_reads_the_same(example: Path) -> None:
    raw = example.read_bytes()
    assert load_fast(raw) == load_bytes(raw, example.name).data != None  # noqa: E711


@pytest.mark.parametrize("text", [
    "a: &x [1]\nb: *x\n", "a: !!str 1\n", "a: 1\na: 2\n", "a: 1\n---\nb: 2\n", "- a\n", "",
    "a: " + "[" * 50 + "]" * 50 + "\n", "a: " + "[" * 100_000 + "]" * 100_000 + "\n", "a: \x1b\n", "a: 'x\x85'\n",
    "a: \"\\x1b\"\n", "1: a\n", "a: 1_000\n", "a: .inf\n", "a: " + "9" * 200 + "\n",
    "a:\n  - x\n  -\tb\n", "a:\n  - x\n  - \tb\n", "a:\n  - x:\n    -\tb\n"])
def test_what_the_located_loader_refuses_or_reads_otherwise_is_deferred(text: str) -> None:
    raw = text.encode("utf-8")
    fast = load_fast(raw)
    assert fast is None or fast == load_bytes(raw, "x.yaml").data


def test_a_file_with_problems_is_read_again_with_its_places(tmp_path: Path) -> None:
    text = (ROOT / "disclosures" / "corvid-sensors-example.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "corvid-sensors-example.yaml"
    bad.write_text(text.replace("country: CN\n", "country: XX\n", 1), encoding="utf-8")
    doc, problems = check_file(bad, TODAY)
    assert doc.source is not None and problems
    assert all(p.line > 1 for p in problems if p.code == "unknown-country")


def test_a_company_in_two_files_is_located_though_both_were_read_fast(tmp_path: Path) -> None:
    source = ROOT / "disclosures" / "corvid-sensors-example.yaml"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        (tmp_path / folder / source.name).write_bytes(source.read_bytes())
    result = validate_paths([tmp_path / "a", tmp_path / "b"], TODAY)
    duplicate = [p for p in result.problems if p.code == "duplicate-company"]
    assert duplicate and all(p.line > 1 for p in duplicate), duplicate


def test_block_nesting_too_deep_for_the_fast_parser_is_never_handed_to_it() -> None:
    # yaml_rs overflows its stack (a crash, not an exception) on about 20,000 levels of indentation.
    code = ("import sys; from generator.load.fast import load_fast; "
            "text = ''.join('  ' * i + 'k:\\n' for i in range(20_000)); "
            "sys.exit(0 if load_fast(text.encode()) is None else 3)")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=120).returncode == 0


def test_history_keeps_a_version_with_warnings_alone_on_the_fast_path() -> None:
    from generator.check.validation import check_bytes

    raw = (ROOT / "disclosures" / "corvid-sensors-example.yaml").read_bytes()
    later = dt.date(2040, 1, 1)   # by then the disclosure is stale: a warning, not an error
    doc, problems = check_bytes(raw, "corvid-sensors-example.yaml", later)
    assert doc.source is not None and [p.code for p in problems] == ["stale"]
    doc, problems = check_bytes(raw, "corvid-sensors-example.yaml", later, errors_only=True)
    assert doc.source is None and problems == []


def test_keys_and_short_strings_are_held_once_across_files() -> None:
    """Ten thousand files must not hold ten thousand copies of `relationship` or `CN`."""
    def text(n: int) -> bytes:
        # built at run time, so that no two files share a string through the source code
        return "".join(["company:\n  id: c", str(n), "\n  country: C", "N\n  notes: ", "long " * 20, "\n"]).encode()
    first, second = load_fast(text(1)), load_fast(text(2))
    assert first is not None and second is not None
    key_of = {id(k) for k in first["company"]}
    assert all(id(k) in key_of for k in second["company"])
    assert first["company"]["country"] is second["company"]["country"]
    assert first["company"]["notes"] == second["company"]["notes"]  # long text: equal, not looked up


_LINE_STARTS = st.text(alphabet=" ?-%.\n\tab", max_size=60)


@given(st.lists(_LINE_STARTS, max_size=8), st.integers(min_value=495, max_value=505))
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
def test_the_quick_line_start_searches_find_what_the_multiline_ones_find(parts: list[str], run: int) -> None:
    """Directives, document markers and deep indentation are looked for after a newline (and at
    the start) instead of with `^` at every character: they must find the same."""
    import re

    from generator.load import fast

    for text in ("\n".join(parts), " " * run + "\n".join(parts), "\n".join(parts) + "\n" + "- " * (run // 2)):
        marker = bool(re.search(r"^(?:%|---|\.\.\.)", text, re.M))
        assert marker == bool(text.startswith(fast._MARKERS) or fast._MARKER_LINE.search(text))
        deep = bool(re.search(r"^[ ?-]{500}", text, re.M))
        assert deep == fast.deeply_indented(text)
