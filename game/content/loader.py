"""Load the content folder (and extra deck packs) into compiled, cross-checked `Content`.

All problems in all files are collected and raised together as one ContentError, so an author
sees every mistake in one run; nothing is half-loaded.
"""

from __future__ import annotations

import difflib
import hashlib
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from game.content import models
from game.content.compiled import (
    ChoiceRule, Content, DeckRule, Effects, EndingRule, EventRule, MoveRule, NegotiationRule, OptionRule,
    OutcomeRule, PolicyRule, ReflectionRule, RuleRule,
)
from game.content.expr import FLAG, MONTH, NUMBER, POLICY, Expr, Names, compile_expr, month_number, month_text
from game.content.validate import check_model
from game.content.yamlsafe import Loc, YamlDoc, gc_paused, read_yaml
from game.errors import ContentError, ExpressionError, Problem

M = TypeVar("M", bound=BaseModel)

DEFAULT_CONTENT = Path(__file__).resolve().parents[2] / "content"


def default_content_dir() -> Path:
    """`$FRIENDSHIP_PASS_CONTENT` if set, else the content/ folder beside the package."""
    return Path(os.environ.get("FRIENDSHIP_PASS_CONTENT", DEFAULT_CONTENT))


def shown(path: Path) -> str:
    """A path as an author would type it: relative to the working folder when possible."""
    try:
        return os.path.relpath(path)
    except ValueError:  # other drive on Windows
        return str(path)


def deck_files(paths: Iterable[Path]) -> list[Path]:
    """Expand files and folders into deck files (*.yaml, *.yml), sorted, folders non-recursive."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()))
        else:
            out.append(path)
    return out


class _Build:
    """One load: reads files, validates, compiles, cross-checks; collects problems as it goes."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.hash = hashlib.sha256()
        self.files: list[str] = []
        self.compiled: dict[tuple[Any, ...], Expr] = {}

    # -- reading ---------------------------------------------------------------------------
    def read(self, path: Path, model: type[M]) -> tuple[YamlDoc | None, M | None]:
        name = shown(path)
        if not path.exists():
            self.problems.append(Problem(name, 1, 1, "file not found"))
            return None, None
        doc = read_yaml(path, name)
        self.files.append(name)
        try:
            self.hash.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        except OSError:
            pass
        if isinstance(doc, Problem):
            self.problems.append(doc)
            return None, None
        if not isinstance(doc.data, dict):
            self.problems.append(doc.problem((), "the file should be a mapping of fields (key: value)"))
            return doc, None
        parsed, problems = check_model(doc, model)
        self.problems.extend(problems)
        return doc, parsed

    # -- expressions -----------------------------------------------------------------------
    def expr(self, doc: YamlDoc, loc: Loc, source: Any, names: Names, random: bool = False) -> Expr | None:
        key = (type(source), source, random)  # the same text compiles to the same closure: decks repeat a lot
        if key in self.compiled:
            return self.compiled[key]
        try:
            self.compiled[key] = compile_expr(source, names, allow_random=random)
            return self.compiled[key]
        except ExpressionError as exc:
            line, col = doc.where(loc)
            self.problems.append(Problem(doc.path, line, col + _quote_offset(doc, line, col) + exc.column, str(exc)))
            return None

    def effects(self, doc: YamlDoc, loc: Loc, mapping: dict[str, Any], names: Names,
                targets: dict[str, str], random: bool = False) -> Effects:
        out = []
        for target, source in mapping.items():
            if target not in targets:
                close = difflib.get_close_matches(target, list(targets), n=1, cutoff=0.6)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                what = "meter or counter" if "meter" in targets.values() else "counter"
                self.problems.append(doc.problem(loc + (target,), f"unknown {what} '{target}'{hint}", key=True))
                continue
            compiled = self.expr(doc, loc + (target,), source, names, random)
            if compiled is not None:
                out.append((target, compiled))
        return tuple(out)


def _quote_offset(doc: YamlDoc, line: int, col: int) -> int:
    if line > len(doc.lines):
        return 0
    text = doc.lines[line - 1]
    return 1 if text[col - 1: col] in ("'", '"') else 0


