"""Meter charts: an inline SVG line chart for HTML and sparklines for text.

The SVG is readable without colour: every line has its own dash pattern and point marker, and is
labelled with its name at its last point; a legend repeats the pattern beside each name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from game.report.common import bare

# Dash patterns and markers, in order; the colours are a bonus, never the only cue.
DASHES = ("", "10 5", "2 4", "14 4 3 4", "6 3", "1 3 6 3")
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "bar")
COLOURS = ("#1f4e79", "#8b1e1e", "#2e6b30", "#5b2c83", "#7a5200", "#3d3d3d")
SPARKS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]  # None = no data at this point (the line breaks)
    bold: bool = False


def sparkline(values: Sequence[float | None], low: float = 0, high: float = 100) -> str:
    """One character per value, ▁ (low) to █ (high); a space where there is no value."""
    out = []
    span = (high - low) or 1
    for v in values:
        if v is None:
            out.append(" ")
        else:
            level = int((min(high, max(low, v)) - low) / span * (len(SPARKS) - 1) + 0.5)
            out.append(SPARKS[level])
    return "".join(out)


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    s = 3.6
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{s:.1f}" fill="#fff" stroke="{colour}" stroke-width="1.6"/>'
    if kind == "square":
        return (f'<rect x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}" '
                f'fill="{colour}"/>')
    if kind == "triangle":
        return (f'<path d="M{x:.1f},{y - s - 1:.1f} L{x + s + 0.5:.1f},{y + s:.1f} L{x - s - 0.5:.1f},{y + s:.1f} Z" '
                f'fill="#fff" stroke="{colour}" stroke-width="1.6"/>')
    if kind == "diamond":
        return (f'<path d="M{x:.1f},{y - s - 1:.1f} L{x + s + 1:.1f},{y:.1f} L{x:.1f},{y + s + 1:.1f} '
                f'L{x - s - 1:.1f},{y:.1f} Z" fill="{colour}"/>')
    if kind == "cross":
        return (f'<path d="M{x - s:.1f},{y - s:.1f} L{x + s:.1f},{y + s:.1f} M{x - s:.1f},{y + s:.1f} '
                f'L{x + s:.1f},{y - s:.1f}" stroke="{colour}" stroke-width="2"/>')
    return f'<path d="M{x:.1f},{y - s - 1:.1f} L{x:.1f},{y + s + 1:.1f}" stroke="{colour}" stroke-width="3"/>'


def _spread(wanted: list[tuple[float, int]], top: float, bottom: float, gap: float) -> dict[int, float]:
    """Move label positions apart so that no two are closer than `gap`, staying within [top, bottom]."""
    placed: list[list[float]] = []
    for y, i in sorted(wanted):
        y = max(top, y)
        if placed and y - placed[-1][0] < gap:
            y = placed[-1][0] + gap
        placed.append([y, i])
    overflow = placed[-1][0] - bottom if placed else 0
    if overflow > 0:
        for p in placed:
            p[0] -= overflow
        for k in range(len(placed) - 2, -1, -1):
            if placed[k + 1][0] - placed[k][0] < gap:
                placed[k][0] = placed[k + 1][0] - gap
    return {int(i): y for y, i in placed}


def svg_chart(series: Sequence[Series], labels: Sequence[str], title: str, low: float = 0, high: float = 100,
              marks: Sequence[tuple[int, str]] = (), width: int = 920, height: int = 380) -> str:
    """A line chart, one line per series over the points named by `labels`; `marks` draws a thin
    vertical line with a short label at a point index (e.g. talks, a branch point)."""
    left, right, top, bottom = 44, 190, 24, 58
    plot_w, plot_h = width - left - right, height - top - bottom
    n = max(len(labels), 2)

    def x_of(i: float) -> float:
        return left + plot_w * i / (n - 1)

    def y_of(v: float) -> float:
        return top + plot_h * (1 - (v - low) / ((high - low) or 1))

    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{escape(title)}" class="chart" font-family="inherit" font-size="12">'),
             f"<title>{escape(title)}</title>"]
    for tick in range(int(low), int(high) + 1, 25):
        y = y_of(tick)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#d0d0d0" '
                     f'stroke-width="1"/><text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" '
                     f'fill="#444">{tick}</text>')
    step = max(1, round(len(labels) / 10))
    for i, label in enumerate(labels):
        if i % step and i != len(labels) - 1:
            continue
        x = x_of(i)
        parts.append(f'<line x1="{x:.1f}" y1="{top + plot_h}" x2="{x:.1f}" y2="{top + plot_h + 5}" stroke="#444"/>'
                     f'<text x="{x:.1f}" y="{top + plot_h + 18}" text-anchor="middle" fill="#444">'
                     f"{escape(bare(label))}</text>")
    parts.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#444"/>')
    for i, label in marks:
        if 0 <= i < len(labels):
            x = x_of(i)
            parts.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + plot_h}" stroke="#777" '
                         f'stroke-dasharray="1 3"/><text x="{x + 3:.1f}" y="{top - 6}" fill="#333" '
                         f'font-size="11">{escape(label)}</text>')
    ends: list[tuple[float, int]] = []
    every = max(1, round(len(labels) / 8))
    for k, s in enumerate(series):
        colour, dash, marker = COLOURS[k % len(COLOURS)], DASHES[k % len(DASHES)], MARKERS[k % len(MARKERS)]
        runs: list[list[tuple[float, float]]] = [[]]
        for i, v in enumerate(s.values):
            if v is None:
                runs.append([])
            else:
                runs[-1].append((x_of(i), y_of(v)))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        for run in runs:
            if len(run) > 1:
                pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
                parts.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" '
                             f'stroke-width="{3 if s.bold else 2}"{dash_attr} stroke-linejoin="round"/>')
        # markers every few points, offset per series so they do not sit on top of each other
        for i, v in enumerate(s.values):
            if v is not None and ((i + k) % every == 0 or i == len(s.values) - 1):
                parts.append(_marker(marker, x_of(i), y_of(v), colour))
        last = next(((i, v) for i, v in reversed(list(enumerate(s.values))) if v is not None), None)
        if last is not None:
            ends.append((y_of(last[1]) + 4, k))
    ys = _spread(ends, top + 4, top + plot_h + 4, 15)
    for _, k in ends:
        s = series[k]
        last_i, last_v = next((i, v) for i, v in reversed(list(enumerate(s.values))) if v is not None)
        x0, y0 = x_of(last_i), y_of(last_v)
        y = ys[k]
        colour = COLOURS[k % len(COLOURS)]
        weight = ' font-weight="bold"' if s.bold else ""
        parts.append(f'<line x1="{x0 + 5:.1f}" y1="{y0:.1f}" x2="{left + plot_w + 14:.1f}" y2="{y - 4:.1f}" '
                     f'stroke="#999" stroke-width="0.8"/>'
                     f'<text x="{left + plot_w + 18:.1f}" y="{y:.1f}" fill="{colour}"'
                     f'{weight}>{escape(s.name)} {round(last_v)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def svg_legend(series: Sequence[Series]) -> str:
    """A legend row: a short sample of each line (dash and marker) beside its name."""
    items = []
    for k, s in enumerate(series):
        colour, dash, marker = COLOURS[k % len(COLOURS)], DASHES[k % len(DASHES)], MARKERS[k % len(MARKERS)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        items.append(f'<span class="key"><svg width="46" height="14" viewBox="0 0 46 14" aria-hidden="true">'
                     f'<line x1="1" y1="7" x2="45" y2="7" stroke="{colour}" stroke-width="{3 if s.bold else 2}"'
                     f'{dash_attr}/>{_marker(marker, 23, 7, colour)}</svg> {escape(s.name)}</span>')
    return '<p class="legend">' + " ".join(items) + "</p>"
