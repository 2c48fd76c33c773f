"""Rebuilds with the output cache: the same bytes as a full build, whatever changed, and only what changed made anew."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from benchmarks.synthetic import write_corpus
from generator.site import publish
from generator.site.outputs import code_version
from tests.cache_entries import entries
from tests.sitebuild import project_copy

pytestmark = pytest.mark.site

REUSED = re.compile(r"(\d+) made, (\d+) reused")
# Pagefind writes its filter files in an order of its own, different from one run to the next over the
# same records; their names, and the metadata file that lists them, differ with it. Its compressed copy of
# its own WebAssembly (wasm.<language>.pagefind), and its worker script (pagefind-worker.js), were each seen to
# differ between two runs too: not our output.
UNSTABLE = re.compile(r"pagefind/(filter/.*\.pf_filter|pagefind\..*\.pf_meta|pagefind-entry\.json|wasm\..*\.pagefind"
                      r"|pagefind-worker\.js)")


def disclose_build(project: Path) -> tuple[int, int]:
    """`disclose build` of the project into its site/; how many bulk files were made and reused."""
    said: list[str] = []
    code = publish.build(project / "mkdocs.yml", project / "site", project / "disclosures", say=said.append)
    assert code == 0, said
    found = REUSED.search("\n".join(said))
    assert found, said
    return int(found[1]), int(found[2])


def files(site: Path) -> dict[str, bytes]:
    found = {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}
    return {k: p.read_bytes() for k, p in found.items() if not UNSTABLE.fullmatch(k)}


def assert_same_as_full_build(project: Path, tmp_path: Path, name: str) -> None:
    fresh = project_copy(tmp_path / name, project / "disclosures")
    for own in ("watchlists", "profiles"):
        if (project / own).exists():
            shutil.copytree(project / own, fresh / own)
    if (project / "overrides").exists():
        shutil.copytree(project / "overrides", fresh / "overrides")
        shutil.copy(project / "mkdocs.yml", fresh / "mkdocs.yml")
    made, reused = disclose_build(fresh)
    assert reused == 0 and made > 0   # a cold cache: everything made
    incremental, full = files(project / "site"), files(fresh / "site")
    assert incremental.keys() == full.keys()
    assert [k for k in full if incremental[k] != full[k]] == []


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("corpus")
    write_corpus(corpus, 12, 6)
    project = project_copy(tmp_path_factory.mktemp("project") / "p", corpus)
    made, reused = disclose_build(project)
    assert reused == 0 and made > 0
    return project


def test_a_rebuild_with_nothing_changed_makes_nothing(built):
    made, reused = disclose_build(built)
    assert made == 0 and reused > 0


def test_after_adding_changing_renaming_and_deleting_disclosures_a_rebuild_equals_a_full_build(built, tmp_path):
    folder = built / "disclosures"
    before = files(built / "site")
    # changed: one supplier renamed
    first = folder / "synthetic-00000.yaml"
    text = first.read_text(encoding="utf-8")
    name = re.search(r"suppliers:\n- id: \S+\n  name: (.+)\n", text)
    assert name
    edit(first, f"name: {name[1]}\n", "name: Renamed Supplier Ltd.\n")
    made, reused = disclose_build(built)
    assert made > 0 and reused > made   # most files were the last build's
    assert_same_as_full_build(built, tmp_path, "changed")
    after = files(built / "site")
    assert after["companies/synthetic-00000/index.html"] != before["companies/synthetic-00000/index.html"]
    assert "Renamed Supplier Ltd." in after["companies/synthetic-00000/index.html"].decode()

    # added: a copy of a disclosure under a new id
    added = folder / "synthetic-00099.yaml"
    added.write_text((folder / "synthetic-00001.yaml").read_text(encoding="utf-8")
                     .replace("id: synthetic-00001", "id: synthetic-00099"), encoding="utf-8")
    disclose_build(built)
    assert_same_as_full_build(built, tmp_path, "added")

    # renamed: the file and the id in it
    renamed = folder / "renamed-firm.yaml"
    (folder / "synthetic-00002.yaml").rename(renamed)
    edit(renamed, "id: synthetic-00002", "id: renamed-firm")
    disclose_build(built)
    assert_same_as_full_build(built, tmp_path, "renamed")
    assert (built / "site/companies/renamed-firm/index.html").is_file()
    assert not (built / "site/companies/synthetic-00002").exists()

    # deleted
    (folder / "synthetic-00003.yaml").unlink()
    disclose_build(built)
    assert_same_as_full_build(built, tmp_path, "deleted")
    assert not (built / "site/companies/synthetic-00003").exists()


def test_a_file_made_invalid_fails_from_the_cache_as_it_did_cold_and_builds_again_once_fixed(built, tmp_path):
    checked = built / ".cache" / "disclose" / "checked"
    # Every file's entry is kept (with those of files changed before, in packs still in use).
    kept = {json.loads(blob)["digest"] for blob in entries(checked).values()}
    assert {hashlib.sha256(f.read_bytes()).hexdigest() for f in (built / "disclosures").glob("*.yaml")} <= kept
    file = built / "disclosures" / "synthetic-00004.yaml"
    good = file.read_text(encoding="utf-8")
    edit(file, "schema_version:", "schema_versio:")
    outcomes = []
    for _ in range(2):   # checked cold, then taken from the cache
        said: list[str] = []
        assert publish.build(built / "mkdocs.yml", built / "site", built / "disclosures", say=said.append) == 1
        outcomes.append([line for line in "\n".join(said).splitlines() if "synthetic-00004.yaml:" in line])
    assert outcomes[0] and outcomes[0] == outcomes[1]
    file.write_text(good, encoding="utf-8")
    made, _ = disclose_build(built)
    assert made == 0   # the same bytes as the last good build: its pages, from its cache
    assert_same_as_full_build(built, tmp_path, "fixed")


def _first_supplier(file: Path) -> str:
    name = re.search(r"suppliers:\n- id: \S+\n  name: (.+)\n", file.read_text(encoding="utf-8"))
    assert name
    return name[1].strip("'\"")


def test_a_changed_watchlist_or_profile_rebuilds_to_a_full_builds_bytes(built, tmp_path):
    listed = _first_supplier(built / "disclosures" / "synthetic-00005.yaml")
    lists = built / "watchlists"
    lists.mkdir()
    (lists / "own-list.csv").write_text(f"name,aliases,identifiers,section,date_listed,source\n"
                                        f"\"{listed}\",,,,2024-01-01,https://example.org/list\n", encoding="utf-8")
    disclose_build(built)
    page = (built / "site/companies/synthetic-00005/index.html").read_text(encoding="utf-8")
    assert "own-list" in page
    assert_same_as_full_build(built, tmp_path, "watchlist")

    profiles = built / "profiles"
    profiles.mkdir()
    (profiles / "own-profile.yaml").write_text(
        "order: 9\nid: own-profile\ntitle: Our own profile\nurl: https://example.org/profile\nitems:\n"
        "  - id: any-supplier\n    label: Any supplier named\n    rule: {any: suppliers}\n    fix: suppliers\n",
        encoding="utf-8")
    disclose_build(built)
    assert "Our own profile" in (built / "site/companies/synthetic-00005/index.html").read_text(encoding="utf-8")
    assert_same_as_full_build(built, tmp_path, "profile")
    shutil.rmtree(lists)
    shutil.rmtree(profiles)
    disclose_build(built)
    assert "own-list" not in (built / "site/companies/synthetic-00005/index.html").read_text(encoding="utf-8")
    assert_same_as_full_build(built, tmp_path, "neither")


def test_a_build_after_one_with_another_site_url_takes_its_pages_from_the_generation_before(built, tmp_path):
    config = built / "mkdocs.yml"
    plain = config.read_text(encoding="utf-8")
    config.write_text(plain + "site_url: http://127.0.0.1:8000/\n", encoding="utf-8")   # as disclose serve builds
    served, _ = disclose_build(built)   # every page anew: its canonical link names the site's address
    page = (built / "site/companies/synthetic-00000/index.html").read_text(encoding="utf-8")
    assert 'href="http://127.0.0.1:8000/companies/synthetic-00000/"' in page
    config.write_text(plain, encoding="utf-8")
    made, reused = disclose_build(built)
    assert made == 0 and reused > served > 0
    assert_same_as_full_build(built, tmp_path, "after-serve")


def test_a_changed_theme_template_remakes_every_page(built, tmp_path):
    overrides = built / "overrides"
    shutil.copytree(Path(publish.__file__).parent.parent / "defaults" / "overrides", overrides)
    edit(overrides / "main.html", "{% endblock %}", "<!-- a registry's own override -->\n{% endblock %}")
    config = built / "mkdocs.yml"
    edit(config, "theme:\n  name: material\n", "theme:\n  name: material\n  custom_dir: overrides\n")
    made, _ = disclose_build(built)
    pages = [k for k in files(built / "site") if k.startswith(("companies/", "entities/", "regions/"))
             and k.endswith("index.html") and k.count("/") > 1]
    assert made >= len(pages) - 3   # every page of the shells but their hosts, which MkDocs renders itself
    assert "a registry&#39;s own override" not in (built / "site/companies/synthetic-00000/index.html").read_text()
    assert "<!-- a registry's own override -->" in (built / "site/companies/synthetic-00000/index.html").read_text()
    assert_same_as_full_build(built, tmp_path, "template")


def test_the_code_version_names_every_template_of_the_package(tmp_path):
    package = Path(publish.__file__).parent.parent
    copy = tmp_path / "generator"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert code_version(copy) == code_version(package)
    edit(copy / "site" / "templates" / "company.html", "<h1", "<h1 class=\"changed\"")
    assert code_version(copy) != code_version(package)


def _move_website(file: Path) -> None:
    """A change to the file that no other company's entries show (a renamed entity can regroup them)."""
    text = file.read_text(encoding="utf-8")
    file.write_text(re.sub(r"website: \S+", "website: https://moved.example.org", text, count=1), encoding="utf-8")