def _names(scenario: models.Scenario, flags: Iterable[str]) -> Names:
    kinds: dict[str, str] = {"turn": NUMBER, "month": MONTH}
    display: dict[str, str] = {"turn": "month of play", "month": "calendar month"}
    for flag in flags:
        kinds[flag] = FLAG
    for meter in scenario.meters:
        kinds[meter.id] = NUMBER
        display[meter.id] = _en(meter.name)
    for counter in scenario.counters:
        kinds[counter.id] = NUMBER
        display[counter.id] = _en(counter.name)
    for policy in scenario.policies:
        kinds[policy.id] = POLICY
        display[policy.id] = _en(policy.name)
    options = {p.id: frozenset(o.id for o in p.options) for p in scenario.policies}
    return Names(kinds, options, display)


def _en(value: models.Text) -> str:
    return value if isinstance(value, str) else value.get("en", next(iter(value.values()), ""))


def load_content(root: Path | None = None, extra_decks: Sequence[Path] = ()) -> Content:
    """Load, validate and compile everything; raise ContentError listing every problem."""
    with gc_paused():
        return _load(Path(root) if root is not None else default_content_dir(), extra_decks)


def _load(root: Path, extra_decks: Sequence[Path]) -> Content:
    b = _Build()
    scen_doc, scenario = b.read(root / "scenario.yaml", models.Scenario)
    _, sources = b.read(root / "sources.yaml", models.Sources)
    _, glossary = b.read(root / "glossary.yaml", models.Glossary)
    neg_docs: dict[str, tuple[YamlDoc, models.Negotiation]] = {}
    for path in deck_files([root / "negotiations"]) if (root / "negotiations").is_dir() else []:
        doc, neg = b.read(path, models.Negotiation)
        if neg is not None and doc is not None:
            if neg.negotiation in neg_docs:
                b.problems.append(doc.problem(("negotiation",), f"negotiation id '{neg.negotiation}' is used twice"))
            neg_docs[neg.negotiation] = (doc, neg)

    deck_docs: list[tuple[YamlDoc, models.Deck, bool]] = []
    shipped = deck_files([root / "decks"]) if (root / "decks").is_dir() else []
    for path, is_extra in [(p, False) for p in shipped] + [(p, True) for p in deck_files(extra_decks)]:
        doc, deck = b.read(path, models.Deck)
        if deck is not None and doc is not None:
            deck_docs.append((doc, deck, is_extra))

    if scenario is None or scen_doc is None:
        raise ContentError(b.problems or [Problem(shown(root / "scenario.yaml"), 1, 1, "no scenario")])

    source_ids = {s.id for s in sources.sources} if sources else set()
    flags = set(scenario.flags)
    for _, deck, _ in deck_docs:
        for event in deck.events:
            for choice in event.choices:
                flags.update(choice.set)
                flags.update(choice.clear)
    for _, neg in neg_docs.values():
        for part in [*neg.positions, *neg.no_deal, *neg.moves.values()]:
            flags.update(part.set)
            flags.update(part.clear)
    names = _names(scenario, flags)
    meters = {m.id: m for m in scenario.meters}
    counters = {c.id: c for c in scenario.counters}
    targets = {**{m: "meter" for m in meters}, **{c: "counter" for c in counters}}

    start = month_number(scenario.calendar.start)
    end = start + scenario.calendar.turns - 1
    _check_scenario(b, scen_doc, scenario, names, targets, source_ids)
    rules = tuple(
        RuleRule(rule, _opt(b, scen_doc, ("monthly", i, "when"), rule.when, names),
                 b.effects(scen_doc, ("monthly", i, "assign"), rule.assign, names, targets, random=True),
                 b.effects(scen_doc, ("monthly", i, "effects"), rule.effects, names, targets, random=True))
        for i, rule in enumerate(scenario.monthly))
    policies = {
        p.id: PolicyRule(p, {o.id: OptionRule(
            o, _opt(b, scen_doc, ("policies", pi, "options", oi, "when"), o.when, names),
            b.effects(scen_doc, ("policies", pi, "options", oi, "monthly"), o.monthly, names, targets, random=True))
            for oi, o in enumerate(p.options)})
        for pi, p in enumerate(scenario.policies)}
    endings = {e.id: EndingRule(e, _opt(b, scen_doc, ("endings", i, "when"), e.when, names))
               for i, e in enumerate(scenario.endings)}
    cards = b.expr(scen_doc, ("draw", "cards"), scenario.draw.cards, names)
    reflections = []
    for i, r in enumerate(scenario.reflections):
        when = b.expr(scen_doc, ("reflections", i, "when"), r.when, names)
        if when is not None:
            reflections.append(ReflectionRule(r, when))
    policy_options = {p.id: {o.id for o in p.options} for p in scenario.policies}
    negotiations = {}
    for nid, (doc, neg) in neg_docs.items():
        negotiations[nid] = _negotiation(b, doc, neg, names, targets, policy_options)
        if sources is not None and neg.source is not None and neg.source.id not in source_ids:
            b.problems.append(doc.problem(("source", "id"), _unknown("source", neg.source.id, source_ids)))

    decks: dict[str, DeckRule] = {}
    events: dict[str, EventRule] = {}
    event_where: dict[str, str] = {}
    scheduled: dict[int, list[str]] = {}
    all_ids = _all_event_ids(deck_docs)  # follow-ups may point into any deck, shipped or added
    for doc, deck, is_extra in deck_docs:
        if deck.deck in decks:
            b.problems.append(doc.problem(("deck",), f"deck id '{deck.deck}' is already used by {decks[deck.deck].origin}"))
            continue
        ids = []
        for ei, event in enumerate(deck.events):
            loc: Loc = ("events", ei)
            if event.id in events:
                extra = " (a deck pack cannot replace a shipped card)" if is_extra else ""
                b.problems.append(doc.problem(loc + ("id",), f"event id '{event.id}' is already used at "
                                              f"{event_where[event.id]}{extra}"))
                continue
            line, _ = doc.where(loc + ("id",))
            event_where[event.id] = f"{doc.path}:{line}"
            if event.source.id not in source_ids and sources is not None:
                b.problems.append(doc.problem(loc + ("source", "id"), _unknown("source", event.source.id, source_ids)
                                              + " (add it to sources.yaml)"))
            at = None
            if event.at is not None:
                at = month_number(event.at)
                if not start <= at <= end:
                    b.problems.append(doc.problem(loc + ("at",), f"scheduled month {event.at} is outside the calendar "
                                                  f"({month_text(start)} to {month_text(end)}), so it can never be drawn"))
                scheduled.setdefault(at, []).append(event.id)
            choices = []
            for ci, choice in enumerate(event.choices):
                cloc = loc + ("choices", ci)
                for fi, follow in enumerate(choice.follow_ups):
                    if follow.event not in all_ids:
                        b.problems.append(doc.problem(cloc + ("follow_ups", fi, "event"),
                                                      _unknown("event", follow.event, all_ids)))
                _check_policies(b, doc, cloc, choice.policy, policy_options)
                if choice.negotiate and choice.negotiate not in neg_docs:
                    b.problems.append(doc.problem(cloc + ("negotiate",),
                                                  _unknown("negotiation", choice.negotiate, set(negotiations))))
                choices.append(ChoiceRule(
                    choice, ci, _opt(b, doc, cloc + ("when",), choice.when, names),
                    b.effects(doc, cloc + ("effects",), choice.effects, names, targets),
                    b.effects(doc, cloc + ("assign",), choice.assign, names, targets), doc.where(cloc)[0]))
            when = _opt(b, doc, loc + ("when",), event.when, names)
            weight = b.expr(doc, loc + ("weight",), event.weight, names)
            if weight is not None:
                cooldown = event.cooldown if event.cooldown is not None else scenario.draw.cooldown
                events[event.id] = EventRule(event, deck.deck, when, weight, at, tuple(choices), doc.path,
                                             event.id, event.once, cooldown, doc.where(loc)[0], ei)
                ids.append(event.id)
        weight = b.expr(doc, ("weight",), deck.weight, names)
        if weight is not None:
            decks[deck.deck] = DeckRule(deck, weight, tuple(ids), doc.path, tuple(events[i] for i in ids))

    if b.problems:
        raise ContentError(b.problems)
    assert cards is not None
    return Content(
        scenario=scenario, names=names, meters=meters, counters=counters, decks=decks, events=events,
        scheduled={k: tuple(v) for k, v in sorted(scheduled.items())}, rules=rules, policies=policies,
        endings=endings, cards=cards, sources={s.id: s for s in sources.sources} if sources else {},
        glossary=tuple(glossary.terms) if glossary else (), negotiations=negotiations,
        flags=frozenset(flags), fingerprint=b.hash.hexdigest()[:16], files=tuple(b.files),
        reflections=tuple(reflections))


