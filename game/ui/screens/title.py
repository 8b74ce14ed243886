"""Title: new game, continue, load, codex, help, quit. Drawn before the decks are loaded (keys
pressed meanwhile are carried out when they are); `loaded()` fills in what the saves say."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.ui.messages import Go
from game.ui.screens.base import KeyedScreen
from game.ui.widgets.keys import KeyFooter
from game.ui.widgets.text import key, line, muted, styled

TITLE_ART = "F R I E N D S H I P   P A S S"
KEYS = (("n", "new game"), ("c", "continue"), ("l", "load"), ("x", "codex"), ("?", "help"), ("q", "quit"))


class TitleScreen(KeyedScreen):
    """The first screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "go('new')", "New game"), Binding("c", "go('continue')", "Continue"),
        Binding("l", "go('load')", "Load"), Binding("x", "go('codex')", "Codex"),
        Binding("question_mark,f1", "go('help')", "Help"), Binding("q", "go('quit')", "Quit"),
    ]

    def __init__(self, about: str = "Loading the decks…", continue_line: str = "Continue", can_continue: bool = False,
                 ) -> None:
        super().__init__()
        self.about, self.continue_line, self.can_continue = about, continue_line, can_continue

    def compose(self) -> ComposeResult:
        with Vertical(id="title-box"):
            yield Static(styled(TITLE_ART, "bold $accent"), id="title-art")
            yield Static(muted("友谊关 · Pingxiang, on the Vietnam border · 2017–2020"), id="title-sub")
            yield Static(muted(self.about), id="title-about")
            with Center():
                yield OptionList(*self._options(), id="title-menu")
        yield KeyFooter((*KEYS, ("↑↓ Enter", "pick")))

    def _options(self) -> list[Option]:
        return [Option(line(key("n"), "  New game"), id="new"),
                Option(line(key("c"), "  ", self.continue_line), id="continue", disabled=not self.can_continue),
                Option(line(key("l"), "  Load a saved game"), id="load"),
                Option(line(key("x"), "  Codex: terms and sources"), id="codex"),
                Option(line(key("?"), "  Help: every key"), id="help"),
                Option(line(key("q"), "  Quit"), id="quit")]

    def loaded(self, about: str, continue_line: str, can_continue: bool) -> None:
        """The decks and saves are read: say what there is to continue."""
        self.about, self.continue_line, self.can_continue = about, continue_line, can_continue
        self.query_one("#title-about", Static).update(muted(about))
        menu = self.query_one("#title-menu", OptionList)
        highlighted = menu.highlighted
        menu.clear_options()
        menu.add_options(self._options())
        menu.highlighted = highlighted

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_go(event.option.id or "")

    def action_go(self, where: str) -> None:
        if self.app.screen is not self:  # a key queued before the last one opened another screen
            return
        self.post_message(Go(where))
