"""The plugin keeps the cyclic collector off from the registry's making to the pages' writing,
in a real MkDocs build in this process, and leaves it on after a build that fails."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin

from tests.sitebuild import project_copy


class _Seen(BasePlugin):
    """What the collector was at MkDocs' pass over the pages and after the build."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[list[object]] = []

    def on_page_markdown(self, markdown: str, **kwargs: object) -> str:
        self.seen.append(["pass", gc.isenabled(), gc.get_freeze_count() > 0])
        return markdown

    def on_post_build(self, config: object, **kwargs: object) -> None:
        self.seen.append(["after", gc.isenabled(), gc.get_freeze_count() > 0])


def _build(project: Path, site: Path) -> list[list[object]]:
    # A plugin object of the test's, not `hooks:`, which a registry's mkdocs.yml may not set.
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    seen = config.plugins["seen"] = _Seen()
    build(config)
    return seen.seen


def test_the_collector_is_off_through_mkdocs_pass_and_on_again_after(tmp_path: Path) -> None:
    project = project_copy(tmp_path / "project")
    assert gc.isenabled()   # Python 3.12 starts with objects frozen: the count is not 0 before a first block
    seen = _build(project, tmp_path / "site")
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
