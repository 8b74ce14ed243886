"""Meters and counters. Every meter shows its number and its last change as text ("+3"), and a
low meter says so in words, so nothing depends on colour."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from game.content.compiled import text
from game.engine.game import Game
from game.engine.views import MeterView
from game.present import counter_text, signed
from game.ui.widgets.text import line, lines, muted

LOW = 20  # at or below this a meter is marked "⚠ low"


def change_text(delta: int) -> str:
    return signed(delta) if delta else "±0"


def bar(fraction: float, width: int, style: str) -> Content:
    """A bar of `width` cells: filled part styled, the rest drawn as light shade (visible in mono)."""
    width = max(0, width)
    filled = max(0, min(width, round(fraction * width)))
    return line(("█" * filled, style), ("░" * (width - filled), "$foreground 30%"))


def fraction(view: MeterView) -> float:
    span = view.max - view.min
    return (view.value - view.min) / span if span else 0.0


class PrimaryMeter(Widget):
    """A large meter: name, value out of max, last change, warning word, and a full-width bar."""

    def __init__(self, view: MeterView, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.view = view

    def show(self, view: MeterView) -> None:
        self.view = view
        self.refresh()

    def render(self) -> Content:
        v = self.view
        width = self.content_region.width or 30
        warn = "  ⚠ low" if v.value <= v.min + LOW else ""
        right = f"{v.value} / {v.max}  {change_text(v.last_change):>4}{warn}"
        name = v.name.upper()
        gap = max(1, width - len(name) - len(right))
        head = line((name, "bold"), " " * gap, (right, "bold $warning" if warn else "bold"))
        style = "$error" if warn else "$primary"
        rows = [head] + [bar(fraction(v), width, style)] * max(1, self.content_region.height - 1)
        return lines(rows)


class SecondaryMeters(Widget):
    """Secondary meters, one line each: name, a small bar when there is room, value and change."""

    def __init__(self, views: list[MeterView], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.views = views

    def show(self, views: list[MeterView]) -> None:
        self.views = views
        self.refresh(layout=True)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return max(1, len(self.views))

    def render(self) -> Content:
        width = self.content_region.width or 30
        name_w = max((len(v.name) for v in self.views), default=0)
        rows = []
        for v in self.views:
            warn = v.value <= v.min + LOW
            nums = f"{v.value:>3} {change_text(v.last_change):>4}" + ("⚠" if warn else " ")
            room = width - len(nums) - 1
            if room >= name_w + 6:
                bar_w = room - name_w - 1
                rows.append(line(v.name.ljust(name_w), " ", bar(fraction(v), bar_w, "$secondary"), " ", nums))
            else:
                shown = v.name if len(v.name) <= room else v.name[: max(1, room - 1)] + "…"
                rows.append(line(shown.ljust(max(room, 0)), " ", nums))
        return lines(rows)


def strip_content(views: list[MeterView]) -> Content:
    """Secondary meters on one wrapping line for narrow screens: "Agency power 30 ±0 · …"."""
    parts: list[Content] = []
    for v in views:
        if v.primary:
            continue
        warn = " ⚠ low" if v.value <= v.min + LOW else ""
        nbsp = "\u00a0"
        parts.append(line(v.name.replace(" ", nbsp), nbsp, (f"{v.value}", "bold"), nbsp,
                          (change_text(v.last_change), "$text-muted"), (warn.replace(" ", nbsp), "bold $warning")))
    return Content("    ").join(parts)


class Counters(Widget):
    """Shown counters as a two-column list: name on the left, value and unit on the right."""

    def __init__(self, game: Game, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.game = game

    def show(self, game: Game) -> None:
        self.game = game
        self.refresh(layout=True)

    def render(self) -> Content:
        return counters_content(self.game, self.content_region.width or 30)


def counters_content(game: Game, width: int) -> Content:
    rows = []
    for c in game.content.scenario.counters:
        if not c.shown:
            continue
        name, _, value = counter_text(game, c.id).partition(": ")
        gap = width - len(name) - len(value)
        if gap >= 1:
            rows.append(line(name, " " * gap, (value, "bold")))
        else:
            rows.append(line(name, "\n", "  ", (value, "bold")))
    return lines(rows) if rows else muted("(no counters)")
