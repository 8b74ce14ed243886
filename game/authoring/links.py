"""Who sets, clears and reads each flag, and where: the raw links behind warnings and the story map."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from game.content.compiled import Content, EventRule
from game.content.expr import Expr
from game.content.yamlsafe import Loc, YamlDoc, read_yaml


@dataclass(frozen=True)
class Place:
    """A spot in a content file: the file, the data path inside it, and who owns it."""

    path: str
    loc: Loc
    owner: str  # e.g. "card launch, choice 1", "monthly rule demand"
    card: str | None = None
    choice: int | None = None  # 1-based, as the player sees it


@dataclass(frozen=True)
class FlagUse:
    """One mention of a flag: set, clear or read (in a `when`, a weight or an effect)."""

    flag: str
    action: str  # "set", "clear" or "read"
    place: Place


_KNOWN: dict[str, YamlDoc] = {}


@contextmanager
def remembered(docs: dict[str, YamlDoc]) -> Iterator[None]:
    """Use documents the loader has just parsed for positions, instead of reading the files again (or even
    looking at them: the warnings were found in these); they are let go afterwards (kept in a global, a large
    deck's documents made the program's exit take seconds)."""
    _KNOWN.clear()
    _KNOWN.update(docs)
    try:
        yield
    finally:
        _KNOWN.clear()


@lru_cache(maxsize=64)
def _read(path: str, stamp: float) -> YamlDoc | None:
    doc = read_yaml(Path(path), path)
    return doc if isinstance(doc, YamlDoc) and doc.root is not None else None


def _doc(path: str) -> YamlDoc | None:
    """A remembered document, else the file as it is now (read again when it changes); raises OSError."""
    return _KNOWN.get(path) or _read(path, Path(path).stat().st_mtime)


def position(path: str, loc: Loc, key: bool = False) -> tuple[int, int]:
    """Line and column of `loc` in a file (re-read on demand); 1:1 if the file cannot be read."""
    try:
        doc = _doc(path)
    except OSError:
        return 1, 1
    return doc.where(loc, key) if doc is not None else (1, 1)


def doc_lines(path: str) -> list[str]:
    """The text lines of a content file, or [] if it cannot be read."""
    try:
        doc = _doc(path)
    except OSError:
        return []
    return doc.lines if doc is not None else []


def event_loc(content: Content, event: EventRule) -> Loc:
    """The data path of an event inside its deck file, e.g. ("events", 3)."""
    return ("events", event.index)


def _reads(expr: Expr | None, place: Place) -> Iterator[FlagUse]:
    if expr is not None:
        for flag in sorted(expr.flags_read):
            yield FlagUse(flag, "read", place)


def _text_reads(live: Any, place: Place) -> Iterator[FlagUse]:
    """Flags read by a live text's variant conditions and slots."""
    for cond, langs in getattr(live, "variants", ()):
        yield from _reads(cond, place)
        for parts in langs.values():
            for part in parts:
                if isinstance(part, Expr):
                    yield from _reads(part, place)


def _text_reads_any(live: Any) -> bool:
    """Whether a live text reads anything at all (most are plain words: no place is made for them)."""
    for cond, langs in getattr(live, "variants", ()):
        if cond is not None:
            return True
        for parts in langs.values():
            for p in parts:
                if p.__class__ is not str:  # a slot (not `isinstance`: this runs for every text of every card)
                    return True
    return False


def card_uses(content: Content, event: EventRule) -> list[FlagUse]:
    """Every flag a card and its choices read, set or clear, in file order. (Written out, with each place
    made only where something is found: this runs for every card.)"""
    out: list[FlagUse] = []
    loc = event_loc(content, event)
    card, origin = event.id, event.origin
    if event.when is not None and event.when.flags_read:
        out.extend(_reads(event.when, Place(origin, loc + ("when",), f"card {card}", card)))
    if event.weight is not None and event.weight.flags_read:
        out.extend(_reads(event.weight, Place(origin, loc + ("weight",), f"card {card} (weight)", card)))
    for field_name, live in (("title", event.title), ("text", event.text), ("actor", event.actor)):
        if _text_reads_any(live):
            out.extend(_text_reads(live, Place(origin, loc + (field_name,), f"card {card}", card)))
    for choice in event.choices:
        n = choice.index + 1
        cloc = loc + ("choices", choice.index)
        owner = f"card {card}, choice {n}"
        if choice.when is not None and choice.when.flags_read:
            out.extend(_reads(choice.when, Place(origin, cloc + ("when",), owner, card, n)))
        does = choice.does
        for field, effects in (("effects", does.effects), ("assign", does.assign)):
            for target, expr in effects:
                if expr is not None and expr.flags_read:
                    out.extend(_reads(expr, Place(origin, cloc + (field, target), owner, card, n)))
        for field_name, live in (("label", choice.label), ("outcome", choice.outcome), ("locked", choice.locked)):
            if _text_reads_any(live):
                out.extend(_text_reads(live, Place(origin, cloc + (field_name,), owner, card, n)))
        for action, flags in (("set", choice.model.set), ("clear", choice.model.clear)):
            for i, flag in enumerate(flags):
                out.append(FlagUse(flag, action, Place(origin, cloc + (action, i), owner, card, n)))
    for field_name, live in (("role_text", event.role_text), ("line_prompt", event.line_prompt)):
        if _text_reads_any(live):
            out.extend(_text_reads(live, Place(origin, loc + (field_name,), f"card {card}", card)))
    for opening in event.openings:
        oloc = loc + ("openings", opening.index)
        owner = f"card {card}, opening {opening.id}"
        for field_name, maybe in (("when", opening.when), ("ai", opening.ai)):
            out.extend(_reads(maybe, Place(origin, oloc + (field_name,), owner, card)))
        for target, expr in opening.does.effects:
            out.extend(_reads(expr, Place(origin, oloc + ("effects", target), owner, card)))
        for field_name in ("label", "says"):
            out.extend(_text_reads(getattr(opening, field_name), Place(origin, oloc + (field_name,), owner, card)))
        for i, flag in enumerate(opening.model.set):
            out.append(FlagUse(flag, "set", Place(origin, oloc + ("set", i), owner, card)))
    return out


