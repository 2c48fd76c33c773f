from __future__ import annotations

import datetime as dt
import os
import shutil
import textwrap
from pathlib import Path

import pytest

from generator.check.validation import validate_document
from generator.load.loader import load_text
from generator.model import Disclosure
from generator.pipeline import DEFAULTS
from generator.registry.completeness import completeness, load_profile, load_profiles
from generator.site.pages import environment

ROOT = Path(__file__).resolve().parents[2]

BASE = textwrap.dedent("""\
    schema_version: "1.0"
    company: {id: complete-example, name: Complete Example Ltd}
    disclosure: {period: {start: 2025-01-01, end: 2025-12-31}, published: 2026-01-10, example: true}
    """)

RICH = BASE + textwrap.dedent("""\
    operations:
      - {country: CN, subdivision: CN-XJ, activities: [sourcing]}
    suppliers:
      - id: mill
        name: Example Mill Co., Ltd.
        country: CN
        address: 1 Example Road
        relationship: supplier
        tier: 1
        parent: Example Holdings
        products: [Yarn]
        workers: 300
      - id: farm
        name: Example Cotton Farm
        country: CN
        relationship: supplier
        tier: raw-material
    due_diligence:
      - id: ra
        step: risk-assessment
        status: completed
        date: 2025-10-01
        summary: Supply-chain risk review.
      - id: train
        step: mitigation
        status: in-progress
        summary: Training for buyers on forced-labour indicators.
        due: 2026-09
    """)


def disclosure(text: str) -> Disclosure:
    doc = load_text(text, "disclosures/complete-example.yaml")
    assert validate_document(doc, dt.date(2026, 6, 1)) == []
    return Disclosure.of(doc.data)


@pytest.fixture(scope="module")
def profiles() -> dict:
    found, problems = load_profiles(DEFAULTS / "profiles")
    assert problems == []
    assert [p.id for p in found] == ["ungp", "transparency-pledge", "uk-modern-slavery", "knowthechain"]
    return {p.id: p for p in found}


def test_an_empty_disclosure_covers_nothing(profiles: dict) -> None:
    scores = completeness(disclosure(BASE), profiles.values())
    assert [s.percent for s in scores] == [0, 0, 0, 0]
    ungp = scores[0]
    assert next(r.detail for r in ungp.lacking) == "no risk-assessment step"


def test_ungp_steps(profiles: dict) -> None:
    [score] = completeness(disclosure(RICH), [profiles["ungp"]])
    assert [r.item.id for r in score.covered] == ["risk-assessment"]
    assert score.percent == 25
    audit = next(r for r in score.lacking if r.item.id == "independent-audit")
    assert "independent: true" in audit.item.fix


def test_transparency_pledge_counts_suppliers_lacking_each_field(profiles: dict) -> None:
    [score] = completeness(disclosure(RICH), [profiles["transparency-pledge"]])
    assert [r.item.id for r in score.covered] == ["site-name"]
    details = {r.item.id: r.detail for r in score.lacking}
    assert details["address"] == "1 of 2 suppliers lack address"
    assert score.percent == 20


def test_uk_modern_slavery_areas(profiles: dict) -> None:
    [score] = completeness(disclosure(RICH), [profiles["uk-modern-slavery"]])
    covered = {r.item.id for r in score.covered}
    assert covered == {"organisation-structure", "risk-assessment", "due-diligence", "training", "goals"}
    assert [r.item.id for r in score.lacking] == ["policies"]
    assert score.percent == 83
    without_mitigation = RICH.replace("step: mitigation", "step: stakeholder-engagement")
    [score] = completeness(disclosure(without_mitigation), [profiles["uk-modern-slavery"]])
    assert {r.item.id for r in score.lacking} == {"policies", "due-diligence"}


def test_knowthechain_traceability(profiles: dict) -> None:
    [score] = completeness(disclosure(RICH), [profiles["knowthechain"]])
    assert {r.item.id for r in score.lacking} == {"supplier-workforce"}
    assert score.percent == 80


def test_fragment_lists_gaps_with_their_fix_and_escapes(profiles: dict) -> None:
    text = RICH.replace("Training for buyers", "<b>Training</b> for buyers")
    scores = completeness(disclosure(text), profiles.values())
    html = environment().get_template("_completeness.html").render(scores=scores)
    assert "UN Guiding Principles — four key steps: 25%" in html
    assert "to cover it, add <code>suppliers[].address</code>" in html
    assert "<b>" not in html


def test_a_malformed_profile_is_reported_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: bad\nitems:\n  - id: x\n    fix: y\n    rule: {stepp: audit}\n", encoding="utf-8")
    profile, problems = load_profile(path)
    assert profile is not None and profile.items == ()
    assert [(p.line, p.code) for p in problems][:2] == [(5, "profile-rule"), (5, "profile-rule")]
    assert "unknown rule key 'stepp'" in problems[0].message


def test_percentages_for_the_compare_page(profiles: dict) -> None:
    from generator.registry.completeness import percentages

    scores = completeness(disclosure(RICH), profiles.values())
    assert percentages(scores) == {"ungp": 25, "transparency-pledge": 20, "uk-modern-slavery": 83, "knowthechain": 80}


def test_profiles_are_read_as_disclosures_are_never_through_a_link(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    shutil.copytree(DEFAULTS / "profiles", outside)
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "linked.yaml").symlink_to(outside / "ungp.yaml")
    os.mkfifo(folder / "pipe.yaml")
    found, problems = load_profiles(folder)
    assert found == [] and sorted(Path(p.file).name for p in problems if p.code == "not-a-file") == [
        "linked.yaml", "pipe.yaml"]
    (tmp_path / "via-link").symlink_to(outside)
    found, problems = load_profiles(tmp_path / "via-link")
    assert found == [] and [p.code for p in problems] == ["not-a-file"]
    assert len(load_profiles(outside)[0]) == 4
