"""New game: a seed a class can share, and how much a choice shows before you take it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Footer, Input, RadioButton, RadioSet, Static

from game.present import PREVIEW_LEVELS
from game.ui.widgets.text import heading, muted

if TYPE_CHECKING:
    from game.ui.app import FriendshipPassApp

PREVIEW_LABELS = {
    "hidden": "Hidden: no hints, like the real job",
    "meters": "Which meters move (▲ up, ▼ down)",
    "full": "Direction and size (+3, −2)",
}


HOTSEAT = "Hot seat: a 2nd player answers in talks"


class NewGameScreen(Screen[None]):
    app: FriendshipPassApp  # type: ignore[assignment]

    BINDINGS = [Binding("escape", "back", "Back"), Binding("ctrl+s", "start", "Start")]

    def compose(self) -> ComposeResult:
        with Vertical(id="newgame-box", classes="box"):
            yield Static(heading("New game"))
            yield Static(muted("Seed — the same seed deals the same cards, so a class can share one."))
            yield Input(self.app.default_seed, id="seed", max_length=32, placeholder="e.g. 123456")
            yield Static(muted("Preview — what a choice shows before you take it:"))
            with RadioSet(id="preview"):
                for level in PREVIEW_LEVELS:
                    yield RadioButton(PREVIEW_LABELS[level], value=level == self.app.default_preview, id=level)
            yield Checkbox(HOTSEAT, id="hotseat")
            yield Static("", id="newgame-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Start", id="start", variant="primary")
                yield Button("Back", id="back")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#start", Button).focus()
        self._mark()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self._mark()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self._mark()

    def _mark(self) -> None:
        """Say which level is chosen in words, not only by the radio button's colour."""
        for button in self.query(RadioButton):
            button.label = PREVIEW_LABELS[button.id or "meters"] + ("  ✓ chosen" if button.value else "")
        hotseat = self.query_one("#hotseat", Checkbox)
        hotseat.label = HOTSEAT + (": on" if hotseat.value else ": off")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()
        else:
            self.action_back()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_start()

    def action_start(self) -> None:
        seed = self.query_one("#seed", Input).value.strip()
        if not seed:
            self.query_one("#newgame-error", Static).update("Type a seed (any number or word).")
            return
        pressed = self.query_one("#preview", RadioSet).pressed_button
        level = pressed.id if pressed is not None and pressed.id in PREVIEW_LEVELS else "meters"
        self.app.new_game(seed, level, hotseat=self.query_one("#hotseat", Checkbox).value)

    def action_back(self) -> None:
        self.app.pop_screen()