def negotiation_uses(neg: Any) -> Iterator[FlagUse]:
    """Flags a negotiation's outcomes and moves read, set or clear (outcome lists and a moves map)."""
    name = neg.model.negotiation
    groups: list[tuple[Loc, str, Any]] = []
    for field in ("positions", "no_deal", "concessions"):
        for i, rule in enumerate(getattr(neg, field, ()) or ()):
            groups.append(((field, i), f"negotiation {name}, {field[:-1]} {rule.model.id}", rule))
    for i, rule in enumerate(neg.interests):
        groups.append((("interests", i), f"negotiation {name}, interest {rule.model.id}", rule))
    for mid, rule in neg.moves.items():
        groups.append((("moves", mid), f"negotiation {name}, move {mid}", rule))
    for loc, owner, rule in groups:
        for field in ("when", "holds", "standing", "chance", "standing_if_fails", "value"):
            yield from _reads(getattr(rule, field, None), Place(neg.origin, loc + (field,), owner))
        does = getattr(rule, "does", None)
        if does is not None:
            for field, effects in (("effects", does.effects), ("assign", does.assign)):
                for target, expr in effects:
                    yield from _reads(expr, Place(neg.origin, loc + (field, target), owner))
        for field_name in ("text", "says"):
            yield from _text_reads(getattr(rule, field_name, None), Place(neg.origin, loc + (field_name,), owner))
        for action in ("set", "clear"):
            for j, flag in enumerate(getattr(rule.model, action, ()) or ()):
                yield FlagUse(flag, action, Place(neg.origin, loc + (action, j), owner))
    for field in ("stance", "reservation", "opens"):
        yield from _reads(getattr(neg, field, None), Place(neg.origin, (field,), f"negotiation {name}"))
    for key, pool in neg.replies.items():
        for i, line in enumerate(pool):
            yield from _text_reads(line, Place(neg.origin, ("replies", key, i), f"negotiation {name}"))


def flag_uses(content: Content, scenario_path: str) -> list[FlagUse]:
    """All flag mentions in scenario, negotiations and decks."""
    uses: list[FlagUse] = []
    sp = scenario_path
    for i, flag in enumerate(content.scenario.flags):
        uses.append(FlagUse(flag, "declare", Place(sp, ("flags", i), "scenario flags")))
    uses.extend(_reads(content.cards, Place(sp, ("draw", "cards"), "the card draw")))
    for i, rule in enumerate(content.rules):
        owner = f"monthly rule {rule.model.id}"
        uses.extend(_reads(rule.when, Place(sp, ("monthly", i, "when"), owner)))
        for field, effects in (("assign", rule.assign), ("effects", rule.effects)):
            for target, expr in effects:
                uses.extend(_reads(expr, Place(sp, ("monthly", i, field, target), owner)))
    for pi, policy in enumerate(content.policies.values()):
        for oi, option in enumerate(policy.options.values()):
            owner = f"policy {policy.model.id}={option.model.id}"
            oloc = ("policies", pi, "options", oi)
            uses.extend(_reads(option.when, Place(sp, oloc + ("when",), owner)))
            for target, expr in option.monthly:
                uses.extend(_reads(expr, Place(sp, oloc + ("monthly", target), owner)))
    for i, ending in enumerate(content.endings.values()):
        uses.extend(_reads(ending.when, Place(sp, ("endings", i, "when"), f"ending {ending.model.id}")))
        for field_name in ("text", "epilogue"):
            uses.extend(_text_reads(getattr(ending, field_name), Place(sp, ("endings", i, field_name),
                                                                      f"ending {ending.model.id}")))
    for i, meter in enumerate(content.scenario.meters):
        if meter.id in content.spared:
            uses.extend(_reads(content.spared[meter.id], Place(sp, ("meters", i, "lose_unless"), f"meter {meter.id}")))
    for i, refl in enumerate(content.reflections):
        uses.extend(_reads(refl.when, Place(sp, ("reflections", i, "when"), f"reflection {refl.model.id}")))
    for neg in content.negotiations.values():
        uses.extend(negotiation_uses(neg))
    for role in content.roles.values():
        owner = f"role {role.id}"
        uses.extend(_reads(role.score, Place(role.origin, ("objective", "score"), owner)))
        uses.extend(FlagUse(name, "read", Place(role.origin, ("stakes", name), owner))
                    for name in role.model.stakes if name in content.flags)
    for deck in content.decks.values():
        uses.extend(_reads(deck.weight, Place(deck.origin, ("weight",), f"deck {deck.model.deck} (weight)")))
        for event_id in deck.events:
            uses.extend(card_uses(content, content.events[event_id]))
    return uses
