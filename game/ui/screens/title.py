"""Title: new game, continue, load, codex, help, quit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.content.compiled import text
from game.saves import AUTOSAVE
from game.ui.widgets.text import line, muted

if TYPE_CHECKING:
    from game.ui.app import FriendshipPassApp

TITLE_ART = "F R I E N D S H I P   P A S S"


class TitleScreen(Screen[None]):
    """The first screen."""

    app: FriendshipPassApp  # type: ignore[assignment]

    BINDINGS = [
        Binding("n", "new", "New game"),
        Binding("c", "continue", "Continue"),
        Binding("l", "load", "Load"),
        Binding("x", "codex", "Codex"),
    ]

    def compose(self) -> ComposeResult:
        app = self.app
        scenario = app.content.scenario
        autosave = next((s for s in app.store.list() if s.slot == AUTOSAVE and not s.problem), None)
        cont = (f"Continue — {autosave.month}, month {autosave.turn}" + (" (ended)" if autosave.over else "")
                if autosave else "Continue — no autosave yet")
        with Vertical(id="title-box"):
            yield Static(Content.styled(TITLE_ART, "bold $accent"), id="title-art")
            yield Static(muted("友谊关 · Pingxiang, on the Vietnam border · 2017–2020"), id="title-sub")
            yield Static(muted(f"{text(scenario.title)}: {self.app.content.turns} months, "
                               f"{len(self.app.content.events)} cards"), id="title-sub2")
            with Center():
                yield OptionList(
                    Option(line((" n ", "reverse bold"), "  New game"), id="new"),
                    Option(line((" c ", "reverse bold"), "  ", cont), id="continue", disabled=autosave is None),
                    Option(line((" l ", "reverse bold"), "  Load a saved game"), id="load"),
                    Option(line((" x ", "reverse bold"), "  Codex: terms and sources"), id="codex"),
                    Option(line((" ? ", "reverse bold"), "  Help: every key"), id="help"),
                    Option(line((" q ", "reverse bold"), "  Quit"), id="quit"),
                    id="title-menu",
                )
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        action = {"new": self.action_new, "continue": self.action_continue, "load": self.action_load,
                  "codex": self.action_codex, "help": self.app.action_help,
                  "quit": self.app.action_request_quit}.get(event.option.id or "")
        if action:
            action()

    def action_new(self) -> None:
        if self.app.screen is not self:  # a key queued before the last one opened another screen
            return
        from game.ui.screens.newgame import NewGameScreen

        self.app.push_screen(NewGameScreen())

    def action_continue(self) -> None:
        self.app.continue_game()

    def action_load(self) -> None:
        if self.app.screen is not self:
            return
        from game.ui.screens.saves import LoadScreen

        self.app.push_screen(LoadScreen())

    def action_codex(self) -> None:
        if self.app.screen is not self:
            return
        from game.ui.screens.codex import CodexScreen

        self.app.push_screen(CodexScreen())
