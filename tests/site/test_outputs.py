"""The output cache: files stay where they are while either of the last two builds used them, and a
failed build loses none."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from generator.site.outputs import Outputs


def _key(n: int) -> str:
    return hashlib.sha256(str(n).encode()).hexdigest()


def _build(cache: Path, site: Path, keys: range | list[int], *, fail: bool = False) -> tuple[int, int]:
    """One build of files named by `keys`, each file its own key's text; (made, reused)."""
    outputs = Outputs(cache)
    made = reused = 0
    for n in keys:
        target = site / f"p{n}" / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        if outputs.reuse(_key(n), str(target)):
            reused += 1
        else:
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


def test_a_failed_build_loses_no_file_and_the_files_it_made_serve_the_next(tmp_path):
    cache = tmp_path / "cache"
    _build(cache, tmp_path / "s1", range(10))
    assert _build(cache, tmp_path / "s2", range(5, 15), fail=True) == (5, 5)
    assert _build(cache, tmp_path / "s3", range(5, 15)) == (0, 10)
    assert _build(cache, tmp_path / "s4", range(10)) == (0, 10)
    assert _texts(tmp_path / "s4") == _texts(tmp_path / "s1")


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


def test_a_key_asked_for_and_not_found_is_kept_by_the_build_that_makes_it(tmp_path):
    cache = tmp_path / "cache"
    _build(cache, tmp_path / "s1", range(3))
    outputs = Outputs(cache)
    (tmp_path / "s2").mkdir()
    assert outputs.reuse(_key(1), str(tmp_path / "s2" / "p1.html"))
    assert not outputs.reuse(_key(9), str(tmp_path / "s2" / "p9.html"))
    (tmp_path / "s2" / "p9.html").write_text("page 9", encoding="utf-8")
    outputs.keep(_key(9), tmp_path / "s2" / "p9.html")
    outputs.commit()
    assert _build(cache, tmp_path / "s3", range(3)) == (0, 3)   # the one not used stays a build behind
    assert _build(cache, tmp_path / "s4", [9]) == (0, 1)


def test_a_restored_cache_that_links_elsewhere_has_nothing_removed_there(tmp_path):
    # A cache restored from another run is data: its links are not followed to remove anything.
    cache, outside = tmp_path / "cache", tmp_path / "outside"
    (outside / "ab").mkdir(parents=True)
    (outside / "ab" / "precious").write_text("mine", encoding="utf-8")
    _build(cache, tmp_path / "s1", range(3))
    (cache / "files" / "ab").mkdir(exist_ok=True)
    (cache / "files" / "zz").symlink_to(outside / "ab")
    assert _build(cache, tmp_path / "s2", range(3)) == (0, 3)
    assert (outside / "ab" / "precious").read_text(encoding="utf-8") == "mine"
    shutil.rmtree(cache / "files")
    (cache / "files").symlink_to(outside)
    assert _build(cache, tmp_path / "s3", range(3)) == (3, 0)
    assert (outside / "ab" / "precious").read_text(encoding="utf-8") == "mine"
    assert not (cache / "files").is_symlink()


def test_an_earlier_layouts_folders_are_removed_by_a_build_that_ends(tmp_path):
    cache = tmp_path / "cache"
    for name in ("current", "previous", "next-x1"):
        (cache / name / "ab").mkdir(parents=True)
        (cache / name / "ab" / "abcd").write_text("old", encoding="utf-8")
    _build(cache, tmp_path / "s1", range(2))
    assert sorted(p.name for p in cache.iterdir()) == ["files", "last.keys"]


def test_a_restored_cache_entry_that_is_a_link_or_a_folder_is_made_again_and_nothing_it_points_to_is_published(
        tmp_path):
    # A poisoned cache (restored from another branch's run) naming a page's key: its link to a secret
    # must not put the secret in the site, nor its folder stop the build.
    cache, secret = tmp_path / "cache", tmp_path / "secret.txt"
    secret.write_text("a token", encoding="utf-8")
    _build(cache, tmp_path / "s1", range(3))
    for n in (0, 1):
        (cache / "files" / _key(n)[:2] / _key(n)).unlink()
    (cache / "files" / _key(0)[:2] / _key(0)).symlink_to(secret)
    (cache / "files" / _key(1)[:2] / _key(1)).mkdir()
    (cache / "files" / "zz").write_text("not a folder", encoding="utf-8")
    assert _build(cache, tmp_path / "s2", range(3)) == (2, 1)
    assert _texts(tmp_path / "s2") == _texts(tmp_path / "s1")
    assert secret.read_text(encoding="utf-8") == "a token"
    assert not [p for p in (cache / "files").rglob("*") if p.is_symlink()]
    assert _build(cache, tmp_path / "s3", range(3)) == (0, 3)
