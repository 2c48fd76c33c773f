"""The plugin keeps the cyclic collector off from the registry's making to the pages' writing,
in a real MkDocs build in this process, and leaves it on after a build that fails."""

from __future__ import annotations

import gc
import json
import os
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from tests.sitebuild import project_copy

HOOK = '''
import gc, json, pathlib
seen = []
def on_page_markdown(markdown, **kwargs):
    seen.append(["pass", gc.isenabled(), gc.get_freeze_count() > 0])
    return markdown
def on_post_build(config, **kwargs):
    seen.append(["after", gc.isenabled(), gc.get_freeze_count() > 0])
    pathlib.Path(config.config_file_path).with_name("seen.json").write_text(json.dumps(seen))
'''


def _build(project: Path, site: Path) -> None:
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as f:
        f.write("\nhooks:\n  - seen.py\n")
    (project / "seen.py").write_text(HOOK, encoding="utf-8")
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site)))


def test_the_collector_is_off_through_mkdocs_pass_and_on_again_after(tmp_path: Path) -> None:
    project = project_copy(tmp_path / "project")
    assert gc.isenabled() and gc.get_freeze_count() == 0
    _build(project, tmp_path / "site")
    seen = json.loads((project / "seen.json").read_text(encoding="utf-8"))
    passes = [s for s in seen if s[0] == "pass"]
    assert passes and all(s == ["pass", False, True] for s in passes)   # off, the registry frozen
    assert seen[-1] == ["after", True, False]   # on for the page writers, nothing frozen
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_build_that_fails_leaves_the_collector_on(tmp_path: Path) -> None:
    project = project_copy(tmp_path / "project")
    (project / "disclosures" / "broken.yaml").write_text("company: [", encoding="utf-8")
    with pytest.raises(Abort):   # MkDocs' own ending for the plugin's "not built"
        _build(project, tmp_path / "site")
    assert gc.isenabled() and gc.get_freeze_count() == 0
