"""The pipeline: its stages run with the collector off, the caller's work runs beside the tables,
and a rebuild loads the registry a cold build loads."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.build_scale import change_one
from benchmarks.synthetic import write_corpus
from generator.check.parallel import PER_WORKER
from generator.pipeline import DEFAULTS, Settings, build_site, load_registry
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
    assert gc.isenabled()   # Python 3.12 starts with objects frozen: the count is not 0 before a first block
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


def test_a_rebuilds_registry_is_a_cold_builds(tmp_path: Path) -> None:
    """Read from the check cache on every core, with one file changed since: the same disclosures."""
    project = tmp_path / "project"
    write_corpus(project / "disclosures", companies=3 * PER_WORKER, entities=12, seed=3)
    cache = tmp_path / "cache"
    load_registry(project / "disclosures", cache_dir=cache)
    _, renamed = change_one(project)
    rebuilt, result = load_registry(project / "disclosures", cache_dir=cache)
    cold, _ = load_registry(project / "disclosures")
    assert result.ok and rebuilt == cold and len(rebuilt.companies) == 3 * PER_WORKER
    assert renamed in {e.name for c in rebuilt.companies for e in c.entities}
