"""The engine's API: one Game wraps compiled content and one state; the UI, plain mode,
simulator and tests all drive it through these methods and nothing else."""

from __future__ import annotations

from typing import Any

from game.content.compiled import Content, EventRule, text
from game.content.expr import describe, month_text
from game.engine.draw import draw_month
from game.engine.effects import Recorder
from game.engine.rng import seed_state
from game.engine.state import GameState
from game.engine.talks import Talks
from game.engine.views import (
    CardView, Change, ChoiceResult, ChoiceView, EndingView, LedgerLine, MeterView, MoveView, PolicyOptionView,
    PolicyView, ReplyOption, TalksView,
)
from game.errors import RulesError

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


class Game:
    """A game in progress. Same content + seed + inputs = the same game."""

    def __init__(self, content: Content, state: GameState) -> None:
        self.content = content
        self.state = state
        self._rec = Recorder(content, state)
        self._talks = Talks(content, state, self._rec)

    # -- starting ------------------------------------------------------------------------
    @classmethod
    def new(cls, content: Content, seed: int | str = 0, options: dict[str, Any] | None = None) -> Game:
        values: dict[str, Any] = {m.id: m.start for m in content.scenario.meters}
        values.update({c.id: c.start for c in content.scenario.counters})
        values.update({p.id: p.default for p in content.scenario.policies})
        values["turn"] = 1
        values["month"] = content.start_month
        state = GameState(seed=seed, rng=seed_state(seed), fingerprint=content.fingerprint, values=values,
                          options=dict(options or {}))
        game = cls(content, state)
        state.timeline.append(game._meter_snapshot())
        game._begin_month()
        return game

    def _meter_snapshot(self) -> dict[str, int]:
        return {m: self.state.values[m] for m in self.content.meters}

    def _begin_month(self) -> None:
        st = self.state
        st.hand = draw_month(self.content, st)
        st.hand_pos = 0
        st.policy_changes = 0
        st.phase = "cards"
        if st.hand:
            self._rec.entry("draw", "draw", "Cards this month", cards=list(st.hand))

    # -- queries -----------------------------------------------------------------------------
    @property
    def turn(self) -> int:
        return self.state.turn

    @property
    def turns(self) -> int:
        return self.content.turns

    @property
    def is_over(self) -> bool:
        return self.state.phase == "over"

    def month_label(self, turn: int | None = None) -> str:
        number = self.content.start_month + (turn or self.state.turn) - 1
        return f"{MONTHS[number % 12]} {number // 12}"

    def month_code(self) -> str:
        return month_text(self.state.values["month"])

    def value(self, name: str) -> Any:
        return self.state.values[name]

    def meters(self) -> list[MeterView]:
        last = self._last_changes()
        out = []
        for m in self.content.scenario.meters:
            out.append(MeterView(m.id, text(m.name), self.state.values[m.id], m.min, m.max, m.primary,
                                 last.get(m.id, 0), text(m.description),
                                 tuple(snap[m.id] for snap in self.state.timeline)))
        return out

    def _last_changes(self) -> dict[str, int]:
        """Each meter's net change over the last completed month plus this month so far."""
        since = self.state.turn - 1
        out: dict[str, int] = {}
        for entry in reversed(self.state.history):
            if entry["turn"] < since:
                break
            for target, before, after in entry["changes"]:
                if target in self._rec.bounds:  # meters and counters; policy switches are words
                    out[target] = out.get(target, 0) + after - before
        return out

    def current_card(self) -> CardView | None:
        st = self.state
        if st.phase != "cards" or st.hand_pos >= len(st.hand) or st.talks is not None:
            return None
        event = self.content.events[st.hand[st.hand_pos]]
        return self._card_view(event, st.hand_pos + 1, len(st.hand))

    def card(self, event_id: str) -> CardView:
        return self._card_view(self.content.events[event_id], 0, 0)

    def _card_view(self, event: EventRule, position: int, of: int) -> CardView:
        m = event.model
        src = self.content.sources.get(m.source.id)
        deck = self.content.decks.get(event.deck)
        return CardView(m.id, event.deck, text(deck.model.title) if deck else event.deck, text(m.title),
                        text(m.actor), text(m.text), m.source.id, m.source.where, m.source.quote,
                        src.citation if src else m.source.id, position, of)

    def choices(self) -> list[ChoiceView]:
        st = self.state
        if st.phase != "cards" or st.hand_pos >= len(st.hand) or st.talks is not None:
            return []
        event = self.content.events[st.hand[st.hand_pos]]
        out = []
        for c in event.choices:
            ok = c.when is None or bool(c.when(st))
            reason = "" if ok else (text(c.model.locked) or "Needs " + describe(c.when, self.content.names))
            preview = self._preview(c.assign, c.effects)
            out.append(ChoiceView(c.index, text(c.model.label), ok, reason, preview, c.model.negotiate,
                                  c.model.historical))
        return out

    def _preview(self, assign: Any, effects: Any) -> tuple[tuple[str, int], ...]:
        """Expected changes without touching the state (effects of choices use no randomness)."""
        values = self.state.values
        out = []
        for target, expr in assign:
            out.append((target, int(round(expr(self.state))) - values[target]))
        for target, expr in effects:
            out.append((target, int(round(expr(self.state)))))
        return tuple((t, d) for t, d in out if d)

    # -- the player's moves --------------------------------------------------------------------
    def choose(self, index: int) -> ChoiceResult:
        """Take choice `index` (0-based) on the current card."""
        st = self.state
        card = self.current_card()
        if card is None:
            raise RulesError("there is no card waiting for a choice; end the month instead")
        event = self.content.events[card.id]
        if not 0 <= index < len(event.choices):
            raise RulesError(f"this card has choices 1 to {len(event.choices)}, not {index + 1}")
        rule = event.choices[index]
        if rule.when is not None and not rule.when(st):
            raise RulesError(f"that choice is not available: {self.choices()[index].reason}")
        entry = self._rec.entry("choice", f"{event.id}#{index + 1}", text(rule.model.label), card=event.id,
                                choice=index)
        self._rec.apply(entry, rule.effects, rule.assign)
        self._rec.flags(entry, rule.model.set, rule.model.clear)
        self._rec.switch(entry, rule.model.policy)
        for follow in rule.model.follow_ups:
            st.pending.append([st.turn + follow.after, follow.event, event.id])
        st.log.append({"turn": st.turn, "card": event.id, "choice": index})
        st.hand_pos += 1
        self._check_immediate()
        if rule.model.negotiate and not self.is_over:
            self._talks.open(rule.model.negotiate, event.id)
        return ChoiceResult(event.id, index, text(rule.model.outcome),
                            tuple(Change(t, b, a) for t, b, a in entry["changes"]), tuple(entry.get("flags", ())),
                            rule.model.negotiate)

    # -- reflections -----------------------------------------------------------------------------------
    def pending_reflection(self) -> tuple[str, str] | None:
        """A reflection prompt due now (id, prompt), asked once; hosts show it and call `reflect`."""
        for r in self.content.reflections:
            if r.model.id not in self.state.reflections and r.when(self.state):
                return r.model.id, text(r.model.prompt)
        return None

    def reflect(self, reflection: str, answer: str) -> None:
        """Record the player's answer ('' = skipped); it goes into the debrief."""
        rule = next((r for r in self.content.reflections if r.model.id == reflection), None)
        if rule is None:
            raise RulesError(f"there is no reflection prompt '{reflection}'")
        self.state.reflections[reflection] = {"turn": self.state.turn, "prompt": text(rule.model.prompt),
                                              "answer": answer.strip()[:2000]}

    # -- negotiation ---------------------------------------------------------------------------------
    def talks(self) -> TalksView | None:
        """The negotiation in progress, or None."""
        return self._talks.view() if self.state.talks is not None else None

    def talk_moves(self) -> list[MoveView]:
        return self._talks.moves()

    def talk(self, move: str) -> TalksView | None:
        """Make a move in the talks; returns the talks as they stand (None once they have ended)."""
        self._talks.move(move)
        self._check_immediate()
        return self.talks()

    def reply_options(self) -> list[ReplyOption]:
        """In hot-seat talks, the counterpart player's options (the AI's choice marked)."""
        return self._talks.reply_options()

    def counterpart_reply(self, option: str) -> TalksView | None:
        self._talks.counterpart_reply(option)
        self._check_immediate()
        return self.talks()

    def last_talks(self) -> dict[str, Any] | None:
        """The most recently finished negotiation (outcome, transcript), for hosts to show."""
        return self.state.talks_log[-1] if self.state.talks_log else None

    def policies(self) -> list[PolicyView]:
        out = []
        for pid, rule in self.content.policies.items():
            opts = []
            for oid, opt in rule.options.items():
                ok = opt.when is None or bool(opt.when(self.state))
                reason = "" if ok else (text(opt.model.locked) or "Needs " + describe(opt.when, self.content.names))
                opts.append(PolicyOptionView(oid, text(opt.model.label), text(opt.model.description), ok, reason,
                                             tuple((t, e.source) for t, e in opt.monthly)))
            out.append(PolicyView(pid, text(rule.model.name), text(rule.model.description),
                                  self.state.values[pid], tuple(opts)))
        return out

    @property
    def policy_changes_left(self) -> int:
        return max(0, self.content.scenario.policy_changes_per_month - self.state.policy_changes)

    def set_policy(self, policy: str, option: str) -> None:
        """Change a standing policy; allowed a limited number of times a month."""
        st = self.state
        if st.phase == "over":
            raise RulesError("the game is over")
        rule = self.content.policies.get(policy)
        if rule is None or option not in rule.options:
            raise RulesError(f"there is no policy option {policy}={option}")
        if st.values[policy] == option:
            return
        if self.policy_changes_left <= 0:
            raise RulesError("you have already changed a policy this month; try again next month")
        opt = rule.options[option]
        if opt.when is not None and not opt.when(st):
            raise RulesError(f"that option is not available: {text(opt.model.locked) or describe(opt.when, self.content.names)}")
        entry = self._rec.entry("policy", f"policy:{policy}", f"{text(rule.model.name)}: {text(opt.model.label)}")
        entry["changes"].append([policy, st.values[policy], option])
        st.values[policy] = option
        st.policy_changes += 1
        st.log.append({"turn": st.turn, "policy": policy, "option": option})

    @property
    def can_end_month(self) -> bool:
        st = self.state
        return st.phase == "cards" and st.hand_pos >= len(st.hand) and st.talks is None

    def end_month(self) -> list[LedgerLine]:
        """Close the month (see `advance_month`) and return the ledger of the month just ended."""
        turn = self.state.turn
        self.advance_month()
        return self.ledger(turn)

    def advance_month(self) -> None:
        """Run standing policies and the monthly model, check endings, start the next month."""
        st = self.state
        if not self.can_end_month:
            raise RulesError("the game is over" if st.phase == "over" else "finish the negotiation first"
                             if st.talks is not None else "answer this month's cards before ending the month")
        turn = st.turn
        for pid, rule in self.content.policies.items():
            opt = rule.options[st.values[pid]]
            if opt.monthly:
                entry = self._rec.entry("policy", f"policy:{pid}", f"Policy — {text(rule.model.name)}: "
                                        f"{text(opt.model.label)}")
                self._rec.apply(entry, opt.monthly)
        for rule in self.content.rules:
            if rule.when is None or rule.when.fn(st):
                entry = self._rec.entry("rule", rule.model.id, text(rule.model.reason))
                self._rec.apply(entry, rule.effects, rule.assign)
        st.timeline.append(self._meter_snapshot())
        st.log.append({"turn": turn, "end_month": True})
        self._check_immediate()
        if st.phase != "over":
            if turn >= self.content.turns:
                self._finish()
            else:
                st.turn += 1
                st.values["turn"] = st.turn
                st.values["month"] += 1
                self._begin_month()

    # -- endings -----------------------------------------------------------------------------------
    def _check_immediate(self) -> None:
        st = self.state
        for meter in self.content.scenario.meters:
            if meter.lose_at and meter.ending:
                bound = meter.min if meter.lose_at == "min" else meter.max
                if st.values[meter.id] == bound:
                    return self._end(meter.ending)
        for ending in self.content.endings.values():
            if ending.model.kind == "immediate" and ending.when is not None and ending.when(st):
                return self._end(ending.model.id)

    def _finish(self) -> None:
        for ending in self.content.endings.values():
            if ending.model.kind == "final" and (ending.when is None or ending.when(self.state)):
                return self._end(ending.model.id)
        finals = [e for e in self.content.endings.values() if e.model.kind == "final"]
        self._end(finals[-1].model.id)

    def _end(self, ending_id: str) -> None:
        st = self.state
        st.ending = ending_id
        st.phase = "over"
        self._rec.entry("ending", ending_id, text(self.content.endings[ending_id].model.title))

    def ending(self) -> EndingView | None:
        if self.state.ending is None:
            return None
        e = self.content.endings[self.state.ending].model
        src = self.content.sources.get(e.source.id)
        return EndingView(e.id, e.kind, text(e.title), text(e.text), text(e.epilogue), e.source.id, e.source.where,
                          e.source.quote, src.citation if src else e.source.id, self.state.turn)

    # -- reports -----------------------------------------------------------------------------------
    def ledger(self, turn: int) -> list[LedgerLine]:
        """Each meter's and counter's change over one month, broken down by cause."""
        causes: dict[str, list[tuple[str, int]]] = {}
        first: dict[str, int] = {}
        last: dict[str, int] = {}
        history = self.state.history
        start = len(history)
        while start > 0 and history[start - 1]["turn"] >= turn:
            start -= 1
        for entry in history[start:]:
            if entry["turn"] != turn:
                break
            for target, before, after in entry["changes"]:
                if target not in self._rec.bounds:
                    continue
                first.setdefault(target, before)
                last[target] = after
                causes.setdefault(target, []).append((entry["reason"], after - before))
        out = []
        for m in self.content.scenario.meters:
            if m.id in causes:
                out.append(LedgerLine(m.id, text(m.name), "meter", first[m.id], last[m.id], tuple(causes[m.id])))
        for c in self.content.scenario.counters:
            if c.id in causes and c.shown:
                out.append(LedgerLine(c.id, text(c.name), "counter", first[c.id], last[c.id], tuple(causes[c.id])))
        return out

    def name_of(self, target: str) -> str:
        if target in self.content.meters:
            return text(self.content.meters[target].name)
        if target in self.content.counters:
            return text(self.content.counters[target].name)
        return self.content.names.display.get(target, target)
