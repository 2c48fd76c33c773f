"""The cache of checked files: a cached run gives exactly what a cold run gives, and a broken
or poisoned entry is a miss, never trusted into a crash."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from generator.check.json_text import json_text, kept
from generator.check.packs import SUFFIX, read_pack
from generator.check.validation import validate_paths
from tests.cache_entries import entries, rewrite

CASES = Path(__file__).parents[1] / "cases"
TODAY = dt.date(2025, 7, 1)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Every valid and invalid case in one folder: loader errors, schema errors, warnings, duplicates."""
    target = tmp_path / "disclosures"
    target.mkdir()
    for kind in ("valid", "invalid"):
        for case in sorted((CASES / kind).glob("*.yaml")):
            shutil.copy(case, target / case.name)   # a file is named after its company
    return target


def test_a_cached_run_gives_the_same_result_as_a_cold_one(folder: Path, tmp_path: Path) -> None:
    cold = validate_paths([folder], TODAY)
    cache = tmp_path / "cache"
    first = validate_paths([folder], TODAY, cache_dir=cache)
    assert len(entries(cache)) == len(list(folder.glob("*.yaml")))
    cached = validate_paths([folder], TODAY, cache_dir=cache)
    assert first == cold and cached == cold
    assert any(p.is_error for p in cold.problems) and any(not p.is_error for p in cold.problems)
    assert len(cold.valid_documents()) >= 3
    assert all(len(d.digest) == 64 for d in cached.documents)


