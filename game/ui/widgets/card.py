"""The current card and its choices. Locked choices say "✗ locked:" and why, in words."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from game.engine.game import Game
from game.engine.views import CardView, ChoiceView
from game.present import preview_text
from game.ui.widgets.text import line, lines, muted, plain


def card_header(card: CardView) -> Content:
    return lines([
        Content.styled(card.title.strip(), "bold $text"),
        line((card.deck_title, "$text-muted"), ("  ·  from ", "$text-muted"), (card.actor.strip(), "italic")),
    ])


def choice_content(game: Game, choice: ChoiceView, level: str) -> Content:
    """The label and the preview; a locked choice says "✗ locked:" and why before its label."""
    if not choice.available:
        return lines([line(("✗ locked: ", "bold"), plain(choice.reason)),
                      line((choice.label.strip(), "$text-disabled strike"))])
    rows = [line((choice.label.strip(), "bold"))]
    hint = preview_text(game, choice, level)
    extra = ("; " if hint else "") + "opens talks" if choice.negotiate else ""
    if hint or extra:
        rows.append(line((hint + extra, "$text-muted")))
    return lines(rows)


class ChoiceLine(Horizontal):
    """One choice: its key, then its text with a hanging indent. Clicking = pressing the key."""

    class Picked(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, content: Content, index: int, available: bool) -> None:
        super().__init__(classes="choice" + ("" if available else " -locked"))
        self.index, self.body, self.available = index, content, available

    def compose(self) -> ComposeResult:
        key = Content.styled(f" {self.index + 1} ", "reverse bold" if self.available else "$text-disabled")
        yield Static(key, classes="choice-key")
        yield Static(self.body, markup=False, classes="choice-body")

    def on_click(self) -> None:
        self.post_message(self.Picked(self.index))


class CardPanel(Vertical):
    """The card (deck, actor, title, text) and its choices, or the end-of-month prompt."""

    def __init__(self, game: Game, level: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.game = game
        self.level = level

    def compose(self) -> ComposeResult:
        yield from self._parts()

    def _parts(self) -> list[Static | ChoiceLine]:
        game = self.game
        card = game.current_card()
        talks = game.talks()
        if talks is not None:
            return [Static(line(("Negotiation in progress: ", "bold"), plain(talks.title), " — press 1 to "
                                "return to the table."), classes="card-title")]
        if card is None:
            left = game.policy_changes_left
            return [
                Static(Content.styled("This month's cards are done.", "bold"), classes="card-title"),
                Static(lines([
                    line((" Enter ", "reverse bold"), "  end the month and read the ledger"),
                    line((" p ", "reverse bold"), f"      standing policies ({left} change{'s' if left != 1 else ''} "
                         "left this month)"),
                    line((" s ", "reverse bold"), "      save to a named slot"),
                ]), classes="card-text"),
            ]
        parts = [Static(card_header(card), classes="card-head"),
                 Static(plain(card.text), classes="card-text", markup=False)]
        parts += [ChoiceLine(choice_content(game, c, self.level), c.index, c.available) for c in game.choices()]
        parts.append(Static(muted("w  why is this card here? (source and quote)"), classes="card-why"))
        return parts

    async def show(self, game: Game) -> None:
        self.game = game
        await self.remove_children()
        await self.mount_all(self._parts())