def _check_policies(b: _Build, doc: YamlDoc, loc: Loc, switches: dict[str, str],
                    known: dict[str, set[str]]) -> None:
    for pid, option in switches.items():
        if pid not in known:
            b.problems.append(doc.problem(loc + ("policy", pid), _unknown("policy", pid, known), key=True))
        elif option not in known[pid]:
            b.problems.append(doc.problem(loc + ("policy", pid), _unknown(f"option of {pid}", option, known[pid])))


def _negotiation(b: _Build, doc: YamlDoc, neg: models.Negotiation, names: Names, targets: dict[str, str],
                 policy_options: dict[str, set[str]]) -> NegotiationRule:
    def outcomes(field: str) -> tuple[OutcomeRule, ...]:
        out = []
        for i, o in enumerate(getattr(neg, field)):
            loc: Loc = (field, i)
            _check_policies(b, doc, loc, o.policy, policy_options)
            out.append(OutcomeRule(o, _opt(b, doc, loc + ("when",), o.when, names),
                                   b.effects(doc, loc + ("effects",), o.effects, names, targets),
                                   b.effects(doc, loc + ("assign",), o.assign, names, targets)))
        return tuple(out)

    for value in neg.values:
        if value not in targets:
            b.problems.append(doc.problem(("values", value), _unknown("meter or counter", value, targets), key=True))
    moves = {}
    for mid, move in neg.moves.items():
        loc = ("moves", mid)
        _check_policies(b, doc, loc, move.policy, policy_options)
        moves[mid] = MoveRule(move, _opt(b, doc, loc + ("when",), move.when, names),
                              _opt(b, doc, loc + ("stance",), move.stance, names),
                              _opt(b, doc, loc + ("chance",), move.chance, names),
                              b.effects(doc, loc + ("effects",), move.effects, names, targets))
    stance = b.expr(doc, ("stance",), neg.stance, names)
    reservation = b.expr(doc, ("reservation",), neg.reservation, names)
    return NegotiationRule(neg, stance or compile_expr(0, names), reservation or compile_expr(0, names),
                           outcomes("positions"), outcomes("no_deal"), moves, doc.path)


