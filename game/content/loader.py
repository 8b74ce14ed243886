"""Load the content folder (and packs) into compiled, cross-checked `Content`.

Files are read and validated by `game.packs` (a pack file says what it is by its top-level key);
here they are merged, every name and reference is checked, and expressions, texts and change programs
are compiled. All problems in all files are collected and raised together as one ContentError, so an
author sees every mistake in one run (a file with schema errors is still cross-checked as far as it
is valid); nothing is half-loaded.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from game.content import models
from game.content.compiled import (
    ChoiceRule,
    ConcessionRule,
    Content,
    DeckRule,
    Does,
    Effects,
    EndingRule,
    EventRule,
    InterestRule,
    MoveRule,
    NegotiationRule,
    NoDealRule,
    OptionRule,
    PolicyRule,
    PositionRule,
    ReflectionRule,
    RuleRule,
)
from game.content.deferred import Deferred, does_program, lean_does_program, month_program
from game.content.expr import (
    BOOL,
    FLAG,
    MAX_NUMBER,
    MONTH,
    NUM,
    NUMBER,
    POLICY,
    Expr,
    Names,
    compile_expr,
    month_number,
    month_text,
)
from game.content.paths import default_content_dir
from game.content.programs import Builder
from game.content.records import text_in
from game.content.roleload import check_acted, compile_openings, compile_roles, opening_flags, role_texts
from game.content.texts import EMPTY, LiveText, TextProblem, compile_text
from game.content.validate import GAP
from game.content.yamlsafe import Loc, ReadElsewhere, YamlDoc, gc_paused
from game.errors import ContentError, ExpressionError, Problem
from game.packs import Part, Reader, pack_files, read_all, shown, solo_folder, solo_roles

M = TypeVar("M", bound=BaseModel)

MAX_TEXT_CHARS = 4000  # one player-facing text; the screen shows about 600 (validate warns past that)


def deck_files(paths: Iterable[Path]) -> list[Path]:
    """Expand files and pack folders into the YAML files they hold (see `game.packs.pack_files`)."""
    return pack_files(paths)


def items(seq: Iterable[Any]) -> list[tuple[int, Any]]:
    """(index, item) for the items of a list that are there: a file with errors has GAPs where items failed."""
    return [(i, x) for i, x in enumerate(seq) if x is not GAP]


class _Build:
    """One load: reads files, validates, compiles, cross-checks; collects problems as it goes."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.compiled: dict[tuple[Any, ...], Expr] = {}
        # (text, id of its names) -> (the names, held so that the id stays theirs; the compiled text)
        self.texts: dict[tuple[str, int], tuple[Names, LiveText]] = {}
        self.builder: Builder | None = None  # change programs, once the scenario's bounds are known

    # -- texts -----------------------------------------------------------------------------
    def text(self, doc: YamlDoc, loc: Loc, value: Any, names: Names) -> LiveText:
        if value is None:
            return EMPTY
        if isinstance(value, str) and len(value) <= MAX_TEXT_CHARS:  # the same text compiles once, like `expr`
            key = (value, id(names))
            found = self.texts.get(key)
            if found is None:
                try:
                    found = self.texts[key] = (names, compile_text(value, names))
                except TextProblem as exc:  # not kept: each place that has it reports it
                    self.problems.append(doc.problem(loc, str(exc)))
                    return EMPTY
            return found[1]
        longest = value if isinstance(value, str) else max(_strings(value), key=len, default="")
        if len(longest) > MAX_TEXT_CHARS:
            self.problems.append(doc.problem(loc, f"this text is {len(longest):,} characters; the limit is "
                                             f"{MAX_TEXT_CHARS:,} (a screen shows about 600): shorten or split it"))
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
        if part.policy:
            _check_policies(self, doc, loc, part.policy, policy_options)
        effects = self.effects(doc, loc + ("effects",), part.effects, names, targets) if part.effects else ()
        assigned = getattr(part, "assign", None)
        assign = self.effects(doc, loc + ("assign",), assigned, names, targets) if assigned else ()
        switches = tuple(part.policy.items())
        flags_set, flags_cleared = tuple(part.set), tuple(part.clear)
        does = Does(effects, assign, flags_set, flags_cleared, switches, follow_ups)
        builder = self.builder
        if builder is not None and (effects or assign or flags_set or flags_cleared or switches):
            valid = tuple((p, o) for p, o in switches if p in policy_options and o in policy_options[p])
            parts = (builder.bounds, assign, effects, flags_set, flags_cleared, valid)
            object.__setattr__(does, "run", Deferred(does, "run", functools.partial(does_program, *parts)))
            object.__setattr__(does, "lean", Deferred(does, "lean", functools.partial(lean_does_program, *parts)))
        return does

    # -- expressions -----------------------------------------------------------------------
    def expr(self, doc: YamlDoc, loc: Loc, source: Any, names: Names, random: bool = False,
             expect: str = NUM) -> Expr | None:
        # The same text compiles once (decks repeat a lot), for one set of names: `times_seen`, say, is a name
        # on cards only.
        key = (type(source), source, random, expect, id(names))
        found = self.compiled.get(key)
        if found is not None:
            return found
        try:
            self.compiled[key] = compile_expr(source, names, allow_random=random, expect=expect)
            return self.compiled[key]
        except ExpressionError as exc:
            line, col = doc.where(loc)
            self.problems.append(Problem(doc.path, line, col + _quote_offset(doc, line, col) + exc.column,
                                         str(exc) + _option_hint(str(exc), names)))
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


