"""A registry's mkdocs.yml is read before MkDocs reads it: what would run code, reach outside
the project or load from another host stops the build, at the setting's line."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.authoring.init import registry_files
from generator.site.config_file import config_problems
from tests.sitebuild import project_copy

ROOT = Path(__file__).resolve().parents[2]


def _problems(tmp_path: Path, text: str) -> list[tuple[int, str]]:
    (tmp_path / "mkdocs.yml").write_text("site_name: R\n" + text, encoding="utf-8")
    return [(p.line, p.code) for p in config_problems(tmp_path / "mkdocs.yml")]


@pytest.mark.parametrize("text", [
    "extra: {x: !!python/object/apply:os.system [touch /tmp/x]}\n",
    "extra: !!python/object/new:os.system [touch /tmp/x]\n",
    "extra:\n  x: !!python/module:os\n",
    "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_generator: !!python/name:hook.run\n",
    "extra: {x: !custom 1}\n",
])
def test_a_tag_that_builds_python_objects_is_refused_where_it_stands(tmp_path: Path, text: str) -> None:
    assert _problems(tmp_path, text) == [(1 + text.count("\n"), "config-tag")]


def test_mkdocs_own_tags_and_installed_libraries_names_are_read(tmp_path: Path) -> None:
    assert _problems(tmp_path, "plugins:\n  - disclose: {source: !ENV [DISCLOSE_SOURCE, disclosures]}\n"
                               "docs_dir: !relative $config_dir/docs\n"
                               "markdown_extensions:\n"
                               "  - pymdownx.emoji:\n"
                               "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
                               "  - pymdownx.snippets: {base_path: [docs, includes]}\n"
                               "extra_css: [extra.css, {path: css/x.css}]\n"
                               "dev_addr: 127.0.0.1:8001\n") == []


def test_a_source_the_maintainer_gives_may_lie_outside_the_project(tmp_path: Path, monkeypatch) -> None:
    """`disclose build --source DIR` sets DISCLOSE_SOURCE: the command line's folder, not a pull request's."""
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "project").mkdir()
    monkeypatch.setenv("DISCLOSE_SOURCE", str(tmp_path / "elsewhere"))
    assert _problems(tmp_path / "project", "plugins:\n  - disclose: {source: !ENV [DISCLOSE_SOURCE, disclosures]}\n"
                     ) == []
    assert _problems(tmp_path, "plugins:\n  - disclose: {source: !ENV [DISCLOSE_NONE, /etc]}\n") == [
        (3, "config-outside")]


def test_the_repositorys_and_inits_configurations_pass(tmp_path: Path) -> None:
    assert config_problems(ROOT / "mkdocs.yml") == []
    files = registry_files("<b>Ours</b>", "disclose", dt.date(2026, 1, 1))
    assert config_problems(_write(tmp_path, files["mkdocs.yml"].replace("site_name:", "x_site_name:", 1))) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("hooks: [hook.py]\n", [(2, "config-hooks")]),
    ("plugins:\n  - disclose:\n      source: /etc\n", [(4, "config-outside")]),
    ("plugins:\n  disclose:\n    watchlists: ../../other-project/lists\n", [(4, "config-outside")]),
    ("plugins:\n  - search\n  - disclose: {profiles: /home}\n", [(4, "config-outside")]),
    ("docs_dir: ../elsewhere\n", [(2, "config-outside")]),
    ("docs_dir: /etc\n", [(2, "config-outside")]),
    ("site_dir: ../victim\n", [(2, "config-outside")]),
    ("docs_dir: .git\n", [(2, "config-outside")]),
    ("dev_addr: 0.0.0.0:8000\n", [(2, "config-remote")]),
    ("watch: [includes, /]\n", [(2, "config-outside")]),
    ('docs_dir: "d\\0x"\n', [(2, "config-outside")]),   # a NUL, which no path can hold, was a ValueError
    ('INHERIT: "base\\0.yml"\n', [(2, "config-outside")]),
    ('markdown_extensions:\n  - pymdownx.snippets: {base_path: "a\\0"}\n', [(2, "config-outside")]),
    ("markdown_extensions:\n  - pymdownx.snippets\n", [(2, "config-outside")]),
    ("markdown_extensions:\n  - pymdownx.snippets: {base_path: [includes, .git]}\n", [(2, "config-outside")]),
    ("markdown_extensions:\n  toc: {}\n  pymdownx.snippets: {base_path: includes, restrict_base_path: false}\n",
     [(2, "config-outside")]),
    ("theme:\n  name: material\n  custom_dir: .cache/disclose\n", [(4, "config-outside")]),
    ("theme:\n  name: material\n  custom_dir: /tmp\n", [(4, "config-outside")]),
    ("extra_css: [ok.css, https://evil.example/x.css]\n", [(2, "config-remote")]),
    ("extra_javascript:\n  - path: //evil.example/x.js\n", [(2, "config-remote")]),
    ("extra_javascript: [assets/disclose.js, x.js]\n", [(2, "config-hooks")]),
    ("extra_javascript:\n  - {path: js/x.mjs, type: module}\n", [(2, "config-hooks")]),
    ("extra_templates: [robots.txt]\n", [(2, "config-hooks")]),
    ("theme:\n  name: material\n  logo: HTTPS://evil.example/logo.png\n", [(4, "config-remote")]),
    ("extra:\n  analytics: {provider: google, property: G-X}\n", [(3, "config-remote")]),
    ("markdown_extensions:\n  - pymdownx.snippets: {base_path: [/], check_paths: true}\n", [(2, "config-outside")]),
    ("markdown_extensions:\n  - pymdownx.snippets: {base_path: includes, restrict_base_path: false}\n",
     [(2, "config-outside")]),
    ("markdown_extensions:\n  - pymdownx.snippets: {base_path: includes, url_download: true}\n",
     [(2, "config-outside")]),
    ("INHERIT: ../base.yml\n", [(2, "config-outside")]),
    ("extra: {x: !ENV [DISCLOSE_NO_SUCH_VARIABLE, !!python/object/apply:os.system [id]]}\n", [(2, "config-tag")]),
    ("hooks: !ENV [DISCLOSE_NO_SUCH_VARIABLE, [hook.py]]\n", [(2, "config-tag")]),
    ("docs_dir: !ENV [DISCLOSE_NO_SUCH_VARIABLE, /etc]\n", [(2, "config-outside")]),
    ("docs_dir: !ENV [DISCLOSE_TEST_ROOT]\n", [(2, "config-outside")]),
    ("docs_dir: !ENV HOME\n", [(2, "config-tag")]),
    ("site_name: !ENV [DISCLOSE_SITE_NAME, GITHUB_TOKEN, x]\n", [(2, "config-tag")]),
    ("markdown_extensions:\n  - pymdownx.snippets: {base_path: [!relative $config_dir/../..]}\n",
     [(2, "config-outside")]),
    ("markdown_extensions:\n  - pymdownx.snippets:SnippetExtension: {base_path: includes, restrict_base_path: false}\n",
     [(2, "config-outside")]),
    ("markdown_extensions:\n  - pymdownx.snippets: {base_path: includes, restrict_base_path: 0}\n",
     [(2, "config-outside")]),
    ("plugins:\n  - disclose\n  - material/projects\n", [(2, "config-hooks")]),
    ("plugins: {search: {}, material/info: {}}\n", [(2, "config-hooks")]),
    ("theme: readthedocs\n", [(2, "config-hooks")]),
    ("extra: {scope: '/\",location),alert(1),new URL(\"/'}\n", [(2, "config-remote")]),
])
def test_a_setting_that_reaches_outside_or_runs_code_is_refused_at_its_line(
        tmp_path: Path, text: str, expected: list[tuple[int, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCLOSE_TEST_ROOT", "/")
    project = tmp_path / "project"
    project.mkdir()
    (tmp_path / "base.yml").write_text("site_name: base\n", encoding="utf-8")
    assert _problems(project, text) == expected


def test_an_inherited_chain_is_read_to_its_end_and_its_paths_from_mkdocs_yml(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "base.yml").write_text("docs_dir: ../../outside\n", encoding="utf-8")
    problems = config_problems(_write(tmp_path, "INHERIT: a/b/base.yml\n"))
    assert [(Path(p.file).name, p.code) for p in problems] == [("base.yml", "config-outside")]
    for i in range(8):
        (tmp_path / f"c{i}.yml").write_text(f"INHERIT: c{i + 1}.yml\n", encoding="utf-8")
    (tmp_path / "c8.yml").write_text("hooks: [h.py]\n", encoding="utf-8")
    problems = config_problems(_write(tmp_path, "INHERIT: c0.yml\n"))
    assert [p.code for p in problems] == ["config-outside"] and "deep" in problems[0].message


def test_an_inherited_file_is_read_the_same_way(tmp_path: Path) -> None:
    (tmp_path / "base.yml").write_text("site_name: B\nhooks: [h.py]\n", encoding="utf-8")
    problems = config_problems(_write(tmp_path, "INHERIT: base.yml\n"))
    assert [(Path(p.file).name, p.line, p.code) for p in problems] == [("base.yml", 2, "config-hooks")]


def test_a_linked_or_oversized_configuration_is_refused(tmp_path: Path) -> None:
    (tmp_path / "real.yml").write_text("site_name: R\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").symlink_to(tmp_path / "real.yml")
    assert [p.code for p in config_problems(tmp_path / "mkdocs.yml")] == ["config-file"]
    big = _write(tmp_path / "big", "extra: {x: '" + "a" * 1_100_000 + "'}\n")
    assert [p.code for p in config_problems(big)] == ["config-file"]


def _write(folder: Path, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "mkdocs.yml").write_text("site_name: R\n" + text, encoding="utf-8")
    return folder / "mkdocs.yml"


def test_disclose_build_stops_before_mkdocs_runs_the_tag_and_keeps_the_site(tmp_path: Path) -> None:
    project = project_copy(tmp_path / "project")
    ran = tmp_path / "ran"
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as f:
        f.write(f'extra: {{x: !!python/object/apply:os.system ["touch {ran}"]}}\n')
    site = tmp_path / "site"
    site.mkdir()
    (site / "keep.html").write_text("old", encoding="utf-8")
    (site / ".disclose-site").write_text("", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator.cli", "build", "--site-dir", str(site)], cwd=project,
                          capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=120)
    assert done.returncode == 1
    assert "mkdocs.yml:" in done.stderr and "[config-tag]" in done.stderr and "!!python/object/apply" in done.stderr
    assert not ran.exists()
    assert (site / "keep.html").read_text(encoding="utf-8") == "old"


def test_a_markdown_extension_of_the_repository_is_refused_and_never_imported(tmp_path: Path) -> None:
    project = project_copy(tmp_path / "project")
    ran = tmp_path / "ran"
    (project / "tweaks.py").write_text(f"import pathlib\npathlib.Path({str(ran)!r}).write_text('x')\n",
                                       encoding="utf-8")
    (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text(encoding="utf-8")
                                        + "markdown_extensions:\n  - tweaks\n", encoding="utf-8")
    assert [(p.line, p.code) for p in config_problems(project / "mkdocs.yml")][-1:] == [
        (len((project / "mkdocs.yml").read_text(encoding="utf-8").splitlines()) - 1, "config-hooks")]
    # `mkdocs build` through the engine, as `disclose build` runs it, past the check: the module is not found.
    done = subprocess.run([sys.executable, "-m", "generator.site.engine", "mkdocs", "build", "--site-dir",
                           str(tmp_path / "site")], cwd=project, capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, PYTHONPATH=str(ROOT), NO_MKDOCS_2_WARNING="1"))
    assert done.returncode != 0 and "tweaks" in done.stderr
    assert not ran.exists()


def test_a_pull_requests_mkdocs_yml_cannot_show_the_builds_environment(tmp_path: Path) -> None:
    """`docs_dir: !ENV GITHUB_TOKEN` printed the token in MkDocs' error; `site_name: !ENV …` put it on every page."""
    project = project_copy(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_name: Human-rights disclosures",
                                                                 "site_name: !ENV [DEPLOY_TOKEN, x]\n"
                                                                 "docs_dir: !ENV [DEPLOY_TOKEN, docs]"),
                      encoding="utf-8")
    command = Path(sys.executable).parent / "disclose"
    done = subprocess.run([str(command), "build"], cwd=project, capture_output=True, text=True, check=False,
                          timeout=600, env=dict(os.environ, DEPLOY_TOKEN="ghp_not_for_the_log"))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "ghp_not_for_the_log" not in done.stdout + done.stderr
    assert "!ENV may read only variables named DISCLOSE_" in done.stderr and "not DEPLOY_TOKEN" in done.stderr
    assert not (project / "site").exists()


