"""The history check: does the strategy that takes the historical option everywhere reproduce what
the sources report? Each row of the scenario's `history:` table is a figure with its source; the
simulator measures it in every game and the table says whether the games fall within the band.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.content.compiled import Content
from game.content.expr import month_number
from game.content.models import HistoryRow
from game.engine.game import Game


def measure(content: Content, row: HistoryRow, game: Game) -> float | None:
    """The row's figure in one game (None when the game ended before the month it reads)."""
    m = row.measure
    if m.ending is not None:
        return 1.0 if game.ending_id == m.ending else 0.0
    if m.ending_kind is not None:
        ending = content.endings.get(game.ending_id or "")
        return 1.0 if ending is not None and ending.model.kind == m.ending_kind else 0.0
    timeline = game.timeline
    counter = m.counter or ""

    def index(month: str) -> int:
        return max(0, month_number(month) - content.start_month + 1)  # timeline[k]: after month k

    if m.at == "end":
        return float(timeline[-1][counter]) if len(timeline) > content.turns else None
    if m.at is not None:
        i = index(m.at)
        return float(timeline[i][counter]) if i < len(timeline) else None
    if m.change is not None:
        a, b = index(m.change[0]), index(m.change[1])
        return float(timeline[b][counter] - timeline[a][counter]) if b < len(timeline) else None
    if m.peak is not None:
        a, b = index(m.peak[0]), index(m.peak[1])
        if b >= len(timeline):
            return None
        return float(max(snap[counter] for snap in timeline[a:b + 1]))
    return None


def _within(value: float, band: tuple[float | None, float | None]) -> bool:
    low, high = band
    return (low is None or value >= low) and (high is None or value <= high)


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


@dataclass(frozen=True)
class RowResult:
    row: HistoryRow
    p10: float
    p50: float
    p90: float
    share: float  # share of games within the band
    ok: bool

    def to_dict(self) -> dict[str, Any]:
        r = self.row
        return {"id": r.id, "label": r.label, "target": r.target, "band": list(r.band), "source": r.source.id,
                "where": r.source.where, "p10": self.p10, "median": self.p50, "p90": self.p90,
                "share_within": round(self.share, 3), "required_share": r.share, "at_most": r.at_most, "ok": self.ok}


def evaluate(content: Content, values: dict[str, list[float | None]]) -> list[RowResult]:
    """Each row over the games that reached what it measures."""
    out = []
    for row in content.scenario.history:
        got = [v for v in values.get(row.id, []) if v is not None]
        if not got:
            continue
        share = sum(_within(v, row.band) for v in got) / len(got)
        if row.share is None:
            ok = _within(_pct(got, 0.5), row.band)
        else:
            ok = share <= row.share if row.at_most else share >= row.share
        out.append(RowResult(row, _pct(got, 0.1), _pct(got, 0.5), _pct(got, 0.9), share, ok))
    return out


def _num(v: float | None) -> str:
    if v is None:
        return "—"
    return f"{v:,.0f}" if abs(v) >= 10 or float(v).is_integer() else f"{v:.2f}"


def format_table(results: list[RowResult], runs: int, strategy: str) -> str:
    lines = [f"History check: {strategy} strategy, {runs} games", ""]
    head = f"{'figure':<44} {'sources':>16} {'game: median (p10–p90)':>28}  {'band':>20}  ok"
    lines += [head, "-" * len(head)]
    for r in results:
        row = r.row
        band = f"{_num(row.band[0])}–{_num(row.band[1])}"
        if row.share is None:
            game = f"{_num(r.p50)} ({_num(r.p10)}–{_num(r.p90)})"
            need = band
        else:
            game = f"{r.share:.0%} of games"
            need = f"{'≤' if row.at_most else '≥'}{row.share:.0%} in {band}"
        source = f"{_num(row.target)} [{row.source.id}]"
        lines.append(f"{row.label[:44]:<44} {source:>16} {game:>28}  {need:>20}  {'yes' if r.ok else 'NO'}")
    bad = sum(not r.ok for r in results)
    lines += ["", "All figures within their bands." if not bad else f"{bad} figure(s) outside their bands."]
    return "\n".join(lines)
