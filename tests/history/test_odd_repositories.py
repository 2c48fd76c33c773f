"""Repositories git reads in its own way: many renames in one commit, attributes on the
disclosures, entries that are not files. History follows each company and says what it found."""

from __future__ import annotations

import subprocess
from pathlib import Path

from generator.history.revisions import diff_revisions
from generator.history.timeline import read_history
from generator.pipeline import load_registry
from generator.site import tables
from generator.site.cache_folder import cache_problems
from tests.history_story import KASHGAR, Repo, disclosure

MANY = 1_100   # past git's default rename limit of 1,000 files


def test_a_company_renamed_among_a_thousand_others_keeps_its_history(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.git("config", "diff.renameLimit", "1")   # nor does the repository's own setting decide
    for i in range(MANY):
        repo.write(f"c{i}.yaml", disclosure(f"c{i}", name=f"Company {i} Ltd", suppliers="suppliers:\n" + KASHGAR))
    before = repo.commit("Add companies")
    for i in range(MANY):
        (repo.root / "disclosures" / f"c{i}.yaml").unlink()
        repo.write(f"n{i}.yaml", disclosure(f"n{i}", name=f"Company {i} Ltd", suppliers="suppliers:\n" + KASHGAR))
    repo.commit("Rename every company")
    history = read_history(repo.root / "disclosures")
    assert history.withdrawn() == [] and len(history.timelines) == MANY
    assert history.redirects["c7"] == "n7"
    timeline = history.timeline("n7")
    assert timeline and [v.state for v in timeline.versions] == ["readable", "readable"]
    diffs = diff_revisions(repo.root / "disclosures", before, "HEAD")
    assert len(diffs) == MANY and all(d.old_path != d.path for d in diffs)


def test_a_version_that_was_a_link_or_a_submodule_says_so(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.write("acme.yaml", disclosure("acme"))
    first = repo.commit("Add Acme")
    (repo.root / "disclosures" / "acme.yaml").unlink()
    (repo.root / "disclosures" / "acme.yaml").symlink_to("/etc/passwd")
    link = repo.commit("Acme as a link")
    repo.git("rm", "-q", "--cached", "disclosures/acme.yaml")
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{first},disclosures/acme.yaml")
    repo.git("commit", "-q", "-m", "Acme as a submodule")
    timeline = read_history(repo.root / "disclosures").timeline("acme")
    assert timeline and [v.state for v in timeline.versions] == ["readable", "unreadable", "unreadable"]
    assert "was a symbolic link in this commit, not a file" in timeline.versions[1].problem
    assert "was a submodule" in timeline.versions[2].problem
    (changed,) = diff_revisions(repo.root / "disclosures", first, link)
    assert "was a symbolic link in this commit, not a file" in changed.problem


def test_a_file_whose_name_is_not_utf8_is_named_as_the_problem(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    name = b"\xff\xfelatin.yaml".decode("utf-8", "surrogateescape")   # as the file system gives it
    repo.write(name, disclosure("latin"))
    repo.commit("Add a file named in Latin-1")
    repo.write(name, disclosure("latin", name="Latin Example plc"))
    (changed,) = diff_revisions(repo.root / "disclosures", "HEAD", None)
    assert "No such file" not in changed.problem
    assert "name is not UTF-8 text" in changed.problem and "\ufffd\ufffdlatin.yaml" in changed.problem
    assert changed.path == "disclosures/\ufffd\ufffdlatin.yaml"


def test_history_is_what_was_committed_whatever_replace_refs_and_grafts_say(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.write("acme.yaml", disclosure("acme"))
    repo.commit("Add Acme")
    repo.write("acme.yaml", disclosure("acme", name="Acme Group Ltd"))
    real = repo.commit("Rename Acme")
    repo.git("checkout", "-q", "-b", "fake", "HEAD~1")
    repo.write("acme.yaml", disclosure("acme", name="Forged Example Ltd"))
    forged = repo.commit("Forged")
    repo.git("checkout", "-q", "main")
    repo.git("replace", real, forged)
    (repo.root / ".git" / "info").mkdir(exist_ok=True)
    (repo.root / ".git" / "info" / "grafts").write_text(real + "\n")   # `real` as if it had no parent
    timeline = read_history(repo.root / "disclosures").timeline("acme")
    assert timeline and [v.message for v in timeline.versions] == ["Add Acme", "Rename Acme"]
    assert [e.new for e in timeline.versions[1].events] == ["Acme Group Ltd"]
    (changed,) = diff_revisions(repo.root / "disclosures", "HEAD~1", "HEAD")
    assert changed.name == "Acme Group Ltd"


def test_a_repositorys_fsmonitor_setting_is_never_run(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.write("acme.yaml", disclosure("acme"))
    repo.commit("Add Acme")
    marker = tmp_path / "ran"
    program = tmp_path / "monitor.sh"
    program.write_text(f"#!/bin/sh\ntouch {marker}\n")
    program.chmod(0o755)
    repo.git("config", "core.fsmonitor", str(program))   # git runs it whenever it reads the index
    repo.write("acme.yaml", disclosure("acme", name="Acme Group Ltd"))
    (changed,) = diff_revisions(repo.root / "disclosures", "HEAD", None)
    assert changed.name == "Acme Group Ltd"
    assert cache_problems(repo.root / ".cache" / "disclose", repo.root) == []   # asks `git ls-files`
    assert not marker.exists()


def test_a_file_named_only_by_its_suffix_keeps_a_name_in_the_open_data(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.write("acme.yaml", disclosure("acme"))
    repo.write(".yaml", disclosure("acme"))
    repo.commit("Add Acme, and a file named .yaml")
    (repo.root / "disclosures" / ".yaml").unlink()
    repo.commit("Remove .yaml")
    history = read_history(repo.root / "disclosures")
    assert [t.id for t in history.timelines] == [".yaml", "acme"]
    registry, _ = load_registry(repo.root / "disclosures")
    changes = tables.BY_NAME["changes"]
    required = [i for i, c in enumerate(changes.columns) if c.required]
    rows = list(tables.rows(changes, registry, history))
    assert rows and all(row[i] is not None for row in rows for i in required)   # else the build stops


def test_a_version_missing_from_the_repository_is_said_to_be_missing_not_empty(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.write("acme.yaml", disclosure("acme"))
    first = repo.commit("Add Acme")
    gone = "1" * 40   # as a partial clone's tree names a blob it never fetched
    blob = repo.git("rev-parse", "HEAD:disclosures/acme.yaml").strip()
    entries = repo.git("ls-tree", "HEAD:disclosures").replace(blob, gone)
    folder = _mktree(repo, entries)
    top = _mktree(repo, f"040000 tree {folder}\tdisclosures\n")
    later = repo.git("commit-tree", top, "-p", first, "-m", "Acme, its blob missing").strip()
    (changed,) = diff_revisions(repo.root / "disclosures", first, later)
    assert "missing from the repository" in changed.problem and "empty" not in changed.problem


def test_a_diff_sees_the_disclosures_the_registry_reads_not_those_in_a_subfolder(tmp_path: Path) -> None:
    """Only the files directly in disclosures/ are checked and built: a file added in a subfolder was listed
    in the pull request's summary as a company added, and one moved there as a rename, though the site
    would withdraw it."""
    repo = Repo(tmp_path / "repo")
    repo.write("acme.yaml", disclosure("acme"))
    first = repo.commit("Add Acme")
    repo.write("2024/beta.yaml", disclosure("beta", name="Beta Example Ltd"))
    added_below = repo.commit("File Beta in a subfolder")
    assert diff_revisions(repo.root / "disclosures", first, added_below) == []
    repo.git("mv", "disclosures/acme.yaml", "disclosures/2024/acme.yaml")
    moved_down = repo.commit("Move Acme into the subfolder")
    (gone,) = diff_revisions(repo.root / "disclosures", added_below, moved_down)
    assert (gone.path, gone.old_path) == ("disclosures/acme.yaml", "disclosures/acme.yaml")
    assert [e.kind for e in gone.events] == ["disclosure-withdrawn"]
    repo.git("mv", "disclosures/2024/acme.yaml", "disclosures/acme.yaml")
    moved_up = repo.commit("Move Acme back")
    (back,) = diff_revisions(repo.root / "disclosures", moved_down, moved_up)
    assert [e.kind for e in back.events] == ["disclosure-added"]


def _mktree(repo: Repo, entries: str) -> str:
    return subprocess.run(["git", "mktree", "--missing"], cwd=repo.root, input=entries, capture_output=True,
                          text=True, check=True).stdout.strip()