def test_aliases_that_stand_for_billions_of_values_stop_the_build_at_once(tmp_path: Path) -> None:
    """MkDocs writes every setting out as it reads mkdocs.yml: twelve lines of aliases kept a build running for good."""
    project = project_copy(tmp_path / "project")
    lines = ["extra:", "  a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"  a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 11)]
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\n".join(lines) + "\n", encoding="utf-8")
    anchor = len(config.read_text(encoding="utf-8").splitlines()) - 6   # &a4: 111,111 values, &a3 11,111
    assert [(p.line, p.column, p.code) for p in config_problems(config)] == [(anchor, 7, "config-file")]
    done = subprocess.run([sys.executable, "-m", "generator.cli", "build"], cwd=project, capture_output=True,
                          text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=120)
    assert done.returncode == 1 and "more than 100,000 values" in done.stderr, done.stderr
    assert not (project / "site").exists()
    fine = "extra:\n  a: &a [x, y]\n" + "".join(f"  b{i}: *a\n" for i in range(100))
    assert config_problems(_write(tmp_path / "fine", fine)) == []


@pytest.mark.parametrize(("text", "expected"), [
    (b"extra: {x: 'ab\x00'}\n", (2, 15, "U+0000")),
    (b"extra: {x: '\xc3\xa9\xc3\xa9\x1b'}\n", (2, 15, "U+001B")),   # counted in characters, as an editor does
    (b"extra: {x: '\xc3\xa9\xff'}\n", (2, 14, "not UTF-8")),
    (b"extra:\n  x: " + b"[" * 5000 + b"]" * 5000 + b"\n", (3, 104, "nested more than 100 levels")),
])
def test_a_character_yaml_does_not_read_or_a_deep_nesting_is_located_not_a_defect(
        tmp_path: Path, text: bytes, expected: tuple[int, int, str]) -> None:
    """A NUL, a byte that is not UTF-8 or 5,000 brackets said 'unexpected error, please report it: ReaderError'."""
    (tmp_path / "mkdocs.yml").write_bytes(b"site_name: R\n" + text)
    problems = config_problems(tmp_path / "mkdocs.yml")
    assert [(p.line, p.column, p.code) for p in problems] == [(*expected[:2], "config-file")]
    assert expected[2] in problems[0].message


