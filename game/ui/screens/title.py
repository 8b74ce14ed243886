"""Title: new game, continue, load, codex, help, the language, quit. Drawn before the decks are loaded
(keys pressed meanwhile are carried out when they are); `loaded()` fills in what the saves say."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.i18n import LANGUAGES, _, language
from game.ui.messages import Go
from game.ui.screens.base import KeyedScreen
from game.ui.widgets.keys import KeyFooter
from game.ui.widgets.text import key, line, muted, styled

TITLE_ART = "F R I E N D S H I P   P A S S"


def subtitle() -> str:
    return _("友谊关 · Pingxiang, on the Vietnam border · 2017–2020")


def language_line() -> Content:
    """English · 中文 · Tiếng Việt, the one in use marked (in words too: brackets, not only bold)."""
    now = language()
    return Content("  ").join(styled(f"[{name}]", "bold reverse") if code == now else Content(name)
                              for code, name in LANGUAGES.items())


def title_keys() -> tuple[tuple[str, str], ...]:
    return (("n", _("new game")), ("c", _("continue")), ("l", _("load")), ("x", _("codex")),
            ("?", _("help")), ("q", _("quit")))


class TitleScreen(KeyedScreen):
    """The first screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "go('new')", "New game"), Binding("c", "go('continue')", "Continue"),
        Binding("l", "go('load')", "Load"), Binding("x", "go('codex')", "Codex"),
        Binding("L", "go('language')", "Language"),
        Binding("question_mark,f1", "go('help')", "Help"), Binding("q", "go('quit')", "Quit"),
    ]

    def __init__(self, about: str = "", continue_line: str = "", can_continue: bool = False) -> None:
        super().__init__()
        self.has_news = bool(about)  # False while the decks load: the placeholders follow the language
        self.about = about or _("Loading the decks…")
        self.continue_line, self.can_continue = continue_line or _("Continue"), can_continue

    def compose(self) -> ComposeResult:
        with Vertical(id="title-box"):
            yield Static(styled(TITLE_ART, "bold $accent"), id="title-art")
            yield Static(muted(subtitle()), id="title-sub")
            yield Static(muted(self.about), id="title-about")
            with Center():
                yield OptionList(*self._options(), id="title-menu")
        yield KeyFooter((*title_keys(), ("↑↓ Enter", _("pick"))))

    def _options(self) -> list[Option]:
        return [Option(line(key("n"), "  ", _("New game")), id="new"),
                Option(line(key("c"), "  ", self.continue_line), id="continue", disabled=not self.can_continue),
                Option(line(key("l"), "  ", _("Load a saved game")), id="load"),
                Option(line(key("x"), "  ", _("Codex: terms and sources")), id="codex"),
                Option(line(key("L"), "  ", language_line()), id="language"),
                Option(line(key("?"), "  ", _("Help: every key")), id="help"),
                Option(line(key("q"), "  ", _("Quit")), id="quit")]

    def loaded(self, about: str, continue_line: str, can_continue: bool) -> None:
        """The decks and saves are read: say what there is to continue."""
        self.has_news = True
        self._fill(about, continue_line, can_continue)

    def _fill(self, about: str, continue_line: str, can_continue: bool) -> None:
        self.about, self.continue_line, self.can_continue = about, continue_line, can_continue
        self.query_one("#title-about", Static).update(muted(about))
        menu = self.query_one("#title-menu", OptionList)
        highlighted = menu.highlighted
        menu.clear_options()
        menu.add_options(self._options())
        menu.highlighted = highlighted

    def relabel(self) -> None:
        """The interface language changed: every word again, the menu where it was."""
        highlighted = self.query_one("#title-menu", OptionList).highlighted
        if not self.has_news:
            self.about, self.continue_line = _("Loading the decks…"), _("Continue")
        self.query_one("#title-sub", Static).update(muted(subtitle()))
        self.query_one(KeyFooter).set_keys((*title_keys(), ("↑↓ Enter", _("pick"))))
        self._fill(self.about, self.continue_line, self.can_continue)
        self.query_one("#title-menu", OptionList).highlighted = highlighted

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_go(event.option.id or "")

    def action_go(self, where: str) -> None:
        if self.app.screen is not self:  # a key queued before the last one opened another screen
            return
        self.post_message(Go(where))
