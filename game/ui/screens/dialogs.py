"""Small modal screens: help, errors, quit confirmation."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from game.i18n import _
from game.ui.widgets.text import heading, key, line, muted, plain, styled


def help_sections() -> list[tuple[str, str, list[tuple[str, str]]]]:
    """Every key, by where it works, in the interface language."""
    return [
        (_("Anywhere"), "", [("?  F1", _("this help")), ("t", _("theme: dark → light → high contrast")),
                          ("q  Ctrl+Q", _("quit (asks first if there are unsaved choices)")),
                          ("x", _("codex: terms and sources")),
                          ("b", _("the briefing again")), ("s", _("save to a named slot")),
                          ("l", _("load a save (not in talks)")),
                          ("L", _("language: English → 中文 → Tiếng Việt")),
                          ("↑ ↓ PgUp PgDn", _("scroll a long panel")), ("Tab", _("move between fields and lists"))]),
        (_("Title"), "", [("n", _("new game")), ("c", _("continue the autosave")), ("l", _("load a save")),
                          ("x", _("codex"))]),
        (_("New game"), "", [("Tab", _("language, seed, preview level, hot seat, class code, Start")),
                             ("Enter  Ctrl+S", _("start")),
                          ("Esc", _("back"))]),
        (_("A card"), "card", [("1 2 3 4", _("take that choice (a locked choice says why and does nothing)")),
                            ("w", _("why is this card here? its source, section and quote")),
                            ("p", _("standing policies (a limited number of changes a month)"))]),
        (_("What a choice did"), "result", [
            ("Enter  Space", _("continue (to the next card, the talks or the month's end)"))]),
        (_("The month's end"), "month_end", [("Enter", _("end the month: policies and the labour market act")),
                                          ("p", _("standing policies"))]),
        (_("The ledger"), "ledger", [
            ("Enter  Space", _("continue to the next month (the game autosaves every month)"))]),
        (_("A reflection"), "reflection", [(_("type"), _("a sentence or two for the debrief")),
                                           ("Enter", _("save the answer")),
                                        ("Esc", _("skip"))]),
        (_("Talks"), "talks", [("1-9", _("make that move: an argument, a probe, an appeal")),
                            ("o", _("make an offer: pick a position (digits), toggle concessions (digits), Enter "
                                    "proposes, Esc goes back; each concession's cost and the deal's effect are shown "
                                    "first")),
                            ("a", _("accept the offer on the table")),
                            ("l", _("leave the talks with no deal (press l twice)")),
                            ("i", _("their interests, their walk-away alternative, what you could concede")),
                            (_("1-4 (hot seat)"), _("the second player's reply; the AI's choice is marked"))]),
        (_("Talks ended"), "talks_outcome", [("Enter  Space", _("continue"))]),
        (_("Policies"), "", [("↑ ↓", _("pick a policy; → or Enter shows its options")),
                             ("Enter", _("apply the option")),
                          ("← Esc", _("back"))]),
        (_("Codex"), "", [(_("type"), _("filter terms and sources")), ("Esc", _("back"))]),
        (_("Ending"), "", [("r", _("rewind to the start of a month and play a branch")),
                        ("d", _("write the debrief report (HTML, beside the saves)")), ("f", _("your reflections")),
                        ("n", _("new game")), ("Esc", _("title screen")), ("q", _("quit"))]),
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
        return line(key("Enter"), "  ", _("close"))

    def action_close(self) -> None:
        if self.app.screen is self:  # a repeated key may arrive after the dialog closed
            self.dismiss(None)


def help_lines(mode: str, width: int) -> list[Content]:
    """Every key, the part for what is on screen now first; descriptions hang under their key."""
    from game.ui.widgets.draw import low_mark, pad, wrap

    sections = sorted(help_sections(), key=lambda s: 0 if s[1] and s[1] == mode else 1)
    out = [heading(_("Keys"))]
    for title, section_mode, keys in sections:
        now = section_mode and section_mode == mode
        out += [Content(""), styled(_("{section}  (now)").format(section=title) if now else title, "bold underline")]
        for k, d in keys:
            out += wrap(plain(d), width, styled(f"  {pad(k, 15)} ", "bold"))
    note = _("Numbers in brackets after a meter, like (+3), are its change since the start of this month. Nothing is "
             "shown by colour alone: locked choices say “{locked}” and low meters say “{low}”. A key that does "
             "nothing where you are says so in the line above the keys.").format(
        locked="✗ " + _("locked: ").strip(), low=low_mark().strip())
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
        return line(key("Enter"), "  ", _("close"), "   ", key("↑↓"), "  ", _("scroll"))


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
        return [heading(_("Quit?")), plain(_("You have made choices since the game was last saved."))]

    def footer(self) -> Content:
        return line(key("s"), " ", _("save and quit"), "  ", key("y"), " ", _("quit without saving"), "  ",
                    key("n"), " ", _("stay"))

    def action_answer(self, answer: str) -> None:
        if self.app.screen is self:
            self.dismiss(answer)
