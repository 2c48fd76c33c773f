from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path

from click.testing import CliRunner

from generator.check.validation import validate_document
from generator.cli import main
from generator.load.loader import load_text
from generator.model import Disclosure
from generator.pipeline import DEFAULTS
from generator.registry.registry import Registry
from generator.registry.screening import EXACT, IDENTIFIER, screen_registry
from generator.registry.watchlists import load_watchlist, load_watchlists
from generator.site.watchlist_pages import watchlist_pages

ROOT = Path(__file__).resolve().parents[2]

FIXTURE = textwrap.dedent("""\
    schema_version: "1.0"
    company: {id: screen-example, name: Screen Example Ltd}
    disclosure: {period: {start: 2025-01-01, end: 2025-12-31}, published: 2026-01-10, example: true}
    suppliers:
      - id: spinner
        name: Akesu Huafu Color Spinning Company Limited
        country: CN
        subdivision: CN-XJ
        relationship: supplier
      - id: hard-negative
        name: Huafu Example Knitwear Co.
        country: CN
        relationship: supplier
      - id: by-lei
        name: Plain Example Buttons Ltd
        country: CN
        relationship: supplier
        identifiers: {lei: 5493001KJTIIGC8Y1R12}
    partners:
      - id: solar
        name: Example Solar Components Ltd
        aliases: [HY Solar]
        country: CN
        relationship: distributor
    screening:
      - {entity: solar, list: uflpa-entity-list, decision: not-a-match, reason: A different firm}
    """)

LIST_WITH_LEI = textwrap.dedent("""\
    title: Example identifier list
    url: https://example.org/list
    entries:
      - name: Totally Different Name Holdings
        identifiers: {lei: 5493001KJTIIGC8Y1R12}
    """)


def disclosure(text: str = FIXTURE) -> Disclosure:
    doc = load_text(text, "disclosures/screen-example.yaml")
    # valid; names of places in Xinjiang without CN-XJ are warned of (names-xinjiang), which screening does not heed
    assert [p for p in validate_document(doc, dt.date(2026, 6, 1)) if p.code != "names-xinjiang"] == []
    return Disclosure.of(doc.data)


def watchlists(tmp_path: Path) -> list:
    folder = tmp_path / "watchlists"
    folder.mkdir()
    (folder / "uflpa-entity-list.csv").write_bytes((DEFAULTS / "watchlists" / "uflpa-entity-list.csv").read_bytes())
    (folder / "ids.yaml").write_text(LIST_WITH_LEI, encoding="utf-8")
    lists, problems = load_watchlists(folder)
    assert problems == []
    return lists


def test_shipped_list_has_every_row_with_its_source() -> None:
    watchlist, problems = load_watchlist(DEFAULTS / "watchlists" / "uflpa-entity-list.csv")
    assert problems == [] and watchlist is not None
    assert len(watchlist.entries) == 73
    assert all(e.source.startswith("http") for e in watchlist.entries)


def test_flags_a_listed_entity_and_not_a_hard_negative(tmp_path: Path) -> None:
    matches = screen_registry([disclosure()], watchlists(tmp_path))
    by_entity = {(m.entity, m.list): m for m in matches}
    spinner = by_entity[("spinner", "uflpa-entity-list")]
    assert spinner.listed_name == "Aksu Huafu Color Spinning Co., Ltd."
    assert spinner.reason == EXACT and not spinner.reviewed
    assert "hard-negative" not in {m.entity for m in matches}


def test_identifier_match_and_recorded_review(tmp_path: Path) -> None:
    matches = screen_registry([disclosure()], watchlists(tmp_path))
    by_entity = {(m.entity, m.list): m for m in matches}
    assert by_entity[("by-lei", "ids")].reason == IDENTIFIER
    solar = by_entity[("solar", "uflpa-entity-list")]
    assert solar.listed_name == "Hongyuan Green Energy Co., Ltd."
    assert solar.decision == "not-a-match" and not solar.open


def test_fuzzy_match_reports_its_score(tmp_path: Path) -> None:
    text = FIXTURE.replace("Akesu Huafu Color Spinning Company Limited", "Aksu Huafu Colour Spining Co")
    spinner = next(m for m in screen_registry([disclosure(text)], watchlists(tmp_path)) if m.entity == "spinner")
    assert spinner.reason.startswith("fuzzy ") and 90 <= spinner.score < 100


def test_watchlist_page_escapes_and_groups(tmp_path: Path) -> None:
    text = FIXTURE.replace("Screen Example Ltd", "Screen <script>alert(1)</script> Ltd")
    d = disclosure(text)
    matches = screen_registry([d], watchlists(tmp_path))
    [page] = watchlist_pages(matches, Registry.of([d]))
    assert page.path == "watchlists/index.md"
    assert "<script>" not in page.html and "&lt;script&gt;" in page.html
    assert "Aksu Huafu Color Spinning Co., Ltd." in page.html and "not reviewed" in page.html
    assert "reviewed: not a match" in page.html


def test_cli_screen_strict_fails_on_unreviewed(tmp_path: Path) -> None:
    source = tmp_path / "disclosures"
    source.mkdir()
    (source / "screen-example.yaml").write_text(FIXTURE, encoding="utf-8")
    lists = tmp_path / "watchlists"
    watchlists(tmp_path)
    runner = CliRunner()
    args = ["screen", "--source", str(source), "--watchlists", str(lists)]
    loose = runner.invoke(main, args)
    assert loose.exit_code == 0, loose.output
    assert "spinner" in loose.output
    strict = runner.invoke(main, [*args, "--strict", "--format", "json"])
    assert strict.exit_code == 1
    rows = json.loads(strict.output)
    assert {r["entity"] for r in rows} >= {"spinner", "solar", "by-lei"}



