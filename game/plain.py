"""Plain mode: the whole game line by line on stdin/stdout, for screen readers and scripts.

No colour and no cursor tricks; lines wrap at the terminal's width on word boundaries. The game is
driven only through the engine's actions. End of input (or `q`) saves to the autosave slot and
exits cleanly; the month so far is kept (its actions are replayed on load).
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Callable, Sequence
from typing import TextIO

from game.content.compiled import text
from game.engine.actions import AcceptOffer, Action, EndMonth, Move, Propose, Reflect, SetPolicy, WalkAway
from game.engine.game import Game
from game.engine.views import ChoiceResult, ChoiceView, TalksResult
from game.errors import RulesError, SaveError
from game.present import (
    changes_text, counters_line, ledger_lines, meters_line, preview_text, rung_text, signed, standing_text,
)
from game.saves import AUTOSAVE, SaveStore
from game.textsafe import clean

HELP = """Commands:
  1-4        take that choice on the current card
  w          why is this card here? (its source and quote)
  p          standing policies (change one a month)
  x WORDS    codex: look up a term or a source (x alone lists them)
  b          the briefing again: your role, the meters, how the game ends
  m          the meters and counters
  l          last month's ledger again
  s NAME     save to a named slot
  q          save and quit (to the autosave slot)
  h or ?     this help
