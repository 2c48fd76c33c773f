"""A pull request's files never become the build's cache: a committed cache folder, one reached
through a link, or one outside the project stops the build before anything in it is read; a
store never deletes through a link; a damaged history index is worked out again from git."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import uuid
from dataclasses import replace
from pathlib import Path

from generator.check.cache import CheckCache, JsonStore
from generator.history import parsed
from generator.history.timeline import read_history
from generator.load.loader import DEFAULT_LIMITS, load_file
from generator.site import publish
from generator.site.cache_folder import cache_problems
from tests.history_story import Repo, disclosure
from tests.sitebuild import project_copy

CACHE = Path(".cache/disclose")


def _repo(tmp_path: Path) -> Repo:
    repo = Repo(tmp_path / "project")
    project_copy(repo.root, None)
    repo.write("acme.yaml", disclosure("acme"))
    return repo


def _build(repo: Repo) -> tuple[int, str]:
    said: list[str] = []
    code = publish.build(repo.root / "mkdocs.yml", repo.root / "site", repo.root / "disclosures", say=said.append)
    return code, "\n".join(said)


def test_a_committed_cache_stops_the_build_and_publishes_nothing(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    planted = repo.root / CACHE / "outputs" / "files" / "ab" / ("ab" + "0" * 62)
    planted.parent.mkdir(parents=True)
    planted.write_text("<script>alert(1)</script>", encoding="utf-8")
    repo.git("add", "-f", "-A")
    repo.commit("A pull request that brings its own cache")
    code, said = _build(repo)
    assert code != 0 and not (repo.root / "site").exists()
    assert "[cache-folder]" in said and "git rm -r --cached .cache/disclose" in said


def test_a_committed_link_in_the_cache_deletes_nothing_outside(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "id_rsa").write_text("precious", encoding="utf-8")
    repo = _repo(tmp_path)
    (repo.root / CACHE).mkdir(parents=True)
    (repo.root / CACHE / "screening").symlink_to(victim)
    repo.git("add", "-f", "-A")
    repo.commit("A pull request with a link in the cache")
    code, said = _build(repo)
    assert code != 0 and "[cache-folder]" in said
    assert (victim / "id_rsa").read_text(encoding="utf-8") == "precious"


def test_the_cache_folder_must_be_a_folder_of_the_project(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "real").mkdir(parents=True)
    (project / "link").symlink_to(project / "real")
    assert cache_problems(CACHE, project) == []          # not yet made, no git: fine
    assert [p.code for p in cache_problems(tmp_path / "elsewhere", project)] == ["cache-folder"]
    assert [p.code for p in cache_problems(Path("../elsewhere"), project)] == ["cache-folder"]
    assert [p.code for p in cache_problems(Path("."), project)] == ["cache-folder"]
    linked = cache_problems(Path("link/disclose"), project)
    assert [p.file for p in linked] == [str(project / "link")] and "symbolic link" in linked[0].message


def test_a_cache_in_gits_own_folder_or_a_submodule_stops_the_build_and_git_keeps_its_files(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    objects = sorted(p for p in (repo.root / ".git").rglob("*") if p.is_file())
    for cache in (".git", ".git/objects", "vendored"):
        if cache == "vendored":   # a submodule's work tree: git lists its link, never its files
            (repo.root / "vendored" / ".git").mkdir(parents=True)
        config = (repo.root / "mkdocs.yml").read_text(encoding="utf-8")
        (repo.root / "mkdocs.yml").write_text(config.replace("source: !ENV", f"cache: {cache}\n      source: !ENV"),
                                              encoding="utf-8")
        code, said = _build(repo)
        (repo.root / "mkdocs.yml").write_text(config, encoding="utf-8")
        assert code != 0 and "[cache-folder]" in said, (cache, said)
    assert all(p.is_file() for p in objects)


def test_a_store_in_a_linked_folder_is_not_opened_and_prunes_no_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("x", encoding="utf-8")
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "screening").symlink_to(outside)
    assert JsonStore.open(tmp_path / "cache" / "screening", "salt") is None
    store = JsonStore.open(tmp_path / "cache" / "grouping", "salt")
    assert store is not None
    (store.folder / "a folder").mkdir()
    store.put("key", {"v": 1})
    store.prune()   # a folder among the entries: left, and no traceback
    assert (store.folder / "a folder").is_dir() and (outside / "keep.txt").exists()


def test_a_damaged_history_index_is_worked_out_again_from_git(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    for name in ("Acme Example Ltd", "Acme Group"):
        repo.write("acme.yaml", disclosure("acme", name=name))
        repo.commit(f"Name: {name}")
    cache = tmp_path / "cache"
    source = repo.root / "disclosures"
    expected = read_history(source, cache).timeline("acme")
    assert expected is not None and len(expected.versions) == 2
    [folder] = [f for f in cache.iterdir() if f.name.startswith("history-")]
    escape = tmp_path / "created-by-git"
    for damage in ({"verdicts": [1], "events": {"x": [[1]]}},
                   {"walk": {"rel": "disclosures", "head": f"--output={escape}", "commits": []}},
                   {"walk": {"rel": "disclosures", "head": "0" * 40, "commits": [["not a sha", "", "", "", []]]}}):
        shutil.rmtree(folder)
        folder.mkdir()
        (folder / "index.json").write_text(json.dumps(damage), encoding="utf-8")
        parsed._MEMO.clear()   # as a new build process starts: the walk is not remembered in memory
        assert read_history(source, cache).timeline("acme") == expected, damage
        assert not escape.exists() and not list(tmp_path.glob("created-by-git*"))


def test_git_lists_a_committed_cache_even_under_an_ignored_folder(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (repo.root / ".gitignore").write_text(".cache/\n", encoding="utf-8")
    (repo.root / CACHE / "checked").mkdir(parents=True)
    (repo.root / CACHE / "checked" / "forged.pack").write_bytes(b"{}")
    repo.git("add", "-f", "-A")
    repo.commit("forced past the ignore file")
    found = cache_problems(CACHE, repo.root)
    assert [p.code for p in found] == ["cache-folder"] and "checked/forged.pack" in found[0].message


def test_no_data_makes_the_build_write_outside_the_site(tmp_path: Path) -> None:
    # A cache from elsewhere (not committed: say, restored from another branch's run) that holds checked
    # data no check made: a company id with ../ in it. The build refuses the path and writes nothing.
    repo = _repo(tmp_path)
    repo.commit("Acme")
    file = repo.root / "disclosures" / "acme.yaml"
    loaded = load_file(file)
    mark = f"escaped-{uuid.uuid4().hex}"
    forged = json.loads(json.dumps({**loaded.data, "company": {**loaded.data["company"], "id": f"../../../{mark}"}},
                                   default=str))   # as a cache holds it: dates as text
    cache = CheckCache.open(repo.root / CACHE / "checked", dt.date.today(), DEFAULT_LIMITS)
    assert cache is not None
    digest = hashlib.sha256(file.read_bytes()).hexdigest()   # a checked file's key: its bytes
    cache.put(digest, replace(loaded, data=forged, path=str(file)), [])
    cache.flush()
    code, said = _build(repo)
    assert code != 0 and "[unsafe-path]" in said, said
    assert not (repo.root / "site").exists()
    assert not [*tmp_path.rglob(f"{mark}*"), *(p for folder in tmp_path.parents[:3] for p in folder.glob(f"{mark}*"))]
