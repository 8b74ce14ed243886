"""Numbered lines (choices, talks moves, offer rows, hot-seat replies) and the footer's key bar.

Lines live in a fixed pool per panel: a new card or a new round updates the same widgets (and hides
the spare ones) instead of removing and mounting widgets, which costs a full layout per key."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from game.ui_controller import Key, Line
from game.ui.widgets.text import key, line, lines, plain, styled


class NumberedLine(Horizontal):
    """One line: its key, then its text with a hanging indent. Clicking it = pressing its key."""

    DEFAULT_CSS = """
    NumberedLine { height: auto; width: 100%; }
    NumberedLine > .key { width: 5; }
    NumberedLine > .body { width: 1fr; }
    """

    class Picked(Message):
        """A line was clicked."""

        def __init__(self, n: int) -> None:
            super().__init__()
            self.n = n

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.n = 0
        self._shown: object = None

    def compose(self) -> ComposeResult:
        yield Static("", classes="key", markup=False)
        yield Static("", classes="body", markup=False)

    def set(self, n: int, item: Line | None, check: str = "") -> None:
        """Show `item` as line `n` (None hides the line). `check` marks chosen rows ("[x]"/"[ ]")."""
        shown = (n, item, check)
        if shown == self._shown:
            return
        self._shown = shown
        self.n = n
        self.display = item is not None
        if item is None:
            return
        self.set_class(not item.available, "-locked")
        self.set_class(item.marked, "-marked")
        self.query_one(".key", Static).update(key(str(n), item.available))
        self.query_one(".body", Static).update(line_content(item, check))

    def on_click(self) -> None:
        if self.display:
            self.post_message(self.Picked(self.n))


def line_content(item: Line, check: str = "") -> Content:
    """The label and its hint; a locked line says "✗ locked:" and why before its label."""
    if not item.available:
        return lines([line(("✗ locked: ", "bold"), plain(item.reason)),
                      line((item.label.strip(), "$text-disabled strike"))])
    head = line((check + " " if check else "", "bold"), (item.label.strip(), "bold"))
    if item.hint:
        return lines([head, styled(item.hint, "$text-muted")])
    return head


class KeyBar(Static):
    """The keys that work now (essential ones first; the rest when there is room). Drawn as one line."""

    DEFAULT_CSS = "KeyBar { height: 1; width: 100%; background: $panel; }"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("", markup=False, **kwargs)
        self.keys: tuple[Key, ...] = ()
        self._width = -1

    def set(self, keys: tuple[Key, ...]) -> None:
        if keys == self.keys and self._width == self.size.width:
            return
        self.keys = keys
        self._width = self.size.width
        self.update(self._content(self.size.width or 80))

    def on_resize(self) -> None:
        if self._width != self.size.width:
            self._width = self.size.width
            self.update(self._content(self.size.width))

    def _content(self, width: int) -> Content:
        parts = [(k, len(k.show) + len(k.label) + 4) for k in self.keys]
        used = sum(n for k, n in parts if k.essential)
        shown = []
        for k, n in parts:
            if k.essential:
                shown.append(k)
            elif used + n <= width:
                shown.append(k)
                used += n
        return Content(" ").join(line(key(k.show), " ", k.label) for k in shown)