def _option_hint(message: str, names: Names) -> str:
    """For `enforcement == strict`: the unknown name is a policy option, which is text and needs quotes."""
    if not message.startswith("unknown name '"):
        return ""
    name = message.split("'", 2)[1]
    owners = [p for p, options in names.policy_options.items() if name in options]
    return f" (an option is text: write {owners[0]} == \"{name}\")" if owners else ""


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


def load_content(root: Path | None = None, extra_decks: Sequence[Path] = (),
                 docs: dict[str, YamlDoc] | None = None, solo: str | None = None) -> Content:
    """Load, validate and compile everything; raise ContentError listing every problem. Each file's parsed
    document is put in `docs` (by the path problems name), for tools that then look up positions. With `solo`,
    the solo game of that role (content/roles/<role>/) instead of the bureau's."""
    with gc_paused():
        content, problems = _load(Path(root) if root is not None else default_content_dir(), extra_decks, docs, solo)
    if problems or content is None:
        raise ContentError(problems)
    return content


def load_partial(root: Path | None = None, extra_decks: Sequence[Path] = (),
                 docs: dict[str, YamlDoc] | None = None, solo: str | None = None,
                 elsewhere: ReadElsewhere | None = None) -> tuple[Content | None, list[Problem]]:
    """For author tools: the content as far as it can be built, and every problem. With problems, the content
    leaves out what had errors (never play it); None only when the scenario itself cannot be read. `elsewhere`
    has files already parsed on another core (see `game.authoring.ahead`)."""
    with gc_paused():
        try:
            return _load(Path(root) if root is not None else default_content_dir(), extra_decks, docs, solo,
                         elsewhere)
        except ContentError as exc:
            return None, exc.problems