def test_an_unchanged_file_is_not_checked_again(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    validate_paths([folder], TODAY, cache_dir=cache)

    def other(blob: bytes) -> bytes:   # a well-formed entry that says something else: only the cache can say it
        kept = [[7, 1, "warning", "from-the-cache", "kept", "", ""]]
        return json.dumps({**json.loads(blob), "problems": kept}).encode()

    rewrite(cache, other)
    cached = validate_paths([folder], TODAY, cache_dir=cache)
    assert {p.code for p in cached.problems} == {"from-the-cache"}
    assert {p.file for p in cached.problems} == {str(f) for f in folder.glob("*.yaml")}


def test_a_renamed_file_keeps_its_checks_under_its_new_name(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    validate_paths([folder], TODAY, cache_dir=cache)
    invalid = folder / sorted((CASES / "invalid").glob("*.yaml"))[0].name
    invalid.rename(folder / "renamed.yaml")
    assert validate_paths([folder], TODAY, cache_dir=cache) == validate_paths([folder], TODAY)


def test_another_day_or_changed_bytes_are_checked_again(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    validate_paths([folder], TODAY, cache_dir=cache)
    later = dt.date(2031, 1, 1)   # stale and future-date checks depend on the day
    assert validate_paths([folder], later, cache_dir=cache) == validate_paths([folder], later)
    valid = folder / sorted((CASES / "valid").glob("*.yaml"))[0].name
    valid.write_text(valid.read_text(encoding="utf-8").replace("schema_version", "schema_versio", 1), encoding="utf-8")
    assert validate_paths([folder], TODAY, cache_dir=cache) == validate_paths([folder], TODAY)


def test_only_packs_the_last_run_used_are_kept(folder: Path, tmp_path: Path) -> None:
    """A pack stays while one of its entries is used (the entries of deleted files with it); a
    pack of which no entry was used goes."""
    cache = tmp_path / "cache"
    validate_paths([folder], TODAY, cache_dir=cache)
    first = entries(cache)
    for file in sorted(folder.glob("*.yaml"))[:3]:
        file.unlink()
    assert validate_paths([folder], TODAY, cache_dir=cache) == validate_paths([folder], TODAY)
    assert entries(cache) == first and len(list(cache.iterdir())) == 1
    for file in sorted(folder.glob("*.yaml"))[1:]:
        file.unlink()
    validate_paths([folder], TODAY, cache_dir=cache)
    assert len(entries(cache)) == len(first) and len(list(cache.iterdir())) == 1
    for file in folder.glob("*.yaml"):
        file.unlink()
    validate_paths([folder], TODAY, cache_dir=cache)
    assert list(cache.iterdir()) == []


POISON = [
    b"", b"not json", b"\xff\xfe", b"[]", b"null", b"[" * 100_000 + b"]" * 100_000,
    json.dumps({"digest": "0" * 64, "data": {}, "problems": [], "loaded": []}).encode(),
]


def _poisoned(entry: dict[str, object], how: int) -> dict[str, object]:
    broken = dict(entry)
    changes: list[tuple[str, object]] = [
        ("data", [1, 2]), ("data", "text"), ("problems", {"a": 1}), ("problems", [[1, 2]]),
        ("problems", [["1", 1, "error", "c", "m", "", ""]]), ("problems", [[1, 1, "fatal", "c", "m", "", ""]]),
        ("problems", [[1, 1, "error", None, "m", "", ""]]), ("loaded", None), ("loaded", [[True]]),
    ]
    key, value = changes[how % len(changes)]
    broken[key] = value
    return broken


@pytest.mark.parametrize("poison", range(len(POISON) + 9))
def test_a_broken_or_poisoned_entry_is_a_miss(folder: Path, tmp_path: Path, poison: int) -> None:
    cache = tmp_path / "cache"
    cold = validate_paths([folder], TODAY, cache_dir=cache)
    if poison < len(POISON):
        rewrite(cache, lambda blob: POISON[poison])
    else:
        rewrite(cache, lambda blob: json.dumps(_poisoned(json.loads(blob), poison - len(POISON))).encode())
    assert validate_paths([folder], TODAY, cache_dir=cache) == cold
    assert validate_paths([folder], TODAY, cache_dir=cache) == cold   # and the entries were written again


PACK_POISON = [b"", b"not a header\n", b"[]", b'[["' + b"a" * 64 + b'",1]]', b'[["x",1]]\n',
               b'[["' + b"a" * 64 + b'",-1]]\n', b"[" * 100_000 + b"\n", b'{"a":1}\n']


@pytest.mark.parametrize("poison", range(len(PACK_POISON) + 2))
def test_a_broken_pack_is_a_miss(folder: Path, tmp_path: Path, poison: int) -> None:
    """A pack whose header is not one, or that was cut short or padded, gives nothing wrong."""
    cache = tmp_path / "cache"
    cold = validate_paths([folder], TODAY, cache_dir=cache)
    (pack,) = cache.glob(f"*{SUFFIX}")   # a cold run on one core: one pack
    raw = pack.read_bytes()
    body = raw.index(b"\n") + 1
    broken = [*(bad + raw[body:] for bad in PACK_POISON),
              raw[:len(raw) // 2],                   # cut short
              raw[:body] + b"x" + raw[body:]]        # every entry shifted by a byte
    pack.write_bytes(broken[poison])
    assert validate_paths([folder], TODAY, cache_dir=cache) == cold
    assert validate_paths([folder], TODAY, cache_dir=cache) == cold   # and the entries were written again
    assert len(entries(cache)) == len(list(folder.glob("*.yaml")))


def test_a_cold_run_makes_one_file_and_a_rebuild_adds_one_for_a_changed_file(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    validate_paths([folder], TODAY, cache_dir=cache)
    assert len(list(cache.iterdir())) == 1
    changed = folder / sorted((CASES / "valid").glob("*.yaml"))[0].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert validate_paths([folder], TODAY, cache_dir=cache) == validate_paths([folder], TODAY)
    packs = sorted(cache.iterdir())
    assert len(packs) == 2 and min(len(read_pack(p)) for p in packs) == 1
    assert len(entries(cache)) == len(list(folder.glob("*.yaml"))) + 1   # the old entry, in the old pack
    for file in folder.glob("*.yaml"):   # once no entry of the first pack is used, it goes
        file.write_text(file.read_text(encoding="utf-8") + "\n# edited again\n", encoding="utf-8")
    validate_paths([folder], TODAY, cache_dir=cache)
    assert len(list(cache.iterdir())) == 1


def test_an_unwritable_cache_is_no_cache(folder: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    assert validate_paths([folder], TODAY, cache_dir=blocked / "cache") == validate_paths([folder], TODAY)


def test_the_json_kept_for_a_document_is_its_own() -> None:
    """`json_text` keeps one document's JSON inside `kept`: another document, or None (a file
    that could not be read), is written anew; outside the block nothing is kept."""
    one, two = {"a": [1, "x"]}, {"a": [1, "x"]}
    with kept():
        assert json_text(None) == "null"
        assert json_text(one) == '{"a":[1,"x"]}'
        one["a"].append(2)   # changed inside the block: the same document, its kept text
        assert json_text(one) == '{"a":[1,"x"]}'
        assert json_text(two) == '{"a":[1,"x"]}' and json_text(None) == "null"
        assert json_text({"b": float("nan")}) == '{"b":NaN}' and json_text({1j: 1}) is None
    assert json_text(one) == '{"a":[1,"x",2]}'



def test_a_copy_under_another_name_is_checked_under_its_own(tmp_path: Path) -> None:
    """The same bytes in `a.yaml` and in the file named after its company: the id-mismatch is the
    copy's alone (the copy's entry was given to the original, naming 'a.yaml' in its error)."""
    folder = tmp_path / "disclosures"
    folder.mkdir()
    original = sorted((CASES / "valid").glob("*.yaml"))[0]
    for name in ("a.yaml", original.name):
        shutil.copy(original, folder / name)
    cold = validate_paths([folder], TODAY)
    assert {p.file for p in cold.problems if p.code == "id-mismatch"} == {str(folder / "a.yaml")}
    for _ in range(2):   # the entries written as the run goes, then those kept for the next run
        assert validate_paths([folder], TODAY, cache_dir=tmp_path / "cache") == cold
