"""The pipeline's stages run with the cyclic collector off, and leave it as they found it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.pipeline import DEFAULTS, Settings, build_site
from tests.sitebuild import FIXTURES


@pytest.fixture
def passes() -> Iterator[list[int]]:
    """The generation of each pass the collector makes in this process while the test runs."""
    made: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            made.append(info["generation"])
    gc.callbacks.append(seen)
    try:
        yield made
    finally:
        gc.callbacks.remove(seen)


def test_the_build_makes_every_page_without_a_pass_of_the_collector(passes: list[int], tmp_path: Path) -> None:
    settings = Settings(watchlists=DEFAULTS / "watchlists", profiles=DEFAULTS / "profiles", cache_dir=tmp_path)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    site = build_site(FIXTURES, settings)
    assert site.result.ok and len(site.pages) > 10 and site.registry.shared_entities
    assert len(passes) <= 1   # only the one its end may set off, where the collector was on: about 200
    assert gc.isenabled() and gc.get_freeze_count() == 0   # on again, nothing left frozen
    before = len(passes)
    churn = [[] for _ in range(10_000)]
    assert len(passes) > before and churn   # and it runs again
