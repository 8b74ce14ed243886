"""What every secondary screen shares: a key that does nothing there says so."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input

from game.i18n import _

NAMES = {"enter": "Enter", "escape": "Escape", "space": "Space", "question_mark": "?"}


class KeyedScreen(Screen[None]):
    """A screen whose unbound letters and digits answer "does nothing here" instead of nothing."""

    def on_key(self, event: events.Key) -> None:
        if isinstance(self.focused, Input) or not event.is_printable or event.key in self.active_bindings:
            return
        if self.focused is not None and event.key in {b.key for b in self.focused.BINDINGS if isinstance(b, Binding)}:
            return
        name = NAMES.get(event.key, event.character or event.key)
        self.notify(_("{key} does nothing here; the keys that work are at the bottom (? for all of them).").format(
            key=name),
                    severity="warning", timeout=3, markup=False)
