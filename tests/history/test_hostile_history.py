"""Git history as untrusted input: commit metadata scrubbed in linear time and shown bounded;
a version over the file-size limit is "unreadable: too large" without being read, so memory
is bounded by the limit, not by the history. Hangs are caught by generous timeouts."""

from __future__ import annotations

import os
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.history import metadata, parsed
from generator.history.metadata import MAX_SHOWN, scrub
from generator.history.timeline import read_history
from tests.history_story import Repo, disclosure

ROOT = Path(__file__).resolve().parents[2]
BIG = 160 * 1024 * 1024      # the version no build may read
MEMORY = 200 * 1024 * 1024   # RLIMIT_AS for the command: less than the big version takes twice


def disclose(*args: str, cwd: Path, memory: int | None = None) -> subprocess.CompletedProcess[str]:
    def bounded() -> None:
        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=180, preexec_fn=bounded, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_a_200_kb_commit_subject_is_scrubbed_quickly_and_shown_bounded(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.write("acme.yaml", disclosure("acme"))
    message = tmp_path / "message.txt"
    # The shapes that made the old e-mail pattern quadratic: long words with and without an @.
    message.write_text("Add Acme " + "a" * 100_000 + " " + "b@" * 50_000 + " jane@example.org\n", encoding="utf-8")
    repo.day += 1
    repo.git("add", "-A")
    repo.git("commit", "-q", "-F", str(message))
    done = disclose("history", "acme", "--source", "disclosures", cwd=repo.root)
    assert done.returncode == 0, done.stderr
    first = done.stdout.splitlines()[0]
    assert "Add Acme" in first and "@" not in first
    assert len(first) < MAX_SHOWN + 100


def test_scrub_removes_addresses_controls_and_length() -> None:
    assert scrub("Fix <jane@example.org> typo\x1b[31m") == "Fix typo\\x1b[31m"
    assert len(scrub("word " * 10_000)) <= MAX_SHOWN
    assert "@" not in scrub("x" * 500 + "@example.org")


def _big_blob(repo: Repo, tail: bytes = b"") -> str:
    """A version of BIG bytes written straight into git's store (a few hundred KB there)."""
    writer = subprocess.Popen(["git", "hash-object", "-w", "--stdin"], cwd=repo.root, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE)
    assert writer.stdin is not None and writer.stdout is not None
    block = (b"# " + b"x" * 1021 + b"\n") * 1024
    for _ in range(BIG // len(block)):
        writer.stdin.write(block)
    writer.stdin.write(tail)
    writer.stdin.close()
    sha = writer.stdout.read().decode().strip()
    assert writer.wait() == 0
    return sha


@pytest.fixture(scope="module")
def big_history(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    """A repository whose history once held a 160 MB disclosure (a few hundred KB in .git)."""
    repo = Repo(tmp_path_factory.mktemp("big") / "repo")
    repo.write("acme.yaml", disclosure("acme"))
    repo.commit("Add Acme")
    sha = _big_blob(repo)
    # Staged straight from git's store: the working tree never holds it (`commit` would add -A).
    repo.git("update-index", "--add", "--cacheinfo", f"100644,{sha},disclosures/big.yaml")
    repo.git("commit", "-q", "-m", "Add a big file")
    repo.git("rm", "-q", "--cached", "disclosures/big.yaml")
    repo.git("commit", "-q", "-m", "Remove it")
    return repo


def test_a_version_over_the_limit_is_unreadable_without_being_read(big_history: Repo) -> None:
    done = disclose("history", "big", "--source", "disclosures", cwd=big_history.root, memory=MEMORY)
    assert done.returncode == 0, done.stderr
    assert "unreadable: too large" in done.stdout
    timeline = read_history(big_history.root / "disclosures").timeline("big")
    assert timeline is not None and timeline.versions[0].state == "unreadable"


def test_diff_across_a_version_over_the_limit_is_bounded(big_history: Repo) -> None:
    done = disclose("diff", "HEAD~2", "HEAD~1", "--source", "disclosures", cwd=big_history.root, memory=MEMORY)
    assert done.returncode == 0, done.stderr
    assert "could not be read" in done.stdout and "too large" in done.stdout


def test_two_big_versions_of_one_size_are_never_read_to_pair_them_as_a_rename(tmp_path: Path) -> None:
    """Git reads both versions whole to tell whether a deleted file and an added one are a rename: two
    160 MB versions that zlib keeps in a few hundred KB made every `git log` and `git diff` take 320 MB."""
    repo = Repo(tmp_path / "repo")
    repo.write("acme.yaml", disclosure("acme"))
    repo.commit("Add Acme")
    repo.git("update-index", "--add", "--cacheinfo", f"100644,{_big_blob(repo, b'# one')},disclosures/big.yaml")
    repo.git("commit", "-q", "-m", "Add a big file")
    repo.git("rm", "-q", "--cached", "disclosures/big.yaml")
    repo.git("update-index", "--add", "--cacheinfo", f"100644,{_big_blob(repo, b'# two')},disclosures/bigger.yaml")
    repo.git("commit", "-q", "-m", "Rename it, one line changed")
    done = disclose("history", "bigger", "--source", "disclosures", cwd=repo.root, memory=MEMORY)
    assert done.returncode == 0, done.stderr
    assert "unreadable: too large" in done.stdout
    done = disclose("diff", "HEAD~1", "HEAD", "--source", "disclosures", cwd=repo.root, memory=MEMORY)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("too large") == 2   # a withdrawn file and a new one, each unread


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x7f), max_size=400) | st.sampled_from(
    ["Update acme", "  two  spaces ", "x" * MAX_SHOWN, "x" * (MAX_SHOWN + 1), "a b" * 150, "tab\there"]))
