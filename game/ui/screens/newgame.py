"""New game: the language, a seed a class can share (or a class code), and how much a choice shows before
you take it. Picking a language redraws the screen in it at once; the game is played in it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Input, RadioButton, RadioSet, Static

from game.classroom import ClassCodeError, code_language, make_code, read_code
from game.content.compiled import Content as GameContent
from game.i18n import LANGUAGES, _, language, number, set_language
from game.present import PREVIEW_LEVELS
from game.ui.messages import Go
from game.ui.widgets.keys import KeyFooter
from game.ui.widgets.text import line, muted


def preview_label(level: str) -> str:
    return {"hidden": _("Hidden: no hints, like the real job"), "meters": _("Which meters move (▲ up, ▼ down)"),
            "full": _("Direction and size (+3, −2)")}[level]


def hotseat_label() -> str:
    return _("Hot seat: a 2nd player answers in talks")

CODE_SEEDS = 32 ** 5  # a class code holds a whole-number seed below this (see game.classroom)


class NewGameScreen(Screen[None]):
    """Seed (or class code), preview level and hot seat, then Start."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back"), Binding("ctrl+s", "start", "Start")]

    def __init__(self, content: GameContent, seed: str, preview: str) -> None:
        super().__init__()
        self.content, self.default_seed, self.default_preview = content, seed, preview
        self.hotseat, self.code, self.focus_id = False, "", "start"

    def compose(self) -> ComposeResult:
        with Vertical(id="newgame-box", classes="box") as box:
            box.border_title = _("New game")
            with Horizontal(id="lang-row"):
                yield Static(_("Language:"), id="lang-label")
                with RadioSet(id="lang"):
                    for code, name in LANGUAGES.items():
                        yield RadioButton(name, value=code == language(), id=f"lang-{code}")
            yield Static(muted(_("Seed — the same seed deals the same cards to a class:")))
            yield Input(self.default_seed, id="seed", max_length=32, placeholder=_("e.g. 123456"))
            yield Static(muted(_("Preview — what a choice shows before you take it:")))
            with RadioSet(id="preview"):
                for level in PREVIEW_LEVELS:
                    yield RadioButton(preview_label(level), value=level == self.default_preview, id=level)
            yield Checkbox(hotseat_label(), self.hotseat, id="hotseat")
            yield Static("", id="class-code-now", markup=False)
            with Horizontal(id="class-code-row"):
                yield Static(_("Class code (optional):"), id="class-code-label")
                yield Input(self.code, id="class-code", max_length=24, placeholder=_("sets seed and preview"))
            yield Static("", id="newgame-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(_("Start"), id="start", variant="primary")
                yield Button(_("Back"), id="back")
        yield KeyFooter((("Tab", _("next field")), ("Enter", _("start")), ("Ctrl+S", _("start")), ("Esc", _("back"))))

    def on_mount(self) -> None:
        self._ready()

    def _ready(self) -> None:
        self.query_one(f"#{self.focus_id}").focus()
        self._error("")
        self._mark()

    def _lang(self) -> str:
        pressed = self.query_one("#lang", RadioSet).pressed_button
        code = (pressed.id or "")[len("lang-"):] if pressed is not None else ""
        return code if code in LANGUAGES else language()

    async def _relabel(self, lang: str) -> None:
        """The language picked: the whole screen in it at once, with what was typed and chosen kept."""
        self.default_seed = self.query_one("#seed", Input).value
        self.default_preview = self._level()
        self.hotseat = self.query_one("#hotseat", Checkbox).value
        self.code = self.query_one("#class-code", Input).value
        self.focus_id = "lang"
        if hasattr(self.app, "switch_language"):
            self.app.switch_language(lang, redraw=False)
        else:
            set_language(lang)
        await self.recompose()
        self._ready()

    def relabel(self) -> None:
        """The app changed the language (the L key is not bound here; kept for the app's redraw)."""
        self.run_worker(self._relabel(language()), exclusive=True)

    def _error(self, message: str) -> None:
        error = self.query_one("#newgame-error", Static)
        error.update(message)
        error.display = bool(message)

    async def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        if event.radio_set.id == "lang":
            if self._lang() != language():
                await self._relabel(self._lang())
            return
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
        for button in self.query_one("#preview", RadioSet).query(RadioButton):
            button.label = preview_label(button.id or "meters") + ("  ✓ " + _("chosen") if button.value else "")
        hotseat = self.query_one("#hotseat", Checkbox)
        hotseat.label = (_("{label}: on") if hotseat.value else _("{label}: off")).format(label=hotseat_label())
        self._show_code()

    def _show_code(self) -> None:
        """The class code for the seed and preview entered, so a teacher can read it out."""
        seed = self.query_one("#seed", Input).value.strip()
        if seed.isdigit() and int(seed) < CODE_SEEDS:
            code = make_code(self.content, int(seed), self._level(), self._lang())
            shown = line((_("Class code for this seed and preview: "), "$text-muted"), (code, "bold"))
        elif seed:
            shown = muted(_("A class code needs a whole-number seed below {limit}.").format(limit=number(CODE_SEEDS)))
        else:
            shown = muted(_("Type a seed to see its class code."))
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
        lang = self._lang()
        if code:
            try:
                seed, level = read_code(self.content, code)
            except ClassCodeError as exc:
                self._error(f"✗ {exc}")
                return
            lang = code_language(code) or lang  # a code with a language starts the game in it
            code = make_code(self.content, seed, level)  # the class: the same in any language
        elif not seed:
            self._error(_("Type a seed (any number or word)."))
            return
        seed_value: int | str = int(seed) if isinstance(seed, str) and seed.isdigit() else seed
        hotseat = self.query_one("#hotseat", Checkbox).value
        self.post_message(Go("start", seed=seed_value, preview=level, hotseat=hotseat, code=code, lang=lang))

    def action_back(self) -> None:
        if self.app.screen is not self:
            return
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()  # back to the title screen
        else:
            self.post_message(Go("title"))  # reached from the ending, where there is nothing under this screen
