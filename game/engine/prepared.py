"""What the engine derives from a content once and no game changes: the draw tables, each card's choices as
actions with what may lock them, and the endings that can come at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar
from weakref import WeakKeyDictionary, ref

from game.content.codegen import compile_first
from game.content.compiled import Content
from game.content.expr import Expr
from game.engine.actions import Choose, SetPolicy
from game.engine.draw import DrawTables

# (action, `when` or None, negotiation it opens or None) for each choice of a card
ChoiceCheck = tuple[Choose, Callable[[Any], Any] | None, str | None]


class Prepared:
    """One content's fixed tables, built on first use by the first game that needs them."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.tables = DrawTables(content)
        # a card -> its choices as actions when none can be locked, else None; and every choice with its checks
        self.choices: dict[str, tuple[tuple[Choose, ...] | None, tuple[ChoiceCheck, ...]]] = {}
        self.losses: list[tuple[str, int, str, Expr | None]] = [
            (m.id, m.min if m.lose_at == "min" else m.max, m.ending, content.spared.get(m.id))
            for m in content.scenario.meters if m.lose_at and m.ending]
        # every policy option as (policy, option, the action that sets it, its `when` or None)
        self.policy_options = tuple((pid, oid, SetPolicy(pid, oid), None if opt.when is None else opt.when.fn)
                                    for pid, rule in content.policies.items() for oid, opt in rule.options.items())
        self.acted = frozenset(e.id for e in content.events.values() if e.acted_by)  # cards a role opens first
        self.immediate: list[tuple[str, Expr]] = [(e.model.id, e.when) for e in content.endings.values()
                                                  if e.model.kind == "immediate" and e.when is not None]
        # the ending that comes at once now (a meter at its bound, or an immediate ending's condition), else None
        self.first_ending = compile_first([(m, bound, ending, None if spared is None else spared.tree)
                                           for m, bound, ending, spared in self.losses],
                                          [(ending, when.tree) for ending, when in self.immediate])

    def card_choices(self, card: str) -> tuple[tuple[Choose, ...] | None, tuple[ChoiceCheck, ...]]:
        found = self.choices.get(card)
        if found is None:
            checks = tuple((Choose(card, c.index), None if c.when is None else c.when.fn, c.negotiate)
                           for c in self.content.events[card].choices)
            free = None if any(when is not None or neg for _, when, neg in checks) else tuple(a for a, _, _ in checks)
            found = self.choices[card] = (free, checks)
        return found


T = TypeVar("T")


class PerContent(Generic[T]):
    """What is made once per content: held while the content lives (by identity where it takes no weak
    reference, as long as the process; the last content's also until another content is asked for)."""

    def __init__(self, make: Callable[[Content], T]) -> None:
        self.make = make
        self.weak: WeakKeyDictionary[Content, T] = WeakKeyDictionary()
        self.strong: dict[int, tuple[Content, T]] = {}
        # the content asked for last (a weak reference) and its value: a game asks for the same content as the game
        # before it, and this check is cheaper than a WeakKeyDictionary lookup (which makes a weak reference)
        self.last: tuple[ref[Content], T] | None = None

    def __call__(self, content: Content) -> T:
        last = self.last
        if last is not None and last[0]() is content:
            return last[1]
        try:
            found = self.weak.get(content)
            if found is None:
                found = self.weak[content] = self.make(content)
            self.last = (ref(content), found)
            return found
        except TypeError:  # no weak reference to it
            held = self.strong.get(id(content))
            if held is None or held[0] is not content:
                held = self.strong[id(content)] = (content, self.make(content))
            return held[1]


prepared = PerContent(Prepared)
