"""The main screen's page for a role turn: the role's brief, the card as the role reads it, and the openings
with the AI's suggestion marked (hot seat by role on one keyboard; see game.ui.role_turn)."""

from __future__ import annotations

from textual.content import Content

from game.engine.views import CardView
from game.i18n import _
from game.ui.role_turn import DeskSheet, RoleSheet
from game.ui.widgets.draw import BLANK, numbered, wrap
from game.ui.widgets.text import heading, line, plain, styled


def opened_lines(card: CardView, width: int) -> list[Content]:
    """On the card the bureau sees: which role opened it and how (the AI's marked, and why when the student holding
    the role ran out of time), and the role's own line."""
    by = {"ai": _(" (the AI)"), "timeout": _(" (the AI: time ran out)")}.get(card.opened_by, "")
    out = wrap(line((_("{role} opened it: ").format(role=card.acted_by_name + by), "bold"),
                    plain(card.opening_label)), width)
    if card.role_line:
        out += wrap(styled(f"“{card.role_line}”", "italic"), width, "  ")
    return out


def _brief(wants: str, fears: str, goal: str, width: int) -> list[Content]:
    """What the role wants and fears, and its secret objective (the top of a role's page and desk)."""
    out: list[Content] = []
    for label, words in ((_("You want: "), wants), (_("You fear: "), fears), (_("Your secret objective: "), goal)):
        if words:
            out += wrap(plain(words), width, styled(label, "bold"), 2)
    return [*out, BLANK]


def _card(sheet: RoleSheet, width: int) -> list[Content]:
    """The card the role opens: title, who brings it, its text, the openings with the AI's marked ★."""
    v = sheet.view
    out = wrap(styled(v.title.strip(), "bold"), width)
    if v.actor.strip():
        out += wrap(line((_("from "), "$text-muted"), (v.actor.strip(), "italic")), width)
    for piece in v.text.strip().split("\n"):
        out += wrap(plain(piece), width)
    out.append(BLANK)
    for i, item in enumerate(sheet.lines, 1):
        out += numbered(i, item, width, "★" if item.marked else "")
    return out


def role_page(sheet: RoleSheet, width: int) -> list[Content]:
    v = sheet.view
    out = [heading(_("{role}: pass the keyboard; this card waits for you").format(role=v.role_name)), BLANK]
    out += _brief(sheet.wants, sheet.fears, v.goal.strip(), width)
    out += _card(sheet, width)
    if sheet.picked:
        out += [BLANK, *wrap(line((_("You open it: "), "bold"), plain(sheet.picked)), width)]
        out += wrap(styled(v.line_prompt or _("Your line (optional):"), "bold"), width)
        out += wrap(styled(_("Type a line for the transcript and press Enter (Escape sends none)."), "$text-muted"),
                    width)
        return out
    out += [BLANK, *wrap(styled(_("Press an opening's number, or Enter for the AI's choice (★). The deputy director "
                                  "sees the card after you."), "$text-muted"), width)]
    return out


def desk_page(desk: DeskSheet, width: int) -> list[Content]:
    """A role's desk in a class: the brief, then the card waiting for the role (or that none is)."""
    out = [heading(_("Your role: {role}").format(role=desk.role_name)), BLANK]
    out += _brief(desk.wants, desk.fears, desk.goal, width)
    sheet = desk.sheet
    if sheet is None:
        out += wrap(styled(_("Waiting for the next request: a card opens here when a deputy director meets one "
                             "your role opens."), "italic"), width)
        return out
    v = sheet.view
    out += wrap(styled(_("{name} waits for you ({left} s left; then the AI opens the card).").format(
        name=desk.who, left=desk.left), "bold $warning"), width)
    out.append(BLANK)
    out += _card(sheet, width)
    out.append(BLANK)
    if desk.typing:
        out += wrap(styled(v.line_prompt or _("Your line (optional):"), "bold"), width)
        out += wrap(styled(_("Type a line for the transcript and press Enter (Escape sends none)."), "$text-muted"),
                    width)
    else:
        out += wrap(styled(_("Press an opening's number, or Enter for the AI's choice (★)."), "$text-muted"), width)
    return out


def wait_page(wait: tuple[str, str, int, bool], width: int) -> list[Content]:
    """The bureau's page while a card (or a proposal in talks) waits for the student holding its role."""
    role, who, left, talks = wait
    if talks:
        out = [heading(_("{role} answers your proposal").format(role=role)), BLANK]
        words = (_("{name} ({role}) is answering your proposal: {left} s left, then the AI answers.").format(
            name=who, role=role, left=left) if who else
                 _("Waiting for {role}: {left} s left, then the AI answers.").format(role=role, left=left))
        return [*out, *wrap(plain(words), width), BLANK,
                *wrap(styled(_("The talks go on here once they answer."), "$text-muted"), width)]
    out = [heading(_("{role} opens this card").format(role=role)), BLANK]
    words = (_("{name} ({role}) is choosing how this card opens: {left} s left, then the AI opens it.").format(
        name=who, role=role, left=left) if who else
             _("Waiting for {role}: {left} s left, then the AI opens it.").format(role=role, left=left))
    out += wrap(plain(words), width)
    out += [BLANK, *wrap(styled(_("The card comes up here once it is opened."), "$text-muted"), width)]
    return out
