"""A link in the folders MkDocs copies into the site stops the build: its target is never published."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import material

from generator.site.docs_folder import copied_problems, folder_problems
from tests.sitebuild import project_copy

ROOT_THEME = Path(material.__file__).parent / "templates"


def test_links_and_special_files_are_found_anywhere_in_the_folder(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "deep").mkdir(parents=True)
    (docs / "page.md").write_text("# Page\n", encoding="utf-8")
    (docs / "passwd.txt").symlink_to("/etc/passwd")
    (docs / "deep" / "env.txt").symlink_to("/proc/self/environ")
    (docs / "etc").symlink_to("/etc")
    os.mkfifo(docs / "pipe")
    assert folder_problems(docs, "docs") == [
        "docs/etc: is a symbolic link; put the file itself there",
        "docs/passwd.txt: is a symbolic link; put the file itself there",
        "docs/pipe: is not a regular file",
        "docs/deep/env.txt: is a symbolic link; put the file itself there"]


def test_a_linked_folder_is_refused_itself_and_an_absent_one_is_not(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "docs").symlink_to(tmp_path / "real")
    assert copied_problems(tmp_path, str(tmp_path / "docs"), str(tmp_path / "overrides")) == [
        "docs: is a symbolic link; put the file itself there"]


def _build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator.cli", "build", "--config-file", str(project / "mkdocs.yml"),
                           "--site-dir", str(site)], cwd=project, capture_output=True, text=True,
                          env=dict(os.environ, DISCLOSE_SECRET="hunter2"))


def test_a_docs_link_to_the_environment_stops_the_build_and_nothing_is_copied(tmp_path: Path) -> None:
    project = project_copy(tmp_path / "project")
    (project / "docs" / "env.txt").symlink_to("/proc/self/environ")
    done = _build(project, tmp_path / "site")
    assert done.returncode != 0
    assert "docs/env.txt: is a symbolic link; put the file itself there" in done.stderr
    assert not any((tmp_path / "site").rglob("env.txt"))
    assert "hunter2" not in done.stdout + done.stderr


def test_a_link_in_the_theme_folder_stops_the_build(tmp_path: Path) -> None:
    project = project_copy(tmp_path / "project")
    (project / "overrides").mkdir()
    (project / "overrides" / "passwd.txt").symlink_to("/etc/passwd")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"))
    done = _build(project, tmp_path / "site")
    assert done.returncode != 0
    assert "overrides/passwd.txt: is a symbolic link" in done.stderr
    assert not any((tmp_path / "site").rglob("passwd.txt"))


def test_a_docs_file_that_would_run_in_the_browser_is_refused(tmp_path: Path) -> None:
    from generator.site.docs_folder import MAX_SVG, folder_problems
    docs = tmp_path / "docs"
    (docs / "img").mkdir(parents=True)
    (docs / "notes.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (docs / "img" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>')
    (docs / "img" / "icon.svg").write_text('<svg><rect onload = "x()"/></svg>', encoding="utf-8")
    (docs / "img" / "plain.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>')
    # past the bound an image is not searched, and refused: a script could sit anywhere in it
    (docs / "img" / "vast.svg").write_text("<svg>" + " " * MAX_SVG + "<rect/></svg>", encoding="utf-8")
    (docs / "about.md").write_text("# About\n", encoding="utf-8")
    found = folder_problems(docs, "docs", pages=True)
    assert [f.split(":")[0] for f in found] == ["docs/notes.html", "docs/img/icon.svg", "docs/img/logo.svg",
                                                "docs/img/vast.svg"]


def test_a_docs_file_cannot_replace_the_sites_own_scripts(tmp_path: Path) -> None:
    """docs/assets/disclose.js was published in place of the packaged one, and ran on every page."""
    project = project_copy(tmp_path / "project")
    (project / "docs" / "assets" / "javascripts").mkdir(parents=True)
    (project / "docs" / "assets" / "disclose.js").write_text("alert(document.cookie)\n", encoding="utf-8")
    (project / "docs" / "assets" / "javascripts" / "bundle.a5f9d56c.min.js").write_text("alert(1)\n")
    site = tmp_path / "site"
    done = _build(project, site)
    assert done.returncode != 0
    assert "docs/assets/disclose.js: would replace the site's own script assets/disclose.js" in done.stderr
    assert "assets/javascripts/bundle.a5f9d56c.min.js: would replace the site's own script" in done.stderr
    assert not site.exists()
    # A script of the registry's own, at a path of its own, is published as any other file.
    for replaced in ("disclose.js", "javascripts/bundle.a5f9d56c.min.js"):
        (project / "docs" / "assets" / replaced).unlink()
    (project / "docs" / "assets" / "extra.js").write_text("console.log(1)\n", encoding="utf-8")
    done = _build(project, site)
    assert done.returncode == 0, done.stderr
    assert "alert" not in (site / "assets" / "disclose.js").read_text(encoding="utf-8")
    assert (site / "assets" / "extra.js").is_file()


def test_markup_under_any_name_and_an_svg_script_in_xml_spelling_are_refused(tmp_path: Path) -> None:
    """`<s:script xmlns:s="…/svg">` ran in Chromium when the image was opened, and a `.rss` or `.kml` file is
    published as XML, where an element in the XHTML namespace runs: none of them was found."""
    docs = tmp_path / "docs"
    docs.mkdir()
    svg = '<svg xmlns="http://www.w3.org/2000/svg">{}</svg>'
    refused = {
        "prefixed.svg": svg.format('<s:script xmlns:s="http://www.w3.org/2000/svg">x()</s:script>'),
        "referenced.svg": svg.format('<a><animate attributeName="href" values="&#106;ava&#x0A;script:x()"/></a>'),
        "padded.svg": svg.format('<a href="&#0000000106;avascript:x()"><text>go</text></a>'),
        "entity.svg": '<!DOCTYPE svg [<!ENTITY s "&#60;script&#62;x()&#60;/script&#62;">]>' + svg.format("&s;"),
        "feed.rss": '<?xml version="1.0"?><rss><h:script xmlns:h="http://www.w3.org/1999/xhtml">x()</h:script></rss>',
        "map.kml": "\ufeff  <kml/>",
        "notes.data": '<x:script xmlns:x="http://www.w3.org/1999/xhtml">x()</x:script>',
    }
    kept = {"plain.svg": svg.format("<text>&#169; 2026 &#x4e2d;&#x6587;</text>"), "robots.txt": "User-agent: *\n",
            "page.md": "<div>A page may begin with markup.</div>\n", "extra.css": "p { color: red }\n"}
    for name, text in {**refused, **kept}.items():
        (docs / name).write_text(text, encoding="utf-8")
    found = folder_problems(docs, "docs", pages=True)
    assert sorted(f.split(":")[0] for f in found) == sorted(f"docs/{name}" for name in refused)


def test_a_theme_folders_own_files_cannot_run_either(tmp_path: Path) -> None:
    """MkDocs copies every file of the theme's custom_dir but its templates into the site as it is: a pull request
    adding overrides/notes.xhtml or an SVG with a script to a registry's existing custom_dir published a page that
    ran it, at the site's address and without its policy."""
    project = project_copy(tmp_path / "project")
    overrides = project / "overrides"
    (overrides / "partials").mkdir(parents=True)
    (overrides / "main.html").write_text('{% extends "base.html" %}\n', encoding="utf-8")   # a template: rendered
    (overrides / "partials" / "notes.xhtml").write_text(
        '<html xmlns="http://www.w3.org/1999/xhtml"><script>document.title="pwned"</script></html>', encoding="utf-8")
    (overrides / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>', encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"))
    site = tmp_path / "site"
    done = _build(project, site)
    assert done.returncode != 0
    assert "overrides/partials/notes.xhtml: is an HTML or XML file" in done.stderr, done.stderr
    assert "overrides/logo.svg: is an SVG image holding a script" in done.stderr
    assert "main.html" not in done.stderr and not site.exists()


def test_a_docs_file_cannot_replace_the_sites_own_stylesheets(tmp_path: Path) -> None:
    """docs/assets/disclose.css was published in place of the packaged one: one rule hid every watchlist match and
    every warning on every company page, for every reader."""
    project = project_copy(tmp_path / "project")
    styles = project / "docs" / "assets" / "stylesheets"
    styles.mkdir(parents=True)
    (project / "docs" / "assets" / "disclose.css").write_text(".md-typeset * { display: none }\n", encoding="utf-8")
    theirs = sorted(p.name for p in (ROOT_THEME / "assets" / "stylesheets").glob("main.*.min.css"))[0]
    (styles / theirs).write_text("body { display: none }\n", encoding="utf-8")
    site = tmp_path / "site"
    done = _build(project, site)
    assert done.returncode != 0
    assert "docs/assets/disclose.css: would replace the site's own stylesheet assets/disclose.css" in done.stderr
    assert f"docs/assets/stylesheets/{theirs}: would replace the site's own stylesheet" in done.stderr
    assert not site.exists()
