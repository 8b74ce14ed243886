"""The roles in reports: each role's secret objective and outcome in a debrief, and how often each was met
across a class (Markdown and HTML). A game whose content has no roles shows nothing here."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from game.engine.views import RoleReportView
from game.i18n import _, number

if TYPE_CHECKING:
    from game.engine.game import Game
    from game.report.summary import GameRow


def gather_roles(game: Game) -> tuple[RoleReportView, ...]:
    """Every role's view of the game (the bureau's own first), or () when the content has no roles."""
    if not game.content.roles:
        return ()
    return tuple(game.role_reports())


def player_role(game: Game) -> str:
    """The role of the game's own player (the bureau), '' when the content has none."""
    return next((r for r, rule in game.content.roles.items() if rule.model.player), "")


def grade_words(grade: str) -> str:
    return {"met": _("met"), "partly": _("partly met"), "not": _("not met")}.get(grade, grade)


def by_words(by: str) -> str:
    return {"ai": _("the AI"), "player": _("the student"), "timeout": _("the AI (time ran out)")}.get(by, by)


def _num(value: float) -> str:
    return number(value, decimals=0 if value == int(value) else 1)


def _score(r: RoleReportView) -> str:
    o = r.outcome
    unit = f" {o.unit}" if o.unit else ""
    return _("score {score}{unit} (met from {met}, partly from {partly})").format(
        score=_num(o.score), unit=unit, met=_num(o.met_at), partly=_num(o.partly_at))


def _outcome(r: RoleReportView) -> str:
    return _("Outcome") if r.outcome.final else _("Outcome so far")


def _held(r: RoleReportView, player: str = "") -> str:
    if r.outcome.role == player:
        return _("the game's own player")
    if r.held and r.acts and all(act[3] == "timeout" for act in r.acts):
        return _("held by a student, but time ran out each time and the AI answered")
    return _("played by a student") if r.held else _("played by the AI")


def roles_markdown(roles: tuple[RoleReportView, ...], player: str = "") -> list[str]:
    """The debrief's section on roles."""
    if not roles:
        return []
    out = ["## " + _("Roles: objectives and outcomes"), ""]
    for r in roles:
        o = r.outcome
        goal, words = " ".join(o.goal.split()), " ".join(o.text.split())
        out += [f"### {o.name}", "", f"*{_held(r, player)}.* **{_('Objective')}:** {goal}", "",
                f"**{_outcome(r)}: {grade_words(o.grade)}** — {words} ({_score(r)})", ""]
        if r.acts:
            out += [f"- {_('{title}: {opening}, by {by}').format(title=t, opening=label, by=by_words(by))}"
                    + (f" — “{line}”" if line else "") for _turn, t, label, by, line in r.acts]
            out.append("")
        if r.won or r.conceded:
            out += [_("Won: {won}. Conceded: {conceded}.").format(
                won=_(", ").join(m.what for m in r.won) or "—", conceded=_(", ").join(m.what for m in r.conceded)
                or "—"), ""]
        for dep in r.departures:
            brief = _(" (against the role's brief)") if dep.against_brief else ""
            out.append("- " + _("{month}, {what}: chose “{chose}” where the AI would have taken “{ai}”{brief}").format(
                month=dep.month, what=dep.what, chose=dep.chose, ai=dep.ai_would, brief=brief))
        if r.departures:
            out.append("")
        out += [f"{i}. {q}" for i, q in enumerate(r.discussion, 1)]
        if r.discussion:
            out.append("")
    return out


def roles_html(roles: tuple[RoleReportView, ...], player: str = "") -> list[str]:
    if not roles:
        return []
    e = escape
    body = [f'<section class="roles"><h2>{e(_("Roles: objectives and outcomes"))}</h2>']
    for r in roles:
        o = r.outcome
        body.append(f"<h3>{e(o.name)}</h3><p class=\"meta\">{e(_held(r, player))}</p>"
                    f"<p><strong>{e(_('Objective'))}:</strong> {e(o.goal)}</p>"
                    f"<p><strong>{e(_outcome(r))}: {e(grade_words(o.grade))}</strong> — {e(o.text)} "
                    f"<span class=\"meta\">({e(_score(r))})</span></p>")
        if r.acts:
            body.append("<ul>" + "".join(
                f"<li>{e(_('{title}: {opening}, by {by}').format(title=t, opening=label, by=by_words(by)))}"
                + (f" — “{e(line)}”" if line else "") + "</li>" for _turn, t, label, by, line in r.acts) + "</ul>")
        for dep in r.departures:
            brief = _(" (against the role's brief)") if dep.against_brief else ""
            body.append("<p>" + e(_("{month}, {what}: chose “{chose}” where the AI would have taken “{ai}”{brief}")
                                  .format(month=dep.month, what=dep.what, chose=dep.chose, ai=dep.ai_would,
                                          brief=brief)) + "</p>")
        if r.discussion:
            body.append("<ol>" + "".join(f"<li>{e(q)}</li>" for q in r.discussion) + "</ol>")
    body.append("</section>")
    return body


# -- a class ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RoleTally:
    """One role across a class: its objective, and how many games met it, in part or not."""

    name: str
    goal: str
    grades: tuple[tuple[str, int], ...]  # (met | partly | not, games)
    held: int  # games where a student held the role
    games: int  # finished games counted


def class_roles(games: list[GameRow]) -> list[RoleTally]:
    """How often each role's objective was met, over the finished games; [] unless some game held a role."""
    finished = [g for g in games if g.over and g.debrief.roles]
    if not any(r.held for g in finished for r in g.debrief.roles):
        return []
    order = [r.outcome.role for r in finished[0].debrief.roles] if finished else []
    out = []
    for role in order:
        views = [r for g in finished for r in g.debrief.roles if r.outcome.role == role]
        counts = Counter(r.outcome.grade for r in views)
        out.append(RoleTally(views[0].outcome.name, views[0].outcome.goal,
                             tuple((grade, counts[grade]) for grade in ("met", "partly", "not")),
                             sum(1 for r in views if r.held), len(views)))
    return out


def class_roles_markdown(tallies: list[RoleTally]) -> list[str]:
    if not tallies:
        return []
    out = ["## " + _("Roles"), "", f"| {_('Role')} | {_('Objective')} | {_('Held by a student')} | "
           + " | ".join(grade_words(g) for g in ("met", "partly", "not")) + " |", "|---|---|---:|---:|---:|---:|"]
    for t in tallies:
        cells = " | ".join(str(n) for _g, n in t.grades)
        goal = " ".join(t.goal.split()).replace("|", "/")
        out.append(f"| {t.name} | {goal} | {t.held} / {t.games} | {cells} |")
    return out + [""]


def class_roles_html(tallies: list[RoleTally]) -> list[str]:
    if not tallies:
        return []
    e = escape
    head = "".join(f"<th>{e(h)}</th>" for h in (_("Role"), _("Objective"), _("Held by a student"),
                                                 *(grade_words(g) for g in ("met", "partly", "not"))))
    rows = "".join(f"<tr><td>{e(t.name)}</td><td>{e(t.goal)}</td><td>{t.held} / {t.games}</td>"
                   + "".join(f"<td>{n}</td>" for _g, n in t.grades) + "</tr>" for t in tallies)
    return [f'<section class="roles"><h2>{e(_("Roles"))}</h2><table><thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table></section>"]
