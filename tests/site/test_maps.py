"""Maps drawn at build time: the outlines shipped, what each page's map shows, and its bounds."""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
from pathlib import Path

import pytest

from benchmarks.synthetic import PLACES
from generator.model import Disclosure
from generator.registry.registry import Registry
from generator.site import maps
from generator.site.map_pictures import company_map, region_map, registry_map
from generator.site.pages import site_pages
from tests.sitebuild import FIXTURES

GOLDEN = Path(__file__).parents[1] / "golden" / "map--alpha-vision.svg"
LIMIT = 150_000   # bytes a map may add to a page


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Registry:
    from generator.pipeline import load_registry

    target = tmp_path_factory.mktemp("maps") / "disclosures"
    shutil.copytree(FIXTURES, target)
    found, result = load_registry(target, dt.date(2026, 11, 23))
    assert result.ok
    return found


def _links(svg: str) -> dict[str, str]:
    """href → the class of the shape it wraps."""
    return dict(re.findall(r'<a href="([^"]+)"><title>[^<]*</title><path class="([^"]+)"', svg))


def test_outlines_key_countries_and_chinas_provinces_by_iso_code():
    world = maps.outlines()
    codes = [s.code for s in world.shapes if s.code]
    assert len(codes) == len(set(codes))
    assert {"CN", "CN-XJ", "CN-GD", "TW", "HK", "MO", "XK", "UA", "EH"} <= set(codes)
    assert not {"CN-TW", "CN-HK", "CN-MO"} & set(codes)   # their own codes, as ISO 3166-1 has them
    assert len([c for c in codes if c.startswith("CN-")]) == 31
    assert "Natural Earth" in world.note and "not a statement on sovereignty" in world.note


def test_company_map_shades_xinjiang_and_links_each_place_to_its_region_page(registry):
    company = registry.company("alpha-vision")
    picture = company_map(company, registry, "../../")
    links = _links(picture.svg)
    assert re.fullmatch(r"dcm-[1-5] dcm-xj", links["../../regions/cn-xj/"])
    assert "../../regions/cn/" in links
    assert all(href.startswith("../../regions/") for href in links)
    assert "Xinjiang (CN-XJ)" in picture.label
    assert picture.places[0].code in {"CN", "CN-XJ"}
    assert len(picture.svg.encode()) < LIMIT


def test_golden_svg_of_one_company(registry):
    svg = str(company_map(registry.company("alpha-vision"), registry, "../../").svg)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(svg + "\n", encoding="utf-8")
    assert svg + "\n" == GOLDEN.read_text(encoding="utf-8")


def test_region_map_highlights_the_region_and_does_not_link_to_itself(registry):
    region = next(r for r in registry.regions if r.code == "CN-XJ")
    picture = region_map(region, registry, "../../")
    assert re.search(r'<path class="dcm-p0 dcm-hl dcm-xj" d="M', picture.svg)
    assert "../../regions/cn-xj/" not in picture.svg
    assert "../../regions/cn/" in picture.svg
    assert f"{len(region.entries)} companies" in picture.label


def test_a_subdivision_the_map_cannot_draw_is_shown_as_its_country():
    raw = {"company": {"id": "x", "name": "X"}, "disclosure": {},
           "suppliers": [{"id": "s", "name": "S", "country": "VN", "subdivision": "VN-SG", "relationship": "supplier"}]}
    registry = Registry.of([Disclosure.of(raw)])
    region = next(r for r in registry.regions if r.code == "VN-SG")
    picture = region_map(region, registry, "../../")
    assert "dcm-0 dcm-hl" in picture.svg and "drawn as Viet Nam" in picture.label


def _with_coordinates(points: list[object]) -> Disclosure:
    suppliers = [{"id": f"s{n}", "name": f"Site <{n}>", "country": "CN", "subdivision": "CN-XJ",
                  "relationship": "supplier", "coordinates": where} for n, where in enumerate(points)]
    return Disclosure.of({"company": {"id": "x", "name": "X <script>"}, "disclosure": {}, "suppliers": suppliers})


def test_entities_with_coordinates_are_points_and_anything_else_is_ignored():
    odd = [{"lat": True, "lon": 80}, {"lat": "43", "lon": "87"}, {"lat": 91, "lon": 0}, {"lat": float("nan"), "lon": 1},
           [43, 87], None, {"lat": 43.8}]
    company = _with_coordinates([{"lat": 43.8, "lon": 87.6}, {"lat": 39.5, "lon": 76}, *odd])
    picture = company_map(company, Registry.of([company]), "../../")
    assert picture.svg.count("<circle") == 2
    assert '<a href="#entity-s0"><circle' in picture.svg
    assert "<script>" not in picture.svg and "Site &lt;0&gt;" in picture.svg


def test_thousands_of_points_stay_within_the_bound():
    rng = random.Random(4)
    company = _with_coordinates([{"lat": rng.uniform(-50, 70), "lon": rng.uniform(-170, 170)} for _ in range(5000)])
    svg = company_map(company, Registry.of([company]), "../../").svg
    assert 0 < svg.count("<circle") <= maps.MAX_POINTS
    assert len(svg.encode()) < LIMIT


def _synthetic(companies: int) -> Registry:
    """Companies of six suppliers each, in the benchmark corpus's places."""
    rng = random.Random(1)

    def one(n: int) -> Disclosure:
        suppliers = [{"id": f"s{k}", "name": f"S {k}", "country": c, "subdivision": s, "relationship": "supplier"}
                     for k, (c, s, _) in enumerate(rng.choices(PLACES, k=6))]
        return Disclosure.of({"company": {"id": f"c{n}", "name": f"C {n}"}, "disclosure": {}, "suppliers": suppliers})

    return Registry.of(one(n) for n in range(companies))


def test_the_home_map_does_not_grow_with_the_number_of_companies():
    small, large = registry_map(_synthetic(100), "./"), registry_map(_synthetic(10_000), "./")
    assert len(large.svg.encode()) < LIMIT
    # the same places, only larger numbers in their titles
    assert abs(len(large.svg.encode()) - len(small.svg.encode())) < 2_000
    assert len(large.places) == len(small.places)


def test_levels_rise_with_the_count_and_the_key_names_the_ranges():
    assert [maps.level(n, 100) for n in (0, 1, 4, 10, 40, 100)] == [0, 1, 2, 3, 4, 5]
    assert maps.legend([1, 2, 100, 0]) == (("dcm-1", "1–2"), ("dcm-5", "100"))


def test_every_page_with_places_has_its_map(registry):
    pages = {p.path: p.html for p in site_pages(registry, dt.date(2026, 11, 23))}
    assert 'class="dc-map"' in pages["index.md"]
    for company in registry.companies:
        assert 'class="dc-map"' in pages[f"companies/{company.id}/index.md"]
    for region in registry.regions:
        assert 'class="dc-map"' in pages[f"regions/{region.slug}/index.md"]


def test_the_outlines_ship_with_the_package():
    import fnmatch
    import tomllib

    config = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["generator.site"]
    assert any(fnmatch.fnmatch("geo/boundaries.json", p) for p in patterns)
    assert maps.DATA.is_file() and maps.DATA.stat().st_size < LIMIT
