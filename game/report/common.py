"""Small pieces shared by the debrief, the talks and the class summary: months, changes, tidy text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.content.compiled import Content
from game.content.expr import month_words
from game.engine.game import Game


def words(s: str) -> str:
    """A text on one line with single spaces (content texts end with newlines)."""
    return " ".join(str(s).split())


def month_label(content: Content, turn: int, short: bool = False) -> str:
    """'August 2017' for turn 1 of the shipped scenario ('Aug 2017' when short)."""
    name, _, year = month_words(content.start_month + turn - 1).partition(" ")
    return f"{name[:3] if short else name} {year}"


@dataclass(frozen=True)
class ChangeLine:
    target: str
    name: str
    before: Any
    after: Any

    @property
    def delta(self) -> int | None:
        """The numeric change, or None for a policy switch."""
        if isinstance(self.before, int) and isinstance(self.after, int):
            return self.after - self.before
        return None


def change_lines(game: Game, changes: list[tuple[str, Any, Any]] | tuple[Any, ...]) -> tuple[ChangeLine, ...]:
    """Recorded changes in words; policy options by their labels."""
    labels = game.content.labels
    out = []
    for target, before, after in changes:
        if target in game.content.policies:
            before, after = labels.get((target, before), before), labels.get((target, after), after)
        out.append(ChangeLine(target, game.name_of(target), before, after))
    return tuple(out)


def summed_changes(game: Game, changes: list[tuple[str, Any, Any]]) -> tuple[ChangeLine, ...]:
    """Several records' changes as one line per target (first value before, last value after)."""
    first: dict[str, Any] = {}
    last: dict[str, Any] = {}
    for target, before, after in changes:
        first.setdefault(target, before)
        last[target] = after
    return tuple(c for c in change_lines(game, [(t, first[t], last[t]) for t in first]) if c.before != c.after)
