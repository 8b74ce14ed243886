"""Title: new game, continue, load, codex, help, quit."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.content.compiled import Content as GameContent
from game.content.compiled import text
from game.ui.messages import Go
from game.ui.widgets.keys import KeyFooter
from game.ui.widgets.text import key, line, muted, styled

TITLE_ART = "F R I E N D S H I P   P A S S"
KEYS = (("n", "new game"), ("c", "continue"), ("l", "load"), ("x", "codex"), ("?", "help"), ("q", "quit"))


class TitleScreen(Screen[None]):
    """The first screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "go('new')", "New game"), Binding("c", "go('continue')", "Continue"),
        Binding("l", "go('load')", "Load"), Binding("x", "go('codex')", "Codex"),
        Binding("question_mark,f1", "go('help')", "Help"), Binding("q", "go('quit')", "Quit"),
    ]

    def __init__(self, content: GameContent, continue_line: str, can_continue: bool) -> None:
        super().__init__()
        self.content, self.continue_line, self.can_continue = content, continue_line, can_continue

    def compose(self) -> ComposeResult:
        scenario = self.content.scenario
        with Vertical(id="title-box"):
            yield Static(styled(TITLE_ART, "bold $accent"), id="title-art")
            yield Static(muted("友谊关 · Pingxiang, on the Vietnam border · 2017–2020"), id="title-sub")
            yield Static(muted(f"{text(scenario.title)}: {self.content.turns} months, "
                               f"{len(self.content.events)} cards"), id="title-sub2")
            with Center():
                yield OptionList(
                    Option(line(key("n"), "  New game"), id="new"),
                    Option(line(key("c"), "  ", self.continue_line), id="continue", disabled=not self.can_continue),
                    Option(line(key("l"), "  Load a saved game"), id="load"),
                    Option(line(key("x"), "  Codex: terms and sources"), id="codex"),
                    Option(line(key("?"), "  Help: every key"), id="help"),
                    Option(line(key("q"), "  Quit"), id="quit"),
                    id="title-menu",
                )
        yield KeyFooter(KEYS + (("↑↓ Enter", "pick"),))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_go(event.option.id or "")

    def action_go(self, where: str) -> None:
        if self.app.screen is not self:  # a key queued before the last one opened another screen
            return
        self.post_message(Go(where))
