"""The pipeline: its stages run with the collector off, and the caller's work runs beside the tables."""

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


def test_the_callers_work_gets_the_registry_while_the_tables_are_still_out(tmp_path: Path) -> None:
    seen: list[tuple[str, ...]] = []
    settings = Settings(cache_dir=tmp_path)
    site = build_site(FIXTURES, settings, meanwhile=lambda r: seen.append(tuple(c.id for c in r.companies)))
    assert site.result.ok and seen == [tuple(c.id for c in site.registry.companies)] and seen[0]
    assert any(a.path.endswith(".sqlite") for a in site.assets)   # the tables were still joined after it


def test_no_work_of_the_callers_is_done_on_a_registry_with_problems(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("company: [", encoding="utf-8")
    seen: list[object] = []
    site = build_site(tmp_path, Settings(), meanwhile=seen.append)
    assert not site.result.ok and not seen


def test_a_failure_in_the_callers_work_fails_the_build(tmp_path: Path) -> None:
    def fails(_: object) -> None:
        raise OSError("no Pagefind here")
    with pytest.raises(OSError, match="no Pagefind"):
        build_site(FIXTURES, Settings(cache_dir=tmp_path), meanwhile=fails)
