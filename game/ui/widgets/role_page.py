"""The main screen's page for a role turn: the role's brief, the card as the role reads it, and the openings
with the AI's suggestion marked (hot seat by role on one keyboard; see game.ui.role_turn)."""

from __future__ import annotations

from textual.content import Content

from game.engine.views import CardView
from game.i18n import _
from game.ui.role_turn import RoleSheet
from game.ui.widgets.draw import BLANK, numbered, wrap
from game.ui.widgets.text import heading, line, plain, styled


def opened_lines(card: CardView, width: int) -> list[Content]:
    """On the card the bureau sees: which role opened it and how, and the role's own line."""
    by = _(" (the AI)") if card.opened_by == "ai" else ""
    out = wrap(line((_("{role} opened it: ").format(role=card.acted_by_name + by), "bold"),
                    plain(card.opening_label)), width)
    if card.role_line:
        out += wrap(styled(f"“{card.role_line}”", "italic"), width, "  ")
    return out


def role_page(sheet: RoleSheet, width: int) -> list[Content]:
    v = sheet.view
    out = [heading(_("{role}: pass the keyboard; this card waits for you").format(role=v.role_name)), BLANK]
    for label, words in ((_("You want: "), sheet.wants), (_("You fear: "), sheet.fears),
                         (_("Your secret objective: "), v.goal.strip())):
        if words:
            out += wrap(plain(words), width, styled(label, "bold"), 2)
    out.append(BLANK)
    out += wrap(styled(v.title.strip(), "bold"), width)
    if v.actor.strip():
        out += wrap(line((_("from "), "$text-muted"), (v.actor.strip(), "italic")), width)
    for piece in v.text.strip().split("\n"):
        out += wrap(plain(piece), width)
    out.append(BLANK)
    for i, item in enumerate(sheet.lines, 1):
        out += numbered(i, item, width, "★" if item.marked else "")
    out += [BLANK, *wrap(styled(_("Press an opening's number, or Enter for the AI's choice (★). The deputy director "
                                  "sees the card after you."), "$text-muted"), width)]
    return out
