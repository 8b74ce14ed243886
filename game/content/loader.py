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
    ChoiceRule, ConcessionRule, Content, DeckRule, Does, Effects, EndingRule, EventRule, InterestRule, MoveRule,
    NegotiationRule, NoDealRule, OptionRule, PolicyRule, PositionRule, ReflectionRule, RuleRule, text,
)
from game.content.expr import (
    BOOL, FLAG, MAX_NUMBER, MONTH, NUM, NUMBER, POLICY, Expr, Names, compile_expr, month_number, month_text,
)
from game.content.migrate import looks_old, migrate_negotiation
from game.content.programs import Builder
from game.content.texts import EMPTY, LiveText, TextProblem, compile_text
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
        self.builder: Builder | None = None  # change programs, once the scenario's bounds are known

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

    def read_negotiation(self, path: Path) -> tuple[YamlDoc | None, models.Negotiation | None]:
        """A negotiation file; one written in the first format is read as the current one."""
        name = shown(path)
        doc = read_yaml(path, name)
        if isinstance(doc, Problem):
            self.problems.append(doc)
            return None, None
        self.files.append(name)
        self.hash.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        if not isinstance(doc.data, dict):
            self.problems.append(doc.problem((), "the file should be a mapping of fields (key: value)"))
            return doc, None
        if "negotiation" not in doc.data:
            hint = " (this looks like a deck: pass it with --deck)" if "events" in doc.data else ""
            self.problems.append(doc.problem((), f"a negotiation file starts with `negotiation: <id>`{hint}"))
            return doc, None
        if looks_old(doc.data):
            doc.data = migrate_negotiation(doc.data)
        parsed, problems = check_model(doc, models.Negotiation)
        self.problems.extend(problems)
        return doc, parsed

    # -- texts -----------------------------------------------------------------------------
    def text(self, doc: YamlDoc, loc: Loc, value: Any, names: Names) -> LiveText:
        if value is None:
            return EMPTY
        try:
            return compile_text(value, names)
        except TextProblem as exc:
            where = loc if exc.variant is None else loc + (exc.variant, exc.field)
            self.problems.append(doc.problem(where, str(exc)))
            return EMPTY

    def does(self, doc: YamlDoc, loc: Loc, part: Any, names: Names, targets: dict[str, str],
             policy_options: dict[str, set[str]], follow_ups: tuple[tuple[str, int], ...] = ()) -> Does:
        """Effects, assignments, flags and policy switches of a choice, a deal, a concession or a move."""
        _check_policies(self, doc, loc, part.policy, policy_options)
        effects = self.effects(doc, loc + ("effects",), part.effects, names, targets)
        assign = self.effects(doc, loc + ("assign",), getattr(part, "assign", {}), names, targets)
        switches = tuple(part.policy.items())
        run = None
        if self.builder is not None and (effects or assign or part.set or part.clear or switches):
            known = {pid for pid in policy_options}
            run = self.builder.does(assign, effects, tuple(part.set), tuple(part.clear),
                                    tuple((p, o) for p, o in switches if p in known and o in policy_options[p]))
        return Does(effects, assign, tuple(part.set), tuple(part.clear), switches, follow_ups, run)

    # -- expressions -----------------------------------------------------------------------
    def expr(self, doc: YamlDoc, loc: Loc, source: Any, names: Names, random: bool = False,
             expect: str = NUM) -> Expr | None:
        key = (type(source), source, random, expect)  # the same text compiles once: decks repeat a lot
        if key in self.compiled:
            return self.compiled[key]
        try:
            self.compiled[key] = compile_expr(source, names, allow_random=random, expect=expect)
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
    characters: dict[str, models.Character] = {}
    char_files = deck_files([root / "characters"]) if (root / "characters").is_dir() else []
    for char_path in char_files:
        char_doc, chars = b.read(char_path, models.Characters)
        if chars is not None and char_doc is not None:
            for i, c in enumerate(chars.characters):
                if c.id in characters:
                    b.problems.append(char_doc.problem(("characters", i, "id"), f"character id '{c.id}' is used twice"))
                clash = next((o for o in characters.values() if o.name == c.name), None)
                if clash is not None:
                    b.problems.append(char_doc.problem(("characters", i, "name"), f"'{c.name}' is already the name of "
                                                       f"'{clash.id}'; give each person a name of their own"))
                characters[c.id] = c
    shared_moves: dict[str, models.TalkMove] = {}
    moves_doc: YamlDoc | None = None
    neg_docs: dict[str, tuple[YamlDoc, models.Negotiation]] = {}
    for path in deck_files([root / "negotiations"]) if (root / "negotiations").is_dir() else []:
        if path.stem == "moves":
            moves_doc, moves = b.read(path, models.Moves)
            if moves is not None:
                shared_moves = dict(moves.moves)
            continue
        doc, neg = b.read_negotiation(path)
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
        for part in [*neg.positions, *neg.no_deal, *neg.moves.values(), *neg.concessions]:
            flags.update(part.set)
            flags.update(part.clear)
    for move in shared_moves.values():
        flags.update(move.set)
        flags.update(move.clear)
    names = _names(scenario, flags)
    card_names = Names({**names.kinds, "times_seen": NUMBER}, names.policy_options,
                       {**names.display, "times_seen": "times this card was seen"})
    meters = {m.id: m for m in scenario.meters}
    counters = {c.id: c for c in scenario.counters}
    targets = {**{m: "meter" for m in meters}, **{c: "counter" for c in counters}}
    bounds = {m.id: (m.min, m.max) for m in scenario.meters}
    bounds.update({c.id: (c.min, c.max if c.max is not None else MAX_NUMBER) for c in scenario.counters})
    b.builder = Builder(bounds)
    voices = {v.id for v in scenario.voices}
    for cid, c in characters.items():
        if c.voice is not None and voices and c.voice not in voices:
            b.problems.append(Problem(shown(root / "characters"), 1, 1,
                                      f"character '{cid}': {_unknown('voice', c.voice, voices)}"))

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
    endings = {e.id: EndingRule(e, _opt(b, scen_doc, ("endings", i, "when"), e.when, names),
                                b.text(scen_doc, ("endings", i, "text"), e.text, names),
                                b.text(scen_doc, ("endings", i, "epilogue"), e.epilogue, names))
               for i, e in enumerate(scenario.endings)}
    cards = b.expr(scen_doc, ("draw", "cards"), scenario.draw.cards, names)
    spared = {}
    for i, m in enumerate(scenario.meters):
        if m.lose_unless is not None:
            cond = b.expr(scen_doc, ("meters", i, "lose_unless"), m.lose_unless, names, expect=BOOL)
            if cond is not None:
                spared[m.id] = cond
    reflections = []
    for i, r in enumerate(scenario.reflections):
        when = b.expr(scen_doc, ("reflections", i, "when"), r.when, names, expect=BOOL)
        if when is not None:
            reflections.append(ReflectionRule(r, when, b.text(scen_doc, ("reflections", i, "prompt"), r.prompt, names)))
    for i, fact in enumerate(scenario.facts):
        if fact.source is not None and source_ids and fact.source.id not in source_ids:
            b.problems.append(scen_doc.problem(("facts", i, "source", "id"), _unknown("source", fact.source.id, source_ids)))
    policy_options = {p.id: {o.id for o in p.options} for p in scenario.policies}
    shared = {mid: _move(b, moves_doc, mid, m, names, targets, policy_options)
              for mid, m in shared_moves.items()} if moves_doc is not None else {}
    negotiations = {}
    for nid, (doc, neg) in neg_docs.items():
        negotiations[nid] = _negotiation(b, doc, neg, names, targets, policy_options, shared)
        if sources is not None and neg.source is not None and neg.source.id not in source_ids:
            b.problems.append(doc.problem(("source", "id"), _unknown("source", neg.source.id, source_ids)))

    decks: dict[str, DeckRule] = {}
    events: dict[str, EventRule] = {}
    event_where: dict[str, str] = {}
    scheduled: dict[int, list[str]] = {}
    all_ids = _all_event_ids(deck_docs)  # follow-ups may point into any deck, shipped or added
    shipped_ids = {e.id for _, d, extra in deck_docs if not extra for e in d.events}
    for doc, deck, is_extra in deck_docs:
        if deck.deck in decks:
            b.problems.append(doc.problem(("deck",), f"deck id '{deck.deck}' is already used by {decks[deck.deck].origin}"))
            continue
        ids = []
        for ei, event in enumerate(deck.events):
            loc: Loc = ("events", ei)
            if event.id in events:
                extra = " (a deck pack cannot replace a shipped card)" if is_extra and event.id in shipped_ids else ""
                b.problems.append(doc.problem(loc + ("id",), f"event id '{event.id}' is already used at "
                                              f"{event_where[event.id]}{extra}"))
                continue
            line, _ = doc.where(loc + ("id",))
            event_where[event.id] = f"{doc.path}:{line}"
            if event.source.id not in source_ids and sources is not None:
                b.problems.append(doc.problem(loc + ("source", "id"), _unknown("source", event.source.id, source_ids)
                                              + " (add it to sources.yaml)"))
            voice = event.voice
            character = characters.get(event.character) if event.character else None
            if event.character and character is None:
                b.problems.append(doc.problem(loc + ("character",), _unknown("character", event.character, characters)
                                              + " (add it to a file in characters/)"))
            if voice is None and character is not None:
                voice = character.voice
            if event.voice is not None and voices and event.voice not in voices:
                b.problems.append(doc.problem(loc + ("voice",), _unknown("voice", event.voice, voices)))
            if event.actor is None and event.character is None:
                b.problems.append(doc.problem(loc, "a card needs an `actor` (who brings it) or a `character`"))
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
                if choice.negotiate and choice.negotiate not in neg_docs:
                    b.problems.append(doc.problem(cloc + ("negotiate",),
                                                  _unknown("negotiation", choice.negotiate, set(negotiations))))
                does = b.does(doc, cloc, choice, names, targets, policy_options,
                              tuple((f.event, f.after) for f in choice.follow_ups))
                choices.append(ChoiceRule(
                    choice, ci, _opt(b, doc, cloc + ("when",), choice.when, names), does,
                    b.text(doc, cloc + ("label",), choice.label, card_names),
                    b.text(doc, cloc + ("outcome",), choice.outcome, card_names),
                    b.text(doc, cloc + ("locked",), choice.locked, card_names), doc.where(cloc)[0],
                    choice.historical, choice.negotiate))
            when = _opt(b, doc, loc + ("when",), event.when, names)
            weight = b.expr(doc, loc + ("weight",), event.weight, names)
            actor: Any = event.actor
            if actor is None and character is not None:
                actor = _character_line(character)
            if weight is not None:
                cooldown = event.cooldown if event.cooldown is not None else scenario.draw.cooldown
                events[event.id] = EventRule(
                    event, event.id, deck.deck, when, weight, at, tuple(choices), doc.path,
                    b.text(doc, loc + ("title",), event.title, card_names),
                    b.text(doc, loc + ("actor",), actor, card_names),
                    b.text(doc, loc + ("text",), event.text, card_names),
                    voice, event.once, cooldown, doc.where(loc)[0], ei)
                ids.append(event.id)
        weight = b.expr(doc, ("weight",), deck.weight, names)
        if weight is not None:
            decks[deck.deck] = DeckRule(deck, weight, tuple(ids), doc.path, tuple(events[i] for i in ids))

    if b.problems:
        raise ContentError(b.problems)
    assert cards is not None
    month_parts = ([(pid, [(oid, o.monthly) for oid, o in rule.options.items()]) for pid, rule in policies.items()],
                   [(r.model.id, r.when, r.assign, r.effects) for r in rules], "policy_effect", "rule")
    month = b.builder.month(*month_parts)
    month_lean = Builder(bounds, record=False).month(*month_parts)
    labels = {(p.id, o.id): text(o.label) for p in scenario.policies for o in p.options}
    start_values: dict[str, object] = {m.id: m.start for m in scenario.meters}
    start_values.update({c.id: c.start for c in scenario.counters})
    start_values.update({p.id: p.default for p in scenario.policies})
    start_values.update({"turn": 1, "month": start})
    return Content(
        scenario=scenario, names=names, meters=meters, counters=counters, decks=decks, events=events,
        scheduled={k: tuple(v) for k, v in sorted(scheduled.items())}, rules=rules, policies=policies,
        endings=endings, cards=cards, sources={s.id: s for s in sources.sources} if sources else {},
        glossary=tuple(glossary.terms) if glossary else (), negotiations=negotiations,
        flags=frozenset(flags), fingerprint=b.hash.hexdigest()[:16], files=tuple(b.files),
        reflections=tuple(reflections), characters=characters, bounds=bounds, labels=labels,
        start_values=start_values, spared=spared, month=month, month_lean=month_lean)


