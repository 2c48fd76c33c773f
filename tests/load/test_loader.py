"""The loader: YAML pitfalls neutralised, limits enforced, every failure a located Problem."""

from __future__ import annotations

import subprocess
import tracemalloc
from pathlib import Path

import pytest

from generator.load.loader import DEFAULT_LIMITS, Limits, Loaded, load_bytes, load_file, load_text


def load(text: str, limits: Limits = DEFAULT_LIMITS) -> Loaded:
    return load_text(text, "d.yaml", limits)


def codes(doc: Loaded) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.code) for p in doc.problems]


def billion_laughs(levels: int = 10, width: int = 10) -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


# --- YAML 1.2 scalars -------------------------------------------------------------------

@pytest.mark.parametrize("plain", ["NO", "no", "No", "yes", "Yes", "YES", "off", "On", "y", "Y", "n", "N"])
def test_yaml_11_booleans_stay_text(plain: str) -> None:
    assert load(f"country: {plain}\n").data == {"country": plain}


@pytest.mark.parametrize(("plain", "value"), [("true", True), ("True", True), ("FALSE", False), ("false", False)])
def test_only_true_and_false_are_booleans(plain: str, value: bool) -> None:
    assert load(f"a: {plain}\n").data["a"] is value


@pytest.mark.parametrize(("plain", "value"), [
    ("2016", 2016), ("-3", -3), ("0o17", 15), ("0x1F", 31), ("012", 12), ("1.5", 1.5), ("1e3", 1000.0),
    ("~", None), ("null", None), ("", None), ("1_000", "1_000"), ("0b101", "0b101"), ("1:30", "1:30"),
])
def test_numbers_and_nulls_follow_yaml_12_core(plain: str, value: object) -> None:
    assert load(f"a: {plain}\n").data["a"] == value


def test_schema_version_written_as_number_is_read_as_a_number() -> None:
    # The schema then asks for quotes; see test_schema.py.
    assert load("schema_version: 1.0\n").data == {"schema_version": 1.0}


@pytest.mark.parametrize("date", ["2024-05-01", "2024-13-45", "2023-02-29", "2024-05-01T10:00:00Z", "2024-5-1"])
def test_unquoted_dates_and_timestamps_stay_text(date: str) -> None:
    assert load(f"published: {date}\n").data == {"published": date}


@pytest.mark.parametrize("date", ["2024-13-45", "2023-02-29", "2024-00-10", "2024-04-31"])
def test_impossible_date_is_a_located_error(date: str, lv_full_text: str, lv_check) -> None:
    text = lv_full_text.replace("published: 2025-03-01", f"published: {date}")
    problems = lv_check(text)
    assert [(p.line, p.column, p.code) for p in problems] == [(26, 14, "invalid-date")]
    assert date in problems[0].message


# --- structure ----------------------------------------------------------------------------

def test_duplicate_key_is_an_error_at_the_second_key() -> None:
    doc = load("company:\n  id: a\n  name: A\n  id: b\n")
    assert codes(doc) == [(4, 3, "duplicate-key")]
    assert "'id'" in doc.problems[0].message
    assert doc.data["company"]["id"] == "a"  # never "last one wins"
    assert not doc.ok


def test_duplicate_key_in_a_flow_mapping_of_a_list_item() -> None:
    doc = load("list:\n  - {a: 1, b: 2, a: 3}\n")
    assert codes(doc) == [(2, 18, "duplicate-key")]


def test_a_second_document_is_refused_where_it_starts() -> None:
    doc = load("a: 1\n---\nb: 2\n")
    assert codes(doc) == [(3, 1, "multiple-documents")]
    assert doc.data is None


def test_a_document_end_marker_alone_is_one_document() -> None:
    assert load("a: 1\n...\n").data == {"a": 1}


@pytest.mark.parametrize("text", ["- a\n- b\n", "just text\n", "42\n", "~\n", "[a, b]\n"])
def test_top_level_must_be_a_mapping(text: str) -> None:
    doc = load(text)
    assert codes(doc) == [(1, 1, "not-a-mapping")]
    assert "schema_version" in doc.problems[0].message


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "\ufeff"])
def test_empty_file(text: str) -> None:
    assert codes(load(text)) == [(1, 1, "empty-file")]


def test_complex_key_is_refused() -> None:
    assert codes(load("? [a, b]\n: 1\nc: 2\n")) == [(1, 3, "complex-key")]


