"""Due diligence over time, from the history of a real git repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.history.timeline import read_history
from generator.site import charts
from tests.history_story import KASHGAR, Repo, disclosure


@pytest.fixture(scope="module")
def timeline(tmp_path_factory: pytest.TempPathFactory):
    repo = Repo(tmp_path_factory.mktemp("charts") / "repo")
    for status, message in [("planned", "Audit planned"), ("completed", "Audit done"), ("finished", "Broken status"),
                            ("planned", "Audit planned again")]:
        repo.write("acme.yaml", disclosure("acme", suppliers="suppliers:\n" + KASHGAR, audit=status))
        repo.commit(message)
    repo.write("acme.yaml", disclosure("acme", suppliers="suppliers:\n" + KASHGAR, audit="planned",
                                       extra="  - {id: ra, step: risk-assessment, status: in-progress, summary: x}\n"))
    repo.commit("Risk assessment started")
    found = read_history(Path(repo.root / "disclosures")).timeline("acme")
    assert found is not None
    return found


def test_each_readable_version_has_its_statuses_and_an_unreadable_one_is_skipped(timeline):
    points = charts.moments(timeline)
    assert [m.statuses["independent-audit"] for m in points] == ["planned", "completed", "planned", "planned"]
    assert [m.statuses["risk-assessment"] for m in points] == ["", "", "", "in-progress"]
    assert [m.statuses["public-report"] for m in points] == ["", "", "", ""]


@pytest.mark.parametrize("shown, audit", [(1, ["planned"]), (2, ["planned", "planned"]),
                                          (3, ["completed", "planned", "planned"])])
def test_only_the_newest_readable_versions_are_drawn(timeline, monkeypatch, shown, audit):
    # The walk stops there: every step of every older version was read before, and then dropped.
    monkeypatch.setattr(charts, "SHOWN", shown)
    points = charts.moments(timeline)
    assert [m.statuses["independent-audit"] for m in points] == audit
    assert [m.statuses["risk-assessment"] for m in points] == ["", "", "in-progress"][-shown:]
    assert [m.date for m in points] == ["2026-01-02", "2026-01-04", "2026-01-05"][-shown:]


def test_the_story_of_a_step_says_each_change_with_its_date(timeline):
    points = charts.moments(timeline)
    assert charts.story(points, "independent-audit") == (
        "planned (2026-01-01) → completed (2026-01-02) → planned (2026-01-04)")
    assert charts.story(points, "risk-assessment") == "not disclosed (2026-01-01) → in progress (2026-01-05)"


def test_the_chart_marks_each_status_with_its_own_shape(timeline):
    svg = str(charts.company_chart(timeline))
    assert svg.startswith("<svg") and 'role="img"' in svg
    audit = re.findall(r'<g class="dc-(\w[\w-]*)">(<\w+)', svg)
    assert ("completed", "<circle") in audit and ("planned", "<circle") in audit
    assert ("none", "<path") in audit and ("in-progress", "<circle") in audit
    assert svg.count("<title>independent audit:") == 4


def test_a_sparkline_tells_its_story_in_words(timeline):
    spark = str(charts.sparkline(charts.moments(timeline), "independent-audit"))
    assert 'role="img"><title>Independent audit over time: planned (2026-01-01) → completed' in spark


def test_without_history_there_is_no_chart():
    assert charts.company_chart(None) == "" and charts.sparkline([], "risk-assessment") == ""


@pytest.mark.parametrize("versions", [1, 2, 7, 40])
def test_a_sparkline_stays_inside_its_box(timeline, versions):
    points = (charts.moments(timeline) * 40)[:versions]
    spark = str(charts.sparkline(points, "independent-audit"))
    ends = [float(x) for x in re.findall(r'class="dcc-line" d="[^"]*H([\d.]+)"', spark)]
    assert ends and 0 < ends[0] <= 40
