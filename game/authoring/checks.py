"""Checks that keep content true to its history and its choices honest.

- dated facts: a text that names something (the NIA, the A–D ratings, Covid) on a card, choice,
  outcome or negotiation that can come before the fact's date;
- stale figures: a text that states a counter's starting figure ("30-day", "RMB 140") on a card
  that can come after the counter may have changed, with no condition on that counter;
- dilemmas: a choice another choice of the same card beats on every meter (dominated), and a
  choice that costs nothing (free);
- a locked choice with no `locked:` text for players, a follow-up due after the calendar ends, a
  month whose scheduled cards and follow-ups exceed the hand size, a card with no voice, and a
  card citing background material (another time or place) framed as a record of Pingxiang.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from game.authoring.links import event_loc, position
from game.authoring.timing import INF, Timing
from game.content.compiled import ChoiceRule, Content, Does, EventRule, text
from game.content.expr import Expr, month_words
from game.content.texts import LiveText
from game.content.yamlsafe import Loc
from game.errors import Problem

LOCKED_TEXT = "has no `locked:` text"


def _warn(path: str, loc: Loc, message: str, key: bool = False) -> Problem:
    line, col = position(path, loc, key)
    return Problem(path, line, col, message, "warning")


def _strings(live: LiveText) -> Iterator[tuple[Expr | None, str]]:
    """(variant condition, text) for every variant and language of a live text."""
    for cond, langs in live.variants:
        for parts in langs.values():
            if len(parts) == 1 and isinstance(parts[0], str):  # most texts: plain words
                yield cond, parts[0]
            else:
                yield cond, "".join(p if isinstance(p, str) else "{" + p.source + "}" for p in parts)


@lru_cache(maxsize=256)
def _phrases(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern that finds any of the phrases as whole words, ignoring case."""
    # The lookahead for any phrase's first letter lets the matcher skip ahead to where a phrase could start
    # (about 1.4x faster over 10,000 cards); it changes nothing a match can be.
    ahead = "" if not all(phrases) else "(?=[" + re.escape("".join(sorted({p[0] for p in phrases}))) + "])"
    return re.compile(ahead + r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in phrases)
                      + r")(?![\w])", re.IGNORECASE)


def _named_too_early(words: str, at: int, dated: list[tuple[int, Any]]) -> tuple[int, Any] | None:
    """The first fact (with the month it began) that `words` name although they can be read at `at`, before it."""
    return next(((since, fact) for since, fact in dated if at < since and _mentions(words, fact.mentions)), None)


def _mentions(words: str, phrases: list[str] | tuple[str, ...]) -> str | None:
    """The first of the phrases the words mention, or None."""
    found = _phrases(tuple(phrases)).search(words) if phrases else None
    if found is None:
        return None
    return next((p for p in phrases if p.lower() == found.group(0).lower()), found.group(0))


# -- dated facts --------------------------------------------------------------------------------------
def _card_texts(event: EventRule) -> Iterator[tuple[Loc, int | None, LiveText]]:
    """(location, choice index or None, live text) for every player-facing text of a card."""
    for name in ("title", "text", "actor", "role_text", "line_prompt"):
        yield (name,), None, getattr(event, name)
    for o in event.openings:
        for name in ("label", "says"):
            yield ("openings", o.index, name), None, getattr(o, name)
    for c in event.choices:
        for name in ("label", "outcome", "locked"):
            yield ("choices", c.index, name), c.index, getattr(c, name)


def _card_words(event: EventRule) -> list[str]:
    """The words of every text of a card that has any: what `_card_texts` and `_strings` give, in their order
    (written out: there are many cards)."""
    lives = [event.title, event.text, event.actor, event.role_text, event.line_prompt]
    for o in event.openings:
        lives += (o.label, o.says)
    for c in event.choices:
        lives += (c.label, c.outcome, c.locked)
    out: list[str] = []
    add = out.append
    for live in lives:
        for _, langs in live.variants:
            for parts in langs.values():
                if len(parts) == 1 and parts[0].__class__ is str:
                    if parts[0]:
                        add(parts[0])
                elif parts:
                    words = "".join(p if isinstance(p, str) else "{" + p.source + "}" for p in parts)
                    if words:
                        add(words)
    return out


