"""Small modal screens: a choice's result, "why is this here?", help, errors, quit confirmation."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from game.content.compiled import text
from game.content.models import SourceEntry
from game.engine.game import Game
from game.engine.views import CardView, ChoiceResult
from game.present import signed
from game.ui.widgets.text import heading, line, lines, muted, plain

CONTINUE = line((" Enter ", "reverse bold"), "  continue")


class _Dialog(ModalScreen[str | None]):
    """A centred box that closes with Enter or Escape."""

    BINDINGS = [Binding("enter,escape,space", "close", "Close")]

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


class ResultScreen(_Dialog):
    """What a choice did: the outcome, any talks, and every change in words and numbers."""

    def __init__(self, game: Game, label: str, result: ChoiceResult, problem: str = "") -> None:
        super().__init__()
        self.game, self.label, self.result, self.problem = game, label, result, problem

    def body(self) -> list[Content]:
        r, g = self.result, self.game
        out = [line(("You chose: ", "bold"), plain(self.label))]
        if r.outcome:
            out.append(plain(r.outcome))
        talks = g.talks()
        if talks is not None:
            out.append(line(("Talks open: ", "bold"), plain(talks.title), " with ", (talks.counterpart, "bold"),
                            ". Enter takes you to the table."))
        numeric = set(g.content.meters) | set(g.content.counters)
        changed = [c for c in r.changes if c.target in numeric and c.delta]
        width = max((len(g.name_of(c.target)) for c in changed), default=0)
        rows = [line(f"{signed(c.delta):>7}  ", g.name_of(c.target).ljust(width), muted(f"  {c.before:,} → {c.after:,}"))
                for c in changed]
        out.append(lines([heading("Changes")] + rows) if rows else muted("Nothing measurable changed."))
        if g.is_over:
            out.append(Content.styled("The trial is over.", "bold $warning"))
        if self.problem:
            out.append(Content.styled(self.problem, "$error"))
        return out


class WhyScreen(_Dialog):
    """Why is this card here? Its source, section and quote."""

    def __init__(self, card: CardView, source: SourceEntry | None) -> None:
        super().__init__()
        self.card, self.source = card, source

    def body(self) -> list[Content]:
        c = self.card
        out = [heading("Why is this card here?"), line(("Card: ", "bold"), plain(c.title)),
               line(("Source: ", "bold"), plain(c.source_citation)),
               line(("Section: ", "bold"), plain(c.source_where or "—"))]
        if c.source_quote:
            out.append(line(("Quote: ", "bold"), Content.styled(f"“{c.source_quote.strip()}”", "italic")))
        if self.source is not None and self.source.summary:
            out.append(line(("About the source: ", "bold"), plain(text(self.source.summary))))
        return out


HELP = [
    ("Anywhere", [("? or F1", "this help"), ("t", "theme: dark → light → high contrast"),
                  ("q or Ctrl+Q", "quit (asks first if the month is not saved)"),
                  ("Escape", "back / close"), ("Tab", "move between fields and lists")]),
    ("Title", [("n", "new game"), ("c", "continue the latest autosave"), ("l", "load a save"),
               ("x", "codex: terms and sources")]),
    ("New game", [("Tab", "seed field, preview level, Start"), ("Enter", "start")]),
    ("Playing a month", [("1 2 3 4", "take that choice (locked choices say why)"),
                         ("w", "why is this card here? source, section and quote"),
                         ("Enter", "end the month when its cards are done, read the ledger"),
                         ("p", "standing policies (limited changes a month)"), ("s", "save to a named slot"),
                         ("l", "load a save"), ("x", "codex"), ("b", "briefing again")]),
    ("Ledger", [("Enter", "continue to the next month (the game autosaves every month)")]),
    ("Policies", [("↑ ↓", "pick a policy, then Enter or → to see its options"),
                  ("Enter", "apply the highlighted option"), ("Escape", "back")]),
    ("Codex", [("type", "filter terms and sources"), ("Escape", "back")]),
    ("Ending", [("r", "rewind to an earlier month"), ("d", "write the debrief report"),
                ("f", "your reflections"), ("n", "new game"), ("q", "quit")]),
]


class HelpScreen(_Dialog):
    """Every key."""

    def body(self) -> list[Content]:
        out = [heading("Keys")]
        for section, keys in HELP:
            rows = [Content.styled(section, "bold underline")]
            rows += [line((f"  {k:<12}", "bold"), d) for k, d in keys]
            out.append(lines(rows))
        out.append(muted("Nothing in the game is shown by colour alone: changes are written (+3), locked "
                         "choices say “✗ locked:” and low meters say “⚠ low”."))
        return out


class ErrorScreen(_Dialog):
    """An error the player should read, e.g. a damaged save; the game carries on."""

    def __init__(self, title: str, message: str) -> None:
        super().__init__(classes="error")
        self.title_text, self.message = title, message

    def body(self) -> list[Content]:
        return [Content.styled(f"✗ {self.title_text}", "bold $error"), plain(self.message)]


class ConfirmQuitScreen(_Dialog):
    """Quit with unsaved choices: save and quit, quit anyway, or stay."""

    BINDINGS = [Binding("s", "answer('save')", "Save and quit"), Binding("y", "answer('quit')", "Quit"),
                Binding("n,escape", "answer('stay')", "Stay")]

    def body(self) -> list[Content]:
        return [heading("Quit?"), plain("You have made choices since the game was last saved.")]

    def footer(self) -> Content:
        return line((" s ", "reverse bold"), " save and quit   ", (" y ", "reverse bold"), " quit without saving   ",
                    (" n ", "reverse bold"), " stay")

    def action_answer(self, answer: str) -> None:
        if self.app.screen is self:
            self.dismiss(answer)