def test_syntax_error_is_located_and_explained() -> None:
    doc = load("company:\n  name: Acme: the company\n")
    assert codes(doc) == [(2, 13, "yaml-syntax")]
    assert "quotes" in doc.problems[0].message


def test_undefined_alias_is_explained() -> None:
    doc = load("a: *nowhere\n")
    assert [p.code for p in doc.problems] == ["yaml-syntax"]
    assert "anchor" in doc.problems[0].message


# --- encoding -----------------------------------------------------------------------------

def test_byte_order_mark_is_fine() -> None:
    assert load_bytes(b"\xef\xbb\xbfa: NO\n", "d.yaml").data == {"a": "NO"}


def test_bad_utf8_is_located_at_the_byte() -> None:
    doc = load_bytes("name: 乌鲁\nb: x\xff\n".encode("utf-8", "surrogateescape").replace(b"x", b"x\xff"), "d.yaml")
    assert codes(doc) == [(2, 5, "not-utf8")]
    assert "0xff" in doc.problems[0].message


def test_latin1_file_is_refused() -> None:
    doc = load_bytes("name: Société\n".encode("latin-1"), "d.yaml")
    assert codes(doc) == [(1, 11, "not-utf8")]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_file_is_named_as_such_with_or_without_its_byte_order_mark(encoding: str) -> None:
    """It was 'byte 0xff is not valid UTF-8 text', or 'the file contains a NUL byte; it is not a text file'."""
    doc = load_bytes("company:\n  id: acme\n".encode(encoding), "d.yaml")
    assert codes(doc) == [(1, 1, "not-utf8")] and "UTF-16" in doc.problems[0].message


def test_a_working_tree_encoding_in_gitattributes_is_named_as_the_cause(tmp_path: Path) -> None:
    """git checks a file out as UTF-16 when .gitattributes says so, though it holds UTF-8: the error says why."""
    source = tmp_path / "source"
    (source / "disclosures").mkdir(parents=True)
    (source / ".gitattributes").write_text("*.yaml working-tree-encoding=UTF-16\n", encoding="utf-8")
    (source / "disclosures" / "acme.yaml").write_text("company:\n  id: acme\n", encoding="utf-16")
    for args in (["init", "-q"], ["add", "."], ["-c", "user.name=T", "-c", "user.email=t@example.org", "commit",
                                                 "-q", "-m", "x"], ["clone", "-q", str(source), str(tmp_path / "c")]):
        subprocess.run(["git", *args], cwd=source, check=True, capture_output=True)
    doc = load_file(tmp_path / "c" / "disclosures" / "acme.yaml")
    assert codes(doc) == [(1, 1, "not-utf8")] and "working-tree-encoding" in doc.problems[0].message


def test_nul_byte_is_located_at_its_line_and_column() -> None:
    assert codes(load_bytes(b"a: 1\nbc\x00d\n", "d.yaml")) == [(2, 3, "not-utf8")]


@pytest.mark.parametrize(("raw", "where"), [
    (b"a: 1\nb: \x07x\n", (2, 4)),
    ("é: 1\nb: 乌\x1bx\n".encode(), (2, 5)),  # columns count characters, not bytes
    (b'a: "\x7f"\n', (1, 5)),
    (b"[" * 60 + b"\x01", (1, 61)),  # also found by the depth pre-check's parser
])
def test_control_character_is_located_and_named(raw: bytes, where: tuple[int, int]) -> None:
    doc = load_bytes(raw, "d.yaml")
    assert codes(doc) == [(*where, "bad-character")]
    assert "U+00" in doc.problems[0].message
    assert "<unicode string>" not in doc.problems[0].message


# --- tags: never executed -----------------------------------------------------------------

def test_python_tags_are_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = (f"a: !!python/object/apply:os.system ['touch {marker}']\n"
            f"b: !!python/object/new:pathlib.Path ['{marker}']\n"
            "c: !!python/name:os.system\n")
    doc = load(text)
    assert [(p.line, p.code) for p in doc.problems] == [(1, "unsupported-tag"), (2, "unsupported-tag"),
                                                        (3, "unsupported-tag")]
    assert "!!python/object/apply:os.system" in doc.problems[0].message
    assert not marker.exists()
    assert not doc.ok


@pytest.mark.parametrize("tag", ["!foo", "!!binary", "!!timestamp", "!!set", "!!omap", "!<tag:example.com:x>"])
def test_unknown_and_non_core_tags_are_errors(tag: str) -> None:
    doc = load(f"a: {tag} x\n")
    assert codes(doc) == [(1, 4, "unsupported-tag")]


