"""The benchmark corpus: valid, deterministic, and with entities shared across firms."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from benchmarks.synthetic import dump, write_corpus
from generator.check.validation import validate_paths
from generator.load.loader import load_file, load_text


def test_the_corpus_validates_without_errors(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path, companies=12, entities=40, seed=3)
    result = validate_paths([tmp_path])
    assert len(paths) == 12
    assert [p for p in result.problems if p.is_error] == []


def test_each_file_holds_the_requested_number_of_entities(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path, companies=3, entities=25)
    for path in paths:
        data = load_file(path).data
        lists = ("partners", "suppliers", "government_counterparties")
        assert sum(len(data.get(name, [])) for name in lists) == 25
        assert data["company"]["id"] == path.stem


def test_the_same_seed_gives_the_same_bytes(tmp_path: Path) -> None:
    first = write_corpus(tmp_path / "a", companies=4, entities=30, seed=7)
    second = write_corpus(tmp_path / "b", companies=4, entities=30, seed=7)
    other = write_corpus(tmp_path / "c", companies=4, entities=30, seed=8)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other]


def test_some_entities_are_disclosed_by_several_firms(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path, companies=10, entities=30)
    counts: Counter[str] = Counter()
    for path in paths:
        data = load_file(path).data
        for name in ("partners", "suppliers", "government_counterparties"):
            counts.update(e["id"] for e in data.get(name, []))
    assert any(n >= 2 for n in counts.values())


def test_texts_that_look_like_numbers_stay_texts() -> None:
    # To a YAML 1.2 reader, unquoted, the first is a float and the second loses its zero.
    doc = {"identifiers": {"uscc": "91650100135552E185", "duns": "012345678", "os_id": "CN2019303BQ3FZP"}}
    assert load_text(dump(doc), "x.yaml").data == doc