def _load(root: Path, extra_decks: Sequence[Path], docs: dict[str, YamlDoc] | None = None,
          solo: str | None = None, elsewhere: ReadElsewhere | None = None) -> tuple[Content | None, list[Problem]]:
    b = _Build()
    if solo is not None and not (solo_folder(root, solo) / "scenario.yaml").is_file():
        have = ", ".join(solo_roles(root)) or "none"
        raise ContentError([Problem(shown(solo_folder(root, solo) / "scenario.yaml"), 1, 1, f"there is no solo game "
                                    f"for the role '{solo}' (roles with one: {have})")])
    reader = Reader(b.problems, docs, elsewhere)
    parts = read_all(reader, root, extra_decks, solo)
    by_kind: dict[str, list[Part]] = {}
    for part in parts:
        if part.model is not None:
            by_kind.setdefault(part.kind.name, []).append(part)
    scen = next((p for p in by_kind.get("scenario", []) if p.pack is None), None)
    if scen is None or not scen.ok:
        where = root if solo is None else solo_folder(root, solo)
        raise ContentError(b.problems or [Problem(shown(where / "scenario.yaml"), 1, 1, "no scenario")])
    scen_doc, scenario = scen.doc, scen.model
    ids = _Ids(b)

    sources: dict[str, models.SourceEntry] = {}
    for part in by_kind.get("sources file", []):
        for i, entry in items(part.model.sources):
            if ids.claim("source", entry.id, part, ("sources", i, "id")):
                sources[entry.id] = entry
    glossary: list[models.Term] = []
    for part in by_kind.get("glossary", []):
        for i, term in items(part.model.terms):
            if ids.claim("glossary term", term.id, part, ("terms", i, "id")):
                glossary.append(term)
    characters = _characters(b, ids, by_kind.get("characters file", []), {v.id for v in scenario.voices})
    moves_parts = by_kind.get("moves file", [])
    neg_parts = [p for p in by_kind.get("negotiation", []) if ids.claim("negotiation", p.model.negotiation, p,
                                                                         ("negotiation",))]
    deck_parts = [p for p in by_kind.get("deck", []) if ids.claim("deck", p.model.deck, p, ("deck",))]
    role_parts = by_kind.get("role", [])

    raw = _RawNames(parts)  # names in files with errors still count, so one mistake does not cause others
    role_ids = raw.roles
    flags = set(scenario.flags) | raw.flags
    for part in deck_parts:
        for _, event in items(part.model.events):
            for _, choice in items(event.choices):
                flags.update(choice.set)
                flags.update(choice.clear)
            flags.update(opening_flags(event))
    for part in neg_parts:
        neg = part.model
        for _, thing in items([*neg.positions, *neg.no_deal, *neg.moves.values(), *neg.concessions]):
            flags.update(thing.set)
            flags.update(thing.clear)
    for part in moves_parts:
        for move in part.model.moves.values():
            if move is not GAP:
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
    source_ids = set(sources)

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
            b.problems.append(scen_doc.problem(("facts", i, "source", "id"),
                                               _unknown("source", fact.source.id, source_ids)))
    for part in by_kind.get("glossary", []):
        for i, term in items(part.model.terms):
            if term.source is not None and term.source.id not in source_ids:
                b.problems.append(part.doc.problem(("terms", i, "source", "id"),
                                                   _unknown("source", term.source.id, source_ids)))
    policy_options = {p.id: {o.id for o in p.options} for p in scenario.policies}
    shared = _shared_moves(b, ids, moves_parts, names, targets, policy_options)
    negotiations = {}
    neg_ids = {p.model.negotiation for p in neg_parts} | raw.negotiations
    for part in neg_parts:
        doc, neg = part.doc, part.model
        negotiations[neg.negotiation] = _negotiation(b, doc, neg, names, targets, policy_options,
                                                     shared.get(part.pack, shared[None]))
        if neg.source is not None and neg.source.id not in source_ids:
            b.problems.append(doc.problem(("source", "id"), _unknown("source", neg.source.id, source_ids)))

    decks: dict[str, DeckRule] = {}
    events: dict[str, EventRule] = {}
    scheduled: dict[int, list[str]] = {}
    all_ids = raw.events  # follow-ups may point into any deck, shipped or added
    voices = {v.id for v in scenario.voices}
    for part in deck_parts:
        doc, deck = part.doc, part.model
        event_ids = []
        for ei, event in items(deck.events):
            loc: Loc = ("events", ei)
            if not ids.claim("event", event.id, part, loc + ("id",), "card"):
                continue
            if event.source.id not in source_ids:
                b.problems.append(doc.problem(loc + ("source", "id"), _unknown("source", event.source.id, source_ids)
                                              + " (add it to sources.yaml, or to a sources file in your pack)"))
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
            check_acted(b, doc, loc, event, role_ids)
            at = None
            if event.at is not None:
                at = month_number(event.at)
                if not start <= at <= end:
                    b.problems.append(doc.problem(loc + ("at",), f"scheduled month {event.at} is outside the "
                                                  f"calendar ({month_text(start)} to {month_text(end)}), so it can "
                                                  "never be drawn"))
                scheduled.setdefault(at, []).append(event.id)
            choice_line = _LinesUnder(doc, loc, "choices")
            choices = []
            for ci, choice in items(event.choices):
                cloc = loc + ("choices", ci)
                for fi, follow in items(choice.follow_ups):
                    if follow.event not in all_ids:
                        b.problems.append(doc.problem(cloc + ("follow_ups", fi, "event"),
                                                      _unknown("event", follow.event, all_ids)))
                if choice.negotiate and choice.negotiate not in neg_ids:
                    b.problems.append(doc.problem(cloc + ("negotiate",),
                                                  _unknown("negotiation", choice.negotiate, neg_ids)))
                does = b.does(doc, cloc, choice, names, targets, policy_options,
                              tuple((f.event, f.after) for _, f in items(choice.follow_ups)))
                choices.append(ChoiceRule(
                    choice, ci, _opt(b, doc, cloc + ("when",), choice.when, names), does,
                    b.text(doc, cloc + ("label",), choice.label, card_names),
                    EMPTY if choice.outcome is None else b.text(doc, cloc + ("outcome",), choice.outcome, card_names),
                    EMPTY if choice.locked is None else b.text(doc, cloc + ("locked",), choice.locked, card_names),
                    choice_line(ci),
                    choice.historical, choice.negotiate))
            when = _opt(b, doc, loc + ("when",), event.when, names)
            weight = b.expr(doc, loc + ("weight",), event.weight, names)
            actor: Any = event.actor
            if actor is None and character is not None:
                actor = _character_line(character)
            openings = compile_openings(b, doc, loc, event, names, card_names, targets)
            role_text, line_prompt = role_texts(b, doc, loc, event, card_names)
            if weight is not None:
                cooldown = event.cooldown if event.cooldown is not None else scenario.draw.cooldown
                events[event.id] = EventRule(
                    event, event.id, deck.deck, when, weight, at, tuple(choices), doc.path,
                    b.text(doc, loc + ("title",), event.title, card_names),
                    b.text(doc, loc + ("actor",), actor, card_names),
                    b.text(doc, loc + ("text",), event.text, card_names),
                    voice, event.once, cooldown, choice_line.line, ei, event.acted_by, openings, role_text,
                    line_prompt)
                event_ids.append(event.id)
        weight = b.expr(doc, ("weight",), deck.weight, names)
        if weight is not None:
            decks[deck.deck] = DeckRule(deck, weight, tuple(event_ids), doc.path,
                                        tuple(events[i] for i in event_ids))

    roles, talks_role = compile_roles(b, ids, role_parts, names, events, neg_ids, set(characters), voices,
                                      source_ids)
    labels = {(p.id, o.id): o.label for p in scenario.policies for o in p.options}
    start_values: dict[str, object] = {m.id: m.start for m in scenario.meters}
    start_values.update({c.id: c.start for c in scenario.counters})
    start_values.update({p.id: p.default for p in scenario.policies})
    start_values.update({"turn": 1, "month": start})
    content = Content(
        scenario=scenario, names=names, meters=meters, counters=counters, decks=decks, events=events,
        scheduled={k: tuple(v) for k, v in sorted(scheduled.items())}, rules=rules, policies=policies,
        endings=endings, cards=cards or compile_expr(1, names), sources=sources, glossary=tuple(glossary),
        negotiations=negotiations,
        flags=frozenset(flags), fingerprint=reader.hash.hexdigest()[:16], files=tuple(reader.files),
        reflections=tuple(reflections), characters=characters, bounds=bounds, labels=labels,
        start_values=start_values, spared=spared, roles=roles, talks_role=talks_role, solo=solo)
    month_parts = ([(pid, [(oid, o.monthly) for oid, o in rule.options.items()]) for pid, rule in policies.items()],
                   [(r.model.id, r.when, r.assign, r.effects) for r in rules], "policy_effect", "rule")
    object.__setattr__(content, "month", Deferred(content, "month", functools.partial(
        month_program, bounds, True, *month_parts)))
    object.__setattr__(content, "month_lean", Deferred(content, "month_lean", functools.partial(
        month_program, bounds, False, *month_parts)))
    return content, _without_echoes(b.problems, reader.syntax)


