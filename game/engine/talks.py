"""Negotiation: a contest of interests over a ladder of positions.

The counterpart has stated interests (valued from the game's state), a standing with you (the sum
of those values, moved by your arguments), a hidden reservation (the highest rung it could grant
in this state, whatever you offer) and a walk-away alternative. Asking for rung p costs it
`cost(p) - cost(start)`; it accepts a proposal when p is within its reservation and its standing
plus the worth of your concessions covers that cost. Otherwise it counter-offers the package
closest to your ask that it could accept (more concessions, or a lower rung), or refuses and says
what it needs. Every round uses one of the rounds it will give you; when they run out it leaves,
and the offer on the table lapses. A probe (`reveals`) tells you how far it could go.

In hot seat a second player answers your proposals instead of the AI, within the same limits: a player at
the same keyboard (`hotseat`), or the student holding the role that speaks for the counterpart (`roles`).
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import combinations
from typing import TYPE_CHECKING

from game.content.compiled import ConcessionRule, Does, NegotiationRule, PositionRule, text
from game.content.texts import LiveText, render
from game.engine.actions import AcceptOffer, Action, Move, Propose, Respond, WalkAway
from game.engine.effects import Recorder, finite
from game.engine.prepared import PerContent
from game.engine.records import Kind
from game.engine.roles import held_roles, holds
from game.engine.state import GameState, TalksState, TalksSummary
from game.errors import RulesError
from game.i18n import gettext_in

if TYPE_CHECKING:
    from game.content.compiled import Content

MOODS = ((-99.0, "hostile"), (-1.0, "cold"), (0.5, "wary"), (2.0, "open"), (4.0, "warm"))


def mood(standing: float) -> str:
    return next(name for limit, name in reversed(MOODS) if standing >= limit)


NO_TALKS = "there are no talks in progress"
_ACCEPT, _WALK = AcceptOffer(), WalkAway()
_AGREE, _HOLD, _END = Respond("accept"), Respond("hold"), Respond("end")


class _Fixed:
    """What no game changes in one negotiation: its moves and concessions as actions with their conditions, where
    each position and concession sits, and the proposals for each (start rung, concessions available)."""

    __slots__ = ("_covers", "_said", "_worths", "concessions", "interests", "moves", "opens", "proposals", "rung",
                 "top", "topped", "worth")

    def __init__(self, rule: NegotiationRule) -> None:
        self.moves = tuple((Move(mid), None if m.when is None else m.when.fn) for mid, m in rule.moves.items())
        self.concessions = tuple((c, None if c.when is None else c.when.fn) for c in rule.concessions)
        self.interests = tuple((i.model.id, i.value.fn) for i in rule.interests)
        # what `why_closed` tests, for `can_open`: the rung in force is the top one (>= the last index) when one of
        # the positions from that index holds (`topped`: at once, with one position); and the talks' own condition
        last = len(rule.positions) - 1
        self.topped = last <= 0
        self.top = tuple(p.holds.fn for p in rule.positions if p.holds is not None and p.index >= last)
        self.opens = None if rule.opens is None else rule.opens.fn
        self.rung: dict[str, int] = {}
        for p in rule.positions:
            self.rung.setdefault(p.id, p.index)
        self.worth: dict[str, float] = {}
        for c in rule.concessions:
            self.worth.setdefault(c.id, c.model.worth)
        self.proposals: dict[tuple[int, tuple[ConcessionRule, ...]], tuple[Propose, ...]] = {}
        self._covers: dict[tuple[str, ...], tuple[list[float], list[tuple[str, ...]]]] = {}
        self._said: dict[tuple[str, tuple[str, ...]], str] = {}
        self._worths: dict[tuple[str, ...], float] = {}

    def said(self, position: str, concessions: tuple[str, ...]) -> str:
        """A proposal as `moves_made` lists it: 'propose:rung+concession...'."""
        key = (position, concessions)
        found = self._said.get(key)
        if found is None:
            found = self._said[key] = "propose:" + position + "".join("+" + c for c in concessions)
        return found

    def package_worth(self, concessions: tuple[str, ...]) -> float:
        """What a set of concessions is worth to the counterpart (the sum of those it knows, in order)."""
        found = self._worths.get(concessions)
        if found is None:
            worth = self.worth
            found = self._worths[concessions] = sum(worth[c] for c in concessions if c in worth)
        return found

    def covers(self, extra: tuple[ConcessionRule, ...]) -> tuple[list[float], list[tuple[str, ...]]]:
        """Every non-empty package of the concessions `extra` with its worth, sorted by worth (stably: in the order
        combinations() makes them), as (worths, packages)."""
        key = tuple(c.id for c in extra)
        found = self._covers.get(key)
        if found is None:
            made = [(sum(c.model.worth for c in combo), tuple(c.id for c in combo))
                    for n in range(1, len(extra) + 1) for combo in combinations(extra, n)]
            made.sort(key=lambda m: m[0])
            found = self._covers[key] = ([w for w, _ in made], [ids for _, ids in made])
        return found

    def propose(self, rule: NegotiationRule, start: int, available: tuple[ConcessionRule, ...]) -> tuple[Propose, ...]:
        """Every package that may be put on the table: each rung above the start, with each set of the concessions
        available."""
        key = (start, available)
        out = self.proposals.get(key)
        if out is None:
            ids = tuple(c.id for c in available)
            out = self.proposals[key] = tuple(
                Propose(rule.positions[rung].id, combo) for rung in range(start + 1, len(rule.positions))
                for n in range(len(ids) + 1) for combo in combinations(ids, n))
        return out


_fixed = PerContent(lambda content: {nid: _Fixed(rule) for nid, rule in content.negotiations.items()})


class Talks:
    """Runs the negotiation in progress of one game."""

    def __init__(self, content: Content, state: GameState, rec: Recorder, render_text: bool = True) -> None:
        self.content, self.state, self.rec, self.render_text = content, state, rec, render_text
        self.lang = str(state.options.get("lang", "en"))
        self.fixed = _fixed(content)

    # -- reading the negotiation -------------------------------------------------------------------
    @property
    def t(self) -> TalksState:
        t = self.state.talks
        if t is None:
            raise RulesError(NO_TALKS)
        return t

    def rule(self, nid: str | None = None) -> NegotiationRule:
        return self.content.negotiations[nid or self.t.id]

    def current_rung(self, rule: NegotiationRule) -> int:
        """The highest rung already in force (rung 0 when none says it holds)."""
        best = 0
        for p in rule.positions:
            if p.holds is not None and p.holds.fn(self.state):
                best = p.index
        return best

    def why_closed(self, nid: str) -> str:
        """Why talks cannot open now ('' when they can)."""
        rule = self.rule(nid)
        if self.current_rung(rule) >= len(rule.positions) - 1:
            return text(rule.model.closed, self.lang) or gettext_in(self.lang, "There is nothing left to ask for in "
                                                                     "these talks.")
        if rule.opens is not None and not rule.opens.fn(self.state):
            return text(rule.model.closed, self.lang) or gettext_in(self.lang, "These talks cannot open yet.")
        return ""

    def can_open(self, nid: str) -> bool:
        """Whether talks can open now (`why_closed(nid)` is ''), testing only what decides it: whether a position that
        means the top rung is in force holds, and the talks' condition (conditions draw no random numbers)."""
        fixed, st = self.fixed[nid], self.state
        if fixed.topped:
            return False
        for top_holds in fixed.top:
            if top_holds(st):
                return False
        return fixed.opens is None or bool(fixed.opens(st))

    def reservation(self) -> int:
        rule = self.rule()
        top = len(rule.positions) - 1
        return max(self.t.start, min(top, int(finite(rule.reservation.fn(self.state)))))

    def required(self, rung: int) -> float:
        """What granting `rung` costs the counterpart, from where the talks started."""
        rule = self.rule()
        return rule.positions[rung].model.cost - rule.positions[self.t.start].model.cost

    def worth(self, concessions: tuple[str, ...]) -> float:
        return self.fixed[self.t.id].package_worth(concessions)

    def concessions_available(self) -> list[ConcessionRule]:
        return [c for c in self.rule().concessions if c.when is None or c.when.fn(self.state)]

    def acceptable(self, rung: int, concessions: tuple[str, ...], reservation: int | None = None) -> bool:
        t = self.t
        covered = t.standing + self.worth(concessions) >= self.required(rung) - 1e-9
        return t.start < rung <= (self.reservation() if reservation is None else reservation) and covered

    def interest_values(self) -> list[tuple[str, float]]:
        st = self.state
        return [(iid, round(finite(value(st)), 1)) for iid, value in self.fixed[self.t.id].interests]

    def need(self) -> str:
        """The interest they would name as lacking: the one the state serves worst (the first, on a tie)."""
        st = self.state
        t = st.talks  # self.t, inlined
        if t is None:
            raise RulesError(NO_TALKS)
        need: str | None = None
        least = 0.0
        for iid, value in self.fixed[t.id].interests:
            x = round(finite(value(st)), 1)
            if need is None or x < least:
                need, least = iid, x
        return need or ""

    # -- opening -----------------------------------------------------------------------------------
    def open(self, nid: str, card: str) -> None:
        rule = self.rule(nid)
        st = self.state
        start = self.current_rung(rule)
        standing = sum(finite(value(st)) for _, value in self.fixed[nid].interests)
        standing += finite(rule.stance.fn(st))
        hotseat = st.options.get("hotseat", [])
        # A class's live roles (option `live_roles`: the holders answer from their own browser tabs) answer talks
        # too when the game was made with option `live_talks` (the bureau's tab asks the holder, or the AI past the
        # time limit); games made before that leave their talks to the AI, so their logs replay as they were.
        live = bool(st.options.get("live_roles")) and not st.options.get("live_talks")
        held = hotseat == "all" or nid in hotseat or (not live and holds(held_roles(st),
                                                                           self.content.talks_role.get(nid)))
        st.talks = TalksState(id=nid, card=card, turn=st.turn, rounds_left=rule.model.rounds,
                              standing=round(standing, 2), start=start, hotseat=held)
        self.rec.entry(Kind.TALKS_OPEN, nid, card)
        opened_before = sum(1 for s in st.talks_log if s.id == nid)
        self._say_nth("opening", opened_before)
        st.talks.need = self.need()

    # -- what can be done --------------------------------------------------------------------------
    def legal(self) -> list[Action]:
        t = self.state.talks  # self.t, inlined
        if t is None:
            raise RulesError(NO_TALKS)
        if t.awaiting == "counterpart":
            return list(self.reply_options())
        out, _ = self.options()
        return self.with_offer(out)

    def options(self) -> tuple[list[Action], list[ConcessionRule]]:
        """The player's moves and proposals now (what `legal` offers but accepting and walking away), and the
        concessions available. Both read only the values and flags (conditions draw no random numbers), so they hold
        as long as those stay as they are: the lean path keeps them while only proposals are made."""
        t = self.state.talks
        if t is None:
            raise RulesError(NO_TALKS)
        st, fixed = self.state, self.fixed[t.id]
        out: list[Action] = [move for move, when in fixed.moves if when is None or when(st)]
        available = [c for c, when in fixed.concessions if when is None or when(st)]
        out += fixed.propose(self.content.negotiations[t.id], t.start, tuple(available))
        return out, available

    def with_offer(self, options: list[Action]) -> list[Action]:
        """`legal()` from its `options()`: they, then accepting the offer on the table (if any), then walking away."""
        t = self.state.talks  # self.t, inlined
        if t is None:
            raise RulesError(NO_TALKS)
        return [*options, _ACCEPT, _WALK] if t.offer > t.start else [*options, _WALK]

    def reply_options(self) -> list[Respond]:
        """The counterpart player's answers to the proposal on the table, within what the role allows."""
        t = self.t
        if t.awaiting != "counterpart":
            return []
        rule = self.rule()
        out = []
        if t.ask <= self.reservation():
            out.append(_AGREE)
        for rung in range(min(t.ask, self.reservation()), t.start, -1):
            need = self._cheapest_cover(rung, t.ask_concessions)
            if need is not None:
                out.append(Respond("counter", rule.positions[rung].id, need))
        out += [_HOLD, _END]
        return out

    # -- the player's actions ----------------------------------------------------------------------
    def move(self, mid: str) -> None:
        t, st = self.t, self.state
        rule = self.rule()
        move = rule.moves.get(mid)
        if move is None or t.awaiting != "player":
            raise RulesError(f"'{mid}' is not a move you can make in these talks now")
        if move.when is not None and not move.when.fn(st):
            why = text(move.model.locked, self.lang) or gettext_in(self.lang, "not now")
            raise RulesError(gettext_in(self.lang, "that move is not available: {why}").format(why=why))
        t.round += 1
        t.moves_made.append(mid)
        self._you(move.says)
        rec = self.rec.entry(Kind.TALKS_MOVE, t.id, mid)
        self.rec.does(rec, move.does)
        if move.chance is not None:
            works = st.random() < finite(move.chance.fn(st))
            delta = finite((move.standing if works else move.standing_if_fails).fn(st))
            pool = "appeal_works" if works else "appeal_fails"
            if pool not in rule.replies:
                pool = "warmer" if delta > 0 else "cooler"
        else:
            delta = finite(move.standing.fn(st))
            pool = "warmer" if delta > 0 else "cooler"
        t.standing = round(t.standing + delta, 2)
        t.last_delta = delta
        t.rounds_left += move.model.rounds
        if move.model.reveals:
            t.revealed = self.reservation()
            if "probed" in rule.replies:
                pool = "probed"
        self._say(pool)
        t.need = self.need()
        self._check_patience()

    def propose(self, position: str, concessions: tuple[str, ...]) -> None:
        t = self.state.talks  # self.t, inlined
        if t is None:
            raise RulesError(NO_TALKS)
        rule = self.content.negotiations[t.id]
        fixed = self.fixed[t.id]
        rung = fixed.rung.get(position)
        if rung is None or rung <= t.start or t.awaiting != "player":
            raise RulesError(f"you cannot propose '{position}' in these talks now")
        st = self.state
        available = {c.id for c, when in fixed.concessions if when is None or when(st)}
        bad = [c for c in concessions if c not in available]
        if bad or len(set(concessions)) != len(concessions):
            raise RulesError(f"you cannot offer '{bad[0] if bad else concessions[0]}' now")
        t.round += 1
        t.ask, t.ask_concessions = rung, tuple(concessions)
        t.moves_made.append("propose:" + position + "".join("+" + c for c in concessions) if concessions
                            else "propose:" + position)
        if self.render_text:
            self._you_propose(rule.positions[rung], concessions)
        if self.rec.record:
            self.rec.entry(Kind.TALKS_MOVE, t.id, "propose:" + position)
        if t.hotseat:
            t.awaiting = "counterpart"
            return
        self._answer(self.ai_response())

    def propose_offered(self, position: str, concessions: tuple[str, ...],
                        available: list[ConcessionRule] | None = None, need_known: bool = False) -> None:
        """`propose` on the simulator's lean path (no text, no record) of a package `legal()` just offered in this
        state: the same steps without its checks, which could not fail (conditions draw no random numbers).
        `available` is `options()`'s in this state, when known; `need_known` says that `t.need` is `need()` in this
        state (a proposal changes no value or flag, so the answer leaves it as it is)."""
        t = self.state.talks
        assert t is not None
        rung = self.fixed[t.id].rung[position]
        t.round += 1
        t.ask, t.ask_concessions = rung, concessions
        t.moves_made.append(self.fixed[t.id].said(position, concessions))
        if t.hotseat:
            t.awaiting = "counterpart"
            return
        self._answer(self.ai_response(available), need_known)

    def accept_offer(self) -> None:
        t = self.t
        if t.offer <= t.start or t.awaiting != "player":
            raise RulesError("there is no offer on the table to accept")
        t.moves_made.append("accept")
        self._close(t.offer, t.offer_concessions)

    def walk_away(self) -> None:
        t = self.t
        if t.awaiting != "player":
            raise RulesError("wait for their answer first")
        t.moves_made.append("walk_away")
        self._say("walkout")
        self._close(None)

    # -- the counterpart ---------------------------------------------------------------------------
    def _cheapest_cover(self, rung: int, base: tuple[str, ...], reservation: int | None = None,
                        available: list[ConcessionRule] | None = None) -> tuple[str, ...] | None:
        """The cheapest set of concessions, including `base`, that makes `rung` acceptable; None if none does.
        (`reservation` and `available`, when given, are this state's: conditions draw no random numbers.)"""
        t = self.state.talks  # self.t, inlined
        if t is None:
            raise RulesError(NO_TALKS)
        if not t.start < rung <= (self.reservation() if reservation is None else reservation):
            return None
        positions = self.content.negotiations[t.id].positions
        # self.required(rung) - t.standing - self.worth(base), inlined
        gap = (positions[rung].model.cost - positions[t.start].model.cost) - t.standing - self.fixed[
            t.id].package_worth(base)
        if gap <= 1e-9:
            return base
        extra = tuple(c for c in (self.concessions_available() if available is None else available)
                      if c.id not in base)
        worths, combos = self.fixed[t.id].covers(extra)
        # the first package, in the order combinations() makes them, of the least worth that covers the gap
        i = bisect_left(worths, gap - 1e-9)
        return None if i == len(worths) else base + combos[i]

    def ai_response(self, available: list[ConcessionRule] | None = None) -> Respond:
        """What the counterpart would answer to the proposal on the table (`available`, when given, is
        `concessions_available()`)."""
        t = self.state.talks  # self.t, inlined
        if t is None:
            raise RulesError(NO_TALKS)
        rule = self.content.negotiations[t.id]
        top = len(rule.positions) - 1  # self.reservation(), inlined
        reservation = max(t.start, min(top, int(finite(rule.reservation.fn(self.state)))))
        rung = t.ask  # self.acceptable(t.ask, t.ask_concessions, reservation), inlined
        covered = t.standing + self.fixed[t.id].package_worth(t.ask_concessions) >= (
            rule.positions[rung].model.cost - rule.positions[t.start].model.cost) - 1e-9
        if t.start < rung <= reservation and covered:
            return _AGREE
        if available is None:
            st = self.state
            available = [c for c in rule.concessions if c.when is None or c.when.fn(st)]  # concessions_available()
        for rung in range(min(t.ask, reservation), t.start, -1):
            cover = self._cheapest_cover(rung, t.ask_concessions, reservation, available)
            if cover is not None:
                return Respond("counter", rule.positions[rung].id, cover)
        return _HOLD if t.rounds_left > 1 else _END

    def respond(self, reply: Respond) -> None:
        """The counterpart player's answer (hot seat), checked against what the role allows."""
        t = self.t
        if t.awaiting != "counterpart":
            raise RulesError("the counterpart has nothing to answer")
        if reply not in self.reply_options():
            raise RulesError("that answer is beyond what the counterpart may grant")
        ai = self.ai_response()
        if (ai.reply, ai.position) != (reply.reply, reply.position):
            t.against_ai.append((_describe_reply(reply), _describe_reply(ai)))
        t.awaiting = "player"
        self._answer(reply)

    def _answer(self, reply: Respond, need_known: bool = False) -> None:
        """The counterpart's answer to the proposal on the table (`need_known`: `t.need` is `need()` already)."""
        t = self.state.talks  # self.t, inlined
        if t is None:
            raise RulesError(NO_TALKS)
        rule = self.content.negotiations[t.id]
        t.rounds_left -= 1
        if reply.reply == "accept":
            self._say("accept")
            return self._close(t.ask, t.ask_concessions)
        if reply.reply == "end":
            self._say("impatient")
            return self._close(None)
        if reply.reply == "counter":
            rung = next(p.index for p in rule.positions if p.id == reply.position)
            t.offer, t.offer_concessions = rung, reply.concessions
            self._say("counter")
            self._them_offer(rule.positions[rung], reply.concessions)
        else:
            self._say("refuse")
        if not need_known:
            t.need = self.need()
        self._check_patience()

    def _check_patience(self) -> None:
        t = self.state.talks  # self.t, inlined
        if t is None:
            raise RulesError(NO_TALKS)
        if t.rounds_left <= 0 and self.state.talks is not None:
            self._say("impatient")
            self._close(None)

    # -- closing -----------------------------------------------------------------------------------
    def _close(self, rung: int | None, concessions: tuple[str, ...] = ()) -> None:
        st, t = self.state, self.t
        rule = self.rule()
        if rung is not None:
            position = rule.positions[rung]
            rec = self.rec.entry(Kind.TALKS_END, t.id, position.id)
            self.rec.does(rec, position.does)
            by_id = {c.id: c for c in rule.concessions}
            for cid in concessions:
                self.rec.does(rec, by_id[cid].does)
            outcome, words = position.id, position.text
        else:
            nd = next((o for o in rule.no_deal if o.when is None or o.when.fn(st)), rule.no_deal[-1])
            rec = self.rec.entry(Kind.TALKS_END, t.id, nd.model.id)
            self.rec.does(rec, nd.does)
            outcome, words = nd.model.id, nd.text
        if self.render_text and words.variants[0][1].get("en", ("",)) != ():
            t.transcript.append(("result", render(words, st, self.lang, self.content.labels)))
        st.talks_log.append(TalksSummary(t.id, t.card, t.turn, t.round, outcome, rung is not None, t.hotseat,
                                         tuple(t.moves_made), tuple(t.transcript), tuple(t.against_ai)))
        st.talks = None

    # -- words -------------------------------------------------------------------------------------
    def _you(self, says: LiveText) -> None:
        if self.render_text:
            self.t.transcript.append(("you", render(says, self.state, self.lang, self.content.labels)))

    def _you_propose(self, position: PositionRule, concessions: tuple[str, ...]) -> None:
        if self.render_text:
            self.t.transcript.append(("propose", self.package(position.index, concessions) + self._stop()))

    def _them_offer(self, position: PositionRule, concessions: tuple[str, ...]) -> None:
        if self.render_text:
            self.t.transcript.append(("offer", self.package(position.index, concessions) + self._stop()))

    def _stop(self) -> str:
        return gettext_in(self.lang, ".")

    def package(self, rung: int, concessions: tuple[str, ...]) -> str:
        rule = self.rule()
        by_id = {c.id: c for c in rule.concessions}
        words = text(rule.positions[rung].model.label, self.lang)
        if concessions:
            asks = gettext_in(self.lang, "; ").join(text(by_id[c].model.label, self.lang) for c in concessions
                                                     if c in by_id)
            words = gettext_in(self.lang, "{position}, if {concessions}").format(position=words, concessions=asks)
        return words

    def _say(self, pool: str) -> None:
        """The next line of a reply pool not yet used in these talks (no line repeats in one talk)."""
        t = self.state.talks  # self.t, inlined
        if t is None:
            raise RulesError(NO_TALKS)
        lines = self.content.negotiations[t.id].replies.get(pool, ())
        used = t.used.get(pool, 0)
        for i in range(len(lines)):
            if not used & (1 << i):
                t.used[pool] = used | (1 << i)
                if self.render_text:
                    t.transcript.append(("them", render(lines[i], self.state, self.lang, self.content.labels)))
                return

    def _say_nth(self, pool: str, n: int) -> None:
        t = self.t
        lines = self.rule().replies.get(pool, ())
        if not lines:
            return
        i = n % len(lines)
        t.used[pool] = t.used.get(pool, 0) | (1 << i)
        if self.render_text:
            t.transcript.append(("them", render(lines[i], self.state, self.lang, self.content.labels)))


def _describe_reply(reply: Respond) -> str:
    if reply.reply == "counter":
        return f"counter:{reply.position}" + "".join("+" + c for c in reply.concessions)
    return reply.reply


def deal_effects(content: Content, nid: str, rung: int, concessions: tuple[str, ...]) -> list[Does]:
    """What a deal at `rung` with `concessions` does (for previews)."""
    rule = content.negotiations[nid]
    by_id = {c.id: c for c in rule.concessions}
    return [rule.positions[rung].does, *(by_id[c].does for c in concessions if c in by_id)]
