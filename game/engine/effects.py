"""The one place where state changes: every change is clamped, applied and (in a recorded game)
written down with its cause. Values that are not finite numbers are refused, never stored."""

from __future__ import annotations

import math
from typing import Any

from game.content.compiled import Content, Does, Effects
from game.engine.records import Kind, Record
from game.engine.state import GameState


class Recorder:
    """Applies effects to a state. With `record=False` (the simulator's lean path) it keeps no
    history; the state it produces is the same."""

    def __init__(self, content: Content, state: GameState, record: bool = True) -> None:
        self.content = content
        self.state = state
        self.bounds = content.bounds
        self.record = record
        self._scratch = Record(0, Kind.RULE, "")

    def entry(self, kind: Kind, cause: str, detail: str = "", cards: tuple[str, ...] = ()) -> Record:
        """Open a record for the current turn; changes are added to it."""
        if not self.record:
            scratch = self._scratch
            scratch.changes.clear()
            scratch.flags.clear()
            return scratch
        rec = Record(self.state.turn, kind, cause, detail, cards=cards)
        self.state.records.append(rec)
        return rec

    def set_value(self, rec: Record, target: str, value: Any) -> None:
        values = self.state.values
        low, high = self.bounds[target]
        if value != value:  # NaN: an expression with no usable value changes nothing
            self._warn(f"'{target}' got no usable number in month {self.state.turn}; left unchanged")
            return
        if value >= high:
            new = high
            if value > high and high >= 10**12:
                self._warn(f"counter '{target}' hit the ceiling of {high:,} in month {self.state.turn}")
        elif value <= low:
            new = low
        else:
            new = int(value + 0.5) if value >= 0 else -int(-value + 0.5)
        old = values[target]
        if new != old:
            values[target] = new
            rec.changes.append((target, old, new))

    def _warn(self, message: str) -> None:
        if message not in self.state.warnings and len(self.state.warnings) < 50:
            self.state.warnings.append(message)

    def apply(self, rec: Record, effects: Effects, assign: Effects = ()) -> None:
        """Assignments first, then deltas; each evaluated against the state as it stands."""
        state = self.state
        values = state.values
        for target, expr in assign:
            self.set_value(rec, target, expr.fn(state))
        for target, expr in effects:
            delta = expr.fn(state)
            if delta:
                self.set_value(rec, target, values[target] + delta)

    def does(self, rec: Record, does: Does) -> bool:
        """All of a choice's, deal's, concession's or move's consequences (not its follow-ups); whether anything
        changed. Without a record (the lean path) the changes are not listed, not even in the scratch record."""
        run = does.run
        if run is None:
            return False
        if self.record:
            return bool(run(self.state, rec.changes, rec.flags))
        lean = does.lean  # run(state, None, None) compiled, where the loader made one
        return bool(lean(self.state) if lean is not None else run(self.state, None, None))

    def flags(self, rec: Record, set_: tuple[str, ...], clear: tuple[str, ...]) -> None:
        flags = self.state.flags
        for flag in set_:
            if flag not in flags:
                flags.add(flag)
                rec.flags.append("+" + flag)
        for flag in clear:
            if flag in flags:
                flags.discard(flag)
                rec.flags.append("-" + flag)

    def switch(self, rec: Record, switches: tuple[tuple[str, str], ...]) -> None:
        """Switch standing policies (a choice, a move or a deal may); recorded like any change."""
        values = self.state.values
        for pid, option in switches:
            if values[pid] != option:
                rec.changes.append((pid, values[pid], option))
                values[pid] = option


def finite(value: Any, default: float = 0.0) -> float:
    """A number for arithmetic outside the store (weights, stance): not-a-number and infinities become `default`."""
    if value.__class__ is float:  # the usual case, without the conversion: x - x is 0.0 exactly when x is finite
        return value if value - value == 0.0 else default
    try:
        value = float(value)
    except (TypeError, ValueError, OverflowError):
        return default
    return value if math.isfinite(value) else default