def test_mkdocs_build_empties_only_a_site_folder_a_build_made(tmp_path: Path) -> None:
    """`mkdocs build` empties site_dir before it writes: a pull request's `site_dir: .git` deleted the repository's
    objects and refs (and a folder outside it, `site_dir: ../victim`, went the same way)."""
    project = project_copy(tmp_path / "project")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    config = project / "mkdocs.yml"
    plain = config.read_text(encoding="utf-8")

    def mkdocs_build(site_dir: str) -> subprocess.CompletedProcess[str]:
        config.write_text(plain + f"site_dir: {site_dir}\n", encoding="utf-8")
        env = dict(os.environ, PYTHONPATH=str(ROOT), NO_MKDOCS_2_WARNING="1")
        return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, capture_output=True,
                              text=True, timeout=600, env=env)

    kept = sorted(p.name for p in (project / ".git").iterdir())
    done = mkdocs_build(".git")
    assert done.returncode != 0 and ".git holds a git repository" in done.stderr, done.stderr
    assert sorted(p.name for p in (project / ".git").iterdir()) == kept
    (project / "notes").mkdir()
    (project / "notes" / "plan.txt").write_text("mine\n", encoding="utf-8")
    done = mkdocs_build("notes")
    assert done.returncode != 0 and "did not make" in done.stderr, done.stderr
    assert (project / "notes" / "plan.txt").read_text(encoding="utf-8") == "mine\n"
    for _ in range(2):   # a folder it made, it may empty and build again
        assert mkdocs_build("built").returncode == 0
    assert (project / "built" / "index.html").is_file()


