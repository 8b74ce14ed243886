"""The one place where state changes: every change is clamped, applied and recorded with its cause."""

from __future__ import annotations

from typing import Any

from game.content.compiled import Content, Effects
from game.engine.state import GameState


class Recorder:
    """Applies effects to a state and writes one history entry per cause."""

    def __init__(self, content: Content, state: GameState) -> None:
        self.content = content
        self.state = state
        bounds: dict[str, tuple[float, float]] = {}
        for m in content.meters.values():
            bounds[m.id] = (m.min, m.max)
        for c in content.counters.values():
            bounds[c.id] = (c.min, c.max if c.max is not None else float("inf"))
        self.bounds = bounds

    def entry(self, kind: str, cause: str, reason: str, **extra: Any) -> dict[str, Any]:
        """Open a history entry for the current turn; changes are appended to it."""
        entry = {"turn": self.state.turn, "kind": kind, "cause": cause, "reason": reason, "changes": [], **extra}
        self.state.history.append(entry)
        return entry

    def set_value(self, entry: dict[str, Any], target: str, value: float) -> None:
        values = self.state.values
        low, high = self.bounds[target]
        new = int(round(value))
        new = int(low) if new < low else (int(high) if new > high else new)
        old = values[target]
        if new != old:
            values[target] = new
            entry["changes"].append([target, old, new])

    def apply(self, entry: dict[str, Any], effects: Effects, assign: Effects = ()) -> None:
        """Assignments first, then deltas; each evaluated against the state as it stands."""
        state = self.state
        for target, expr in assign:
            self.set_value(entry, target, expr.fn(state))
        for target, expr in effects:
            delta = expr.fn(state)
            if delta:
                self.set_value(entry, target, state.values[target] + delta)

    def flags(self, entry: dict[str, Any], set_: list[str], clear: list[str]) -> None:
        flags = self.state.flags
        for flag in set_:
            if flag not in flags:
                flags.add(flag)
                entry.setdefault("flags", []).append("+" + flag)
        for flag in clear:
            if flag in flags:
                flags.discard(flag)
                entry.setdefault("flags", []).append("-" + flag)

    def switch(self, entry: dict[str, Any], switches: dict[str, str]) -> None:
        """Switch standing policies (a choice, a move or an outcome may); recorded like any change."""
        values = self.state.values
        for pid, option in switches.items():
            if values[pid] != option:
                entry["changes"].append([pid, values[pid], option])
                values[pid] = option