def test_core_tags_are_accepted_when_the_value_fits() -> None:
    doc = load("a: !!str 1\nb: !!int '7'\nc: !!map {d: 1}\n")
    assert doc.problems == ()
    assert doc.data == {"a": "1", "b": 7, "c": {"d": 1}}


def test_core_tag_with_a_value_that_does_not_fit() -> None:
    assert codes(load("a: 1\nb: !!int seven\n")) == [(2, 4, "bad-tagged-value")]


# --- limits -------------------------------------------------------------------------------

def test_file_size_limit_default_is_5_mb() -> None:
    assert DEFAULT_LIMITS.max_bytes == 5_000_000
    big = b"a: '" + b"x" * 5_000_000 + b"'\n"
    doc = load_bytes(big, "d.yaml")
    assert codes(doc) == [(1, 1, "file-too-large")]
    assert "5,000,000" in doc.problems[0].message


def test_file_size_limit_is_configurable(tmp_path: Path) -> None:
    file = tmp_path / "d.yaml"
    file.write_bytes(b"a: 1\nb: 2\n")
    assert codes(load_file(file, limits=Limits(max_bytes=9))) == [(1, 1, "file-too-large")]
    assert load_file(file, limits=Limits(max_bytes=10)).data == {"a": 1, "b": 2}


def test_unreadable_file_is_a_problem(tmp_path: Path) -> None:
    doc = load_file(tmp_path / "missing.yaml", shown_as="disclosures/missing.yaml")
    assert [(p.file, p.code) for p in doc.problems] == [("disclosures/missing.yaml", "unreadable")]


def test_nesting_depth_limit_in_block_style() -> None:
    deep = "".join(f"{'  ' * i}k{i}:\n" for i in range(60)) + "  " * 60 + "end\n"
    doc = load(deep)
    assert [p.code for p in doc.problems] == ["too-deep"]
    assert doc.problems[0].line == 41  # the first mapping deeper than 40
    assert load(deep, Limits(max_depth=100)).problems == ()


@pytest.mark.parametrize("opening", ["[", "{a: "])
def test_hundred_thousand_deep_flow_nesting_is_refused(opening: str) -> None:
    closing = "]" if opening == "[" else "}"
    doc = load("a: " + opening * 100_000 + closing * 100_000 + "\n")
    assert [p.code for p in doc.problems] == ["too-deep"]
    assert doc.data is None


def test_nesting_built_from_aliases_counts_too() -> None:
    chain = ["a0: &a0 [x]"] + [f"a{i}: &a{i} [*a{i - 1}]" for i in range(1, 50)]
    doc = load("\n".join(chain) + "\n")
    assert [p.code for p in doc.problems] == ["too-deep"]


