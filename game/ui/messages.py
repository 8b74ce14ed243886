"""Messages screens post to the app: an intent for the controller, or a request to go elsewhere.

Screens import this module and `game.ui.model`, never `game.ui.app`: the app imports the
screens, so there is no import cycle."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from game.ui.model import Intent


class Do(Message):
    """Carry out an intent (the app hands it to the controller and redraws)."""

    def __init__(self, intent: Intent) -> None:
        super().__init__()
        self.intent = intent


class Go(Message):
    """Go to another screen or run an app-level command: `where` names it, `args` are its details."""

    def __init__(self, where: str, **args: Any) -> None:
        super().__init__()
        self.where = where
        self.args = args
