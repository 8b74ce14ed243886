"""When each card, negotiation and flag can first (and last) come into play.

A card's window comes from its `at` month and the `month`/`turn` comparisons of its `when`; the
flags its `when` requires push it later (a flag is set no earlier than the earliest card, deal or
move that sets it); a card that is only reached as a follow-up comes after its parent. Talks open
no earlier than the earliest card whose choice opens them. The result is a safe bound: a card can
never come before its `first` month (it may in practice come later).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from game.authoring.bounds import month_window
from game.content.compiled import Content, EventRule
from game.content.expr import Node

INF = 10**9


@dataclass
class Timing:
    first: dict[str, int] = field(default_factory=dict)  # card id -> earliest month number
    last: dict[str, int] = field(default_factory=dict)  # card id -> latest month number
    talks_first: dict[str, int] = field(default_factory=dict)  # negotiation id -> earliest month
    flag_first: dict[str, int] = field(default_factory=dict)  # flag -> earliest month it can be set
    policy_first: dict[tuple[str, str], int] = field(default_factory=dict)  # (policy, option) -> earliest month
    _windows: dict[int, int] = field(default_factory=dict, repr=False)  # id(comparison) -> its earliest month
    _known: dict[int, int] = field(default_factory=dict, repr=False)  # id(condition) -> `earliest`, until a change
    _start: int | None = field(default=None, repr=False)

    def lower(self, table: dict[Any, int], key: Any, month: int) -> bool:
        """Move `key` earlier in `flag_first`, `policy_first` or `talks_first`; True if it moved."""
        if month < table.get(key, INF):
            table[key] = month
            self._known.clear()
            return True
        return False

    def earliest(self, content: Content, node: Node | None) -> int:
        """The earliest month a condition can hold: month/turn comparisons, flags, policy options;
        `and` takes the latest of its parts, `or` the earliest; anything else may hold from the start."""
        if self._start is None:
            self._start = content.start_month
        if node is None:
            return self._start
        found = self._known.get(id(node))  # many cards share one condition
        if found is None:
            found = self._known[id(node)] = self._earliest(content, node, self._start)
        return found

    def _earliest(self, content: Content, node: Node, start: int) -> int:
        if node.op == "cmp":
            if node.value in ("==", "!=") and {a.op for a in node.args} == {"name", "str"}:
                name = next(a for a in node.args if a.op == "name").value
                option = next(a for a in node.args if a.op == "str").value
                if node.value == "==" and name in content.policies:
                    return self.policy_first.get((name, option), INF)
                return start
            lo = self._windows.get(id(node))  # the same conditions are asked about on every pass
            if lo is None:
                w = month_window(node, start, content.end_month)
                lo = self._windows[id(node)] = int(w.lo) if not w.empty() else INF
            return lo
        if node.op == "flag":
            return self.flag_first.get(str(node.value), INF)
        if node.op == "and":
            return max(self._earliest(content, a, start) for a in node.args)
        if node.op == "or":
            return min(self._earliest(content, a, start) for a in node.args)
        if node.op == "bool" and node.value is False:
            return INF
        return start

    def choice_first(self, content: Content, event: EventRule, index: int) -> int:
        """The earliest month a choice can be taken (its own `when` counts too)."""
        # By its index in the file: in a deck with errors a card may leave out a choice that had one.
        choice = next(c for c in event.choices if c.index == index)
        first = self.first.get(event.id, INF)
        if choice.when is not None:
            first = max(first, self.earliest(content, choice.when.tree))
        return first


def compute(content: Content) -> Timing:
    start, end = content.start_month, content.end_month
    t = Timing()
    for pid, rule in content.policies.items():
        t.policy_first[(pid, rule.model.default)] = start
    parents: dict[str, list[tuple[str, int, int]]] = {}  # child -> (parent card, choice index, after)
    for event in content.events.values():
        for c in event.choices:
            for child, after in c.does.follow_ups:
                parents.setdefault(child, []).append((event.id, c.index, after))
    windows = {}
    shared: dict[int, Any] = {}  # id(condition) -> its month window: many cards share one condition
    for event in content.events.values():
        tree = event.when.tree if event.when else None
        w = shared.get(id(tree))
        if w is None:
            w = shared[id(tree)] = month_window(tree, start, end)
        if event.at is not None:
            w = w.meet(type(w)(event.at, event.at))
        windows[event.id] = w
        t.last[event.id] = int(w.hi) if not w.empty() else -INF
    cards = []  # what each pass needs of a card that can come at all: (card, lowest month, drawn or scheduled
    for event in content.events.values():  # from that month, parents, condition)
        w = windows[event.id]
        if not w.empty():
            own = event.at is not None or event.weight.constant != 0
            cards.append((event, int(w.lo), own, parents.get(event.id, ()), event.when.tree if event.when else None))
    # What each pass asks of a card's openings and choices that set a flag, open talks or switch a policy:
    # (card, the choice's own condition, flags, negotiation, policy options). The rest never moves anything.
    # A role's opening sets its flags when the card comes; a choice as `choice_first`.
    setters: list[tuple[str, Node | None, Any, str | None, Any]] = []
    for event in content.events.values():
        setters.extend((event.id, o.when.tree if o.when else None, o.does.set, None, ())
                       for o in event.openings if o.does.set)
        setters.extend((event.id, c.when.tree if c.when else None, c.does.set, c.negotiate, c.does.policy)
                       for c in event.choices if c.does.set or c.negotiate or c.does.policy)
    first_of, flag_first, earliest = t.first, t.flag_first, t.earliest
    for _ in range(50):  # to a fixed point: months only move later while flags and parents are resolved
        changed = False
        for event, lo, own, ups, tree in cards:
            if ups:
                candidates = [lo] if own else []
                for parent, index, after in ups:
                    when = t.choice_first(content, content.events[parent], index) if parent in first_of else INF
                    candidates.append(max(lo, when + after))
                first = min(candidates)
            else:
                first = lo if own else INF
            if first < INF:
                first = max(first, earliest(content, tree))
            if first != first_of.get(event.id, INF) and first < INF:
                first_of[event.id] = first
                changed = True
        for card, tree, flags, opens, policies in setters:
            first_card = first_of.get(card)
            if first_card is None:
                continue
            when = first_card if tree is None else max(first_card, earliest(content, tree))
            for flag in flags:  # as `lower`, inline: it runs for every flag on every pass
                if when < flag_first.get(flag, INF):
                    flag_first[flag] = when
                    t._known.clear()
                    changed = True
            if opens:
                changed |= t.lower(t.talks_first, opens, when)
            for pid, oid in policies:
                changed |= t.lower(t.policy_first, (pid, oid), when)
        for pid, rule in content.policies.items():  # a player may switch to an option once it is available
            for oid, opt in rule.options.items():
                when = t.earliest(content, opt.when.tree if opt.when else None)
                changed |= t.lower(t.policy_first, (pid, oid), when)
        for nid, talks in content.negotiations.items():
            opened = t.talks_first.get(nid, INF)
            if talks.opens is not None:
                w = month_window(talks.opens.tree, start, end)
                opened = max(opened, int(w.lo)) if not w.empty() else INF
            opened = max(opened, t.earliest(content, talks.opens.tree if talks.opens else None))
            parts: list[Any] = [*talks.positions, *talks.concessions, *talks.no_deal, *talks.moves.values()]
            for part in parts:
                cond = getattr(part, "when", None)  # a move's or concession's own gate
                when = opened if cond is None else max(opened, t.earliest(content, cond.tree))
                for flag in part.does.set:
                    changed |= t.lower(t.flag_first, flag, when)
                for pid, oid in part.does.policy:
                    changed |= t.lower(t.policy_first, (pid, oid), when)
        if not changed:
            break
    for event in content.events.values():
        if event.id in parents:  # a follow-up may come as late as its latest parent allows
            t.last[event.id] = max([t.last[event.id]] + [t.last.get(p, -INF) + after
                                                          for p, _, after in parents[event.id]])
    return t
