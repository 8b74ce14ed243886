"""New game: a seed a class can share (or a class code), and how much a choice shows before you take it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Input, RadioButton, RadioSet, Static

from game.classroom import ClassCodeError, make_code, read_code
from game.content.compiled import Content as GameContent
from game.present import PREVIEW_LEVELS
from game.ui.messages import Go
from game.ui.widgets.keys import KeyFooter
from game.ui.widgets.text import line, muted

PREVIEW_LABELS = {
    "hidden": "Hidden: no hints, like the real job",
    "meters": "Which meters move (▲ up, ▼ down)",
    "full": "Direction and size (+3, −2)",
}
HOTSEAT = "Hot seat: a 2nd player answers in talks"
CODE_SEEDS = 32 ** 5  # a class code holds a whole-number seed below this (see game.classroom)


class NewGameScreen(Screen[None]):
    """Seed (or class code), preview level and hot seat, then Start."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back"), Binding("ctrl+s", "start", "Start")]

    def __init__(self, content: GameContent, seed: str, preview: str) -> None:
        super().__init__()
        self.content, self.default_seed, self.default_preview = content, seed, preview

    def compose(self) -> ComposeResult:
        with Vertical(id="newgame-box", classes="box") as box:
            box.border_title = "New game"
            yield Static(muted("Seed — the same seed deals the same cards to a class:"))
            yield Input(self.default_seed, id="seed", max_length=32, placeholder="e.g. 123456")
            yield Static(muted("Preview — what a choice shows before you take it:"))
            with RadioSet(id="preview"):
                for level in PREVIEW_LEVELS:
                    yield RadioButton(PREVIEW_LABELS[level], value=level == self.default_preview, id=level)
            yield Checkbox(HOTSEAT, id="hotseat")
            yield Static("", id="class-code-now", markup=False)
            with Horizontal(id="class-code-row"):
                yield Static("Class code (optional):", id="class-code-label")
                yield Input(id="class-code", max_length=20, placeholder="sets seed and preview")
            yield Static("", id="newgame-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Start", id="start", variant="primary")
                yield Button("Back", id="back")
        yield KeyFooter((("Tab", "next field"), ("Enter", "start"), ("Ctrl+S", "start"), ("Esc", "back")))

    def on_mount(self) -> None:
        self.query_one("#start", Button).focus()
        self._error("")
        self._mark()

    def _error(self, message: str) -> None:
        error = self.query_one("#newgame-error", Static)
        error.update(message)
        error.display = bool(message)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self._mark()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self._mark()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._error("")
        self._show_code()

    def _level(self) -> str:
        pressed = self.query_one("#preview", RadioSet).pressed_button
        return pressed.id if pressed is not None and pressed.id in PREVIEW_LEVELS else "meters"

    def _mark(self) -> None:
        """Say which level is chosen in words, not only by the radio button's colour."""
        for button in self.query(RadioButton):
            button.label = PREVIEW_LABELS[button.id or "meters"] + ("  ✓ chosen" if button.value else "")
        hotseat = self.query_one("#hotseat", Checkbox)
        hotseat.label = HOTSEAT + (": on" if hotseat.value else ": off")
        self._show_code()

    def _show_code(self) -> None:
        """The class code for the seed and preview entered, so a teacher can read it out."""
        seed = self.query_one("#seed", Input).value.strip()
        if seed.isdigit() and int(seed) < CODE_SEEDS:
            code = make_code(self.content, int(seed), self._level())
            shown = line(("Class code for this seed and preview: ", "$text-muted"), (code, "bold"))
        elif seed:
            shown = muted(f"A class code needs a whole-number seed below {CODE_SEEDS:,}.")
        else:
            shown = muted("Type a seed to see its class code.")
        self.query_one("#class-code-now", Static).update(shown)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()
        else:
            self.action_back()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_start()

    def action_start(self) -> None:
        if self.app.screen is not self:  # a second Enter or ctrl+s queued before the first one started
            return
        code = self.query_one("#class-code", Input).value.strip().upper()
        seed: str | int = self.query_one("#seed", Input).value.strip()
        level = self._level()
        if code:
            try:
                seed, level = read_code(self.content, code)
            except ClassCodeError as exc:
                self._error(f"✗ {exc}")
                return
            code = make_code(self.content, seed, level)  # as the teacher wrote it, whatever was typed
        elif not seed:
            self._error("Type a seed (any number or word).")
            return
        seed_value: int | str = int(seed) if isinstance(seed, str) and seed.isdigit() else seed
        hotseat = self.query_one("#hotseat", Checkbox).value
        self.post_message(Go("start", seed=seed_value, preview=level, hotseat=hotseat, code=code))

    def action_back(self) -> None:
        if self.app.screen is not self:
            return
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()  # back to the title screen
        else:
            self.post_message(Go("title"))  # reached from the ending, where there is nothing under this screen
