"""Words and numbers for any host (plain mode, TUI, reports): no colour needed to understand them."""

from __future__ import annotations

from game.content.compiled import text
from game.engine.game import Game
from game.engine.views import ChoiceView, LedgerLine, MoveView

PREVIEW_LEVELS = ("hidden", "meters", "full")


def signed(n: int) -> str:
    return f"+{n:,}" if n > 0 else (f"−{-n:,}" if n < 0 else "±0")


def counter_text(game: Game, counter_id: str) -> str:
    c = game.content.counters[counter_id]
    value = game.value(counter_id)
    unit = f" {c.unit}" if c.unit and c.unit not in ("workers", "permits", "agencies", "firms", "cities") else ""
    return f"{text(c.name)}: {value:,}{unit}"


def preview_text(game: Game, choice: ChoiceView | MoveView, level: str) -> str:
    """What a choice (or a move in talks) would change, at the preview level chosen at new game."""
    changes = choice.preview if isinstance(choice, ChoiceView) else choice.cost
    if level == "hidden" or not changes:
        return ""
    parts = []
    for target, delta in changes:
        name = game.name_of(target)
        if level == "meters":
            parts.append(f"{name} {'▲' if delta > 0 else '▼'}")
        else:
            parts.append(f"{name} {signed(delta)}")
    return ", ".join(parts)


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
            out.append(f"    {line.name}: {line.start:,} → {line.end:,}")
    return out


def meters_line(game: Game) -> str:
    return " | ".join(f"{m.name} {m.value}" + (f" ({signed(m.last_change)})" if m.last_change else "")
                      for m in game.meters())


def counters_line(game: Game) -> str:
    shown = [c.id for c in game.content.scenario.counters if c.shown]
    return " · ".join(counter_text(game, c) for c in shown)
