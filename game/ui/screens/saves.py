"""Save to a named slot; load from a list that shows month, meters and time. A damaged file is
listed with its problem and opening it shows an error screen; nothing here can crash the game."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from game.content.compiled import text
from game.errors import SaveError
from game.saves import AUTOSAVE, SaveInfo
from game.ui.widgets.text import heading, line, lines, muted, plain

if TYPE_CHECKING:
    from game.ui.app import FriendshipPassApp


def saved_when(info: SaveInfo) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(info.saved_at)) if info.saved_at else "?"


def save_prompt(app: FriendshipPassApp, info: SaveInfo) -> Content:
    name = "autosave" if info.slot == AUTOSAVE else info.slot
    if info.problem:
        return lines([line(("✗ ", "bold $error"), (name, "bold"), "  — cannot be used"),
                      line("   ", plain(info.problem))])
    meters = app.content.meters
    values = " · ".join(f"{text(meters[m].name)} {v}"
                        for m, v in info.meters.items() if m in meters)
    state = "ended" if info.over else f"month {info.turn}"
    return lines([line((name, "bold"), f"  {info.month}, {state}", muted(f"  · saved {saved_when(info)}")),
                  line("   ", muted(values))])


class SaveScreen(ModalScreen[None]):
    """Name a slot and save; the SaveError text is shown here if the name or the disk refuses."""

    app: FriendshipPassApp  # type: ignore[assignment]

    BINDINGS = [Binding("escape", "close", "Cancel")]

    def compose(self) -> ComposeResult:
        game = self.app.game
        default = game.month_label().replace(" ", "-") if game else "my-save"
        with Vertical(classes="dialog"):
            yield Static(heading("Save the game"), classes="dialog-part")
            yield Static(muted("Slot name: letters, digits, spaces, - and _. Enter saves, Escape cancels."),
                         classes="dialog-part")
            yield Input(default, id="slot", max_length=64)
            yield Static("", id="save-status", markup=False, classes="dialog-part")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.app.screen is not self:  # a held Enter: this dialog has already closed
            return
        slot = event.value
        status = self.query_one("#save-status", Static)
        try:
            path = self.app.save(slot)
        except SaveError as exc:
            status.update(Content.styled(f"✗ Could not save: {exc}", "bold $error"))
            return
        self.app.notify(f"Saved to {path.name}", timeout=3, markup=False)
        self.dismiss(None)

    def action_close(self) -> None:
        if self.app.screen is self:
            self.dismiss(None)


class LoadScreen(Screen[None]):
    """Every save in the folder, newest first."""

    app: FriendshipPassApp  # type: ignore[assignment]

    BINDINGS = [Binding("escape", "back", "Back")]

    def compose(self) -> ComposeResult:
        self.infos = self.app.store.list()
        yield Static(line(heading("Load a game"), muted(f"  ·  {self.app.store.folder}")), id="load-title",
                     markup=False)
        if self.infos:
            yield OptionList(*(Option(save_prompt(self.app, i), id=f"save-{n}") for n, i in enumerate(self.infos)),
                             id="load-list")
        else:
            yield Static(muted("No saves yet. The game saves itself at the end of every month."), classes="para")
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        info = self.infos[event.option_index]
        if info.problem:
            self.app.show_error(f"The save “{info.slot}” cannot be used", info.problem)
            return
        self.app.load(info.path)

    def action_back(self) -> None:
        if self.app.screen is self:
            self.app.pop_screen()
