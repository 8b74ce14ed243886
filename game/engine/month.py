"""The month's end: standing policies act, then the monthly model's rules, in order."""

from __future__ import annotations

from game.content.compiled import Content
from game.engine.effects import Recorder
from game.engine.records import Kind, Record
from game.engine.state import GameState


def run_month(content: Content, state: GameState, rec: Recorder) -> None:
    """Run the compiled month; in a recorded game, one record per policy or rule that changed something."""
    if not rec.record:
        content.month_lean(state, None)
        return
    out: list[tuple[str, str, str, list[tuple[str, int, int]]]] = []
    content.month(state, out)
    for kind, cause, detail, changes in out:
        state.records.append(Record(state.turn, Kind(kind), cause, detail, changes))
