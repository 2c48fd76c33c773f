"""How each key due-diligence step moved over the commits, drawn as inline SVG.

The statuses come from the history already computed (`history.timeline`): starting from
the last readable version, each version's step events are undone in turn, so every
earlier version's steps are known without reading git again. A status is told by the
height of the line and the shape of its mark, never by colour alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from ..history.timeline import Timeline
from ..model import KEY_STEPS
from .snippets import words

ORDER = ("completed", "in-progress", "planned", "not-undertaken")   # most advanced first, as Disclosure
HEIGHT = {"": 0, "not-undertaken": 0, "planned": 1, "in-progress": 2, "completed": 3}
SHOWN = 40      # the newest versions drawn; older ones are in the history list below
Steps = dict[str, tuple[str, str]]   # step id → (kind, status)


@dataclass(frozen=True)
class Moment:
    date: str
    commit: str
    statuses: Mapping[str, str]     # key step → status ('' when not disclosed)


def _steps(data: Mapping[str, Any] | None) -> Steps:
    rows = (data or {}).get("due_diligence")
    found: Steps = {}
    for row in rows if isinstance(rows, list) else ():
        if isinstance(row, Mapping) and "id" in row:
            found[str(row["id"])] = (str(row.get("step", "")), str(row.get("status", "")))
    return found


def _undo(before: Steps, events: Any) -> None:
    """Turn the steps into what they were before these events."""
    for e in events:
        if e.list != "due_diligence":
            continue
        if e.kind == "step-added":
            before.pop(e.id, None)
        elif e.kind == "step-removed" and isinstance(e.old, Mapping):
            before[e.id] = (str(e.old.get("step", "")), str(e.old.get("status", "")))
        elif e.kind == "step-changed" and e.id in before and e.field in ("step", "status"):
            kind, status = before[e.id]
            before[e.id] = (str(e.old), status) if e.field == "step" else (kind, str(e.old or ""))


def _status(steps: Steps, kind: str) -> str:
    found = [s for k, s in steps.values() if k == kind and s in ORDER]
    return min(found, key=ORDER.index) if found else ""


def moments(timeline: Timeline | None) -> list[Moment]:
    """Key steps' statuses at each of the newest SHOWN readable versions, oldest first. Only those are
    walked: 10,000 steps over 1,600 versions took 0.9 s a call, each version's steps read whole."""
    if timeline is None or timeline.withdrawn or timeline.last is None:
        return []
    steps, found = _steps(timeline.last), []
    for v in reversed(timeline.versions):
        if len(found) == SHOWN:
            break
        if v.state != "readable":
            continue
        found.append(Moment(v.date[:10], v.commit, {k: _status(steps, k) for k in KEY_STEPS}))
        _undo(steps, v.events)
    return found[::-1]


def story(points: list[Moment], step: str) -> str:
    """The step's changes in words: 'planned (2026-01-02) → completed (2026-03-01)'."""
    parts: list[str] = []
    last = None
    for m in points:
        status = m.statuses[step]
        if status != last:
            parts.append(f"{words(status) if status else 'not disclosed'} ({m.date})")
            last = status
    return " → ".join(parts)


def _mark(status: str, x: float, y: float) -> str:
    """A shape per status: filled disc, half disc, ring, cross, dash; coloured by the status class."""
    if status == "completed":
        shape = f'<circle class="dcc-fill" cx="{x:g}" cy="{y:g}" r="4"/>'
    elif status == "in-progress":
        shape = (f'<circle class="dcc-ring" cx="{x:g}" cy="{y:g}" r="4"/>'
                 f'<path class="dcc-fill" d="M{x:g} {y - 4:g}a4 4 0 0 1 0 8z"/>')
    elif status == "planned":
        shape = f'<circle class="dcc-ring" cx="{x:g}" cy="{y:g}" r="4"/>'
    elif status == "not-undertaken":
        shape = f'<path class="dcc-stroke" d="M{x - 4:g} {y - 4:g}l8 8m0-8l-8 8"/>'
    else:
        shape = f'<path class="dcc-stroke" d="M{x - 3:g} {y:g}h6"/>'
    return f'<g class="dc-{status or "none"}">{shape}'


def _line(points: list[Moment], step: str, x0: float, dx: float, base: float, rise: float) -> str:
    ys = [base - HEIGHT[m.statuses[step]] * rise for m in points]
    moves = (f"H{round(x0 + i * dx, 1):g}V{y:g}" for i, y in enumerate(ys) if i and y != ys[i - 1])  # steps only
    d = f"M{x0:g} {ys[0]:g}" + "".join(moves)
    return f'<path class="dcc-line" d="{d}H{round(x0 + (len(ys) - 1) * dx + min(dx / 2, 6), 1):g}"/>'


def company_chart(timeline: Timeline | None) -> Markup:
    """Rows of key steps, columns of versions; empty without history."""
    points = moments(timeline)
    if not points:
        return Markup("")
    left, row, rise = 150, 56, 12
    dx = min(40.0, 360 / max(len(points) - 1, 1))
    width = round(left + dx * len(points) + 10)
    parts = []
    for r, step in enumerate(KEY_STEPS):
        base = 20 + r * row + 3 * rise
        parts.append(f'<text class="dcc-text" x="0" y="{base - 1.5 * rise + 4:g}">'
                     f'{escape(words(step).capitalize())}</text>')
        parts.append(f'<path class="dcc-grid" d="M{left} {base:g}H{width - 10}M{left} {base - 3 * rise:g}'
                     f'H{width - 10}"/>')
        parts.append(_line(points, step, left, dx, base, rise))
        for i, m in enumerate(points):
            status = m.statuses[step]
            mark = _mark(status, round(left + i * dx, 1), base - HEIGHT[status] * rise)
            parts.append(f'{mark}<title>{escape(words(step))}: {escape(words(status) or "not disclosed")}, '
                         f'{escape(m.date)}</title></g>')
    height = 20 + len(KEY_STEPS) * row + 16
    parts.append(f'<text class="dcc-text" x="{left}" y="{height - 2}">{escape(points[0].date)}</text>')
    if points[-1].date != points[0].date:
        parts.append(f'<text class="dcc-text" x="{width - 10}" y="{height - 2}" text-anchor="end">'
                     f'{escape(points[-1].date)}</text>')
    label = "Key due-diligence steps over " + (f"{len(points)} versions" if len(points) > 1 else "one version")
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" class="dc-chart" viewBox="0 0 {width} {height}" '
                  f'width="{width}" height="{height}" role="img" aria-label="{escape(label)}">{"".join(parts)}</svg>')


def sparkline(points: list[Moment], step: str) -> Markup:
    """One step of one company, small enough for a table cell; says its story in words too."""
    if not points:
        return Markup("")
    dx, rise = 32 / max(len(points) - 1, 1), 3   # the line ends within the 40 units drawn
    width = 40
    told = escape(f"{words(step).capitalize()} over time: {story(points, step)}")
    return Markup(f' <svg class="dc-spark" viewBox="-3 -2 {width + 3} 15" width="{width + 3}" height="15" '
                  f'role="img"><title>{told}</title><path class="dcc-grid" d="M0 11.5H{width}"/>'
                  f'{_line(points, step, 0, dx, 11, rise)}</svg>')
