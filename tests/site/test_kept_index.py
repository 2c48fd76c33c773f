"""The search index kept between builds: reused only for the very records it was made from, and only whole."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from benchmarks.synthetic import write_corpus
from generator.site import publish
from tests.site.test_incremental import assert_same_as_full_build, edit, files
from tests.sitebuild import project_copy

pytestmark = pytest.mark.site

SAID = re.compile(r"search index: (\d+) records, (.+)")


def build(project: Path) -> str:
    """`disclose build`; how the search index was had: 'indexed', or the last build's."""
    said: list[str] = []
    assert publish.build(project / "mkdocs.yml", project / "site", project / "disclosures", say=said.append) == 0
    found = SAID.search("\n".join(said))
    assert found, said
    return "indexed" if found[2] == "indexed" else "kept"


def cached(project: Path) -> list[Path]:
    return [p for p in (project / ".cache/disclose/outputs/files").rglob("*") if p.is_file()]


def index_files_in_cache(project: Path) -> list[Path]:
    """The cache's copies of the site's index (hard links of the same files)."""
    inodes = {p.stat().st_ino for p in (project / "site/pagefind").rglob("*") if p.is_file()}
    return [p for p in cached(project) if p.stat().st_ino in inodes]


def listing(project: Path) -> Path:
    found = [p for p in cached(project) if re.match(rb"[0-9a-f]{64} \d+\n", p.read_bytes()[:80])]
    assert len(found) == 1, found
    return found[0]


def workers(project: Path, n: int) -> None:
    """A change no search record shows: the number of workers of one supplier."""
    file = project / "disclosures" / "synthetic-00001.yaml"
    text = file.read_text(encoding="utf-8")
    file.write_text(re.sub(r"workers: \d+", f"workers: {n}", text, count=1), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 6, 4)
    folder = project_copy(tmp_path / "p", corpus)
    assert build(folder) == "indexed"
    return folder


def test_a_change_no_record_shows_links_the_last_index_and_equals_a_full_build(project: Path, tmp_path: Path) -> None:
    before = files(project / "site")
    workers(project, 4321)
    assert build(project) == "kept"
    after = files(project / "site")
    assert [k for k in after if k.startswith("pagefind/") and after[k] != before.get(k)] == []
    assert after["companies/synthetic-00001/index.html"] != before["companies/synthetic-00001/index.html"]
    assert_same_as_full_build(project, tmp_path, "workers")
    # The index is whole: the metadata its entry names is there.
    entry = json.loads((project / "site/pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert (project / f"site/pagefind/pagefind.{entry['languages']['zh']['hash']}.pf_meta").is_file()


def test_a_renamed_supplier_is_indexed_anew(project: Path, tmp_path: Path) -> None:
    file = project / "disclosures" / "synthetic-00001.yaml"
    name = re.search(r"suppliers:\n- id: \S+\n  name: (.+)\n", file.read_text(encoding="utf-8"))
    assert name
    edit(file, f"name: {name[1]}\n", "name: Quillwort Spinning Example Ltd.\n")
    assert build(project) == "indexed"
    assert_same_as_full_build(project, tmp_path, "renamed")


def test_an_index_missing_a_file_in_the_cache_is_made_again(project: Path, tmp_path: Path) -> None:
    kept = index_files_in_cache(project)
    assert len(kept) > 5
    os.unlink(kept[len(kept) // 2])
    workers(project, 1234)
    assert build(project) == "indexed"
    assert_same_as_full_build(project, tmp_path, "missing")
    workers(project, 1235)
    assert build(project) == "kept"   # and kept whole again


@pytest.mark.parametrize("name", ["../../../escaped.js", "/tmp/escaped.js", "pagefind.js/../../x"])
def test_a_cached_list_naming_a_file_outside_the_index_is_no_index(project: Path, tmp_path: Path, name: str) -> None:
    """A restored cache is data: a list of the index's files that leads out of its folder is not followed."""
    path = listing(project)
    text = path.read_text(encoding="utf-8")
    path.unlink()   # a file of its own, not the linked one
    path.write_text(text + "\n" + name, encoding="utf-8")
    workers(project, 2222)
    assert build(project) == "indexed"
    assert not (project / "escaped.js").exists() and not Path("/tmp/escaped.js").exists()
    assert_same_as_full_build(project, tmp_path, "hostile")
