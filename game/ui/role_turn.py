"""The TUI's role turn, headless: hot seat by role on one keyboard (`play --roles agency_owner`).

When a card that a role held at this keyboard opens comes up, the main screen's mode is `role`: the
page shows the role's brief (what they want and fear, their secret objective), the card as the role
reads it and its openings with the AI's suggestion marked. A number opens the card that way; Enter takes
the AI's suggestion. Where the card asks for the role's own line (`line_prompt`), the mode is then
`role_line`: the player types it and presses Enter (Escape opens the card without one). Imports neither
Textual nor Rich, like the controller that calls it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from game.engine.actions import Act
from game.i18n import _
from game.ui.model import Confirm, Intent, Key, Line, Number

if TYPE_CHECKING:
    from game.engine.game import Game
    from game.engine.views import RoleTurnView


class RoleSheet(NamedTuple):
    """A role's turn, in words."""

    view: RoleTurnView
    wants: str
    fears: str
    lines: tuple[Line, ...]  # the openings, numbered; the AI's suggestion is marked
    picked: str = ""  # the opening chosen, while the role's player types their line


class DeskSheet(NamedTuple):
    """A class's role desk (a student's tab while they hold a role): the brief, and the card waiting for the
    role in a bureau student's game, if one is."""

    role_name: str
    wants: str
    fears: str
    goal: str
    sheet: RoleSheet | None  # the card waiting now (None: waiting for the next request)
    who: str  # the bureau student whose card it is
    left: int  # seconds before the AI opens it
    typing: bool  # an opening is picked: the holder types their line


def role_sheet(game: Game, picked: Act | None = None) -> RoleSheet | None:
    """The role turn in front of the keyboard (`picked`: the opening chosen, the line still to type)."""
    turn = game.role_turn()
    if turn is None:
        return None
    brief = next((b for b in game.roles() if b.id == turn.role), None)
    lines = tuple(Line(o.label, " · ".join(x for x in (o.says.strip(), _("the AI would choose this")
                                                       if o.suggested else "") if x),
                       o.available, o.reason, o.suggested) for o in turn.openings)
    label = next((o.label for o in turn.openings if picked is not None and o.id == picked.opening), "")
    return RoleSheet(turn, brief.wants.strip() if brief else "", brief.fears.strip() if brief else "", lines, label)


def role_action(game: Game, intent: Intent) -> Act | str:
    """The act a key asks for on a role turn, or what to tell the player instead."""
    turn = game.role_turn()
    if turn is None:
        return _("No role has a card to open now.")
    if isinstance(intent, Confirm):
        return Act(turn.role, turn.suggestion)
    if isinstance(intent, Number):
        if not 1 <= intent.n <= len(turn.openings):
            return _("{n} does nothing here: the openings are 1 to {last}.").format(n=intent.n,
                                                                                   last=len(turn.openings))
        opening = turn.openings[intent.n - 1]
        if not opening.available:
            return _("That opening is locked: {reason}").format(reason=opening.reason)
        return Act(turn.role, opening.id)
    return _("{role} opens this card: press an opening's number, or Enter for the AI's choice.").format(
        role=turn.role_name)


def role_keys(sheet: RoleSheet | None) -> tuple[Key, ...]:
    n = len(sheet.lines) if sheet is not None else 0
    digits = Key(tuple(str(i) for i in range(1, n + 1)), "1" if n == 1 else f"1-{n}", _("open the card"))
    return (digits, Key(("enter",), "Enter", _("the AI's choice"), Confirm()))
