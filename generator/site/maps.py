"""Maps drawn at build time as inline SVG: no tiles, no script, no request to another host.

The outlines come from generator/site/geo/boundaries.json, already projected and simplified
(tools/update_boundaries.py makes it from Natural Earth). China is drawn by province so that
Xinjiang (CN-XJ) can be told apart; every place that has a region page is a plain link to it.
Counts are the registry's (its regions); this module only shades and places them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from ..model import HIGH_RISK

DATA = Path(__file__).parent / "geo" / "boundaries.json"
LEVELS = 5
MAX_POINTS = 400          # a page of 10,000 sites shows where they cluster, not every dot
MIN_SPAN = 300            # a zoomed map is at least 60° wide: a small country keeps its surroundings
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Shape:
    code: str             # ISO 3166-1 alpha-2 or a Chinese province's ISO 3166-2 code; '' for none
    name: str
    box: Box
    d: str


@dataclass(frozen=True)
class Outlines:
    note: str
    k: int
    top: int
    width: int
    height: int
    shapes: tuple[Shape, ...]

    def project(self, lat: float, lon: float) -> tuple[float, float]:
        return round((lon + 180) * self.k, 1), round((self.top - lat) * self.k, 1)

    def shape(self, code: str) -> Shape | None:
        return next((s for s in self.shapes if s.code == code), None)


@cache
def outlines() -> Outlines:
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    shapes = tuple(Shape(code, name, tuple(box), d) for code, name, box, d in raw["shapes"])
    return Outlines(raw["note"], raw["units_per_degree"], raw["top"], raw["width"], raw["height"], shapes)


@dataclass(frozen=True)
class Place:
    """One line of the map's text alternative."""

    code: str
    name: str
    count: int
    href: str             # '' when the place has no region page


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float
    label: str
    href: str = ""


@dataclass(frozen=True)
class Picture:
    svg: Markup
    label: str            # what the map shows, in a sentence: its caption and its accessible name
    legend: tuple[tuple[str, str], ...]   # (CSS class, words)
    places: tuple[Place, ...]
    note: str


def level(count: int, top: int) -> int:
    """Shade 1..5 on a log scale up to the map's largest count; 0 for nothing."""
    if count <= 0:
        return 0
    if top <= 1:
        return 3
    return min(LEVELS, 1 + int((LEVELS - 1) * math.log(count) / math.log(top) + 1e-9))


def legend(counts: Iterable[int]) -> tuple[tuple[str, str], ...]:
    values = [n for n in counts if n > 0]
    if not values:
        return ()
    top = max(values)
    spans: dict[int, list[int]] = {}
    for n in values:
        spans.setdefault(level(n, top), []).append(n)
    return tuple((f"dcm-{lv}", f"{min(v)}" if min(v) == max(v) else f"{min(v)}–{max(v)}")
                 for lv, v in sorted(spans.items()))


def _fits(box: Box, view: Box) -> bool:
    return box[0] <= view[2] and box[2] >= view[0] and box[1] <= view[3] and box[3] >= view[1]


def view_of(boxes: list[Box], world: Outlines) -> Box:
    """The part of the world to draw: the boxes with a margin, 2:1, within the map; all of it if no box."""
    full = (0.0, 0.0, float(world.width), float(world.height))
    if not boxes:
        return full
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    w = max(x1 - x0, 2 * (y1 - y0), MIN_SPAN) * 1.2
    if w >= world.width * 0.7:
        return full
    h = w / 2
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    left = min(max(cx - w / 2, 0), world.width - w)
    top = min(max(cy - h / 2, 0), max(world.height - h, 0))
    return (round(left), round(top), round(left + w), round(top + min(h, world.height)))


def _title(text: str) -> str:
    return f"<title>{escape(text)}</title>"


def _shape(s: Shape, css: str, title: str, href: str) -> str:
    body = f'<path class="{css}" d="{s.d}"/>'
    if href:
        return f'<a href="{escape(href)}">{_title(title)}{body}</a>'
    return f'<path class="{css}" d="{s.d}">{_title(title)}</path>' if title else body


def _points(points: list[Point], world: Outlines, view: Box) -> str:
    r = round((view[2] - view[0]) / 300, 1)
    seen: dict[tuple[float, float], list[Point]] = {}
    for p in points:
        x, y = world.project(p.lat, p.lon)
        cell = (round(x / (2 * r)) * 2 * r, round(y / (2 * r)) * 2 * r)  # points closer than a dot are one dot
        seen.setdefault(cell, []).append(p)
    out = []
    for (x, y), here in sorted(seen.items())[:MAX_POINTS]:
        words = here[0].label if len(here) == 1 else f"{len(here)} sites: " + ", ".join(p.label for p in here[:5])
        dot = f'<circle class="dcm-pt" cx="{x:g}" cy="{y:g}" r="{r:g}">{_title(words)}</circle>'
        out.append(f'<a href="{escape(here[0].href)}">{dot}</a>' if len(here) == 1 and here[0].href else dot)
    return "".join(out)


