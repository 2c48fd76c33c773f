"""The output cache's generations: reused files move into the new one, and a failed build loses none."""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator.site.outputs import Outputs


def _key(n: int) -> str:
    return hashlib.sha256(str(n).encode()).hexdigest()


def _build(cache: Path, site: Path, keys: range, *, fail: bool = False) -> tuple[int, int]:
    """One build of files named by `keys`, each file its own key's text; (made, reused)."""
    outputs = Outputs(cache)
    made = reused = 0
    for n in keys:
        target = site / f"p{n}" / "index.html"
        if outputs.reuse(_key(n), target):
            reused += 1
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(f"page {n}", encoding="utf-8")
            outputs.keep(_key(n), target)
            made += 1
    if fail:
        outputs.abandon()
    else:
        outputs.commit()
    return made, reused


def _texts(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


def test_reused_files_are_found_by_every_later_build_and_are_the_same_bytes(tmp_path):
    cache = tmp_path / "cache"
    assert _build(cache, tmp_path / "s1", range(10)) == (10, 0)
    assert _build(cache, tmp_path / "s2", range(10)) == (0, 10)
    assert _build(cache, tmp_path / "s3", range(10)) == (0, 10)
    assert _texts(tmp_path / "s3") == _texts(tmp_path / "s1")


def test_a_failed_build_gives_back_the_files_it_took(tmp_path):
    cache = tmp_path / "cache"
    _build(cache, tmp_path / "s1", range(10))
    assert _build(cache, tmp_path / "s2", range(5, 15), fail=True) == (5, 5)
    assert _build(cache, tmp_path / "s3", range(10)) == (0, 10)
    assert _texts(tmp_path / "s3") == _texts(tmp_path / "s1")
    assert not list(cache.glob("next-*"))


def test_files_another_build_did_not_use_stay_one_generation_more(tmp_path):
    # `disclose serve` and `disclose build` alternate: each finds its own pages in the generation before.
    cache = tmp_path / "cache"
    _build(cache, tmp_path / "a1", range(10))
    assert _build(cache, tmp_path / "b1", range(100, 110)) == (10, 0)
    assert _build(cache, tmp_path / "a2", range(10)) == (0, 10)
    assert _build(cache, tmp_path / "b2", range(100, 110)) == (0, 10)
    assert _build(cache, tmp_path / "c", range(200, 201)) == (1, 0)
    assert _build(cache, tmp_path / "c2", range(200, 201)) == (0, 1)
    assert _build(cache, tmp_path / "a3", range(10)) == (10, 0)   # two builds that used none of them: gone


def test_a_file_in_the_way_of_a_reused_one_is_replaced(tmp_path):
    cache = tmp_path / "cache"
    _build(cache, tmp_path / "s1", range(3))
    stale = tmp_path / "s2" / "p1" / "index.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("stale", encoding="utf-8")
    assert _build(cache, tmp_path / "s2", range(3)) == (0, 3)
    assert stale.read_text(encoding="utf-8") == "page 1"


def test_reuse_takes_a_plain_string_and_makes_the_folders_a_page_goes_in(tmp_path):
    # The writer hands strings: a path object per file cost more than the link itself at 45,000 files.
    cache, site = tmp_path / "cache", tmp_path / "site"
    _build(cache, tmp_path / "s1", range(3))
    outputs = Outputs(cache)
    found = site / "companies" / "p1" / "index.html"
    assert outputs.reuse(_key(1), str(found)) and found.read_text(encoding="utf-8") == "page 1"
    assert outputs.reuse(_key(2), str(site / "companies" / "p2" / "index.html"))
    missing = site / "entities" / "p9" / "index.html"
    assert not outputs.reuse(_key(9), str(missing))
    assert missing.parent.is_dir() and not missing.exists()   # made there next
    outputs.commit()
    assert _build(cache, tmp_path / "s3", range(3)) == (0, 3)   # the one not used stays a generation behind
