"""Plain mode's role turns: hot seat by role on one keyboard (`play --plain --roles agency_owner`).

When a card a held role opens comes up, the keyboard passes to that role's player, who reads the role's
brief and the card as the role sees it, with the AI's suggestion marked, picks an opening (Enter takes the
AI's) and, where the card allows, adds a line of their own for the transcript.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine.actions import Act
from game.i18n import _

if TYPE_CHECKING:
    from game.plain import PlainGame


def role_turn(plain: PlainGame) -> bool:
    """One role turn; False when the player quits (input ended or q)."""
    from game.plain import normal

    g = plain.game
    turn = g.role_turn()
    if turn is None:
        return True
    brief = next((b for b in g.roles() if b.id == turn.role), None)
    plain.say()
    plain.say(_("--- {role}: pass the keyboard; this card waits for you ---").format(role=turn.role_name))
    if brief is not None:
        plain.wrap(_("You want: {wants}").format(wants=brief.wants.strip()), "    ", first="  ")
        plain.wrap(_("You fear: {fears}").format(fears=brief.fears.strip()), "    ", first="  ")
    if turn.goal:
        plain.wrap(_("Your secret objective: {goal}").format(goal=turn.goal.strip()), "    ", first="  ")
    plain.say()
    plain.wrap(turn.title)
    plain.wrap(turn.text)
    for i, o in enumerate(turn.openings, 1):
        ai = "  " + _("(the AI would choose this)") if o.suggested else ""
        if o.available:
            plain.wrap(o.label + ai, "     ", first=f"  {i}) ")
            if o.says:
                plain.wrap(o.says, "     ", first="     ")
        else:
            plain.wrap(_("(unavailable: {reason}) {label}").format(reason=o.reason, label=o.label), "     ",
                       first=f"  {i}) ")
    answer = plain.ask(_("Open the card 1-{n} (Enter = the AI's choice): ").format(n=len(turn.openings)))
    if answer is None or normal(answer).lower() == "q":
        return plain.quit(answer)
    answer = normal(answer)
    if answer == "":
        pick = next(o for o in turn.openings if o.suggested)
    elif answer.isdigit() and 1 <= int(answer) <= len(turn.openings) and turn.openings[int(answer) - 1].available:
        pick = turn.openings[int(answer) - 1]
    else:
        plain.say(_("Please type the number of an opening you can take, or press Enter."))
        return True
    line = ""
    if turn.line_prompt:
        said = plain.ask(_("{prompt} (Enter to skip): ").format(prompt=turn.line_prompt))
        if said is None:
            return plain.quit(None)
        line = " ".join(said.split())[:280]
    plain.apply(Act(turn.role, pick.id, line))
    plain.say()
    plain.say(_("--- The keyboard goes back to the deputy director ---"))
    return True


def role_outcomes(plain: PlainGame) -> None:
    """At the ending of a game where students held roles: each role's secret objective and whether it was met."""
    from game.report.roles import grade_words

    g = plain.game
    if not g.options.get("roles") or not g.content.roles:
        return
    plain.say()
    plain.say(_("The roles' secret objectives:"))
    for role in g.content.roles:
        o = g.role_outcome(role)
        plain.wrap(_("{role}: {grade}. {goal}").format(role=o.name, grade=grade_words(o.grade),
                                                     goal=" ".join(o.goal.split())), "      ", first="  - ")
