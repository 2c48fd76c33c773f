"""The `disclose` command: validate, new and build, run as a user runs them."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.load.loader import load_file
from tests.sitebuild import project_copy

ROOT = Path(__file__).resolve().parent.parent
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): "
                  r"(?P<level>error|warning): .+ \[(?P<code>[a-z0-9-]+)\]$")
BROKEN = ('schema_version: "1.0"\ncompnay:\n  id: broken\n  name: Broken\ndisclosure:\n'
          "  period: {start: 2024, end: 2024}\n  published: 2025-01-01\n  exampel: true\n")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=True)


def ok(result: Result, code: int = 0) -> Result:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.exit_code == code, result.output
    return result


@pytest.fixture
def cli_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder, as a firm's repository would be."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- new ----------------------------------------------------------------------------------

NASTY_NAMES = [
    "Acme Corp", 'Acme "Quoted": Co., Ltd.', "It's: a 'test'", "# not a comment", "{{ jinja }} {0} {id}",
    "乌鲁木齐视界分销有限公司", "Ünïcödé — “quotes” 😀", "- dash", "&anchor *alias !tag %x @y `z |>",
    "back\\slash", "null", "NO", "true", "1.0", "2024-05-01", "  leading and trailing  ",
    "ls\u2028ps\u2029", "x" * 500, "---", "...", "[a, b]", "key: value",
]
# Characters a value may not hold (generator/text.py): refused before any file is written.
HIDDEN_NAMES = ["two\nlines", "tab\there", "nel\x85line", "del\x7f", "bell\x07", "rlo\u202eevil", "cr\r=cmd"]


@pytest.mark.parametrize("name", HIDDEN_NAMES)
def test_new_refuses_a_name_with_a_hidden_character(name: str, cli_folder: Path) -> None:
    result = ok(run("new", "acme-corp", "--name", name), code=2)
    assert "at character" in result.output
    assert not (cli_folder / "disclosures" / "acme-corp.yaml").exists()


@pytest.mark.parametrize("name", NASTY_NAMES)
def test_new_writes_a_file_that_validates_as_written(name: str, cli_folder: Path) -> None:
    result = ok(run("new", "acme-corp", "--name", name))
    target = cli_folder / "disclosures" / "acme-corp.yaml"
    assert str(Path("disclosures") / "acme-corp.yaml") in result.output
    text = target.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schema/disclosure.schema.json"
    doc = load_file(target)
    assert doc.data["company"] == {"id": "acme-corp", "name": name}
    checked = ok(run("validate", str(target)))
    assert checked.output.strip() == "1 file checked: no problems"


def test_new_refuses_to_overwrite(cli_folder: Path) -> None:
    ok(run("new", "acme", "--name", "Acme"))
    target = cli_folder / "disclosures" / "acme.yaml"
    target.write_text("# edited by hand\n", encoding="utf-8")
    result = ok(run("new", "acme", "--name", "Other"), code=1)
    assert "already exists" in result.output
    assert target.read_text(encoding="utf-8") == "# edited by hand\n"


def _file_size_limit(limit: int) -> Callable[[], None]:
    """A file-size limit for a child process: its writes past `limit` bytes fail, as on a full disk."""
    import resource

    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_new_that_cannot_write_leaves_no_file_behind(cli_folder: Path) -> None:
    """A full disk left an empty starter that the next `disclose new` refused as already there."""
    command = [str(Path(sys.executable).parent / "disclose"), "new", "acme", "--name", "Acme"]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60,
                          preexec_fn=_file_size_limit(100))
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "disclosures/acme.yaml not written: File too large; nothing was left behind" in done.stderr
    assert list((cli_folder / "disclosures").iterdir()) == []
    assert subprocess.run(command, capture_output=True, check=False, timeout=60).returncode == 0
    (cli_folder / "disclosures" / "linked.yaml").symlink_to(cli_folder / "victim")
    assert "already exists" in ok(run("new", "linked", "--name", "Linked"), code=1).output
    assert not (cli_folder / "victim").exists()


@pytest.mark.parametrize(("args", "words"), [
    (["Acme", "--name", "Acme"], "lower-case"),
    (["-acme", "--name", "Acme"], ""),
    (["acme-", "--name", "Acme"], "lower-case"),
    (["a" * 65, "--name", "Acme"], "lower-case"),
    (["acme/../x", "--name", "Acme"], "lower-case"),
    (["acme", "--name", ""], "empty"),
    (["acme", "--name", "   "], "empty"),
    (["acme", "--name", "x" * 501], "500"),
    (["acme", "--name", "bad\udcffbytes"], "not valid text"),
    (["acme"], "--name"),
    (["con", "--name", "Con Example"], "device on Windows"),
    (["lpt1", "--name", "Lpt Example"], "device on Windows"),
])
def test_new_usage_errors_exit_2_and_write_nothing(args: list[str], words: str, cli_folder: Path) -> None:
    result = ok(run("new", *args), code=2)
    assert words in result.output
    assert not list(cli_folder.rglob("*.yaml"))


# --- validate -----------------------------------------------------------------------------

@pytest.fixture
def cli_files(cli_folder: Path) -> Path:
    """disclosures/ with one valid and one broken file."""
    ok(run("new", "good", "--name", "Good Example"))
    (cli_folder / "disclosures" / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    return cli_folder / "disclosures"


def test_validate_valid_file_exits_0(cli_files: Path) -> None:
    result = ok(run("validate", str(cli_files / "good.yaml")))
    assert result.output == "1 file checked: no problems\n"


def test_validate_text_lines_and_summary(cli_files: Path) -> None:
    result = ok(run("validate", str(cli_files)), code=1)
    *lines, last = result.output.strip().splitlines()
    # One pass: the semantic checks run beside the schema's errors (published long ago: stale).
    assert last == "2 files checked: 3 error(s), 1 warning(s)"
    parsed = [LINE.match(line) for line in lines]
    assert all(parsed), lines
    assert [(m["file"], m["line"], m["column"], m["level"], m["code"]) for m in parsed] == [
        (str(cli_files / "broken.yaml"), "1", "1", "error", "missing-field"),
        (str(cli_files / "broken.yaml"), "2", "1", "error", "unknown-field"),
        (str(cli_files / "broken.yaml"), "7", "14", "warning", "stale"),
        (str(cli_files / "broken.yaml"), "8", "3", "error", "unknown-field"),
    ]
    assert "did you mean 'company'?" in lines[1]
    assert "did you mean 'example'?" in lines[3]


def test_validate_defaults_to_the_disclosures_folder(cli_files: Path) -> None:
    result = ok(run("validate"), code=1)
    assert "disclosures/broken.yaml:2:1: error:" in result.output
    assert result.output.strip().endswith("2 files checked: 3 error(s), 1 warning(s)")


def test_validate_without_a_disclosures_folder(cli_folder: Path) -> None:
    result = ok(run("validate"), code=1)
    assert "disclosures:1:1: error: no such file or folder [not-found]" in result.output


def test_validate_json(cli_files: Path) -> None:
    result = ok(run("validate", "--format", "json", str(cli_files)), code=1)
    rows = json.loads(result.stdout)
    assert [(Path(r["file"]).name, r["line"], r["column"], r["level"], r["code"], r["pointer"]) for r in rows] == [
        ("broken.yaml", 1, 1, "error", "missing-field", ""),
        ("broken.yaml", 2, 1, "error", "unknown-field", "/compnay"),
        ("broken.yaml", 7, 14, "warning", "stale", "/disclosure/published"),
        ("broken.yaml", 8, 3, "error", "unknown-field", "/disclosure/exampel"),
    ]
    assert all(set(r) == {"file", "line", "column", "level", "code", "pointer", "message"} for r in rows)


def test_validate_json_of_a_valid_file_is_an_empty_list(cli_files: Path) -> None:
    assert json.loads(ok(run("validate", "--format", "json", str(cli_files / "good.yaml"))).stdout) == []


def test_validate_github(cli_files: Path) -> None:
    result = ok(run("validate", "--format", "github", str(cli_files)), code=1)
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 4
    assert lines[1].startswith(f"::error file={cli_files / 'broken.yaml'},line=2,col=1,title=unknown-field::")
    assert "2 files checked" in result.stderr  # the summary stays out of the annotations


def test_warnings_alone_exit_0(cli_folder: Path) -> None:
    ok(run("new", "old", "--name", "Old Example"))
    target = cli_folder / "disclosures" / "old.yaml"
    text = re.sub(r"published: \S+", "published: 2001-01-01", target.read_text(encoding="utf-8"))
    text = re.sub(r"start: \S+", "start: 2000-01-01", text)
    target.write_text(re.sub(r"end: \S+", "end: 2000-12-31", text), encoding="utf-8")
    result = ok(run("validate", str(target)))
    assert "warning: this disclosure was last reviewed on 2001-01-01" in result.output
    assert "[stale]" in result.output


def test_max_bytes_is_configurable(cli_files: Path) -> None:
    result = ok(run("validate", "--max-bytes", "20", str(cli_files / "good.yaml")), code=1)
    assert "[file-too-large]" in result.output


@pytest.mark.parametrize("args", [["--format", "xml"], ["--bogus"], ["--max-bytes", "0"], ["--max-bytes", "x"]])
def test_validate_usage_errors_exit_2(args: list[str], cli_files: Path) -> None:
    ok(run("validate", *args, str(cli_files)), code=2)


def test_validate_unreadable_and_odd_paths(cli_folder: Path) -> None:
    folder = cli_folder / "disclosures"
    folder.mkdir()
    (folder / "dir.yaml").mkdir()  # a folder named like a file is an error, not a file checked
    (folder / "binary.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = ok(run("validate"), code=1)
    assert result.output.startswith("disclosures/binary.yaml:1:1: error: byte 0x89 is not valid UTF-8")
    assert "1 file checked" in result.output
    (cli_folder / "dangling.yaml").symlink_to(cli_folder / "nowhere.yaml")
    assert "dir.yaml:1:1: error: this is a folder, not a file" in result.output
    assert "dangling.yaml:1:1: error: this is a symbolic link" in ok(run("validate", "dangling.yaml"), code=1).output


def test_real_command_never_prints_a_traceback(cli_files: Path) -> None:
    command = Path(sys.executable).parent / "disclose"
    done = subprocess.run([str(command), "validate", str(cli_files)], capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert LINE.match(done.stdout.splitlines()[0])


def test_serve_without_mkdocs_yml_says_so_in_one_line(cli_folder: Path) -> None:
    (cli_folder / "disclosures").mkdir()
    command = Path(sys.executable).parent / "disclose"
    done = subprocess.run([str(command), "serve", "--dev-addr", "127.0.0.1:0"], capture_output=True, text=True,
                          check=False, timeout=60)
    assert done.returncode == 2
    assert done.stderr.startswith("no mkdocs.yml here") and len(done.stderr.splitlines()) == 1, done.stderr



def test_stopping_serve_stops_the_server(tmp_path: Path) -> None:
    """A preview stopped by its terminal or an editor leaves no server behind holding the port."""
    import signal
    import urllib.request

    from tests.sitebuild import free_port, project_copy

    project = project_copy(tmp_path / "project")
    port = free_port()
    command = Path(sys.executable).parent / "disclose"
    proc = subprocess.Popen([str(command), "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def answers() -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5):
                return True
        except OSError:
            return False

    try:
        deadline = time.monotonic() + 300
        while not answers() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.5)
        assert answers(), "disclose serve never served the site"
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
    time.sleep(1)
    assert not answers()  # a server left running would still answer

# --- build: a real MkDocs build -----------------------------------------------------------

def tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def cli_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository layout, built once for this module."""
    root = project_copy(tmp_path_factory.mktemp("repo"), disclosures=None)
    shutil.copytree(ROOT / "disclosures", root / "input")
    result = run("build", "--source", str(root / "input"), "--site-dir", str(root / "site"),
                 "--config-file", str(root / "mkdocs.yml"))
    ok(result)
    assert "built" in result.output
    return root