Said = dict[str, list[tuple[Loc, int | None, Expr | None, str]]]


def said(content: Content, phrases: tuple[str, ...]) -> Said:
    """Card id -> the texts of that card that name any of the phrases: (location, choice index or None,
    variant condition, words). Cards are many and few texts name anything, so the text checks look
    through every text once, here."""
    out: Said = {}
    if not phrases:
        return out
    anything = _phrases(phrases)
    for event in content.events.values():
        if anything.search("\n".join(_card_words(event))) is None:  # one look at the whole card first
            continue
        texts = [(loc, choice, cond, words) for loc, choice, live in _card_texts(event)
                 for cond, words in _strings(live) if words]
        found = [t for t in texts if anything.search(t[3]) is not None]
        if found:
            out[event.id] = found
    return out


def _fact_phrases(content: Content) -> tuple[str, ...]:
    return tuple(m for f in content.scenario.facts if f.since for m in f.mentions)


def fact_warnings(content: Content, timing: Timing, texts: Said | None = None) -> list[Problem]:
    """`texts`: what `said` gives for (at least) the facts' mentions."""
    facts = [f for f in content.scenario.facts if f.since]
    if not facts:
        return []
    out = []
    from game.content.expr import month_number

    dated = [(month_number(f.since or "0000-01"), f) for f in facts]
    latest = max(since for since, _ in dated)
    anything = _phrases(tuple(m for f in facts for m in f.mentions))
    if texts is None:
        texts = said(content, _fact_phrases(content))
    for event in content.events.values():
        first_card = timing.first.get(event.id, INF)
        if first_card >= INF or event.id not in texts:
            continue
        for loc, choice, cond, words in texts[event.id]:
            if loc[-1] == "locked":  # shown while the choice is locked: "the app is not built yet" is fine
                continue
            first = timing.choice_first(content, event, choice) if choice is not None else first_card
            if first >= latest:
                continue
            if anything.search(words) is None:
                continue
            at = first if cond is None else max(first, timing.earliest(content, cond.tree))
            early = _named_too_early(words, at, dated)
            if early is not None:
                since, fact = early
                hint = f"; before then call it {text(fact.before)}" if fact.before else ""
                out.append(_warn(event.origin, event_loc(content, event) + loc,
                                 f"'{event.id}' names {text(fact.name)} but can come in {month_words(at)}, before "
                                 f"{month_words(since)} when it began (add `month >= {fact.since}` to "
                                 f"`when`, or a variant{hint})"))
    for nid, rule in content.negotiations.items():
        opened = timing.talks_first.get(nid, INF)
        if opened >= INF:
            continue
        lines: list[tuple[Loc, LiveText]] = [(("counterpart",), rule.counterpart), (("summary",), rule.summary)]
        lines += [(("replies", k, i), line) for k, pool in rule.replies.items() for i, line in enumerate(pool)]
        for loc, live in lines:
            for cond, words in _strings(live):
                if anything.search(words) is None:
                    continue
                at = opened if cond is None else max(opened, timing.earliest(content, cond.tree))
                early = _named_too_early(words, at, dated)
                if early is not None:
                    since, fact = early
                    out.append(_warn(rule.origin, loc, f"negotiation '{nid}' names {text(fact.name)} but can "
                                     f"open in {month_words(at)}, before {month_words(since)} (use a variant "
                                     f"with `if: \"month >= {fact.since}\"`)"))
    return out


# -- stale figures ------------------------------------------------------------------------------------
def _changed_counters(content: Content) -> set[str]:
    """Counters something can change: card choices, deals, concessions, moves, policies, monthly rules."""
    out: set[str] = set()

    def add(does: Does) -> None:
        out.update(t for t, _ in does.effects)
        out.update(t for t, _ in does.assign)

    counters = set(content.counters)
    found: set[str] = set()
    for event in content.events.values():  # written out: there are many cards
        for c in event.choices:
            for t, _ in c.does.effects:
                if t in counters:
                    found.add(t)
            for t, _ in c.does.assign:
                if t in counters:
                    found.add(t)
    out |= found
    for rule in content.negotiations.values():
        parts: list[Any] = [*rule.positions, *rule.concessions, *rule.no_deal, *rule.moves.values()]
        for part in parts:
            add(part.does)
    for r in content.rules:
        out.update(t for t, _ in r.effects)
        out.update(t for t, _ in r.assign)
    for p in content.policies.values():
        for o in p.options.values():
            out.update(t for t, _ in o.monthly)
    return out & set(content.counters)


