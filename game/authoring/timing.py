"""When each card, negotiation and flag can first (and last) come into play.

A card's window comes from its `at` month and the `month`/`turn` comparisons of its `when`; the
flags its `when` requires push it later (a flag is set no earlier than the earliest card, deal or
move that sets it); a card that is only reached as a follow-up comes after its parent. Talks open
no earlier than the earliest card whose choice opens them. The result is a safe bound: a card can
never come before its `first` month (it may in practice come later).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.authoring.bounds import month_window, required_flags
from game.content.compiled import Content, EventRule

INF = 10**9


@dataclass
class Timing:
    first: dict[str, int] = field(default_factory=dict)  # card id -> earliest month number
    last: dict[str, int] = field(default_factory=dict)  # card id -> latest month number
    talks_first: dict[str, int] = field(default_factory=dict)  # negotiation id -> earliest month
    flag_first: dict[str, int] = field(default_factory=dict)  # flag -> earliest month it can be set

    def choice_first(self, content: Content, event: EventRule, index: int) -> int:
        """The earliest month a choice can be taken (its own `when` and flags count too)."""
        choice = event.choices[index]
        first = self.first.get(event.id, INF)
        if choice.when is not None:
            window = month_window(choice.when.tree, content.start_month, content.end_month)
            first = max(first, int(window.lo)) if not window.empty() else INF
            for flag in required_flags(choice.when.tree):
                first = max(first, self.flag_first.get(flag, INF if flag not in content.scenario.flags else INF))
        return first


def compute(content: Content) -> Timing:
    start, end = content.start_month, content.end_month
    t = Timing()
    parents: dict[str, list[tuple[str, int, int]]] = {}  # child -> (parent card, choice index, after)
    for event in content.events.values():
        for c in event.choices:
            for child, after in c.does.follow_ups:
                parents.setdefault(child, []).append((event.id, c.index, after))
    windows = {}
    for event in content.events.values():
        w = month_window(event.when.tree if event.when else None, start, end)
        if event.at is not None:
            w = w.meet(type(w)(event.at, event.at))
        windows[event.id] = w
        t.last[event.id] = int(w.hi) if not w.empty() else -INF
    for _ in range(50):  # to a fixed point: months only move later while flags and parents are resolved
        changed = False
        for event in content.events.values():
            w = windows[event.id]
            if w.empty():
                continue
            candidates = []
            random_ok = event.at is None and event.weight.constant != 0
            if random_ok or event.at is not None:
                candidates.append(int(w.lo))
            for parent, index, after in parents.get(event.id, ()):
                when = t.choice_first(content, content.events[parent], index) if parent in t.first else INF
                candidates.append(max(int(w.lo), when + after))
            first = min(candidates) if candidates else INF
            for flag in required_flags(event.when.tree if event.when else None):
                first = max(first, t.flag_first.get(flag, INF))
            if first != t.first.get(event.id, INF) and first < INF:
                t.first[event.id] = first
                changed = True
        for event in content.events.values():
            if event.id not in t.first:
                continue
            for c in event.choices:
                when = t.choice_first(content, event, c.index)
                for flag in c.does.set:
                    if when < t.flag_first.get(flag, INF):
                        t.flag_first[flag] = when
                        changed = True
                if c.negotiate and when < t.talks_first.get(c.negotiate, INF):
                    t.talks_first[c.negotiate] = when
                    changed = True
        for nid, rule in content.negotiations.items():
            opened = t.talks_first.get(nid, INF)
            if rule.opens is not None:
                w = month_window(rule.opens.tree, start, end)
                opened = max(opened, int(w.lo)) if not w.empty() else INF
            parts = [*rule.positions, *rule.concessions, *rule.no_deal, *rule.moves.values()]
            for part in parts:
                for flag in part.does.set:
                    if opened < t.flag_first.get(flag, INF):
                        t.flag_first[flag] = opened
                        changed = True
        if not changed:
            break
    for event in content.events.values():
        t.last[event.id] = max([t.last[event.id]] + [t.last.get(p, -INF) + after
                                                      for p, _, after in parents.get(event.id, ())])
    return t