def _without_echoes(problems: list[Problem], syntax: list[Problem]) -> list[Problem]:
    """Every problem, sorted, but not those a mended syntax error caused on its own line (an unclosed `[` is
    one mistake, not also "wrong type (a list)")."""
    errors = {id(p) for p in syntax}
    lines = {(p.path, p.line) for p in syntax}
    return sorted(p for p in problems if id(p) in errors or (p.path, p.line) not in lines)


class _LinesUnder:
    """The line of the value at `loc` (`.line`), and called with an index, the line of that item of its list
    `key`: what `doc.where(...)[0]` gives, found in one walk for a card and all its choices."""

    def __init__(self, doc: YamlDoc, loc: Loc, key: str) -> None:
        self.doc, self.loc, self.key = doc, loc, key
        here, _, found = doc.node(loc)
        self.line = here[-4] if found and here is not None else doc.where(loc)[0]
        inner = here[-1].get(key) if found and here is not None and isinstance(here[-1], dict) else None
        self.places: list[Any] = inner[-1] if inner is not None and isinstance(inner[-1], list) else []

    def __call__(self, index: int) -> int:
        if 0 <= index < len(self.places):
            line: int = self.places[index][-4]
            return line
        return self.doc.where(self.loc + (self.key, index))[0]


class _Ids:
    """Ids already taken, and where: a second use is an error that says where the first is."""

    def __init__(self, b: _Build) -> None:
        self.b = b
        self.seen: dict[tuple[str, str], tuple[Part, Loc]] = {}

    def claim(self, what: str, name: str, part: Part, loc: Loc, thing: str = "") -> bool:
        key = (what, name)
        if key in self.seen:
            first, first_loc = self.seen[key]
            where = f"{first.doc.path}:{first.doc.where(first_loc)[0]}"
            if first.pack is None and part.pack is not None:
                extra = f" (a pack cannot replace a shipped {thing or what}; give yours an id of its own)"
                self.b.problems.append(part.doc.problem(loc, f"{what} id '{name}' is already used at {where}{extra}"))
            else:
                self.b.problems.append(part.doc.problem(loc, f"{what} id '{name}' is used twice: also at {where}"))
            return False
        self.seen[key] = (part, loc)
        return True