def test_cli_screen_strict_passes_when_every_match_is_reviewed(tmp_path: Path) -> None:
    source = tmp_path / "disclosures"
    source.mkdir()
    head, partners = FIXTURE.split("suppliers:\n")[0], "partners:" + FIXTURE.split("partners:")[1]
    (source / "screen-example.yaml").write_text(head + partners, encoding="utf-8")
    watchlists(tmp_path)
    result = CliRunner().invoke(main, ["screen", "--source", str(source), "--watchlists",
                                       str(tmp_path / "watchlists"), "--strict"])
    assert result.exit_code == 0, result.output
    assert "reviewed: not-a-match" in result.output


def test_cli_screen_fails_on_an_invalid_disclosure(tmp_path: Path) -> None:
    source = tmp_path / "disclosures"
    source.mkdir()
    (source / "broken.yaml").write_text("company: [", encoding="utf-8")
    result = CliRunner().invoke(main, ["screen", "--source", str(source), "--watchlists", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "broken.yaml:2:1: error" in result.output


def test_yaml_watchlist_entries_without_a_name_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "custom.yaml"
    path.write_text("title: Custom\nurl: javascript:alert(1)\nentries:\n  - name: Example Listed Co\n"
                    "    aliases: [Listed Example]\n  - aliases: [no name]\n", encoding="utf-8")
    watchlist, problems = load_watchlist(path)
    assert watchlist is not None and watchlist.url == ""
    assert [e.names for e in watchlist.entries] == [("Example Listed Co", "Listed Example")]
    assert [(p.line, p.code) for p in problems] == [(6, "watchlist-no-name")]


def test_names_in_chinese_match_across_legal_forms_and_near_spellings(tmp_path: Path) -> None:
    path = tmp_path / "cjk.yaml"
    path.write_text("entries:\n  - name: Example Listed Yarn Co\n    aliases: [喀什示例纱线有限公司]\n",
                    encoding="utf-8")
    watchlist, _ = load_watchlist(path)
    text = FIXTURE.replace("name: Plain Example Buttons Ltd",
                           "name: Plain Example Buttons Ltd\n    local_name: 喀什示例纱线股份有限公司")
    text = text.replace("name: Huafu Example Knitwear Co.",
                        "name: Huafu Example Knitwear Co.\n    local_name: 喀什示例纱线厂有限公司")
    matches = {m.entity: m for m in screen_registry([disclosure(text)], [watchlist])}
    assert matches["by-lei"].reason == EXACT
    assert matches["hard-negative"].reason.startswith("fuzzy ")
    assert set(matches) == {"by-lei", "hard-negative"}


def test_a_name_screened_once_gives_each_entity_what_screening_it_alone_gives(tmp_path: Path) -> None:
    """Names are compared with the lists once per run; an entity's own identifiers still count."""
    from generator.registry.screening import Index, screen_entity

    names = ["Akesu Huafu Color Spinning Company Limited", "Aksu Huafu Colour Spining Co",
             "Totally Different Name Holdings", "Plain Example Buttons Ltd"]
    lei = "\n    identifiers: {lei: 5493001KJTIIGC8Y1R12}"
    entries = [f"  - id: e{i}-{j}{k}\n    name: {name}\n    country: CN\n    relationship: supplier{lei if j else ''}"
               for i, name in enumerate(names) for j, k in ((0, ""), (1, ""), (0, "-again"))]
    text = FIXTURE.split("suppliers:\n")[0] + "suppliers:\n" + "\n".join(entries) + "\n"
    entities = disclosure(text).entities
    lists = watchlists(tmp_path)
    shared = Index.of(lists)
    together = [[(m[0].name, m[1], m[2]) for m in screen_entity(e, shared)] for e in entities]
    alone = [[(m[0].name, m[1], m[2]) for m in screen_entity(e, Index.of(lists))] for e in entities]
    assert together == alone
    reasons = {entities[k].id: {r for _, _, r in found} for k, found in enumerate(together)}
    assert reasons["e2-0"] == {EXACT} and reasons["e2-1"] == {IDENTIFIER}   # same name, own identifier
    assert reasons["e3-0"] == set() and reasons["e3-1"] == {IDENTIFIER}
    assert reasons["e0-1"] == {EXACT, IDENTIFIER} and any(r.startswith("fuzzy") for r in reasons["e1-0"])
    assert len(shared.seen) == len(names)


def test_a_watchlist_of_names_sharing_every_word_costs_a_bounded_comparison_per_name() -> None:
    """500,000 listed names 'Garment Textile W000001', … had every supplier named with those words compared with all
    of them (1.5 s a name, hours for a registry); a name is now compared with at most 10,000, rarest words
    first, and still found where it is listed, or written a letter apart."""
    from generator.model import Entity
    from generator.registry.screening import Index, screen_entity
    from generator.registry.watchlists import Listed, Watchlist

    bound = 10_000   # MAX_CANDIDATES
    flood = [Listed("hostile", f"Garment Textile W{i:06d}") for i in range(3 * bound)]
    real = Listed("hostile", "Kashgar Garment Textile Mill")
    index = Index.of([Watchlist("hostile", "Hostile", (*flood, real))])
    assert len(index.candidates("garment textile factory")) <= bound   # no rarer word to pick by
    found = screen_entity(Entity("suppliers", "s1", "Kashgar Garment Textile Mill", "CN", "supplier"), index)
    assert [(m[0].name, m[2]) for m in found] == [("Kashgar Garment Textile Mill", "exact normalised name")]
    typo = screen_entity(Entity("suppliers", "s2", "Kashgr Garment Textile Mill", "CN", "supplier"), index)
    assert [m[0].name for m in typo] == ["Kashgar Garment Textile Mill"]
