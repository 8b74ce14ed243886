"""The month's end: standing policies act, then the monthly model's rules, in order."""

from __future__ import annotations

from game.content.compiled import Content
from game.engine.effects import Recorder
from game.engine.records import Kind
from game.engine.state import GameState


def run_month(content: Content, state: GameState, rec: Recorder) -> None:
    values = state.values
    for pid, rule in content.policies.items():
        option = values[pid]
        opt = rule.options[option]
        if opt.monthly:
            rec.apply(rec.entry(Kind.POLICY_EFFECT, pid, option), opt.monthly)
    for rule in content.rules:
        if rule.when is None or rule.when.fn(state):
            rec.apply(rec.entry(Kind.RULE, rule.model.id), rule.effects, rule.assign)