def test_a_function_a_library_imports_from_elsewhere_is_not_handed_to_the_build(tmp_path: Path) -> None:
    """`slugify: !!python/name:material.plugins.blog.plugin.rmtree` is shutil.rmtree, imported by material: the table
    of contents called it with each heading, and a docs page's `# ../victim` deleted that folder outside the project."""
    import functools
    import shutil

    import pymdownx.superfences
    from material.plugins.tags.config import TagsConfig

    from generator.site.config_code import foreign_code
    assert foreign_code({"markdown_extensions": {"toc": {"slugify": shutil.rmtree}, "pymdownx.superfences": {
        "custom_fences": [{"format": pymdownx.superfences.fence_code_format}]}},
        "plugins.material/tags": {"tags_slugify": TagsConfig.tags_slugify.default},   # pymdownx's, in a partial
        "extra": {"x": [functools.partial(shutil.rmtree, ignore_errors=True)]}}) == [
        "markdown_extensions.toc.slugify: shutil.rmtree", "extra.x: shutil.rmtree"]
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "kept.txt").write_text("mine\n", encoding="utf-8")
    project = project_copy(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "markdown_extensions:\n  - toc:\n      slugify: "
                      "!!python/name:material.plugins.blog.plugin.rmtree\n", encoding="utf-8")
    (project / "docs" / "about.md").write_text("# ../victim\n\nAbout.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator.cli", "build"], cwd=project, capture_output=True,
                          text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=600)
    assert done.returncode != 0
    assert "markdown_extensions.toc.slugify: shutil.rmtree" in done.stderr, done.stderr
    assert (victim / "kept.txt").read_text(encoding="utf-8") == "mine\n"


