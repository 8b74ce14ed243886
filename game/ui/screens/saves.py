"""Save to a named slot; load from a list that shows month, meters and time. A damaged file is
listed with its problem and opening it shows an error; nothing here can crash the game."""

from __future__ import annotations

import time
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from game.content.compiled import Content as GameContent
from game.content.compiled import text
from game.i18n import _, language
from game.saves import AUTOSAVE, SaveInfo
from game.ui.messages import Go
from game.ui.screens.base import KeyedScreen
from game.ui.widgets.keys import KeyFooter
from game.ui.widgets.text import heading, key, line, lines, muted, plain, styled


def saved_when(info: SaveInfo) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(info.saved_at)) if info.saved_at else "?"


def save_prompt(content: GameContent, info: SaveInfo) -> Content:
    name = _("autosave") if info.slot == AUTOSAVE else info.slot
    if info.problem:
        return lines([line(("✗ ", "bold $error"), (name, "bold"), "  — ", _("cannot be used")),
                      line("   ", plain(info.problem))])
    meters = content.meters
    values = " · ".join(f"{text(meters[m].name, language())} {v}" for m, v in info.meters.items() if m in meters)
    state = (_("{month}, ended") if info.over else _("{month}, month {turn}")).format(month=info.month, turn=info.turn)
    return lines([line((name, "bold"), f"  {state}", muted("  · " + _("saved {when}").format(when=saved_when(info)))),
                  line("   ", muted(values))])


class SaveScreen(ModalScreen[None]):
    """Name a slot and save; a refused name or a full disk is shown here and the dialog stays."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Cancel")]

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(heading(_("Save the game")), classes="dialog-part")
            yield Static(muted(_("Slot name: letters, digits, spaces, - and _.")), classes="dialog-part")
            yield Input(self.default, id="slot", max_length=64)
            yield Static("", id="save-status", markup=False, classes="dialog-part")
            yield Static(line(key("Enter"), " ", _("save"), "   ", key("Esc"), " ", _("cancel")), classes="dialog-foot")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.app.screen is self:  # a held Enter: this dialog has already closed
            self.post_message(Go("save", slot=event.value))

    def failed(self, message: str) -> None:
        self.query_one("#save-status", Static).update(styled(f"✗ {message}", "bold $error"))

    def action_close(self) -> None:
        if self.app.screen is self:
            self.dismiss(None)


class LoadScreen(KeyedScreen):
    """Every save in the folder, newest first."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back")]

    def __init__(self, infos: list[SaveInfo], content: GameContent, folder: str) -> None:
        super().__init__()
        self.infos, self.content, self.folder = infos, content, folder

    def compose(self) -> ComposeResult:
        yield Static(line(heading(_("Load a game")), muted(f"  ·  {self.folder}")), id="load-title", markup=False)
        if self.infos:
            yield OptionList(*(Option(save_prompt(self.content, i), id=f"save-{n}") for n, i in enumerate(self.infos)),
                             id="load-list")
        else:
            yield Static(muted(_("No saves yet. The game saves itself at the end of every month.")), classes="para")
        yield KeyFooter((("↑↓", _("pick")), ("Enter", _("load")), ("Esc", _("back"))))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        info = self.infos[event.option_index]
        if info.problem:
            from game.ui.screens.dialogs import ErrorScreen

            self.app.push_screen(ErrorScreen(_("The save “{slot}” cannot be used").format(slot=info.slot),
                                             info.problem))
            return
        self.post_message(Go("load", path=info.path))

    def action_back(self) -> None:
        if self.app.screen is self:
            self.app.pop_screen()
