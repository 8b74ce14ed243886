"""The top of the main screen (month, meters) and the side column (counters, recent decisions).

Every meter shows its number, and its change since the start of this month as text ("(+3)"); a low
meter says "⚠ low" in words, so nothing depends on colour. Widgets keep the last thing drawn and
skip the redraw when a new snapshot brings the same values."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from game.engine.views import MeterView
from game.present import signed
from game.ui.widgets.text import line, lines, muted, plain, styled

LOW = 20  # at or below this a meter is marked "⚠ low"


class Cached(Static):
    """A Static that redraws only when its value changes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("markup", False)
        super().__init__(*args, **kwargs)
        self._key: object = object()

    def set(self, key: object, build: Any) -> None:
        """Show `build()` (Content) unless `key` equals the key last shown."""
        if key == self._key:
            return
        self._key = key
        self.update(build() if callable(build) else build)


def delta(n: int) -> str:
    return f"({signed(n)})" if n else ""


def bar(fraction: float, width: int, style: str) -> Content:
    """A bar of `width` cells: filled part styled, the rest light shade (visible without colour)."""
    width = max(0, width)
    filled = max(0, min(width, round(fraction * width)))
    return line(("█" * filled, style), ("░" * (width - filled), "$foreground 30%"))


def _low(m: MeterView) -> bool:
    return m.value <= m.min + LOW


def _fraction(m: MeterView) -> float:
    span = m.max - m.min
    return (m.value - m.min) / span if span else 0.0


class MeterBoard(Widget):
    """Primary meters side by side with bars, then secondary meters wrapped on as few lines as fit."""

    DEFAULT_CSS = "MeterBoard { height: auto; }"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.meters: tuple[MeterView, ...] = ()

    def set(self, meters: tuple[MeterView, ...]) -> None:
        if meters == self.meters:
            return
        self.meters = meters
        self.refresh(layout=True)

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        return len(self._rows(width))

    def render(self) -> Content:
        return lines(self._rows(self.content_region.width or self.size.width or 80))

    def _rows(self, width: int) -> list[Content]:
        primary = [m for m in self.meters if m.primary]
        secondary = [m for m in self.meters if not m.primary]
        rows: list[Content] = []
        if primary:
            cell = max(10, (width - 2 * (len(primary) - 1)) // len(primary))
            parts: list[Content] = []
            heads = [f"{m.name.upper()} {m.value}{(' ' + delta(m.last_change)) if m.last_change else ''}"
                     f"{' ⚠ low' if _low(m) else ''} " for m in primary]
            head_width = max(len(h) for h in heads)
            for m, head in zip(primary, heads, strict=True):
                warn = " ⚠ low" if _low(m) else ""
                head = head.ljust(head_width)
                room = cell - len(head)
                if room < 4:  # too narrow for a bar: the words only
                    parts.append(styled(head.ljust(cell), "bold $warning" if warn else "bold"))
                    continue
                parts.append(line((head, "bold $warning" if warn else "bold"),
                                  bar(_fraction(m), room, "$error" if warn else "$primary")))
            rows.append(Content("  ").join(parts))
        if secondary:
            items = []
            for m in secondary:
                words = f"{m.name} {m.value}"
                change = delta(m.last_change)
                warn = " ⚠ low" if _low(m) else ""
                items.append((len(words) + (len(change) + 1 if change else 0) + len(warn),
                              line(words, (f" {change}" if change else "", "$text-muted"), (warn, "bold $warning"))))
            row: list[Content] = []
            used = 0
            for size, item in items:
                if row and used + 3 + size > width:
                    rows.append(Content(" · ").join(row))
                    row, used = [], 0
                used += size + (3 if row else 0)
                row.append(item)
            if row:
                rows.append(Content(" · ").join(row))
        return rows


class Drawn(Widget):
    """Draws a value with a function of (value, width) that returns lines fitting the width."""

    DEFAULT_CSS = "Drawn { height: auto; }"

    def __init__(self, draw: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.draw = draw
        self.value: object = None

    def set(self, value: object) -> None:
        if value == self.value:
            return
        self.value = value
        self.refresh(layout=True)

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        return max(1, len(self.draw(self.value, width).split()))

    def render(self) -> Content:
        return self.draw(self.value, self.content_region.width or self.size.width or 40)


def counters_content(counters: tuple[tuple[str, str, int], ...], width: int = 40) -> Content:
    """Counters as two columns: name, then value and this month's change."""
    rows = []
    for name, value, change in counters:
        right = value + (f" {delta(change)}" if change else "")
        gap = width - len(name) - len(right)
        if gap >= 1:
            rows.append(line(name, " " * gap, (right, "bold")))
        else:
            rows.append(line(name, "\n  ", (right, "bold")))
    return lines(rows) if rows else muted("(no counters)")


def log_content(log: tuple[tuple[str, str, str], ...]) -> Content:
    """Recent decisions, newest first."""
    if not log:
        return muted("No decisions yet.")
    return Content("\n").join(lines([line((month, "$text-muted"), " · ", (title, "bold")), line("→ ", plain(label))])
                              for month, title, label in log)
