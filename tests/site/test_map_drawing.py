"""Maps drawn with the shapes that show nothing made once (maps._plain), against the drawing they replaced.

Every map, whatever it shades, links, titles or highlights, must come out the same byte for byte
as when each of its shapes was drawn for it. The frame around the shapes (`maps._svg`) is shared.
"""

from __future__ import annotations

from collections.abc import Mapping

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from generator.site import maps

CODES = [s.code for s in maps.outlines().shapes]
SOME = st.sampled_from(["", "CN", "CN-XJ", "CN-GD", "US", "FR", "BR", "AU", "VN", "XX", "<b>"]) | st.sampled_from(CODES)
HOSTILE = st.text(st.sampled_from("a Z-&<>'\"中"), max_size=6)


def reference(counts: Mapping[str, int], titles: Mapping[str, str], hrefs: Mapping[str, str], label: str,
         points: list[maps.Point] = (), unplaced_cn: int = 0, highlight: str = "") -> Markup:
    world = maps.outlines()
    shown = {c for c, n in counts.items() if n > 0} | ({highlight} if highlight else set())
    if unplaced_cn:
        shown.add("CN")
    boxes = [s.box for s in world.shapes if s.code in shown]
    boxes += [(x - 1, y - 1, x + 1, y + 1) for x, y in (world.project(p.lat, p.lon) for p in points)]
    view = maps.view_of(boxes, world)
    top = max(counts.values(), default=0)
    countries, provinces, last = [], [], []
    for s in world.shapes:
        if not maps._fits(s.box, view):
            continue
        css = f"dcm-{maps.level(counts.get(s.code, 0), top)}"
        if s.code == "CN" and unplaced_cn:
            css = "dcm-unplaced"
        if highlight and s.code == highlight:
            css += " dcm-hl"
        if s.code.startswith("CN-"):
            css = css.replace("dcm-0", "dcm-p0") + (" dcm-xj" if s.code == maps.HIGH_RISK else "")
        href = hrefs.get(s.code, "")
        drawn = maps._shape(s, css, titles.get(s.code, "") or (f"{s.name} ({s.code})" if href else ""), href)
        marked = s.code == maps.HIGH_RISK or (highlight and s.code == highlight)
        layer = last if marked else provinces if s.code.startswith("CN-") else countries
        layer.append(drawn)
    return maps._svg(view, label, (countries, provinces, last), list(points))


points = st.builds(maps.Point, st.floats(-90, 90), st.floats(-180, 180), HOSTILE, st.sampled_from(["", "#e-<1>"]))


@given(st.dictionaries(SOME, st.integers(-1, 50)), st.dictionaries(SOME, HOSTILE), st.dictionaries(SOME, HOSTILE),
       HOSTILE, st.lists(points, max_size=4), st.integers(0, 3), SOME)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_map_is_drawn_as_before(counts, titles, hrefs, label, found, unplaced, highlight):
    expected = reference(counts, titles, hrefs, label, found, unplaced, highlight)
    assert maps.draw(counts, titles, hrefs, label, found, unplaced, highlight) == expected


def test_a_company_map_and_a_region_map_are_drawn_as_before():
    everywhere = {c: n for n, c in enumerate(CODES, 1) if c}
    hrefs = {c: f"../regions/{c.lower()}/" for c in everywhere}
    for args in [(everywhere, {}, hrefs, "all"), ({"FR": 2}, {"FR": "France"}, {"FR": "x/"}, "one"),
                 ({}, {"CN-XJ": "Xinjiang"}, hrefs, "region", [], 0, "CN-XJ"), ({}, {}, {}, "none")]:
        assert maps.draw(*args) == reference(*args)


def test_a_map_without_a_highlight_marks_no_shape() -> None:
    # The outlines hold one shape without a code; an empty highlight once picked it out.
    assert any(not s.code for s in maps.outlines().shapes)
    drawn = maps.draw({"FR": 2, "CN-XJ": 1}, {}, {}, "a map")
    assert "dcm-hl" not in drawn
    assert "dcm-hl" in maps.draw({"FR": 2}, {}, {}, "a map", highlight="FR")