def test_a_pull_requests_script_or_template_never_runs_in_a_build_or_a_page(tmp_path: Path) -> None:
    """`extra_javascript: [x.js]` beside docs/x.js ran the script on every page for every reader, and an extra
    template (`{{ cycler.__init__.__globals__.os.popen(...) }}` in docs/robots.txt) ran a command in the build."""
    project = project_copy(tmp_path / "project")
    ran = tmp_path / "ran"
    (project / "docs" / "x.js").write_text("document.title = 'pwned'\n", encoding="utf-8")
    (project / "docs" / "robots.txt").write_text(
        "{{ cycler.__init__.__globals__.os.popen('touch " + str(ran) + "').read() }}\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "extra_javascript: [x.js]\nextra_templates: [robots.txt]\n",
                      encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, capture_output=True,
                          text=True, timeout=600, env=dict(os.environ, PYTHONPATH=str(ROOT), NO_MKDOCS_2_WARNING="1"))
    assert done.returncode != 0
    assert "extra_javascript would run x.js on every page" in done.stderr, done.stderr
    assert "extra_templates are Jinja templates" in done.stderr
    assert not ran.exists() and not (project / "site" / "index.html").exists()


def test_the_repositorys_own_folder_is_never_published_as_pages(tmp_path: Path) -> None:
    """`docs_dir: .git` built, and published .git/config as site/config: the credentials in a remote's address (and
    the token CI's checkout writes there unless told not to)."""
    project = project_copy(tmp_path / "project")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "config", "remote.origin.url", "https://u:ghp_not_for_the_site@example.org/r"],
                   cwd=project, check=True)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "docs_dir: .git\n", encoding="utf-8")
    site = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "generator.cli", "build", "--site-dir", str(site)], cwd=project,
                          capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=600)
    assert done.returncode == 1 and "docs_dir is .git, a hidden folder" in done.stderr, done.stderr
    assert not site.exists()


def test_a_snippet_includes_only_plain_files_of_its_own_folder(tmp_path: Path) -> None:
    """With pymdownx.snippets on as it comes (base_path: the project), a docs page's `--8<-- ".git/config"` published
    the remotes' credentials and `--8<-- ".env"` an untracked file; from a folder of snippets, a link to
    /proc/self/environ published the build's environment (snippets follow links)."""
    project = project_copy(tmp_path / "project")
    (project / ".env").write_text("DEPLOY_KEY=not_for_the_site\n", encoding="utf-8")
    (project / "docs" / "about.md").write_text('# About\n\n--8<-- ".env"\n', encoding="utf-8")
    config = project / "mkdocs.yml"
    plain = config.read_text(encoding="utf-8")
    site = tmp_path / "site"

    def build(snippets: str) -> subprocess.CompletedProcess[str]:
        config.write_text(plain + f"markdown_extensions:\n  {snippets}\n", encoding="utf-8")
        return subprocess.run([sys.executable, "-m", "generator.cli", "build", "--site-dir", str(site)], cwd=project,
                              capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=600)

    done = build("- pymdownx.snippets")
    assert done.returncode == 1 and "base_path . would let a page include any file of the project" in done.stderr
    (project / "includes").mkdir()
    (project / "includes" / "env.txt").symlink_to("/proc/self/environ")
    (project / "docs" / "about.md").write_text('# About\n\n--8<-- "env.txt"\n', encoding="utf-8")
    done = build("pymdownx.snippets: {base_path: includes}")   # written as a mapping, not a list
    assert done.returncode == 1 and "includes/env.txt: is a symbolic link" in done.stderr, done.stderr
    assert not site.exists()
    (project / "includes" / "env.txt").unlink()
    (project / "includes" / "note.md").write_text("A note of the registry's own.\n", encoding="utf-8")
    (project / "docs" / "about.md").write_text('# About\n\n--8<-- "note.md"\n', encoding="utf-8")
    assert build("- pymdownx.snippets: {base_path: [includes]}").returncode == 0
    assert "A note of the registry" in (site / "about" / "index.html").read_text(encoding="utf-8")


def test_serve_will_not_watch_the_whole_machine(tmp_path: Path) -> None:
    """`watch: [/]` in a pull request's mkdocs.yml had `disclose serve` set a watch on every folder of the machine: a
    minute later it was still walking them at full CPU, and never served."""
    project = project_copy(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "watch: [/]\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator.cli", "serve", "--dev-addr", "127.0.0.1:0"], cwd=project,
                          capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=60)
    assert done.returncode == 1
    assert "watch is /, outside the project" in done.stderr and "not served" in done.stderr
