"""Small pieces shared by the debrief, the talks and the class summary: months, changes, tidy text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.content.compiled import Content, text
from game.engine.game import Game
from game.i18n import _, month_words


def words(s: str) -> str:
    """A text on one line with single spaces (content texts end with newlines)."""
    return " ".join(str(s).split())


def month_label(content: Content, turn: int, short: bool = False) -> str:
    """'August 2017' for turn 1 of the shipped scenario ('Aug 2017' when short; 2017年8月; tháng 8/2017), in
    the interface language."""
    return month_words(content.start_month + turn - 1, short=short)


def end_mark() -> str:
    """Added to the last point of a game that ended during a month."""
    # TRANSLATORS: after a short month on a chart axis ("Mar 2019 (end)"); keep it short.
    return _(" (end)")


def now_mark() -> str:
    """Added to the last point of a game still being played."""
    return _(" (now)")


def bare(label: str) -> str:
    """A point's label without its end/now mark (chart axes and class averages)."""
    for mark in (end_mark(), now_mark(), " (end)", " (now)"):
        label = label.replace(mark, "")
    return label


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
            before = text(labels.get((target, before), before), game.lang)
            after = text(labels.get((target, after), after), game.lang)
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
