"""Small modal screens: help, errors, quit confirmation."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from game.ui.widgets.text import heading, key, line, muted, plain, styled

CONTINUE = line(key("Enter"), "  close")

HELP: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("Anywhere", "", [("?  F1", "this help"), ("t", "theme: dark → light → high contrast"),
                      ("q  Ctrl+Q", "quit (asks first if there are unsaved choices)"),
                      ("x", "codex: terms and sources"),
                      ("b", "the briefing again"), ("s", "save to a named slot"), ("l", "load a save (not in talks)"),
                      ("↑ ↓ PgUp PgDn", "scroll a long panel"), ("Tab", "move between fields and lists")]),
    ("Title", "", [("n", "new game"), ("c", "continue the autosave"), ("l", "load a save"), ("x", "codex")]),
    ("New game", "", [("Tab", "seed, preview level, hot seat, class code, Start"), ("Enter  Ctrl+S", "start"),
                      ("Esc", "back")]),
    ("A card", "card", [("1 2 3 4", "take that choice (a locked choice says why and does nothing)"),
                        ("w", "why is this card here? its source, section and quote"),
                        ("p", "standing policies (a limited number of changes a month)")]),
    ("What a choice did", "result", [("Enter  Space", "continue (to the next card, the talks or the month's end)")]),
    ("The month's end", "month_end", [("Enter", "end the month: policies and the labour market act"),
                                      ("p", "standing policies")]),
    ("The ledger", "ledger", [("Enter  Space", "continue to the next month (the game autosaves every month)")]),
    ("A reflection", "reflection", [("type", "a sentence or two for the debrief"), ("Enter", "save the answer"),
                                    ("Esc", "skip")]),
    ("Talks", "talks", [("1-9", "make that move: an argument, a probe, an appeal"),
                        ("o", ("make an offer: pick a position (digits), toggle concessions (digits), Enter proposes, "
                               "Esc goes back; each concession's cost and the deal's effect are shown first")),
                        ("a", "accept the offer on the table"), ("l", "leave the talks with no deal (press l twice)"),
                        ("i", "their interests, their walk-away alternative, what you could concede"),
                        ("1-4 (hot seat)", "the second player's reply; the AI's choice is marked")]),
    ("Talks ended", "talks_outcome", [("Enter  Space", "continue")]),
    ("Policies", "", [("↑ ↓", "pick a policy; → or Enter shows its options"), ("Enter", "apply the option"),
                      ("← Esc", "back")]),
    ("Codex", "", [("type", "filter terms and sources"), ("Esc", "back")]),
    ("Ending", "", [("r", "rewind to the start of a month and play a branch"),
                    ("d", "write the debrief report (HTML, beside the saves)"), ("f", "your reflections"),
                    ("n", "new game"), ("Esc", "title screen"), ("q", "quit")]),
]


class _Dialog(ModalScreen[str | None]):
    """A centred box that closes with Enter or Escape."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter,escape,space", "close", "Close")]

    def body(self) -> list[Content]:
        return []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            with VerticalScroll(classes="dialog-body"):
                for part in self.body():
                    yield Static(part, markup=False, classes="dialog-part")
            yield Static(self.footer(), classes="dialog-foot", markup=False)

    def footer(self) -> Content:
        return CONTINUE

    def action_close(self) -> None:
        if self.app.screen is self:  # a repeated key may arrive after the dialog closed
            self.dismiss(None)


def help_lines(mode: str, width: int) -> list[Content]:
    """Every key, the part for what is on screen now first; descriptions hang under their key."""
    from game.ui.widgets.draw import wrap

    sections = sorted(HELP, key=lambda s: 0 if s[1] and s[1] == mode else 1)
    out = [heading("Keys")]
    for title, section_mode, keys in sections:
        out += [Content(""), styled(title + ("  (now)" if section_mode and section_mode == mode else ""),
                                    "bold underline")]
        for k, d in keys:
            out += wrap(plain(d), width, styled(f"  {k:<15} ", "bold"))
    note = ("Numbers in brackets after a meter, like (+3), are its change since the start of this month. Nothing is "
            "shown by colour alone: locked choices say “✗ locked:” and low meters say “⚠ low”. A key that does "
            "nothing where you are says so in the line above the keys.")
    return [*out, Content(""), *wrap(muted(note), width)]


class HelpScreen(_Dialog):
    """Every key; the part for what is on screen now comes first."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter,escape,space,question_mark,f1", "close", "Close")]

    def __init__(self, mode: str = "") -> None:
        super().__init__()
        self.mode = mode

    def compose(self) -> ComposeResult:
        from game.ui.widgets.page import Page

        with Vertical(classes="dialog"):
            with VerticalScroll(classes="dialog-body"):
                page = Page(help_lines, id="help-page")
                page.value = self.mode
                yield page
            yield Static(self.footer(), classes="dialog-foot", markup=False)

    def footer(self) -> Content:
        return line(key("Enter"), "  close   ", key("↑↓"), "  scroll")


class ErrorScreen(_Dialog):
    """An error the player should read, e.g. a damaged save; the game carries on."""

    def __init__(self, title: str, message: str) -> None:
        super().__init__(classes="error")
        self.title_text, self.message = title, message

    def body(self) -> list[Content]:
        return [styled(f"✗ {self.title_text}", "bold $error"), plain(self.message)]


class ConfirmQuitScreen(_Dialog):
    """Quit with unsaved choices: save and quit, quit anyway, or stay."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("s", "answer('save')", "Save and quit"),
                                             Binding("y", "answer('quit')", "Quit"),
                                             Binding("n,escape", "answer('stay')", "Stay")]

    def body(self) -> list[Content]:
        return [heading("Quit?"), plain("You have made choices since the game was last saved.")]

    def footer(self) -> Content:
        return line(key("s"), " save and quit  ", key("y"), " quit without saving  ", key("n"), " stay")

    def action_answer(self, answer: str) -> None:
        if self.app.screen is self:
            self.dismiss(answer)
