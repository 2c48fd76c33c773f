"""Rendered pages compared with reviewed copies in tests/golden/.

After an intended change, regenerate them with `UPDATE_GOLDEN=1 make test` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pytest

from generator.pipeline import DEFAULTS, Settings, build_site
from tests.sitebuild import FIXTURES

GOLDEN = Path(__file__).parents[1] / "golden"
TODAY = dt.date(2026, 11, 23)
# Outside git, history says it is unavailable: golden pages stay the same wherever tests run.
SETTINGS = Settings(today=TODAY, watchlists=DEFAULTS / "watchlists", profiles=DEFAULTS / "profiles")
PAGES = ["index.md", "compare/index.md", "companies/alpha-vision/index.md", "companies/gamma-payload/index.md",
         "entities/urumqi-shijie-distribution-cn/index.md", "regions/cn-xj/index.md", "entities/index.md",
         "companies/index.md"]


@pytest.fixture(scope="module")
def outside_git(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixtures copied out of the project's repository, so its commits do not show."""
    target = tmp_path_factory.mktemp("golden") / "disclosures"
    shutil.copytree(FIXTURES, target)
    return target


# A map's outlines are compared once, in tests/site/test_maps.py (golden map--alpha-vision.svg).
_MAP = re.compile(r'(<svg xmlns="http://www.w3.org/2000/svg" class="dc-map" [^>]*>).*?</svg>', re.S)


@pytest.fixture(scope="module")
def pages(outside_git: Path) -> dict[str, str]:
    site = build_site(outside_git, SETTINGS)
    assert site.result.ok
    return {p.path: _MAP.sub(r"\1…</svg>", p.html) for p in site.pages}


@pytest.mark.parametrize("path", PAGES)
def test_page_matches_its_golden_copy(pages, path):
    golden = GOLDEN / (path.replace("/index.md", "").replace("/", "--").replace(".md", "") + ".html")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(pages[path], encoding="utf-8")
    assert pages[path] == golden.read_text(encoding="utf-8")


def test_rendering_is_deterministic(outside_git):
    first = [(p.path, p.html) for p in build_site(outside_git, SETTINGS).pages]
    assert first == [(p.path, p.html) for p in build_site(outside_git, SETTINGS).pages]
