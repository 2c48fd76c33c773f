"""History read from real git repositories made in temp folders."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest

from generator.history import parsed
from generator.history.timeline import History, read_history
from tests.history_story import AUTHOR_EMAIL, DHAKA, Repo, disclosure, tell_story


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], History]:
    root = tmp_path_factory.mktemp("story")
    _, shas = tell_story(root)
    return root, shas, read_history(root / "disclosures")


def _by_commit(history: History, company_id: str) -> dict[str, list[str]]:
    timeline = history.timeline(company_id)
    assert timeline is not None
    return {v.commit: [e.text() for e in v.events] for v in timeline.versions}


def test_every_step_of_the_story(story):
    _, shas, history = story
    assert history.status == "available"
    seen = _by_commit(history, "acme-group")
    assert seen[shas["add"]] == ["Disclosure of Acme Example Ltd (acme) added"]
    assert seen[shas["suppliers"]] == ["Supplier Dhaka Knit Ltd (dhaka-knit) added",
                                       "Supplier Kashgar Yarn Co. (kashgar-yarn) added"]
    assert seen[shas["reorder"]] == []
    assert "Due-diligence step audit-2025 (independent-audit): status planned → completed" in seen[shas["complete"]]
    assert seen[shas["reopen"]][-1] == "Due-diligence step audit-2025 (independent-audit): status completed → planned"
    assert seen[shas["rename"]] == ["company.id: acme → acme-group"]
    assert seen[shas["invalid"]] == []
    assert seen[shas["fix"]] == ["Supplier Dhaka Knit Ltd (dhaka-knit) removed"]
    assert seen[shas["withdraw"]] == ["Disclosure of Acme Example Ltd (acme-group) withdrawn"]


def test_step_change_is_one_event_per_field(story):
    _, shas, history = story
    version = next(v for v in history.timeline("acme-group").versions if v.commit == shas["complete"])
    fields = {e.field: (e.old, e.new) for e in version.events}
    assert fields == {"status": ("planned", "completed"), "date": (None, "2025-11-30"), "due": ("2026-06-30", None),
                      "conducted_by.name": (None, "Example Audit Co"), "conducted_by.independent": (None, True)}
    assert {e.kind for e in version.events} == {"step-changed"}


def test_unreadable_version_is_shown_not_fatal(story):
    _, shas, history = story
    version = next(v for v in history.timeline("acme-group").versions if v.commit == shas["invalid"])
    assert version.state == "unreadable"
    assert "acme-group.yaml" in version.problem and "finished" in version.problem


def test_rename_continues_history_and_redirects(story):
    _, _, history = story
    timeline = history.timeline("acme-group")
    assert [v.company_id for v in timeline.versions][:2] == ["acme", "acme"]
    assert len(timeline.versions) == 9
    assert timeline.former_ids == ("acme",)
    assert history.redirects == {"acme": "acme-group"}
    assert history.timeline("acme") is None


def test_withdrawn_company_keeps_last_readable_version(story):
    _, _, history = story
    timeline = history.timeline("acme-group")
    assert timeline.withdrawn
    assert [s["id"] for s in timeline.last["suppliers"]] == ["kashgar-yarn"]
    assert timeline.name == "Acme Example Ltd"
    assert [t.id for t in history.withdrawn()] == ["acme-group"]
    assert not history.timeline("other").withdrawn


def test_commit_metadata(story):
    _, shas, history = story
    first = history.timeline("acme-group").versions[0]
    assert (first.commit, first.date, first.author, first.message) == (
        shas["add"], "2026-01-01T12:00:00+00:00", "Jane Doe", "Add Acme and Other")
    assert history.last_changed("other") == "2026-01-01T12:00:00+00:00"
    assert history.last_changed("acme-group") == "2026-01-09T12:00:00+00:00"
    assert history.last_changed("nobody") is None


def test_no_email_anywhere(story):
    _, _, history = story
    assert AUTHOR_EMAIL not in repr(history)


def test_changes_newest_first(story):
    _, shas, history = story
    commits = [v.commit for v, _ in history.changes()]
    assert commits[0] == shas["withdraw"] and commits[-1] == shas["add"]
    assert shas["reorder"] not in commits


def test_disk_cache_gives_the_same_history(story, tmp_path):
    root, _, history = story
    cache = tmp_path / "cache"
    parsed._MEMO.clear()
    cold = read_history(root / "disclosures", cache)
    [index] = cache.rglob("index.json")
    [data] = cache.rglob("data.sqlite")
    with sqlite3.connect(data) as db:
        # Only each company's last readable version is kept: any other is read from git when needed.
        assert db.execute("SELECT count(*) FROM data").fetchone() == (len(cold.timelines),) == (2,)
        db.execute("DELETE FROM data WHERE rowid = 1")
    db.close()
    parsed._MEMO.clear()
    assert read_history(root / "disclosures", cache) == cold == history
    data.write_bytes(b"damaged")
    parsed._MEMO.clear()
    assert read_history(root / "disclosures", cache) == cold
    # A warm run believes the cache rather than git: proof that it reads it.
    parsed._MEMO.clear()
    saved = json.loads(index.read_text(encoding="utf-8"))
    index.write_text(json.dumps({"verdicts": dict.fromkeys(saved["verdicts"], "cached"), "events": {}}),
                     encoding="utf-8")
    warm = read_history(root / "disclosures", cache)
    parsed._MEMO.clear()  # the false verdicts must not reach other tests
    assert {v.problem for t in warm.timelines for v in t.versions if v.state != "withdrawn"} == {"cached"}


def test_readding_a_withdrawn_company_continues_it(tmp_path):
    repo = Repo(tmp_path)
    repo.write("acme.yaml", disclosure("acme"))
    repo.commit("Add")
    (tmp_path / "disclosures" / "acme.yaml").unlink()
    repo.commit("Withdraw the only disclosure: the folder goes")
    assert read_history(tmp_path / "disclosures").timeline("acme").withdrawn
    repo.write("acme.yaml", disclosure("acme", name="Acme Returns Ltd"))
    repo.commit("Back")
    timeline = read_history(tmp_path / "disclosures").timeline("acme")
    assert [v.state for v in timeline.versions] == ["readable", "withdrawn", "readable"]
    assert [e.kind for e in timeline.versions[-1].events] == ["disclosure-added"]
    assert not timeline.withdrawn


def test_outside_git_is_unavailable(tmp_path):
    (tmp_path / "disclosures").mkdir()
    history = read_history(tmp_path / "disclosures")
    assert (history.status, history.reason) == ("unavailable", "not-a-repository")
    assert "git init" in history.message
    assert history.timeline("acme") is None and history.last_changed("acme") is None


def test_no_commits_is_unavailable(tmp_path):
    Repo(tmp_path)
    history = read_history(tmp_path / "disclosures")
    assert (history.status, history.reason) == ("unavailable", "no-commits")


def test_shallow_clone_is_detected_with_the_fix(story, tmp_path):
    root, _, _ = story
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{root}", str(tmp_path / "c")], check=True)
    history = read_history(tmp_path / "c" / "disclosures")
    assert (history.status, history.reason) == ("unavailable", "shallow")
    assert "fetch-depth: 0" in history.message


def test_author_named_like_an_email_is_scrubbed(tmp_path):
    repo = Repo(tmp_path)
    repo.write("acme.yaml", disclosure("acme"))
    repo.git("add", "-A")
    repo.git("-c", "user.name=bot@example.org", "commit", "-q", "-m", "Add acme for <bot@example.org>")
    version = read_history(tmp_path / "disclosures").timeline("acme").versions[0]
    assert "@" not in version.author + version.message


def test_cli_history_and_diff_between_revisions(story):
    import json

    from click.testing import CliRunner

    from generator.cli import main

    root, shas, _ = story
    source = str(root / "disclosures")
    run = CliRunner().invoke(main, ["history", "acme", "--source", source, "--format", "json"])
    assert run.exit_code == 0, run.output
    versions = json.loads(run.output)
    assert [v["commit"] for v in versions][:2] == [shas["add"], shas["suppliers"]]
    assert set(versions[0]) >= {"commit", "date", "author", "message", "events"}
    assert AUTHOR_EMAIL not in run.output
    run = CliRunner().invoke(main, ["history", "acme-group", "--source", source])
    assert "status completed → planned" in run.output and run.output.index("Withdraw") < run.output.index("Add Acme")
    run = CliRunner().invoke(main, ["diff", shas["suppliers"], shas["complete"], "--source", source,
                                    "--format", "markdown"])
    assert run.exit_code == 0, run.output
    assert run.output.startswith("### Disclosure changes from")
    assert "- Due-diligence step audit-2025 \\(independent-audit\\): status planned → completed" in run.output
    run = CliRunner().invoke(main, ["diff", shas["reopen"], shas["rename"], "--source", source, "--format", "json"])
    [moved] = json.loads(run.output)
    assert moved["old_path"].endswith("acme.yaml") and moved["path"].endswith("acme-group.yaml")
    assert [e["text"] for e in moved["events"]] == ["company.id: acme → acme-group"]
    run = CliRunner().invoke(main, ["history", "nobody", "--source", source])
    assert run.exit_code == 1 and "no history" in run.output


def test_cli_diff_of_two_files(tmp_path):
    from click.testing import CliRunner

    from generator.cli import main

    (tmp_path / "a.yaml").write_text(disclosure("acme"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(disclosure("acme", audit="completed"), encoding="utf-8")
    run = CliRunner().invoke(main, ["diff", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")])
    assert run.exit_code == 0 and "status planned → completed" in run.output
    (tmp_path / "b.yaml").write_text("company: [", encoding="utf-8")
    run = CliRunner().invoke(main, ["diff", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")])
    assert run.exit_code == 0 and "could not be read" in run.output and "Traceback" not in run.output
    run = CliRunner().invoke(main, ["diff", "HEAD~1", "HEAD", "--source", str(tmp_path)])
    assert run.exit_code == 1 and "not inside a git repository" in run.output


def test_cache_follows_new_commits_and_rewritten_history(tmp_path):
    repo, cache = Repo(tmp_path / "r"), tmp_path / "cache"
    repo.write("acme.yaml", disclosure("acme"))
    repo.commit("Add")
    read_history(tmp_path / "r" / "disclosures", cache)
    repo.write("acme.yaml", disclosure("acme", audit="completed"))
    repo.commit("Audit done")
    parsed._MEMO.clear()
    grown = read_history(tmp_path / "r" / "disclosures", cache).timeline("acme")
    assert [v.message for v in grown.versions] == ["Add", "Audit done"]
    repo.git("reset", "-q", "--hard", "HEAD~1")
    repo.write("acme.yaml", disclosure("acme", name="Acme Renamed Ltd"))
    repo.commit("Rename instead")
    parsed._MEMO.clear()
    rewritten = read_history(tmp_path / "r" / "disclosures", cache).timeline("acme")
    assert [v.message for v in rewritten.versions] == ["Add", "Rename instead"]
    assert [e.text() for e in rewritten.versions[1].events] == ["company.name: Acme Example Ltd → Acme Renamed Ltd"]


def test_merged_branches_follow_the_main_line(tmp_path):
    repo = Repo(tmp_path)
    repo.write("acme.yaml", disclosure("acme"))
    repo.commit("Add")
    repo.git("checkout", "-q", "-b", "audit")
    repo.write("acme.yaml", disclosure("acme", audit="completed"))
    repo.commit("Audit done")
    repo.git("checkout", "-q", "main")
    repo.write("acme.yaml", disclosure("acme", suppliers="suppliers:\n" + DHAKA))
    repo.commit("Add a supplier")
    repo.day += 1
    repo.git("merge", "-q", "--no-ff", "-m", "Merge the audit", "audit")
    cache = tmp_path / ".cache"
    timeline = read_history(tmp_path / "disclosures", cache).timeline("acme")
    assert [v.message for v in timeline.versions] == ["Add", "Add a supplier", "Merge the audit"]
    assert "status planned → completed" in " ".join(e.text() for e in timeline.versions[-1].events)
    assert [s["id"] for s in timeline.last["suppliers"]] == ["dhaka-knit"]
    # A build from the branch walks again rather than extend main's walk.
    repo.git("checkout", "-q", "audit")
    parsed._MEMO.clear()
    branch = read_history(tmp_path / "disclosures", cache).timeline("acme")
    assert [v.message for v in branch.versions] == ["Add", "Audit done"]


def test_last_changed_ignores_layout_only_commits(tmp_path):
    repo = Repo(tmp_path)
    repo.write("acme.yaml", disclosure("acme"))
    repo.commit("Add")
    repo.write("acme.yaml", "# tidied\n" + disclosure("acme"))
    repo.commit("Comment only")
    history = read_history(tmp_path / "disclosures")
    assert history.last_changed("acme") == "2026-01-01T12:00:00+00:00"
    assert len(history.timeline("acme").versions) == 2


def test_cli_diff_defaults_to_head_and_the_working_tree(tmp_path):
    from click.testing import CliRunner

    from generator.cli import main

    repo = Repo(tmp_path)
    repo.write("acme.yaml", disclosure("acme"))
    repo.commit("Add")
    repo.write("acme.yaml", disclosure("acme", suppliers="suppliers:\n" + DHAKA))
    run = CliRunner().invoke(main, ["diff", "--source", str(tmp_path / "disclosures")])
    assert run.exit_code == 0, run.output
    assert "Supplier Dhaka Knit Ltd (dhaka-knit) added" in run.output
    run = CliRunner().invoke(main, ["diff", "--source", str(tmp_path / "disclosures"), "--", "--output=x", "HEAD"])
    assert run.exit_code == 1 and "cannot start with '-'" in run.output and not (tmp_path / "x").exists()
    # The revision git does not know is named, not git's advice about grafts, which came first in its errors.
    for revision in ("HEAD~20", "no-such-branch"):
        run = CliRunner().invoke(main, ["diff", revision, "HEAD", "--source", str(tmp_path / "disclosures")])
        assert run.exit_code == 1 and f"{revision} is not a revision of this repository" in run.output, run.output
        assert "hint" not in run.output and "graft" not in run.output


def _warm_with(root, cache, change) -> History:
    """A warm run after `change` altered the remembered walk in the cache's index (as another process would)."""
    parsed._MEMO.clear()
    read_history(root / "disclosures", cache)
    [index] = cache.rglob("index.json")
    saved = json.loads(index.read_text(encoding="utf-8"))
    change(saved["walk"]["commits"])
    index.write_text(json.dumps(saved), encoding="utf-8")
    parsed._MEMO.clear()
    try:
        return read_history(root / "disclosures", cache)
    finally:
        parsed._MEMO.clear()


def _remembered_messages(commits: list) -> None:
    for commit in commits:
        commit[3] = "as remembered"


def test_a_warm_run_takes_the_walk_from_the_cache_not_from_git(story, tmp_path):
    """The remembered walk was refused whenever a commit added or deleted a file (its missing blob is null), so
    every build walked the whole git log again: 2.4 of a warm 10,000-company history's 3.4 s."""
    root, _, _ = story
    added = []
    warm = _warm_with(root, tmp_path / "cache", lambda commits: (
        added.extend(c for commit in commits for c in commit[4] if c[4] is None), _remembered_messages(commits)))
    assert added and {v.message for t in warm.timelines for v in t.versions} == {"as remembered"}


def test_a_remembered_walk_naming_something_else_than_a_blob_is_worked_out_again(story, tmp_path):
    root, _, history = story

    def hostile(commits: list) -> None:
        commits[0][4][0][3] = "--output=/tmp/x"
        _remembered_messages(commits)
    assert _warm_with(root, tmp_path / "cache", hostile) == history
