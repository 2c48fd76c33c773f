"""Terminals: every value printed escaped, a missing --source a usage error, a closed pipe quiet."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.authoring.test_import import HEADER, osh_rows
from tests.authoring.test_import import disclosure as disclosure_file
from tests.history_story import Repo, disclosure

HOSTILE = "Acme\n  - Disclosure of X withdrawn\x1b]0;pwned\x07"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def _raw_control(text: str) -> bool:
    return any(c in text for c in "\x1b\x07\r\u202e")


def test_diff_prints_a_hostile_name_on_one_line_escaped(tmp_path: Path) -> None:
    old, new = tmp_path / "acme.yaml", tmp_path / "acme2.yaml"
    old.write_text(disclosure("acme"), encoding="utf-8")
    new.write_text(disclosure("acme", name='"' + HOSTILE.replace("\n", "\\n").replace("\x1b", "\\e")
                              .replace("\x07", "\\a") + '"'), encoding="utf-8")
    code, output = _run("diff", str(old), str(new))
    assert code == 0
    assert not _raw_control(output)
    assert "\\x1b]0;pwned" in output
    assert not any(line.startswith("  - Disclosure of X withdrawn") for line in output.splitlines())


def test_history_prints_a_hostile_commit_subject_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = Repo(tmp_path / "repo")
    repo.write("acme.yaml", disclosure("acme"))
    repo.commit("Add Acme\x1b]0;pwned\x07\u202e")
    monkeypatch.chdir(repo.root)
    code, output = _run("history", "acme")
    assert code == 0, output
    assert not _raw_control(output)
    assert "Add Acme\\x1b]0;pwned\\x07" in output


@pytest.mark.parametrize("command", [["diff", "HEAD"], ["history", "acme"], ["screen"], ["export", "--out", "x"],
                                     ["build"]])
def test_a_source_that_does_not_exist_is_a_usage_error(command: list[str], tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = _run(*command, "--source", "typo")
    assert code == 2
    assert "'typo' is not a folder that exists" in output
    assert not (tmp_path / "x").exists()


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    # Enough problems to fill the pipe after the reader has gone, as with `| head -1`: each file's its own,
    # since one problem alike in many files is listed only for the first few.
    for i in range(1500):
        (tmp_path / f"broken-{i}.yaml").write_text(f"company: [x]\nfield_{i}: 1\n", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "generator.cli", "validate", str(tmp_path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=Path(__file__).parents[1])
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read()
    code = process.wait(timeout=120)
    assert first.startswith(str(tmp_path).encode())
    assert stderr == b"", stderr
    assert code == 141


def test_export_never_writes_through_a_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "disclosures").mkdir()
    (tmp_path / "disclosures" / "acme.yaml").write_text(disclosure("acme"), encoding="utf-8")
    (tmp_path / "out").mkdir()
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me\n", encoding="utf-8")
    (tmp_path / "out" / "acme-suppliers.csv").symlink_to(precious)
    code, _ = _run("export", "--out", "out")
    assert code == 1
    assert precious.read_text(encoding="utf-8") == "keep me\n"


def test_import_names_a_hostile_sheet_title_on_one_line_escaped(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    disclosure_file(tmp_path)
    book = openpyxl.Workbook()
    book.active.title = "Mills\u202e\nnot imported, see above\x9b"   # XML holds a line break and a C1 control
    book.active.append(HEADER)
    book.active.append(osh_rows(1)[0])
    book.save(tmp_path / "list.xlsx")
    code, output = _run("import", "list.xlsx", "--company", "import-example")
    assert code == 0, output
    assert not _raw_control(output) and "\x9b" not in output
    assert not any(line.startswith("not imported, see") for line in output.splitlines())
    assert "sheet 'Mills\\u202e\\nnot imported, see above\\x9b'" in output


def test_json_output_shows_a_name_as_it_is_stored_and_reads_back_the_same(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """JSON escapes \\x1b but not a right-to-left override or the C1 control \\x9b: `--format json` wrote them raw."""
    hostile = "Acme \u202edetimiL\u2066 \x9b2J"
    repo = Repo(tmp_path / "repo")
    repo.write("acme.yaml", disclosure("acme"))
    repo.commit("Add Acme")
    repo.write("acme.yaml", disclosure("acme", name='"Acme \\u202edetimiL\\u2066 \\x9b2J"'))
    repo.commit("Rename Acme \u202e")
    monkeypatch.chdir(repo.root)
    for command in (["diff", "HEAD~1", "HEAD", "--format", "json"], ["history", "acme", "--format", "json"],
                    ["validate", "--format", "json"]):
        code, output = _run(*command)
        assert code in (0, 1), output
        assert not _raw_control(output) and "\x9b" not in output and "\u2066" not in output, command
        read = json.loads(output)
        if command[0] == "diff":   # a program reads the name as it is stored
            assert read[0]["name"] == hostile


def _commands(text: str) -> list[str]:
    """The lines GitHub Actions would run as workflow commands: those that begin, past blanks, with '::'."""
    return [line for line in text.splitlines() if line.lstrip().startswith("::")]


def test_a_name_is_never_a_workflow_command_in_a_ci_log(tmp_path: Path) -> None:
    """A valid company name '::stop-commands::pwned' began a line of `disclose diff`, and GitHub Actions then ran
    no command after it (the annotations of every problem); a docs file named with a line break did the same in
    `disclose build`'s log."""
    from generator.site.docs_folder import folder_problems
    from generator.text import log_line

    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    (tmp_path / "old" / "acme.yaml").write_text(disclosure("acme"), encoding="utf-8")
    (tmp_path / "new" / "acme.yaml").write_text(disclosure("acme", name='"::stop-commands::pwned"'), encoding="utf-8")
    code, out = _run("diff", str(tmp_path / "old" / "acme.yaml"), str(tmp_path / "new" / "acme.yaml"))
    assert code == 0 and "\\::stop-commands::pwned — " in out, out
    assert _commands(out) == []
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a\n::add-mask::x\n.txt").symlink_to("/etc/passwd")
    assert folder_problems(docs, "docs") == [
        "docs/a\\n::add-mask::x\\n.txt: is a symbolic link; put the file itself there"]
    assert [log_line(t) for t in ("::error::forged", " \u3000::set-output name=x::y", "a ::b", ":x")] == [
        "\\::error::forged", " \u3000\\::set-output name=x::y", "a ::b", ":x"]