def test_billion_laughs_is_refused_without_growing_memory() -> None:
    text = billion_laughs()  # 10**10 values once expanded
    tracemalloc.start()
    try:
        doc = load(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [p.code for p in doc.problems] == ["too-many-values"]
    assert doc.data is None
    assert peak < 2_000_000, f"peak {peak:,} bytes for a {len(text)}-byte file"


def test_aliases_within_the_limit_are_expanded() -> None:
    doc = load("base: &s {title: T, url: 'https://a.example'}\nlist: [*s, *s]\n")
    assert doc.problems == ()
    assert doc.data["list"] == [{"title": "T", "url": "https://a.example"}] * 2


def test_value_limit_is_configurable() -> None:
    assert [p.code for p in load(billion_laughs(3, 3), Limits(max_values=20)).problems] == ["too-many-values"]
    assert load(billion_laughs(3, 3), Limits(max_values=200)).problems == ()


def test_recursive_alias_is_refused() -> None:
    doc = load("a: &x\n  b: *x\n")
    assert [p.code for p in doc.problems] in (["recursive-alias"], ["yaml-syntax"])
    assert doc.data is None


# --- source map ---------------------------------------------------------------------------

def test_source_map_locates_values_and_keys() -> None:
    doc = load("company:\n  id: acme\nsuppliers:\n  - id: s1\n    name: S\n  - {id: s2, name: T}\n")
    assert doc.source is not None
    assert doc.source.locate(["company", "id"]) == (2, 7)
    assert doc.source.locate(["company", "id"], key=True) == (2, 3)
    assert doc.source.locate(["suppliers", 1, "name"]) == (6, 20)
    assert doc.source.locate(["suppliers", 0]) == (4, 5)
    # A path that does not exist stops at the deepest part that does.
    assert doc.source.locate(["suppliers", 0, "country"]) == (4, 5)


def test_problem_carries_a_json_pointer() -> None:
    doc = load("a/b:\n  c~d: 1\n")
    problem = doc.problem(["a/b", "c~d"], "x", "message")
    assert (problem.line, problem.column, problem.pointer) == (2, 8, "/a~1b/c~0d")


@pytest.mark.parametrize(("text", "where", "words"), [
    ("a: 1\n\tb: 2\n", (2, 1), "tab"),
    ("a:\n\t- x\n", (2, 1), "tab"),
    ("a: 1\nb: 'open\n\nc: 2\n", (2, 4), "closing quote"),
    ("a: `x`\n", (1, 4), "quotes"),
    ("a:\n  - b\n c: d\n", (3, 2), "indent"),
    ("a: [1, 2\n", (2, 1), "]"),
    ("a: {b: 1\n", (2, 1), "}"),
    ("a:\n  name: 'It's here'\n", (2, 13), "('It''s')"),
    ('a:\n  name: "say "hi""\n', (2, 15), '\\"'),
    ("a: [b, c]]\n", (1, 10), "closing quote or bracket"),
    ("a:\n  b: 1\n - c\n", (3, 2), "indent"),
    ("a: - b\n", (1, 4), "new line"),
    ("- a\nb: 1\n", (2, 1), "'- '"),
    ("a: *Acme\n", (1, 4), "quotes"),
    # 'name:Acme' is one text; YAML stumbles only on the next line, which is right.
    ("company:\n  name:Acme Ltd\n  id: acme\n", (2, 7), "put a space after the colon: 'name: Acme Ltd'"),
    ("s:\n  - id: x\n    name:Acme Ltd\n    country: CN\n", (3, 9), "'name: Acme Ltd'"),
    # A key one space too far in is read as more of the value above it.
    ("s:\n  - id: x\n    relationship: supplier\n     tier: 2\n", (4, 6), "'tier' is indented more than"),
    ("a:\n  b: x\n      c: 2\n", (3, 7), "start it in the same column as the keys above it"),
    ("s:\n  - id: x\n    since: -\n", (3, 12), "if the value is not known, delete the line"),
    # An entry started with a Word bullet, or a dash without its space, is a key '•' or '-id' to YAML.
    ("s:\n  -id: x\n    name: Acme\n", (2, 3), "a list entry starts with '- ' (a hyphen and a space): write '- id: x'"),
    ("s:\n  \u2022 id: x\n    name: Acme\n", (2, 3), "(a hyphen and a space), not '\u2022': write '- id: x'"),
    ("s:\n  - id: x\n  \u2013 id: y\n    name: Acme\n", (3, 3), "not '\u2013': write '- id: y'"),
    # Quotes a word processor put in are letters to YAML: the colon inside them starts a key.
    ("a:\n  name: \u201cAcme: the company\u201d\n", (2, 9), "\u201c is a typographic quote"),
    ("a:\n  name: \u2018Acme: it\u2019s\u2019\n", (2, 9), "write the text between straight quotes"),
    # Quotes inside a text, or in a comment, are letters the text keeps once it is in quotes itself.
    ("a:\n  name: the \u201cPearl\u201d mill: yarn\n", (2, 25), "put the whole text in quotes"),
    ("a:\n  name: Pearl: yarn  # \u201cold\u201d\n", (2, 14), "put the whole text in quotes"),
])
def test_syntax_errors_say_what_to_write(text: str, where: tuple[int, int], words: str) -> None:
    doc = load(text)
    assert codes(doc) == [(*where, "yaml-syntax")]
    assert words in doc.problems[0].message
    assert "this is not valid YAML" not in doc.problems[0].message


@pytest.mark.parametrize("text", ["s:\n  - name:" + "a" * 100_000 + "\n    id: x\n",
                                  "s:\n  - " + "a" * 100_000 + ":b\n    id: x\n"])
def test_a_long_line_without_its_space_is_not_repeated_in_the_advice(text: str) -> None:
    """'name:' and 100,000 characters were written back whole in "put a space after the colon: '…'"."""
    doc = load(text)
    assert codes(doc)[0][2] == "yaml-syntax" and "put a space after the colon" in doc.problems[0].message
    assert len(doc.problems[0].message) < 400


@pytest.mark.parametrize("number", ["1" * 5000, "-" + "9" * 101, "0x" + "f" * 5000, "0o" + "7" * 5000])
def test_absurdly_long_integer_is_a_problem_not_an_exception(number: str, lv_full_text: str, lv_check) -> None:
    problems = lv_check(lv_full_text.replace("workers: 0", f"workers: {number}"))
    assert [(p.line, p.column, p.code) for p in problems][:1] == [(66, 14, "number-too-long")]
    assert all(len(p.message) < 400 for p in problems)


def test_a_hundred_digits_is_still_a_number() -> None:
    assert load("a: " + "1" * 100 + "\n").data == {"a": int("1" * 100)}


@pytest.mark.parametrize("number", ["1e400", "-1e400"])
def test_float_overflow_is_a_problem(number: str, lv_full_text: str, lv_check) -> None:
    problems = lv_check(lv_full_text.replace("workers: 0", f"workers: {number}"))
    assert {p.code for p in problems} <= {"wrong-type", "out-of-range"}
    assert problems


def test_a_text_starting_with_an_exclamation_mark_is_told_to_be_quoted() -> None:
    doc = load("name: !Acme\n")
    assert codes(doc) == [(1, 7, "unsupported-tag")]
    assert "put it in quotes" in doc.problems[0].message


@pytest.mark.parametrize("text", ["a: !!seq {b: 1}\n", "a: !!str [1]\n", "a: !!map [1]\n", "a: !!int {b: 1}\n"])
def test_collection_with_the_wrong_core_tag(text: str) -> None:
    assert codes(load(text)) == [(1, 4, "bad-tagged-value")]


def test_matching_collection_tags_and_float_tag_on_an_integer() -> None:
    doc = load("--- !!map\na: !!seq [1]\nb: !!float 1\n")
    assert doc.problems == ()
    assert doc.data == {"a": [1], "b": 1.0}


def test_a_tag_directive_cannot_smuggle_a_python_tag(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    doc = load(f"%TAG ! tag:yaml.org,2002:python/\n---\na: !object/apply:os.system ['touch {marker}']\n")
    assert codes(doc) == [(3, 4, "unsupported-tag")]
    assert not marker.exists()


@pytest.mark.parametrize(("text", "ok"), [("%YAML 1.2\n---\na: NO\n", True), ("%YAML 1.1\n---\na: NO\n", True),
                                          ("%YAML 2.0\n---\na: NO\n", False)])
def test_yaml_version_directive(text: str, ok: bool) -> None:
    doc = load(text)
    if ok:
        assert doc.data == {"a": "NO"}
    else:
        assert codes(doc) == [(1, 1, "yaml-syntax")]
        assert "%YAML" in doc.problems[0].message


@pytest.mark.parametrize("text", ['a: "C:\\Users\\x"\n', 'a: "C:\\data"\n'])
def test_backslash_in_double_quotes_is_explained(text: str) -> None:
    doc = load(text)
    assert [p.code for p in doc.problems] == ["yaml-syntax"]
    assert "write it twice (\\\\) or use single quotes" in doc.problems[0].message


def test_hundred_thousand_deep_nesting_does_not_grow_memory() -> None:
    text = "a: " + "[" * 100_000 + "]" * 100_000 + "\n"
    tracemalloc.start()
    try:
        doc = load(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [p.code for p in doc.problems] == ["too-deep"]
    assert peak < 2 * len(text) + 1_000_000


def test_text_with_undecodable_bytes_kept_as_surrogates() -> None:
    text = b"a: 1\nb: caf\xe9\n".decode("utf-8", "surrogateescape")
    assert codes(load(text)) == [(2, 7, "not-utf8")]


@pytest.mark.parametrize("text", ["a: 1\n", "a: [1\n", billion_laughs(), "- a\n", ""])
def test_the_garbage_collector_is_left_as_it_was(text: str) -> None:
    import gc

    assert gc.isenabled()
    load(text)
    assert gc.isenabled()
    gc.disable()
    try:
        load(text)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_source_map_points_at_the_kept_key_of_duplicates() -> None:
    doc = load("a: 1\nb: 2\na: 3\n")
    assert doc.source is not None
    assert doc.source.locate(["a"]) == (1, 4)
    assert doc.source.locate(["b"], key=True) == (2, 1)
    assert doc.source.locate(["zzz"]) == (1, 1)


@pytest.mark.parametrize("depth", [41, 45, 198, 199, 250])
def test_too_deep_is_reported_at_the_first_level_too_deep(depth: int) -> None:
    # Shallow enough files skip the exact pre-count and the builder finds the depth itself;
    # both report the same place: the 40th bracket, the 41st level under the top mapping.
    doc = load("a: " + "[" * depth + "]" * depth + "\n")
    assert codes(doc) == [(1, 43, "too-deep")]
