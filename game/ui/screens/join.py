"""Joining a class in the browser: the student's name (and the class code when the server has none).

The same name and code later (a reload, another tab, another day) resume the same game. Drawn before
the decks are loaded; a Join pressed meanwhile is carried out as soon as they are."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from game.ui.messages import Go
from game.ui.widgets.keys import KeyFooter
from game.ui.widgets.text import muted, styled

TITLE_ART = "F R I E N D S H I P   P A S S"


class JoinScreen(Screen[None]):
    """Name, class code if needed, Join."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+s", "join", "Join")]

    def __init__(self, ask_code: bool, code: str = "") -> None:
        super().__init__()
        self.ask_code, self.code = ask_code, code

    def compose(self) -> ComposeResult:
        with Vertical(id="join-box", classes="box") as box:
            box.border_title = "Join the class"
            yield Static(styled(TITLE_ART, "bold $accent"), id="join-art")
            yield Static(muted("友谊关 · Pingxiang, on the Vietnam border · 2017–2020"))
            yield Static("Your name (as your teacher knows you):")
            yield Input(id="join-name", max_length=40, placeholder="e.g. Ana Lima")
            if self.ask_code:
                yield Static("Class code (from your teacher):")
                yield Input(id="join-code", max_length=20, placeholder="e.g. K7Q2M-M-3A9CX")
            else:
                yield Static(muted(f"Class {self.code}"), id="join-class")
            yield Static(muted("Use the same name to come back to your game later, in any tab."))
            yield Static("", id="join-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Join", id="join", variant="primary")
        yield KeyFooter((("Tab", "next field"), ("Enter", "join"), ("Ctrl+Q", "quit")))

    def on_mount(self) -> None:
        self.query_one("#join-name", Input).focus()
        self.failed("")

    def failed(self, message: str) -> None:
        """Say why joining did not work (or clear it)."""
        error = self.query_one("#join-error", Static)
        error.update(f"✗ {message}" if message else "")
        error.display = bool(message)

    def waiting(self) -> None:
        error = self.query_one("#join-error", Static)
        error.update("Joining…")
        error.display = True

    def on_input_changed(self, event: Input.Changed) -> None:
        self.failed("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.ask_code and event.input.id == "join-name" and not self.query_one("#join-code", Input).value.strip():
            self.query_one("#join-code", Input).focus()
            return
        self.action_join()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_join()

    def action_join(self) -> None:
        if self.app.screen is not self:
            return
        name = self.query_one("#join-name", Input).value
        code = self.query_one("#join-code", Input).value.strip() if self.ask_code else self.code
        if not name.strip():
            self.failed("Type your name first.")
            self.query_one("#join-name", Input).focus()
            return
        if self.ask_code and not code:
            self.failed("Type the class code your teacher gave you.")
            self.query_one("#join-code", Input).focus()
            return
        self.waiting()
        self.post_message(Go("join", name=name, code=code))
