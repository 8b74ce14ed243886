"""Words and numbers for any host (plain mode, TUI, reports): no colour needed to understand them."""

from __future__ import annotations

from collections.abc import Sequence

from game.engine.game import Game
from game.engine.views import ChoiceView, CounterView, LedgerLine, TalksView

PREVIEW_LEVELS = ("hidden", "meters", "full")
_PLAIN_UNITS = ("workers", "permits", "agencies", "firms", "cities")


def signed(n: int | float) -> str:
    if isinstance(n, float) and not n.is_integer():
        return f"+{n:,.1f}" if n > 0 else f"−{-n:,.1f}"
    n = int(n)
    return f"+{n:,}" if n > 0 else (f"−{-n:,}" if n < 0 else "±0")


def counter_value(c: CounterView) -> str:
    unit = f" {c.unit}" if c.unit and c.unit not in _PLAIN_UNITS else ""
    return f"{c.value:,}{unit}"


def changes_text(game: Game, changes: Sequence[tuple[str, int]], level: str) -> str:
    """What a choice, a move or a concession would change, at the preview level chosen at new game."""
    if level == "hidden" or not changes:
        return ""
    parts = []
    for target, delta in changes:
        name = game.name_of(target)
        parts.append(f"{name} {'▲' if delta > 0 else '▼'}" if level == "meters" else f"{name} {signed(delta)}")
    return ", ".join(parts)


def preview_text(game: Game, choice: ChoiceView, level: str) -> str:
    return changes_text(game, choice.preview, level)


def ledger_lines(game: Game, ledger: list[LedgerLine]) -> list[str]:
    """The month-end ledger as plain lines: each meter, its change and the causes."""
    out = []
    for line in ledger:
        if line.kind != "meter":
            continue
        out.append(f"{line.name}: {line.start} → {line.end} ({signed(line.end - line.start)})")
        for reason, delta in line.causes:
            out.append(f"    {signed(delta):>6}  {reason}")
    counters = [line for line in ledger if line.kind == "counter"]
    if counters:
        out.append("Counters:")
        for line in counters:
            out.append(f"    {line.name}: {line.start:,} → {line.end:,} ({signed(line.end - line.start)})")
    return out


def meters_line(game: Game) -> str:
    """The six meters on one line; the change is since the start of this month."""
    return " | ".join(f"{m.name} {m.value}" + (f" ({signed(m.last_change)})" if m.last_change else "")
                      for m in game.meters())


def counters_line(game: Game) -> str:
    return " · ".join(f"{c.name}: {counter_value(c)}" for c in game.counters())


def standing_text(view: TalksView, level: str) -> str:
    """Your standing with the counterpart: a word, and the number at the meters/full levels."""
    return view.mood if level == "hidden" else f"{view.mood} ({signed(view.standing)})"


def rung_text(view: TalksView, index: int, level: str) -> str:
    rung = view.rungs[index]
    marks = []
    if rung.in_force:
        marks.append("in force")
    if rung.offered:
        marks.append("their offer")
    if rung.asked:
        marks.append("your ask")
    if rung.within_reach is False:
        marks.append("beyond their limit")
    if not rung.in_force and index > view.start and level != "hidden":
        marks.append(f"costs them {rung.required:g}")
    return rung.label + (f" ({', '.join(marks)})" if marks else "")