class _RawNames:
    """Names as written in every file, even one with errors: card ids, negotiation ids and flags."""

    def __init__(self, parts: list[Part]) -> None:
        self.events: set[str] = set()
        self.negotiations: set[str] = set()
        self.roles: set[str] = set()
        self.flags: set[str] = set()
        for part in parts:
            data = part.doc.data
            if part.kind.name == "deck":
                for event in data.get("events") or []:
                    if isinstance(event, dict) and isinstance(event.get("id"), str):
                        self.events.add(event["id"])
            elif part.kind.name == "negotiation" and isinstance(data.get("negotiation"), str):
                self.negotiations.add(data["negotiation"])
            elif part.kind.name == "role" and isinstance(data.get("role"), str):
                self.roles.add(data["role"])
            if not part.ok:
                self._flags(data)

    def _flags(self, node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("set", "clear") and isinstance(value, list):
                    self.flags.update(v for v in value if isinstance(v, str) and v.isidentifier())
                else:
                    self._flags(value)
        elif isinstance(node, list):
            for value in node:
                self._flags(value)


def _characters(b: _Build, ids: _Ids, parts: list[Part], voices: set[str]) -> dict[str, models.Character]:
    characters: dict[str, models.Character] = {}
    names: dict[str, str] = {}
    for part in parts:
        for i, c in items(part.model.characters):
            if not ids.claim("character", c.id, part, ("characters", i, "id")):
                continue
            name = _en(c.name)
            if name in names:
                b.problems.append(part.doc.problem(("characters", i, "name"), f"'{name}' is already the name of "
                                                   f"'{names[name]}'; give each person a name of their own"))
            if c.voice is not None and voices and c.voice not in voices:
                b.problems.append(part.doc.problem(("characters", i, "voice"), _unknown("voice", c.voice, voices)))
            names[name] = c.id
            characters[c.id] = c
    return characters


def _shared_moves(b: _Build, ids: _Ids, parts: list[Part], names: Names, targets: dict[str, str],
                  policy_options: dict[str, set[str]]) -> dict[str | None, dict[str, MoveRule]]:
    """Shared talk moves: the shipped ones (key None), and for each pack the shipped ones plus its own
    (a pack's moves are offered in that pack's negotiations only)."""
    out: dict[str | None, dict[str, MoveRule]] = {None: {}}
    for part in sorted(parts, key=lambda p: p.pack is not None):
        pool = out.setdefault(part.pack, dict(out[None]))
        for mid, move in part.model.moves.items():
            if move is not GAP and ids.claim("move", mid, part, ("moves", mid), "move"):
                pool[mid] = _move(b, part.doc, mid, move, names, targets, policy_options)
    return out


def _strings(value: Any) -> Iterator[str]:
    """Every string of a player-facing text: a string, a map of languages, or a list of variants."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        yield from (v for v in value.values() if isinstance(v, str))
    elif isinstance(value, (list, tuple)):
        for variant in value:
            yield from _strings(getattr(variant, "text", None))


def _character_line(c: models.Character) -> Any:
    if isinstance(c.role, str) and isinstance(c.name, str):
        return f"{c.name}, {c.role}"
    langs = {"en"} | (set(c.role) if isinstance(c.role, dict) else set()) | (set(c.name) if isinstance(c.name, dict)
                                                                            else set())
    from game.i18n import gettext_in

    # TRANSLATORS: a recurring character on a card: their name, then their role ("Wen Shuhua, director of …").
    return {lang: gettext_in(lang, "{name}, {role}").format(name=text_in(c.name, lang),
                                                            role=text_in(c.role, lang))
            for lang in sorted(langs)}


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
                    b.does(doc, loc, move, names, targets, policy_options),
                    b.text(doc, loc + ("says",), move.says, names))


def _negotiation(b: _Build, doc: YamlDoc, neg: models.Negotiation, names: Names, targets: dict[str, str],
                 policy_options: dict[str, set[str]], shared: dict[str, MoveRule]) -> NegotiationRule:
    positions = []
    for i, p in items(neg.positions):
        loc: Loc = ("positions", i)
        positions.append(PositionRule(p, i, _opt(b, doc, loc + ("holds",), p.holds, names),
                                      b.does(doc, loc, p, names, targets, policy_options),
                                      b.text(doc, loc + ("text",), p.text, names)))
    concessions = []
    for i, c in items(neg.concessions):
        loc = ("concessions", i)
        concessions.append(ConcessionRule(c, _opt(b, doc, loc + ("when",), c.when, names),
                                          b.does(doc, loc, c, names, targets, policy_options)))
    no_deal = []
    for i, o in items(neg.no_deal):
        loc = ("no_deal", i)
        no_deal.append(NoDealRule(o, _opt(b, doc, loc + ("when",), o.when, names),
                                  b.does(doc, loc, o, names, targets, policy_options),
                                  b.text(doc, loc + ("text",), o.text, names)))
    interests = []
    for i, it in items(neg.interests):
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
        if m is GAP:
            continue
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
            b.problems.append(doc.problem(("endings", i, "source", "id"),
                                          _unknown("source", ending.source.id, source_ids)))
    if not any(e.kind == "final" for e in s.endings):
        b.problems.append(doc.problem(("endings",), "the scenario needs at least one final ending"))
    if sum(e.historical for e in s.endings) > 1:
        b.problems.append(doc.problem(("endings",), "only one ending can be marked historical"))
    del names, targets
