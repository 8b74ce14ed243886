"""A reflection prompt at a key moment: a sentence or two for the debrief, or Enter to skip."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from game.ui.widgets.text import heading, muted, plain

if TYPE_CHECKING:
    from game.ui.app import FriendshipPassApp


class ReflectionScreen(Screen[None]):
    app: FriendshipPassApp  # type: ignore[assignment]

    BINDINGS = [Binding("escape", "skip", "Skip")]

    def __init__(self, reflection: str, prompt: str) -> None:
        super().__init__()
        self.reflection, self.prompt = reflection, prompt

    def compose(self) -> ComposeResult:
        with Vertical(id="reflection-box", classes="box"):
            yield Static(heading("A moment to reflect"), classes="para")
            yield Static(plain(self.prompt), classes="para", markup=False)
            yield Static(muted("Your answer goes into the debrief report. Enter saves it; an empty answer or "
                               "Escape skips."), classes="para")
            yield Input(id="reflection-answer", max_length=2000, placeholder="A sentence or two…")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.app.reflect(self.reflection, event.value)

    def action_skip(self) -> None:
        self.app.reflect(self.reflection, "")