def _character_line(c: models.Character) -> Any:
    if isinstance(c.role, str):
        return f"{c.name}, {c.role}"
    return {lang: f"{c.name}, {role}" for lang, role in c.role.items()}


def _check_policies(b: _Build, doc: YamlDoc, loc: Loc, switches: dict[str, str],
                    known: dict[str, set[str]]) -> None:
    for pid, option in switches.items():
        if pid not in known:
            b.problems.append(doc.problem(loc + ("policy", pid), _unknown("policy", pid, known), key=True))
        elif option not in known[pid]:
            b.problems.append(doc.problem(loc + ("policy", pid), _unknown(f"option of {pid}", option, known[pid])))


_REQUIRED_REPLIES = ("opening", "warmer", "cooler", "counter", "accept", "refuse", "impatient", "walkout")


def _move(b: _Build, doc: YamlDoc, mid: str, move: models.TalkMove, names: Names, targets: dict[str, str],
          policy_options: dict[str, set[str]]) -> MoveRule:
    loc: Loc = ("moves", mid)
    standing = b.expr(doc, loc + ("standing",), move.standing, names)
    fails = b.expr(doc, loc + ("standing_if_fails",), move.standing_if_fails, names)
    return MoveRule(mid, move, _opt(b, doc, loc + ("when",), move.when, names), standing or compile_expr(0, names),
                    _opt(b, doc, loc + ("chance",), move.chance, names, NUM), fails or compile_expr(0, names),
                    b.does(doc, loc, move, names, targets, policy_options), b.text(doc, loc + ("says",), move.says, names))