@pytest.mark.site
def test_build_makes_a_site(cli_site: Path) -> None:
    assert (cli_site / "site" / "index.html").is_file()
    assert (cli_site / "site" / ".disclose-site").is_file()   # the mark that lets the next build replace it
    for file in (cli_site / "input").glob("*.yaml"):
        assert (cli_site / "site" / "companies" / file.stem / "index.html").is_file()


@pytest.mark.site
def test_build_replaces_a_folder_it_made_and_nothing_beside_it(cli_site: Path) -> None:
    (cli_site / "site" / "stale.html").write_text("from an older build", encoding="utf-8")
    beside = cli_site / ".site-old"   # a name the swap once used for itself: not ours to remove
    beside.mkdir(exist_ok=True)
    (beside / "keep.txt").write_text("mine", encoding="utf-8")
    ok(run("build", "--source", str(cli_site / "input"), "--site-dir", str(cli_site / "site"),
           "--config-file", str(cli_site / "mkdocs.yml")))
    assert not (cli_site / "site" / "stale.html").exists()
    assert (cli_site / "site" / ".disclose-site").is_file() and (cli_site / "site" / "index.html").is_file()
    assert (beside / "keep.txt").read_text(encoding="utf-8") == "mine"
    shutil.rmtree(beside)
    # The replaced site is removed after the build returns, by a process of its own.
    deadline = time.monotonic() + 60
    while list(cli_site.glob(".site-old-*")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert list(cli_site.glob(".site-*")) == []


@pytest.mark.site
def test_build_with_an_invalid_disclosure_keeps_the_old_site(cli_site: Path, tmp_path: Path) -> None:
    before = tree(cli_site / "site")
    source = tmp_path / "input"
    shutil.copytree(cli_site / "input", source)
    (source / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    result = ok(run("build", "--source", str(source), "--site-dir", str(cli_site / "site"),
                    "--config-file", str(cli_site / "mkdocs.yml")), code=1)
    assert f"{source / 'broken.yaml'}:2:1: error: 'compnay' is not a field here" in result.output
    assert "[unknown-field]" in result.output
    assert "not built" in result.output
    assert tree(cli_site / "site") == before
    assert [p.name for p in cli_site.iterdir() if p.name.startswith(".site")] == []


@pytest.mark.site
def test_build_failing_in_mkdocs_keeps_the_old_site(cli_site: Path, tmp_path: Path) -> None:
    before = tree(cli_site / "site")
    config = cli_site / "mkdocs-broken.yml"
    # A theme that is not installed fails MkDocs after validation has passed.
    text = (cli_site / "mkdocs.yml").read_text(encoding="utf-8")
    assert "name: material" in text
    config.write_text(text.replace("name: material", "name: no-such-theme"), encoding="utf-8")
    result = ok(run("build", "--source", str(cli_site / "input"), "--site-dir", str(cli_site / "site"),
                    "--config-file", str(config)), code=1)
    assert "not built" in result.output
    assert tree(cli_site / "site") == before
    assert [p.name for p in cli_site.iterdir() if p.name.startswith(".site")] == []


def test_a_pyyaml_without_libyaml_is_named_with_its_fix_not_a_traceback(tmp_path: Path) -> None:
    """PyYAML built from source without libyaml has no C loader: every command stopped at import with
    "AttributeError: module 'yaml' has no attribute 'CSafeLoader'" and a traceback."""
    shim = ("import runpy, sys\nsys.modules['yaml._yaml'] = None\nsys.argv = ['disclose', *sys.argv[1:]]\n"
            "runpy.run_module('generator.cli', run_name='__main__')\n")
    done = subprocess.run([sys.executable, "-c", shim, "validate", str(tmp_path)], capture_output=True, text=True,
                          cwd=tmp_path, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}, timeout=120)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "disclose needs PyYAML with libyaml" in done.stderr and "--only-binary pyyaml" in done.stderr