def _figure_phrases(content: Content, changed: set[str] | None = None) -> tuple[str, ...]:
    changed = _changed_counters(content) if changed is None else changed
    return tuple(f for c in content.scenario.counters if c.figures and c.id in changed for f in c.figures)


def figure_warnings(content: Content, texts: Said | None = None, changed: set[str] | None = None) -> list[Problem]:
    """`texts`: what `said` gives for (at least) the changed counters' figures; `changed`: `_changed_counters`."""
    changed = _changed_counters(content) if changed is None else changed
    counters = [c for c in content.scenario.counters if c.figures and c.id in changed]
    out: list[Problem] = []
    if not counters:
        return out
    anything = _phrases(tuple(f for c in counters for f in c.figures))
    if texts is None:
        texts = said(content, _figure_phrases(content))
    for event in content.events.values():
        if event.id not in texts:
            continue
        guards = event.when.reads if event.when else frozenset()
        for loc, _, cond, words in texts[event.id]:
            if anything.search(words) is None:
                continue
            reads = guards | (cond.reads if cond else frozenset())
            for counter in counters:
                if counter.id in reads:
                    continue
                hit = _mentions(words, counter.figures)
                if hit:
                    out.append(_warn(event.origin, event_loc(content, event) + loc,
                                     f"'{event.id}' states \"{hit}\", the starting {text(counter.name).lower()}, "
                                     f"but the card can come after it changed: show {{{counter.id}}} or add a "
                                     f"variant with a condition on {counter.id}"))
                    break
    return out


# -- dilemmas -----------------------------------------------------------------------------------------
def _deltas(scope: _StartScope, choice: ChoiceRule) -> dict[str, float]:
    """What a choice moves, worked out at the scenario's start values (the scope is only read)."""
    out: dict[str, float] = {}
    for target, expr in choice.does.effects:
        try:
            out[target] = out.get(target, 0) + float(expr.fn(scope))
        except (TypeError, ValueError):
            pass
    for target, expr in choice.does.assign:
        try:
            out[target] = float(expr.fn(scope)) - float(scope.values[target])  # type: ignore[arg-type]
        except (TypeError, ValueError):
            pass
    return out


def _direction(content: Content, target: str) -> int:
    if target in content.meters:
        better = content.meters[target].better
    elif target in content.counters:
        better = content.counters[target].better
    else:
        return 0
    return {"higher": 1, "lower": -1}.get(better, 0)


def _extras(c: ChoiceRule) -> set[str]:
    d = c.does
    return ({f"+{f}" for f in d.set} | {f"-{f}" for f in d.clear} | {f"follow:{e}" for e, _ in d.follow_ups}
            | {f"policy:{p}={o}" for p, o in d.policy} | ({f"talks:{c.negotiate}"} if c.negotiate else set())
            | {f"assign:{t}" for t, _ in d.assign if t not in ("",)})


def dilemma_warnings(content: Content) -> tuple[list[Problem], int, int]:
    """Warnings, and the counts of (free choices, all choices) for the summary."""
    out = []
    free = total = 0
    scope = _StartScope(content)
    for event in content.events.values():
        deltas = {c.index: _deltas(scope, c) for c in event.choices}
        for c in event.choices:
            total += 1
            d = deltas[c.index]
            costs = [t for t, v in d.items() if _direction(content, t) * v < 0]
            if not costs and not c.negotiate and not c.does.empty:
                free += 1
                out.append(_warn(event.origin, event_loc(content, event) + ("choices", c.index),
                                 f"choice {c.index + 1} of '{event.id}' costs nothing: no meter or counter moves the "
                                 "wrong way (every dilemma should cost something)"))
            for other in event.choices:
                if other.index == c.index or not _as_available(other, c):
                    continue
                if _dominates(content, deltas[other.index], d) and _extras(c) <= _extras(other):
                    out.append(_warn(event.origin, event_loc(content, event) + ("choices", c.index),
                                     f"choice {c.index + 1} of '{event.id}' is dominated by choice {other.index + 1}: "
                                     "that one is at least as good on every meter and better on one"))
                    break
    return out, free, total