def _negotiation(b: _Build, doc: YamlDoc, neg: models.Negotiation, names: Names, targets: dict[str, str],
                 policy_options: dict[str, set[str]], shared: dict[str, MoveRule]) -> NegotiationRule:
    positions = []
    for i, p in enumerate(neg.positions):
        loc: Loc = ("positions", i)
        positions.append(PositionRule(p, i, _opt(b, doc, loc + ("holds",), p.holds, names),
                                      b.does(doc, loc, p, names, targets, policy_options),
                                      b.text(doc, loc + ("text",), p.text, names)))
    concessions = []
    for i, c in enumerate(neg.concessions):
        loc = ("concessions", i)
        concessions.append(ConcessionRule(c, _opt(b, doc, loc + ("when",), c.when, names),
                                          b.does(doc, loc, c, names, targets, policy_options)))
    no_deal = []
    for i, o in enumerate(neg.no_deal):
        loc = ("no_deal", i)
        no_deal.append(NoDealRule(o, _opt(b, doc, loc + ("when",), o.when, names),
                                  b.does(doc, loc, o, names, targets, policy_options),
                                  b.text(doc, loc + ("text",), o.text, names)))
    interests = []
    for i, it in enumerate(neg.interests):
        value = b.expr(doc, ("interests", i, "value"), it.value, names)
        if value is not None:
            interests.append(InterestRule(it, value))
    moves: dict[str, MoveRule] = {}
    if "all" not in neg.drop_moves:
        moves = {mid: m for mid, m in shared.items() if mid not in neg.drop_moves}
    for mid in neg.drop_moves:
        if mid != "all" and mid not in shared:
            b.problems.append(doc.problem(("drop_moves",), _unknown("shared move", mid, shared)))
    for mid, m in neg.moves.items():
        moves[mid] = _move(b, doc, mid, m, names, targets, policy_options)
    for situation in _REQUIRED_REPLIES:
        if situation not in neg.replies:
            b.problems.append(doc.problem(("replies",), f"replies: missing the pool '{situation}' (lines the "
                                          f"counterpart says when {_SITUATIONS[situation]})", key=True))
    replies = {k: tuple(b.text(doc, ("replies", k, i), line, names) for i, line in enumerate(pool))
               for k, pool in neg.replies.items()}
    stance = b.expr(doc, ("stance",), neg.stance, names)
    reservation = b.expr(doc, ("reservation",), neg.reservation, names)
    return NegotiationRule(
        neg, neg.negotiation, b.text(doc, ("counterpart",), neg.counterpart, names),
        b.text(doc, ("summary",), neg.summary, names), b.text(doc, ("brief",), neg.brief, names),
        _opt(b, doc, ("opens",), neg.opens, names), stance or compile_expr(0, names), tuple(interests),
        reservation or compile_expr(0, names), tuple(positions), tuple(concessions), moves, tuple(no_deal), replies,
        doc.path)


_SITUATIONS = {
    "opening": "the talks open", "warmer": "a move lands well", "cooler": "a move lands badly",
    "counter": "they make a counter-offer", "accept": "they accept", "refuse": "they turn a proposal down flat",
    "impatient": "they run out of patience", "walkout": "you walk away",
}


def _all_event_ids(deck_docs: list[tuple[YamlDoc, models.Deck, bool]]) -> set[str]:
    return {e.id for _, d, _ in deck_docs for e in d.events}


def _unknown(kind: str, name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"unknown {kind} '{name}'" + (f" (did you mean '{close[0]}'?)" if close else "")


def _opt(b: _Build, doc: YamlDoc, loc: Loc, source: Any, names: Names, expect: str = BOOL) -> Expr | None:
    return None if source is None else b.expr(doc, loc, source, names, expect=expect)


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
        high = counter.max if counter.max is not None else MAX_NUMBER
        if not counter.min <= counter.start <= high:
            b.problems.append(doc.problem(("counters", i, "start"), f"start {counter.start} is outside "
                                          f"{counter.min}..{high}"))
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
    if sum(e.historical for e in s.endings) > 1:
        b.problems.append(doc.problem(("endings",), "only one ending can be marked historical"))
    del names, targets
