"""Joining a class in the browser: the student's name (and the class code when the server has none).

The same name and code later (a reload, another tab, another day) resume the same game. Drawn before
the decks are loaded; a Join pressed meanwhile is carried out as soon as they are. The student picks the
language (the teacher's, from `serve --lang` or the class code, is picked first); the screen and the game
speak it at once."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from game.classroom import code_language
from game.i18n import LANGUAGES, _, language
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
        self.name_typed, self.code_typed, self.focus_id = "", "", "join-name"

    def compose(self) -> ComposeResult:
        with Vertical(id="join-box", classes="box") as box:
            box.border_title = _("Join the class")
            yield Static(styled(TITLE_ART, "bold $accent"), id="join-art")
            yield Static(muted(_("友谊关 · Pingxiang, on the Vietnam border · 2017–2020")))
            with Horizontal(id="lang-row"):
                yield Static(_("Language:"), id="lang-label")
                with RadioSet(id="lang"):
                    for lang, name in LANGUAGES.items():
                        yield RadioButton(name, value=lang == language(), id=f"lang-{lang}")
            yield Static(_("Your name (as your teacher knows you):"))
            yield Input(self.name_typed, id="join-name", max_length=40, placeholder=_("e.g. Ana Lima"))
            if self.ask_code:
                yield Static(_("Class code (from your teacher):"))
                yield Input(self.code_typed, id="join-code", max_length=24, placeholder=_("e.g. K7Q2M-M-3A9CX"))
            else:
                yield Static(muted(_("Class {code}").format(code=self.code)), id="join-class")
            yield Static(muted(_("Use the same name to come back to your game later, in any tab.")))
            yield Static("", id="join-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(_("Join"), id="join", variant="primary")
        yield KeyFooter((("Tab", _("next field")), ("Enter", _("join")), ("Ctrl+Q", _("quit"))))

    def on_mount(self) -> None:
        self.query_one(f"#{self.focus_id}").focus()
        self.failed("")

    def _lang(self) -> str:
        pressed = self.query_one("#lang", RadioSet).pressed_button
        lang = (pressed.id or "")[len("lang-"):] if pressed is not None else ""
        return lang if lang in LANGUAGES else language()

    async def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        if self._lang() != language():
            await self._relabel(self._lang())

    async def _relabel(self, lang: str) -> None:
        """The whole screen in the language picked, with what was typed kept."""
        self.name_typed = self.query_one("#join-name", Input).value
        if self.ask_code:
            self.code_typed = self.query_one("#join-code", Input).value
        focused = self.focused
        self.focus_id = focused.id if focused is not None and focused.id else "join-name"
        switch = getattr(self.app, "switch_language", None)
        if switch is not None:
            switch(lang, redraw=False)
        await self.recompose()
        self.on_mount()

    def relabel(self) -> None:
        self.run_worker(self._relabel(language()), exclusive=True)

    def failed(self, message: str) -> None:
        """Say why joining did not work (or clear it)."""
        error = self.query_one("#join-error", Static)
        error.update(f"✗ {message}" if message else "")
        error.display = bool(message)

    def waiting(self) -> None:
        error = self.query_one("#join-error", Static)
        error.update(_("Joining…"))
        error.display = True

    async def on_input_changed(self, event: Input.Changed) -> None:
        self.failed("")
        wanted = code_language(event.value) if event.input.id == "join-code" else None
        if wanted is not None and wanted != language():  # a code that carries the teacher's language
            await self._relabel(wanted)

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
            self.failed(_("Type your name first."))
            self.query_one("#join-name", Input).focus()
            return
        if self.ask_code and not code:
            self.failed(_("Type the class code your teacher gave you."))
            self.query_one("#join-code", Input).focus()
            return
        self.waiting()
        self.post_message(Go("join", name=name, code=code, lang=self._lang()))