def draw(counts: Mapping[str, int], titles: Mapping[str, str], hrefs: Mapping[str, str], label: str,
         points: list[Point] = (), unplaced_cn: int = 0, highlight: str = "") -> Markup:
    """The SVG. counts: region code → number shaded; titles: code → words; hrefs: code → region page."""
    world = outlines()
    shown = {c for c, n in counts.items() if n > 0} | ({highlight} if highlight else set())
    if unplaced_cn:
        shown.add("CN")
    boxes = [s.box for s in world.shapes if s.code in shown]
    boxes += [(x - 1, y - 1, x + 1, y + 1) for x, y in (world.project(p.lat, p.lon) for p in points)]
    view = view_of(boxes, world)
    top = max(counts.values(), default=0)
    # Every shape but these few is drawn as it is on every map: made once (_plain), not per page.
    special = shown | hrefs.keys() | {c for c, t in titles.items() if t}
    layers: tuple[list[str], list[str], list[str]] = ([], [], [])  # countries, provinces, last
    plain = _plain()
    for i in _fitting(view):
        s = world.shapes[i]
        if s.code not in special:
            layer, drawn = plain[i]
            layers[layer].append(drawn)
            continue
        css = f"dcm-{level(counts.get(s.code, 0), top)}"
        if s.code == "CN" and unplaced_cn:
            css = "dcm-unplaced"
        chosen = bool(highlight) and s.code == highlight   # "" would pick the one shape without a code
        if chosen:
            css += " dcm-hl"
        if s.code.startswith("CN-"):
            css = css.replace("dcm-0", "dcm-p0") + (" dcm-xj" if s.code == HIGH_RISK else "")
        href = hrefs.get(s.code, "")
        drawn = _shape(s, css, titles.get(s.code, "") or (f"{s.name} ({s.code})" if href else ""), href)
        layers[_LAST if chosen or s.code == HIGH_RISK else _layer(s)].append(drawn)
    return _svg(view, label, layers, points)


def _svg(view: Box, label: str, layers: tuple[list[str], list[str], list[str]], points: list[Point]) -> Markup:
    """The map around its drawn shapes: countries, provinces and the marked ones, in that order."""
    world = outlines()
    countries, provinces, last = layers
    w, h = view[2] - view[0], view[3] - view[1]
    xj = world.shape(HIGH_RISK)
    mark = ""
    if xj and _fits(xj.box, view):   # named on the map itself, not by colour alone
        x, y = (xj.box[0] + xj.box[2]) / 2, (xj.box[1] + xj.box[3]) / 2
        mark = f'<text class="dcm-label" x="{x:g}" y="{y:g}" font-size="{max(w / 60, 8):.0f}">Xinjiang</text>'
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="dc-map" viewBox="{view[0]:g} {view[1]:g} {w:g} {h:g}" '
        f'role="group" aria-label="{escape(label)}"><defs><pattern id="dcm-hatch" width="6" height="6" '
        f'patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="dcm-hatch-bg" width="6" height="6"/>'
        f'<path class="dcm-hatch-line" d="M0 0v6"/></pattern></defs>'
        f'<g class="dcm-countries">{"".join(countries)}</g><g class="dcm-provinces">{"".join(provinces)}</g>'
        f'<g class="dcm-marked">{"".join(last)}{mark}</g><g class="dcm-points">{_points(list(points), world, view)}</g>'
        f'</svg>')


_COUNTRIES, _PROVINCES, _LAST = 0, 1, 2


def _layer(s: Shape) -> int:
    return _PROVINCES if s.code.startswith("CN-") else _COUNTRIES


@cache
def _plain() -> tuple[tuple[int, str], ...]:
    """Each shape as `draw` draws it with nothing to show: no count, title, link or highlight; and its layer."""
    found = []
    for s in outlines().shapes:
        css = "dcm-0"
        if s.code.startswith("CN-"):
            css = "dcm-p0" + (" dcm-xj" if s.code == HIGH_RISK else "")
        found.append((_LAST if s.code == HIGH_RISK else _layer(s), _shape(s, css, "", "")))
    return tuple(found)


@lru_cache(maxsize=1024)
def _fitting(view: Box) -> tuple[int, ...]:
    """The shapes within a view, by their place in the outlines: maps of a registry share a few hundred views."""
    return tuple(i for i, s in enumerate(outlines().shapes) if _fits(s.box, view))


def coordinates(raw: Any) -> tuple[float, float] | None:
    """An entity's {lat, lon} (MODEL 1.1) when it is one; anything else is no point."""
    found = raw.get("coordinates") if isinstance(raw, Mapping) else None
    if not isinstance(found, Mapping):
        return None
    lat, lon = found.get("lat"), found.get("lon")
    if any(isinstance(v, bool) or not isinstance(v, int | float) for v in (lat, lon)):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat) or math.isnan(lon):
        return None
    return float(lat), float(lon)