At the end of a month, press Enter to close the month and read the ledger."""

TALKS_HELP = """In talks:
  1-9        make that move (an argument, a probe, an appeal)
  o          make an offer: a position, plus concessions from other matters
  a          accept their offer on the table
  i          their interests, and what each of your concessions would cost you
  l          leave the talks with no deal
  q          save and quit"""

MAX_LINE = 2000


class PlainGame:
    """Runs a game on text streams. `out` gets everything the player reads."""

    def __init__(self, game: Game, store: SaveStore, preview: str = "meters",
                 stdin: TextIO | None = None, stdout: TextIO | None = None, width: int | None = None,
                 before_month: Callable[[Game], Game] | None = None) -> None:
        self.game, self.store, self.preview = game, store, preview
        self.inp = stdin or sys.stdin
        self.out = stdout or sys.stdout
        self.width = width or max(40, min(100, shutil.get_terminal_size((80, 24)).columns - 1))
        self.before_month = before_month
        self.shown_lines = 0  # transcript lines of the current talks already printed
        self.last_ledger: list[str] = []

    # -- output ------------------------------------------------------------------------------
    def say(self, line: str = "") -> None:
        """One line; a long one wraps on words, keeping its indentation."""
        line = clean(line)
        if len(line) > self.width:
            lead = line[: len(line) - len(line.lstrip())]
            line = textwrap.fill(line.strip(), self.width, initial_indent=lead, subsequent_indent=lead + "    ",
                                 break_on_hyphens=False, break_long_words=False)
        self.out.write(line + "\n")

    def wrap(self, words: str, indent: str = "", first: str | None = None) -> None:
        """Wrap to the width on word boundaries; `first` replaces the indent on the first line only."""
        lead = indent if first is None else first
        for para in words.strip().split("\n"):
            self.say(textwrap.fill(para, self.width, initial_indent=lead, subsequent_indent=indent,
                                   break_on_hyphens=False, break_long_words=False) or "")
            lead = indent

    def ask(self, prompt: str) -> str | None:
        prompt = clean(prompt)
        if len(prompt) > self.width:
            lead = prompt[: len(prompt) - len(prompt.lstrip("\n"))]
            prompt = lead + textwrap.fill(prompt.strip(), self.width, break_on_hyphens=False) + " "
        while True:
            self.out.write(prompt)
            self.out.flush()
            try:
                line = self.inp.readline()
            except UnicodeDecodeError:
                line = "\udcff\n"
            if not line:
                self.out.write("\n")
                return None
            answer = line.strip()[:MAX_LINE]
            if not self.inp.isatty():  # echo piped input so a transcript reads like a session
                self.out.write(clean(answer) + "\n")
            if any("\udc80" <= ch <= "\udcff" or ch == "\ufffd" for ch in answer):
                self.say("That line has bytes that are not text (check the keyboard or file encoding); "
                         "type it again.")
                continue
            return answer

    def apply(self, action: Action) -> object:
        try:
            return self.game.apply(action)
        except RulesError as exc:
            self.say(f"Not possible: {exc}")
            return None

    # -- screens -----------------------------------------------------------------------------
    def briefing(self) -> None:
        g = self.game
        sc = g.content.scenario
        self.say()
        self.say(f"=== {text(sc.title)} — briefing ===")
        self.wrap(text(sc.role))
        self.say()
        self.wrap(text(sc.intro))
        self.say()
        self.say("Your meters (0 to 100):")
        for m in g.meters():
            self.wrap(f"{m.name} {m.value}: {m.description}", "      ", first="  - ")
        losses = [f"{text(m.name)} at {m.min if m.lose_at == 'min' else m.max}" for m in sc.meters if m.lose_at]
        if losses:
            self.wrap("The game ends at once if " + " or ".join(losses) + ". Otherwise it runs to "
                      f"{g.month_label(g.turns)}, when your record is judged.")
        self.say("Each month brings one to three cards; then standing policies and the labour market act, "
                 "and a ledger shows every change and its cause. Type h for the commands.")

    def header(self) -> None:
        g = self.game
        self.say()
        self.say(f"=== {g.month_label()} · month {g.turn} of {g.turns} ===")
        self.wrap(meters_line(g))
        self.wrap(counters_line(g))

    def show_card(self) -> None:
        g = self.game
        card = g.current_card()
        assert card is not None
        self.say()
        self.say(f"--- Card {card.position} of {card.of} · {card.deck_title} ---")
        self.wrap(card.title)
        self.wrap(f"From: {card.actor}")
        if card.frame_note:
            self.wrap(f"({card.frame_note})")
        self.wrap(card.text)
        for c in g.choices():
            hint = preview_text(g, c, self.preview)
            talks = "; opens talks" if c.negotiate else ""
            if c.available:
                line = f"{c.label}" + (f"  [{hint}{talks}]" if hint or talks else "")
                self.wrap(line, "     ", first=f"  {c.index + 1}) ")
            else:
                self.wrap(f"(unavailable: {c.reason}) {c.label}", "     ", first=f"  {c.index + 1}) ")

    def show_why(self) -> None:
        card = self.game.current_card()
        if card is None:
            self.say("There is no card in front of you.")
            return
        self.wrap(f"Why is this here? {card.source_citation}, {card.source_where}:")
        self.wrap(f"“{card.source_quote}”", "    ")
        if card.frame_note:
            self.wrap(card.frame_note, "    ")

    def show_codex(self, query: str) -> None:
        g = self.game
        q = query.lower().strip()
        hits = 0
        for t in g.content.glossary:
            words = " ".join([text(t.term), *t.also, text(t.definition)]).lower()
            if not q or q in words:
                hits += 1
                if q:
                    self.wrap(f"{text(t.term)} ({', '.join(t.also)}): {text(t.definition)}" if t.also else
                              f"{text(t.term)}: {text(t.definition)}", "    ", first="  ")
                else:
                    self.say(f"  {text(t.term)}")
        for s in g.content.sources.values():
            if q and (q in s.id or q in s.citation.lower() or q in s.short.lower()):
                hits += 1
                self.wrap(f"Source {s.short}: {s.citation}", "    ", first="  ")
        if not hits:
            self.say(f"Nothing in the codex matches '{query}'. Type x alone for the list of terms.")
        elif not q:
            self.say("Type x and a word to read a term, e.g.  x hukou")

    def show_policies(self) -> None:
        g = self.game
        self.say(f"Standing policies (changes left this month: {g.policy_changes_left}):")
        policies = g.policies()
        for i, p in enumerate(policies, 1):
            self.say(f"  {i}) {p.name}: {p.current_label}")
        pick = self.ask("Policy number to change (Enter to go back): ")
        if not pick or not pick.isdigit() or not 1 <= int(pick) <= len(policies):
            return
        policy = policies[int(pick) - 1]
        self.wrap(policy.description, "    ")
        for j, o in enumerate(policy.options, 1):
            mark = " (current)" if o.id == policy.current else ""
            state = "" if o.available else f" (unavailable: {o.reason})"
            effects = ", ".join(f"{g.name_of(t)} {e}" for t, e in o.monthly)
            self.wrap(f"{o.label}{mark}{state}" + (f" — each month: {effects}" if effects else ""), "        ",
                      first=f"    {j}) ")
        opt = self.ask("Option number (Enter to keep): ")
        if opt and opt.isdigit() and 1 <= int(opt) <= len(policy.options):
            if self.apply(SetPolicy(policy.id, policy.options[int(opt) - 1].id)) is None and \
                    g.value(policy.id) == policy.options[int(opt) - 1].id:
                self.say("Policy changed.")

    def save(self, slot: str) -> bool:
        try:
            path = self.store.save(self.game, slot)
            self.say(f"Saved to {path}.")
            return True
        except SaveError as exc:
            self.say(f"Could not save: {exc}")
            return False

    def show_ending(self) -> None:
        g = self.game
        end = g.ending()
        assert end is not None
        self.say()
        self.say(f"*** {end.title} ***")
        self.wrap(end.text)
        self.say()
        self.say("Your record:")
        for m in g.meters():
            start = m.history[0] if m.history else m.value
            self.say(f"  {m.name}: {start} → {m.value} ({signed(m.value - start)})")
        deals = [s for s in g.talks_log]
        if deals:
            self.say("Talks:")
            for i, _ in enumerate(deals):
                r = g.talks_result(i)
                if r is not None:
                    self.wrap(f"{g.month_label(r.turn)}: {r.title} — {r.outcome}", "      ", first="  - ")
        self.say()
        self.say("What happened in history:")
        self.wrap(end.epilogue)
        self.wrap(f"Source: {end.source_citation}, {end.source_where}:")
        self.wrap(f"“{end.source_quote}”", "    ")
        self.say()
        self.wrap("Your debrief (every decision, the sources you met, questions for discussion): "
                  "friendship-pass report autosave --out debrief.html")

    # -- loop --------------------------------------------------------------------------------
    def run(self) -> int:
        g = self.game
        if not g.actions:
            self.briefing()
        self.say("Type h for help. Your choices are saved every month.")
        self.header()
        while not self.game.is_over:
            g = self.game
            if not self.ask_reflection():
                return 0
            if g.phase in ("talks", "counterpart"):
                if not self.negotiate():
                    return 0
                continue
            if g.phase == "cards":
                self.show_card()
                answer = self.ask(f"Choose 1-{len(g.choices())} (h for help): ")
            else:
                answer = self.ask("\nThe month's cards are done. Enter = close the month, p = policies: ")
            if answer is None:
                return self.quit(None)
            if not self.command(answer):
                return 0
        self.show_ending()
        self.ask_reflection()
        self.save(AUTOSAVE)
        return 0

    def ask_reflection(self) -> bool:
        """Ask a due reflection prompt (Enter skips); its answer goes into the debrief. False = quit."""
        due = self.game.pending_reflection()
        if due is None:
            return True
        reflection, prompt = due
        self.say()
        self.say("--- A moment to reflect (for the debrief; press Enter to skip) ---")
        self.wrap(prompt)
        answer = self.ask("> ")
        if answer is None:
            return self.quit(None)
        self.apply(Reflect(reflection, answer))
        return True

    def command(self, answer: str) -> bool:
        """Handle one line of input; False means quit."""
        g = self.game
        low = answer.lower()
        if low in ("q", "quit", "exit"):
            return self.quit("q")
        if low in ("h", "?", "help"):
            self.say(HELP)
        elif low in ("w", "why"):
            self.show_why()
        elif low in ("p", "policies"):
            self.show_policies()
        elif low in ("m", "meters"):
            self.header()
        elif low in ("b", "briefing"):
            self.briefing()
        elif low in ("l", "ledger"):
            for line in self.last_ledger or ["No month has closed yet."]:
                self.say(line)
        elif low == "x" or low.startswith("x "):
            self.show_codex(answer[2:])
        elif low.startswith("s ") or low == "s":
            name = answer[2:].strip()
            if name:
                self.save(name)
            else:
                self.say("Give the save a name, e.g.  s before-ratings")
        elif g.phase == "cards":
            choices = g.choices()
            if answer.isdigit() and 1 <= int(answer) <= len(choices):
                self.take(choices[int(answer) - 1])
            else:
                self.say(f"Please type a number from 1 to {len(choices)}, or h for help.")
        elif answer == "":
            self.close_month()
        else:
            self.say("Press Enter to close the month, or h for help.")
        return True

    # -- talks -------------------------------------------------------------------------------
    def talks_status(self) -> None:
        g = self.game
        v = g.talks()
        assert v is not None
        self.say()
        self.wrap(f"[{v.title} with {v.counterpart} · round {v.round + 1} · rounds left: {v.rounds_left} · "
                  f"your standing: {standing_text(v, self.preview)}]")
        self.say("  The ladder:")
        for i in range(len(v.rungs)):
            self.wrap(rung_text(v, i, self.preview), "        ", first=f"    {i + 1}. ")
        if v.offer_text:
            self.wrap(f"On the table: {v.offer_text}", "    ", first="  ")
        if v.need:
            self.wrap(f"They say they need: {v.need}", "    ", first="  ")

    def negotiate(self) -> bool:
        """One round of talks: the state of the table, then a move, an offer, or the counterpart's reply."""
        g = self.game
        view = g.talks()
        assert view is not None
        self.show_transcript(view.transcript, view.counterpart)
        self.talks_status()
        if view.awaiting == "counterpart":
            return self.counterpart_turn()
        for i, m in enumerate(view.moves, 1):
            extra = changes_text(g, m.cost, self.preview)
            tags = [t for t in (extra, "probes their limit" if m.reveals else "",
                                f"a gamble ({m.gamble:.0%})" if m.gamble is not None else "") if t]
            line = m.label + (f"  [{'; '.join(tags)}]" if tags else "")
            self.wrap(line if m.available else f"(unavailable: {m.reason}) {m.label}", "     ", first=f"  {i}) ")
        offer = "  a) accept their offer   " if view.offer >= 0 else "  "
        self.say(f"  o) make an offer{offer}i) their interests   l) leave the talks")
        answer = self.ask(f"Your move (1-{len(view.moves)}, o, a, i, l; h for help): ")
        if answer is None or answer.lower() == "q":
            return self.quit(answer)
        low = answer.lower()
        if answer.isdigit() and 1 <= int(answer) <= len(view.moves) and view.moves[int(answer) - 1].available:
            self.apply(Move(view.moves[int(answer) - 1].id))
        elif low == "o":
            self.make_offer()
        elif low == "a" and view.offer >= 0:
            self.apply(AcceptOffer())
        elif low == "l":
            self.apply(WalkAway())
        elif low == "i":
            self.show_interests()
        elif low in ("h", "?"):
            self.say(TALKS_HELP)
        else:
            self.say(f"Please type the number of an available move (1 to {len(view.moves)}), o, a, i or l.")
        self.after_talks(view.counterpart)
        return True

    def show_interests(self) -> None:
        g = self.game
        v = g.talks()
        assert v is not None
        self.say(f"  What {v.counterpart} cares about:")
        for it in v.interests:
            value = "" if self.preview == "hidden" else f" ({signed(it.value)})"
            self.wrap(f"{it.says}{value}", "      ", first="    - ")
        self.wrap(f"If there is no deal: {v.alternative}", "    ", first="  ")
        if v.concessions:
            self.say("  What you could offer besides:")
            for c in v.concessions:
                cost = changes_text(g, c.costs, self.preview)
                state = "" if c.available else f" (not available: {c.reason})"
                self.wrap(f"{c.label}{state}" + (f"  [costs you: {cost}]" if cost else ""), "      ", first="    - ")

    def make_offer(self) -> None:
        g = self.game
        v = g.talks()
        assert v is not None
        rungs = [(i, r) for i, r in enumerate(v.rungs) if i > v.start]
        for n, (i, r) in enumerate(rungs, 1):
            self.wrap(rung_text(v, i, self.preview), "        ", first=f"    {n}) ")
        pick = self.ask(f"Which position (1-{len(rungs)}, Enter to go back)? ")
        if not pick or not pick.isdigit() or not 1 <= int(pick) <= len(rungs):
            return
        rung = rungs[int(pick) - 1][1]
        chosen: tuple[str, ...] = ()
        available = [c for c in v.concessions if c.available]
        if available:
            for n, c in enumerate(available, 1):
                cost = changes_text(g, c.costs, self.preview)
                self.wrap(c.label + (f"  [costs you: {cost}]" if cost else ""), "        ", first=f"    {n}) ")
            extra = self.ask("Add concessions (numbers separated by commas; Enter for none): ")
            if extra is None:
                return
            picks = [p.strip() for p in extra.split(",") if p.strip()]
            if not all(p.isdigit() and 1 <= int(p) <= len(available) for p in picks):
                self.say("Those are not concession numbers; the offer was not made.")
                return
            chosen = tuple(dict.fromkeys(available[int(p) - 1].id for p in picks))
        deal = changes_text(g, g.deal_preview(rung.id, chosen), self.preview)
        if deal:
            self.wrap(f"If they accept: {deal}", "    ", first="  ")
        self.apply(Propose(rung.id, chosen))

    def counterpart_turn(self) -> bool:
        g = self.game
        view = g.talks()
        assert view is not None
        options = g.reply_options()
        self.say()
        self.wrap(f"Second player, you speak for {view.counterpart}.")
        if view.brief:
            self.wrap(f"Your brief: {view.brief}", "    ", first="  ")
        limit = view.rungs[view.reservation].label if view.reservation >= 0 else ""
        if limit:
            self.wrap(f"The most you may grant now: {limit}", "    ", first="  ")
        suggested = g.suggested_reply()
        for i, o in enumerate(options, 1):
            ai = "  (the AI would choose this)" if o == suggested else ""
            self.wrap(g.describe_reply(o) + ai, "     ", first=f"  {i}) ")
        answer = self.ask(f"Reply 1-{len(options)}: ")
        if answer is None or answer.lower() == "q":
            return self.quit(answer)
        if answer.isdigit() and 1 <= int(answer) <= len(options):
            self.apply(options[int(answer) - 1])
        else:
            self.say(f"Please type a number from 1 to {len(options)}.")
        self.after_talks(view.counterpart)
        return True

    def after_talks(self, counterpart: str) -> None:
        g = self.game
        if g.phase in ("talks", "counterpart"):
            return
        if not g.talks_log:
            return
        result = g.talks_result()
        assert result is not None
        self.show_result(result, counterpart)

    def show_result(self, r: TalksResult, counterpart: str) -> None:
        self.show_transcript(r.transcript, counterpart)
        self.say(f"  Talks ended: {r.outcome}" + (" (a deal)" if r.deal else " (no deal)"))
        changes = [f"{self.game.name_of(c.target)} {signed(c.delta)}" for c in r.changes if c.delta]
        switched = [f"{self.game.name_of(c.target)} → {c.after}" for c in r.changes if isinstance(c.after, str)]
        if changes or switched:
            self.wrap("What it changed: " + "; ".join(changes + switched), "    ", first="  ")
        self.shown_lines = 0

    def show_transcript(self, transcript: Sequence[tuple[str, str]], counterpart: str) -> None:
        """Print the lines of the talks not printed yet."""
        for who, line in transcript[self.shown_lines:]:
            speaker = {"you": "You:", "them": f"{counterpart}:", "result": "Result:", "propose": "You propose:",
                       "offer": f"{counterpart} offers:"}.get(who, who)
            self.wrap(f"{speaker} {line}", "    ", first="  ")
        self.shown_lines = len(transcript)

    # -- cards and months --------------------------------------------------------------------
    def quit(self, answer: str | None) -> bool:
        saved = self.save(AUTOSAVE)
        if saved:
            self.say("Input ended; your game is saved. Goodbye." if answer is None else "Goodbye.")
        else:
            self.say("Goodbye; the game could not be saved (see above).")
        return False

    def take(self, view: ChoiceView) -> None:
        g = self.game
        if not view.available or view.action is None:
            self.say(f"Not possible: choice {view.index + 1} is locked ({view.reason}).")
            return
        result = self.apply(view.action)
        if not isinstance(result, ChoiceResult):
            return
        if result.outcome:
            self.wrap(result.outcome, "    ", first="  → ")
        changes = [f"{g.name_of(c.target)} {c.before:,} → {c.after:,}"
                   for c in result.changes if isinstance(c.after, int)]
        if changes:
            self.wrap("Changes: " + "; ".join(changes), "    ", first="  ")
        if result.negotiation and g.talks() is not None:
            view_t = g.talks()
            assert view_t is not None
            self.say()
            self.wrap(f"--- Talks open: {view_t.title}, with {view_t.counterpart} ---")
            if view_t.summary:
                self.wrap(view_t.summary, "  ", first="  ")
            self.shown_lines = 0

    def close_month(self) -> None:
        g = self.game
        label, turn = g.month_label(), g.turn
        ledger = self.apply(EndMonth())
        if not isinstance(ledger, list):
            return
        self.say()
        self.say(f"--- Ledger for {label} (month {turn}) ---")
        self.last_ledger = ledger_lines(g, ledger)
        for line in self.last_ledger:
            self.say(line)
        self.save_quietly()
        if not g.is_over:
            if self.before_month:
                self.game = self.before_month(g)
            self.header()

    def save_quietly(self) -> None:
        try:
            self.store.save(self.game, AUTOSAVE)
        except SaveError as exc:
            self.say(f"(Autosave failed: {exc})")