def _all_event_ids(deck_docs: list[tuple[YamlDoc, models.Deck, bool]]) -> set[str]:
    return {e.id for _, d, _ in deck_docs for e in d.events}


def _unknown(kind: str, name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"unknown {kind} '{name}'" + (f" (did you mean '{close[0]}'?)" if close else "")


def _opt(b: _Build, doc: YamlDoc, loc: Loc, source: Any, names: Names) -> Expr | None:
    return None if source is None else b.expr(doc, loc, source, names)


def _check_scenario(b: _Build, doc: YamlDoc, s: models.Scenario, names: Names,
                    targets: dict[str, str], source_ids: set[str]) -> None:
    ending_ids = {e.id: e for e in s.endings}
    seen: set[str] = set()
    for i, meter in enumerate(s.meters):
        if meter.id in seen:
            b.problems.append(doc.problem(("meters", i, "id"), f"'{meter.id}' is defined twice"))
        seen.add(meter.id)
        if not meter.min <= meter.start <= meter.max:
            b.problems.append(doc.problem(("meters", i, "start"),
                                          f"start {meter.start} is outside {meter.min}..{meter.max}"))
        if meter.lose_at and meter.ending not in ending_ids:
            b.problems.append(doc.problem(("meters", i, "ending"),
                                          _unknown("ending", str(meter.ending), ending_ids)
                                          if meter.ending else "a meter with lose_at needs an ending"))
    for i, counter in enumerate(s.counters):
        if counter.id in seen:
            b.problems.append(doc.problem(("counters", i, "id"), f"'{counter.id}' is already a meter or counter"))
        seen.add(counter.id)
    for i, policy in enumerate(s.policies):
        if policy.id in seen:
            b.problems.append(doc.problem(("policies", i, "id"), f"'{policy.id}' is already used as a name"))
        seen.add(policy.id)
        if policy.default not in {o.id for o in policy.options}:
            b.problems.append(doc.problem(("policies", i, "default"), _unknown(
                "option", policy.default, {o.id for o in policy.options})))
    for i, ending in enumerate(s.endings):
        if source_ids and ending.source.id not in source_ids:
            b.problems.append(doc.problem(("endings", i, "source", "id"), _unknown("source", ending.source.id, source_ids)))
    if not any(e.kind == "final" for e in s.endings):
        b.problems.append(doc.problem(("endings",), "the scenario needs at least one final ending"))
    del names, targets