def _as_available(a: ChoiceRule, b: ChoiceRule) -> bool:
    """Choice `a` is available whenever `b` is (no condition, or the same one)."""
    return a.when is None or (b.when is not None and a.when.source == b.when.source)


def _dominates(content: Content, a: dict[str, float], b: dict[str, float]) -> bool:
    better = False
    for target in set(a) | set(b):
        sign = _direction(content, target)
        if not sign:
            continue
        diff = sign * (a.get(target, 0) - b.get(target, 0))
        if diff < 0:
            return False
        better = better or diff > 0
    return better


class _StartScope:
    def __init__(self, content: Content) -> None:
        self.values = dict(content.start_values)
        self.flags: frozenset[str] = frozenset()

    def random(self) -> float:
        return 0.5


# -- the rest -----------------------------------------------------------------------------------------
def misc_warnings(content: Content, timing: Timing) -> list[Problem]:
    out = []
    end = content.end_month
    background = {s.id for s in content.sources.values() if s.scope == "background"}
    voices = {v.id for v in content.scenario.voices}
    per_month: Counter[int] = Counter()
    for event in content.events.values():
        loc = event_loc(content, event)
        if voices and event.voice is None:
            out.append(_warn(event.origin, loc + ("id",), f"card '{event.id}' has no `voice` (whose voice it "
                             f"carries: one of {', '.join(sorted(voices))})"))
        if event.model.source.id in background and event.model.frame == "record":
            out.append(_warn(event.origin, loc + ("source",), f"card '{event.id}' cites {event.model.source.id}, "
                             "which is about another time or place, as a record of Pingxiang: set `frame: analogy` "
                             "(or composite) and say so in the text"))
        if event.at is not None:
            per_month[event.at] += 1
        for c in event.choices:
            cloc = loc + ("choices", c.index)
            if c.when is not None and c.model.locked is None:
                out.append(_warn(event.origin, cloc + ("when",), f"choice {c.index + 1} of '{event.id}' can be "
                                 f"locked but {LOCKED_TEXT}, so players would see the condition itself; "
                                 "add `locked:` saying why, in their words"))
            for child, after in c.does.follow_ups:
                earliest = timing.first.get(event.id, INF)
                if earliest < INF and earliest + after > end:
                    out.append(_warn(event.origin, cloc + ("follow_ups",), f"follow-up '{child}' always falls after "
                                     f"the last month ({month_words(end)}): '{event.id}' comes in "
                                     f"{month_words(earliest)} at the earliest and the follow-up is due {after} "
                                     "months later, so it is lost"))
                if event.at is not None:
                    per_month[event.at + after] += 1
    limit = content.scenario.draw.max
    for month, n in per_month.items():
        if n > limit:
            event = next(e for e in content.events.values() if e.at == month or any(
                e.at is not None and e.at + a == month for c in e.choices for _, a in c.does.follow_ups))
            out.append(_warn(event.origin, event_loc(content, event) + ("at",),
                             f"{month_words(month)} can hold {n} scheduled cards and follow-ups, more than the "
                             f"{limit} a month the scenario deals; spread them over more months"))
    return out


def voice_counts(content: Content) -> dict[str, int]:
    """Cards by voice group (e.g. vietnamese: 51)."""
    groups = {v.id: v.group for v in content.scenario.voices}
    return dict(Counter(groups.get(e.voice or "", "none") for e in content.events.values()).most_common())


def history_checks(content: Content) -> list[Problem]:
    """Every check above but the dilemmas (`lint` runs those itself, beside these: see `beside`)."""
    from game.authoring.timing import compute

    timing = compute(content)
    changed = _changed_counters(content)
    texts = said(content, _fact_phrases(content) + _figure_phrases(content, changed))
    return (fact_warnings(content, timing, texts) + figure_warnings(content, texts, changed)
            + misc_warnings(content, timing))