def test_scrub_takes_its_short_way_only_where_the_long_way_gives_the_same(text: str) -> None:
    assert scrub(text) == metadata._scrubbed(text, MAX_SHOWN)


def test_commit_dates_are_shown_in_utc_and_changes_come_in_the_order_they_were_made(tmp_path: Path) -> None:
    """Year 99999 and an offset of +99:59 went to the feed and to <time> as git wrote them, and a
    commit dated 2103 stayed the newest change, above every commit made after it."""
    repo = Repo(tmp_path / "repo")
    dates = ["@1767268800 +0000", "@4200000000 +9959", "@3093527980800 -9959", "@1767355200 -1200",
             "@1767441600 +0000"]
    for i, date in enumerate(dates):
        repo.write("acme.yaml", disclosure("acme", name=f"Acme {i}"))
        repo.git("add", "-A")
        env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_DATE": date}
        subprocess.run(["git", "-c", "user.name=x", "-c", "user.email=x@example.org", "commit", "-q", "-m", f"c{i}"],
                       cwd=repo.root, env=env, check=True)
    history = read_history(repo.root / "disclosures")
    assert [v.date for v in history.timeline("acme").versions] == [
        "2026-01-01T12:00:00+00:00", "2103-02-04T02:40:00+00:00", "2103-02-04T02:40:00+00:00",
        "2026-01-02T12:00:00+00:00", "2026-01-03T12:00:00+00:00"]
    assert [v.message for v, _ in history.changes()] == ["c4", "c3", "c2", "c1", "c0"]


def test_a_stored_last_version_of_another_shape_is_read_from_git_again(tmp_path: Path) -> None:
    """A cache whose data.sqlite held {"company": {"name": {"a": 1}}, "suppliers": [5]} for a withdrawn
    company's last version: its page was titled "{'a': 1} withdrawn", with three empty suppliers."""
    repo = Repo(tmp_path / "repo")
    repo.write("acme.yaml", disclosure("acme"))
    repo.commit("Add")
    (repo.root / "disclosures" / "acme.yaml").unlink()
    repo.commit("Withdraw")
    cache = tmp_path / "cache"
    parsed._MEMO.clear()
    cold = read_history(repo.root / "disclosures", cache)
    [data] = cache.rglob("data.sqlite")
    with sqlite3.connect(data) as db:
        db.execute("UPDATE data SET json = ?", ('{"company": {"name": {"a": 1}}, "suppliers": [5, "x", null]}',))
    db.close()
    parsed._MEMO.clear()
    warm = read_history(repo.root / "disclosures", cache)
    parsed._MEMO.clear()
    assert warm.timeline("acme").last == cold.timeline("acme").last
    assert warm.timeline("acme").name == "Acme Example Ltd"


def test_a_repository_planted_in_the_folder_of_disclosures_is_not_read(tmp_path: Path) -> None:
    """A pull request can commit HEAD, config, objects/ and refs/ into disclosures/, which git then takes for a bare
    repository: asked from that folder, it read the planted one, so `disclose history` and every build lost the
    registry's real history (or, with 'worktree = ..' in its config, showed a forged one)."""
    forged = Repo(tmp_path / "forged")
    forged.write("acme.yaml", disclosure("acme", name="Forged Name Ltd"))
    forged.commit("Forged history")
    repo = Repo(tmp_path / "repo")
    repo.write("acme.yaml", disclosure("acme", name="Real Name Ltd"))
    repo.commit("Add Acme")
    planted = repo.root / "disclosures"
    subprocess.run(["git", "clone", "-q", "--bare", str(forged.root), str(tmp_path / "bare.git")], check=True)
    subprocess.run(["cp", "-r", f"{tmp_path / 'bare.git'}/.", str(planted)], check=True)
    subprocess.run(["git", "config", "-f", str(planted / "config"), "core.bare", "false"], check=True)
    subprocess.run(["git", "config", "-f", str(planted / "config"), "core.worktree", ".."], check=True)
    repo.commit("Plant a repository")
    done = disclose("history", "acme", cwd=repo.root)
    assert done.returncode == 0, done.stderr
    assert "Real Name Ltd" in done.stdout and "Forged" not in done.stdout