def _inodes(site: Path, folder: str) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_ino for p in (site / folder).rglob("index.html")}


def test_a_long_region_remakes_only_the_page_that_lists_the_changed_company(tmp_path):
    from generator.pipeline import load_registry

    corpus = tmp_path / "corpus"
    write_corpus(corpus, 150, 2)
    project = project_copy(tmp_path / "p", corpus)
    disclose_build(project)
    registry, _ = load_registry(project / "disclosures")
    # Two regions of two pages: the first second page is the shell's host, which MkDocs renders every time.
    long = [r for r in registry.regions if len(r.entries) > 100]
    assert [r.code for r in long] == ["CN", "CN-XJ"]
    entries = long[1].entries
    first, second = entries[0].company.id, entries[-1].company.id
    before = _inodes(project / "site", "regions/cn-xj")
    assert set(before) == {"regions/cn-xj/index.html", "regions/cn-xj/page_2/index.html"}

    _move_website(project / "disclosures" / f"{first}.yaml")
    disclose_build(project)
    after = _inodes(project / "site", "regions/cn-xj")
    assert after["regions/cn-xj/page_2/index.html"] == before["regions/cn-xj/page_2/index.html"]   # linked, not made
    assert after["regions/cn-xj/index.html"] != before["regions/cn-xj/index.html"]

    _move_website(project / "disclosures" / f"{second}.yaml")
    disclose_build(project)
    last = _inodes(project / "site", "regions/cn-xj")
    assert last["regions/cn-xj/page_2/index.html"] != after["regions/cn-xj/page_2/index.html"]
    assert_same_as_full_build(project, tmp_path, "long-region")
