"""`Page`: a widget that draws a value with a builder `(value, width) -> lines`.

The main screen is a handful of pages (top bar, meters, the panel for the mode, the side column,
the status line, the keys). A key press hands each page its part of the new snapshot; a page whose
value is unchanged does nothing, a changed one rebuilds its lines once per width. Lines come
pre-wrapped (hanging indents included), so Textual only lays out a few widgets and renders the
lines that changed: one layout and one frame per key.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

Builder = Callable[[Any, int], list[Content]]
BLOCK = 32  # lines converted to strips together


def _empty(_value: Any, _width: int) -> list[Content]:
    return []


class Page(Widget):
    """Lines built from a value; redrawn only when the value (or the width) changes."""

    DEFAULT_CSS = "Page { height: auto; width: 100%; text-wrap: nowrap; text-overflow: clip; }"

    def __init__(self, build: Builder = _empty, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.set_reactive(Widget.auto_links, False)  # numbered lines are clickable, but drawn as plain text
        self.build = build
        self.value: Any = None
        self._lines: list[Content] = []
        self._width = -1
        self._strips: dict[int, Strip] = {}  # rendered lines, by y (only those that were on screen)

    def set(self, value: Any, build: Builder | None = None) -> bool:
        """Show `value` (with `build`, if given); returns True if anything will be redrawn."""
        if build is None or build is self.build:
            if value == self.value:
                return False
        else:
            self.build = build
        self.value = value
        self._width = -1
        self.refresh(layout=True)
        return True

    def lines(self, width: int) -> list[Content]:
        if width != self._width:
            self._lines = self.build(self.value, max(1, width)) if self.value is not None else []
            self._width = width
            self._strips = {}
        return self._lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render_line(self, y: int) -> Strip:
        """One line, converted to a strip only when it is on screen (and once until it changes)."""
        width = self.size.width
        lines = self.lines(width)
        strip = self._strips.get(y)
        if strip is None:
            style = self.visual_style
            if y >= len(lines):
                return Strip.blank(width, style.rich_style)
            block = lines[y:y + BLOCK]  # a screenful at a time: one conversion, not one per line
            for i, strip in enumerate(Visual.to_strips(self, Content("\n").join(block), width, len(block), style,
                                                       pad=True), y):
                self._strips[i] = strip
            strip = self._strips[y]
        return strip

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips = {}  # a new theme: the same lines in new colours

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # A page's height follows its lines, computed in this very layout pass: no second layout needed
        # (Textual would schedule one because `virtual_size` is a layout-affecting reactive).
        return super()._size_updated(size, virtual_size, container_size, layout=False)
