"""Loading roles (content/roles/<id>.yaml) and the openings of cards a role acts on.

A card `acted_by` a role has 2 to 4 `openings`: the role (its player, or the AI) picks one before the bureau
sees the card, which sets the card's situation (flags the card's text variants and choices read). A role
file says who the role is, its secret objective (a score over the final state, graded met / partly / not),
the negotiations it answers and the cards it acts on. Problems are collected on the loader's build like
every other: located, all at once.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from game.content import models
from game.content.compiled import EventRule, OpeningRule, RoleRule
from game.content.expr import BOOL, FLAG, NUMBER, Names, compile_expr
from game.content.texts import EMPTY, LiveText
from game.content.validate import GAP
from game.content.yamlsafe import Loc, YamlDoc

if TYPE_CHECKING:
    from game.content.loader import _Build, _Ids
    from game.packs import Part


def opening_flags(event: models.Event) -> set[str]:
    """Every flag the openings of a card set (read by its text variants and choices)."""
    return {flag for o in event.openings if o is not GAP for flag in o.set}


def check_acted(b: _Build, doc: YamlDoc, loc: Loc, event: models.Event, roles: set[str]) -> None:
    """`acted_by` names a known role and comes with 2 to 4 openings; openings need `acted_by`."""
    if event.acted_by is None:
        for key in ("openings", "role_text", "line_prompt"):
            if getattr(event, key):
                b.problems.append(doc.problem(loc + (key,), f"`{key}` belongs to a card a role acts on: add "
                                              "`acted_by: <role id>`", key=True))
        return
    if event.acted_by not in roles:
        from game.content.loader import _unknown

        b.problems.append(doc.problem(loc + ("acted_by",), _unknown("role", event.acted_by, roles)
                                      + " (roles live in content/roles/<id>.yaml)"))
    if len(event.openings) < 2:
        b.problems.append(doc.problem(loc + ("acted_by",), f"a card acted by '{event.acted_by}' needs 2 to 4 "
                                      f"`openings` for the role to choose among (it has {len(event.openings)})"))
    seen: set[str] = set()
    for i, opening in enumerate(event.openings):
        if opening is GAP:
            continue
        if opening.id in seen:
            b.problems.append(doc.problem(loc + ("openings", i, "id"), f"opening '{opening.id}' is used twice "
                                          "on this card"))
        seen.add(opening.id)


def compile_openings(b: _Build, doc: YamlDoc, loc: Loc, event: models.Event, names: Names, card_names: Names,
                     targets: dict[str, str]) -> tuple[OpeningRule, ...]:
    """The card's openings, compiled; each clears the flags of the card's other openings when taken."""
    every = opening_flags(event)
    out = []
    for i, o in enumerate(event.openings):
        if o is GAP:
            continue
        oloc = loc + ("openings", i)
        part = SimpleNamespace(policy={}, effects=o.effects, assign={}, set=list(o.set),
                               clear=sorted(every - set(o.set)))
        does = b.does(doc, oloc, part, names, targets, {})
        ai = b.expr(doc, oloc + ("ai",), o.ai, names)
        when = None if o.when is None else b.expr(doc, oloc + ("when",), o.when, names, expect=BOOL)
        out.append(OpeningRule(o, i, when, does, ai or compile_expr(1, names),
                               b.text(doc, oloc + ("label",), o.label, card_names),
                               b.text(doc, oloc + ("says",), o.says, card_names)))
    return tuple(out)


def role_texts(b: _Build, doc: YamlDoc, loc: Loc, event: models.Event, card_names: Names) -> tuple[LiveText, LiveText]:
    """The role's text and its line prompt (EMPTY when the card has none)."""
    if event.acted_by is None:
        return EMPTY, EMPTY
    return (b.text(doc, loc + ("role_text",), event.role_text, card_names),
            b.text(doc, loc + ("line_prompt",), event.line_prompt, card_names))


def compile_roles(b: _Build, ids: _Ids, parts: list[Part], names: Names, events: dict[str, EventRule],
                  negotiations: set[str], characters: set[str], voices: set[str],
                  sources: set[str]) -> tuple[dict[str, RoleRule], dict[str, str]]:
    """Every role, checked against the content: negotiations, cards, characters, voices, sources and names."""
    from game.content.loader import _unknown

    roles: dict[str, RoleRule] = {}
    talks_role: dict[str, str] = {}
    players: list[str] = []
    acts: dict[str, list[str]] = {}
    for event in events.values():
        if event.acted_by:
            acts.setdefault(event.acted_by, []).append(event.id)
    for part in parts:
        doc, role = part.doc, part.model
        if not ids.claim("role", role.role, part, ("role",)):
            continue
        if role.player:
            players.append(role.role)
        if role.character and characters and role.character not in characters:
            b.problems.append(doc.problem(("character",), _unknown("character", role.character, characters)))
        if role.voice and voices and role.voice not in voices:
            b.problems.append(doc.problem(("voice",), _unknown("voice", role.voice, voices)))
        for i, src in enumerate(role.sources):
            if src is not GAP and sources and src.id not in sources:
                b.problems.append(doc.problem(("sources", i, "id"), _unknown("source", src.id, sources)))
        for i, nid in enumerate(role.negotiations):
            if nid not in negotiations:
                b.problems.append(doc.problem(("negotiations", i), _unknown("negotiation", nid, negotiations)))
            elif nid in talks_role:
                b.problems.append(doc.problem(("negotiations", i), f"the role '{talks_role[nid]}' already answers "
                                              f"in '{nid}'; one role speaks for each counterpart"))
            else:
                talks_role[nid] = role.role
        for i, card in enumerate(role.cards):
            if card not in events:
                b.problems.append(doc.problem(("cards", i), _unknown("card", card, events)))
        _check_stakes(b, doc, role, names)
        _check_objective(b, doc, role.objective)
        score = b.expr(doc, ("objective", "score"), role.objective.score, names)
        own = tuple(acts.get(role.role, ()))
        cards = tuple(dict.fromkeys([*own, *(c for c in role.cards if c in events)]))
        roles[role.role] = RoleRule(role, role.role, score or compile_expr(0, names),
                                    tuple(n for n in role.negotiations if n in negotiations), cards, own, doc.path)
    if len(players) > 1:
        second = next(p for p in parts if p.model.role == players[1])
        b.problems.append(second.doc.problem(("player",), "only one role can be the game's own player "
                                             f"(`player: true`): '{players[0]}' already is"))
    return roles, talks_role


def _check_stakes(b: _Build, doc: YamlDoc, role: models.Role, names: Names) -> None:
    from game.content.loader import _unknown

    for name in role.stakes:
        if names.kinds.get(name) not in (NUMBER, FLAG) or name in ("turn", "month"):
            allowed = [n for n, k in names.kinds.items() if k in (NUMBER, FLAG) and n not in ("turn", "month")]
            b.problems.append(doc.problem(("stakes", name), _unknown("meter, counter or flag", name, allowed),
                                          key=True))


def _check_objective(b: _Build, doc: YamlDoc, objective: Any) -> None:
    met, partly = objective.met.at_least, objective.partly.at_least
    if met is None:
        b.problems.append(doc.problem(("objective", "met"), "`met` needs `at_least`: the score that meets the "
                                      "objective"))
    if partly is None:
        b.problems.append(doc.problem(("objective", "partly"), "`partly` needs `at_least`: the score that meets it "
                                      "in part"))
    if met is not None and partly is not None and partly > met:
        b.problems.append(doc.problem(("objective", "partly", "at_least"), f"`partly` starts at {partly:g}, above "
                                      f"`met` at {met:g}: partly met should need less"))
