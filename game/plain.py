"""Plain mode: the whole game line by line on stdin/stdout, for screen readers and scripts.

No colour and no cursor tricks. End of input (or `q`) saves to the autosave slot and exits cleanly.
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable, Sequence
from typing import TextIO

from game.engine.game import Game
from game.errors import RulesError, SaveError
from game.present import counters_line, ledger_lines, meters_line, preview_text
from game.saves import AUTOSAVE, SaveStore

HELP = """Commands:
  1-4        take that choice on the current card
  w          why is this card here? (its source and quote)
  p          standing policies (change one a month)
  s NAME     save to a named slot
  m          show the meters and counters again
  q          save and quit (to the autosave slot)
  h or ?     this help
At the end of a month, press Enter to close the month and read the ledger."""

MAX_LINE = 200


class PlainGame:
    """Runs a game on text streams. `out` gets everything the player reads."""

    def __init__(self, game: Game, store: SaveStore, preview: str = "meters",
                 stdin: TextIO | None = None, stdout: TextIO | None = None, width: int = 78,
                 before_month: Callable[[Game], Game] | None = None) -> None:
        self.game, self.store, self.preview = game, store, preview
        self.inp = stdin or sys.stdin
        self.out = stdout or sys.stdout
        self.width = width
        self.before_month = before_month
        self.shown_lines = 0  # transcript lines of the current talks already printed

    # -- output ------------------------------------------------------------------------------
    def say(self, line: str = "") -> None:
        self.out.write(line + "\n")

    def wrap(self, text: str, indent: str = "", first: str | None = None) -> None:
        """Wrap to the width; `first` replaces the indent on the first line only (e.g. an arrow)."""
        lead = indent if first is None else first
        for para in text.strip().split("\n"):
            self.say(textwrap.fill(para, self.width, initial_indent=lead, subsequent_indent=indent,
                                   break_on_hyphens=False) or "")
            lead = indent

    def ask(self, prompt: str) -> str | None:
        self.out.write(prompt)
        self.out.flush()
        line = self.inp.readline()
        if not line:
            self.out.write("\n")
            return None
        answer = line.strip()[:MAX_LINE]
        if not self.inp.isatty():  # echo piped input so a transcript reads like a session
            self.out.write(answer + "\n")
        return answer

    # -- screens -----------------------------------------------------------------------------
    def header(self) -> None:
        g = self.game
        self.say()
        self.say(f"=== {g.month_label()} · month {g.turn} of {g.turns} ===")
        self.say(meters_line(g))
        self.wrap(counters_line(g))

    def show_card(self) -> None:
        g = self.game
        card = g.current_card()
        assert card is not None
        self.say()
        self.say(f"--- Card {card.position} of {card.of} · {card.deck_title} ---")
        self.say(card.title)
        self.say(f"From: {card.actor}")
        self.wrap(card.text)
        for c in g.choices():
            hint = preview_text(g, c, self.preview)
            line = f"  {c.index + 1}) {c.label}" + (f"  [{hint}]" if hint else "")
            if not c.available:
                line = f"  {c.index + 1}) (unavailable: {c.reason}) {c.label}"
            self.say(line)

    def show_why(self) -> None:
        card = self.game.current_card()
        if card is None:
            return
        self.say(f"Why is this here? {card.source_citation}, {card.source_where}:")
        self.wrap(f"“{card.source_quote}”", "    ")

    def show_policies(self) -> None:
        g = self.game
        self.say(f"Standing policies (changes left this month: {g.policy_changes_left}):")
        for i, p in enumerate(g.policies(), 1):
            current = next(o.label for o in p.options if o.id == p.current)
            self.say(f"  {i}) {p.name}: {current}")
        pick = self.ask("Policy number to change (Enter to go back): ")
        if not pick or not pick.isdigit() or not 1 <= int(pick) <= len(g.policies()):
            return
        policy = g.policies()[int(pick) - 1]
        self.wrap(policy.description, "    ")
        for j, o in enumerate(policy.options, 1):
            mark = " (current)" if o.id == policy.current else ""
            state = "" if o.available else f" (unavailable: {o.reason})"
            effects = ", ".join(f"{g.name_of(t)} {e}" for t, e in o.monthly)
            self.say(f"    {j}) {o.label}{mark}{state}" + (f" — monthly: {effects}" if effects else ""))
        opt = self.ask("Option number (Enter to keep): ")
        if opt and opt.isdigit() and 1 <= int(opt) <= len(policy.options):
            try:
                g.set_policy(policy.id, policy.options[int(opt) - 1].id)
                self.say("Policy changed.")
            except RulesError as exc:
                self.say(f"Not possible: {exc}")

    def save(self, slot: str) -> None:
        try:
            path = self.store.save(self.game, slot)
            self.say(f"Saved to {path}.")
        except SaveError as exc:
            self.say(f"Could not save: {exc}")

    def show_ending(self) -> None:
        end = self.game.ending()
        assert end is not None
        self.say()
        self.say(f"*** {end.title} ***")
        self.wrap(end.text)
        self.say()
        self.say("What happened in history:")
        self.wrap(end.epilogue)
        self.say(f"Source: {end.source_citation}, {end.source_where}:")
        self.wrap(f"“{end.source_quote}”", "    ")

    # -- loop --------------------------------------------------------------------------------
    def run(self) -> int:
        g = self.game
        self.say("Type h for help. Your choices are saved every month.")
        self.header()
        while not g.is_over:
            if not self.ask_reflection():
                return 0
            if g.talks() is not None:
                if not self.negotiate():
                    return 0
                continue
            if g.current_card() is not None:
                self.show_card()
                answer = self.ask(f"Choose 1-{len(g.choices())} (h for help): ")
            else:
                answer = self.ask("\nThe month's cards are done. Enter = close the month, p = policies: ")
            if answer is None:
                self.save(AUTOSAVE)
                self.say("Input ended; your game is saved. Goodbye.")
                return 0
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
        self.game.reflect(reflection, answer)
        return True

    def command(self, answer: str) -> bool:
        """Handle one line of input; False means quit."""
        g = self.game
        low = answer.lower()
        if low in ("q", "quit", "exit"):
            self.save(AUTOSAVE)
            self.say("Goodbye.")
            return False
        if low in ("h", "?", "help"):
            self.say(HELP)
        elif low in ("w", "why"):
            self.show_why()
        elif low in ("p", "policies"):
            self.show_policies()
        elif low in ("m", "meters"):
            self.header()
        elif low.startswith("s ") or low == "s":
            name = answer[2:].strip()
            if name:
                self.save(name)
            else:
                self.say("Give the save a name, e.g.  s before-ratings")
        elif g.current_card() is not None:
            if answer.isdigit() and 1 <= int(answer) <= len(g.choices()):
                self.take(int(answer) - 1)
            else:
                self.say(f"Please type a number from 1 to {len(g.choices())}, or h for help.")
        elif answer == "":
            self.close_month()
        else:
            self.say("Press Enter to close the month, or h for help.")
        return True

    def negotiate(self) -> bool:
        """One round of talks: show the table, read a move (or the counterpart's reply). False = quit."""
        g = self.game
        talks = g.talks()
        assert talks is not None
        self.show_transcript(talks.transcript, talks.counterpart)
        self.say(f"[{talks.title} · round {talks.round + 1} · their mood: {talks.mood} · patience: "
                 f"{talks.patience} · you ask: {talks.ask} · on the table: {talks.offer}]")
        if talks.awaiting == "counterpart":
            options = g.reply_options()
            self.say(f"Second player, you speak for {talks.counterpart}:")
            for i, o in enumerate(options, 1):
                self.say(f"  {i}) {o.label}" + ("  (the AI would choose this)" if o.suggested else ""))
            answer = self.ask(f"Reply 1-{len(options)}: ")
            if answer is None or answer.lower() == "q":
                return self.quit(answer)
            if answer.isdigit() and 1 <= int(answer) <= len(options):
                g.counterpart_reply(options[int(answer) - 1].id)
            else:
                self.say(f"Please type a number from 1 to {len(options)}.")
        else:
            moves = g.talk_moves()
            for i, m in enumerate(moves, 1):
                extra = "; ".join(x for x in (m.table, preview_text(g, m, self.preview)) if x)
                line = f"  {i}) {m.label}" + (f"  [{extra}]" if extra else "")
                self.say(line if m.available else f"  {i}) (unavailable: {m.reason}) {m.label}")
            answer = self.ask(f"Your move 1-{len(moves)}: ")
            if answer is None or answer.lower() == "q":
                return self.quit(answer)
            if answer.isdigit() and 1 <= int(answer) <= len(moves) and moves[int(answer) - 1].available:
                g.talk(moves[int(answer) - 1].id)
            else:
                self.say(f"Please type the number of an available move (1 to {len(moves)}).")
        if g.talks() is None:
            done = g.last_talks()
            assert done is not None
            self.show_transcript(done["transcript"], talks.counterpart)
            self.say(f"  Talks ended: {done['label']}")
            self.shown_lines = 0
        return True

    def show_transcript(self, transcript: Sequence[Sequence[str]], counterpart: str) -> None:
        """Print the lines of the talks not printed yet."""
        for who, line in transcript[self.shown_lines:]:
            speaker = {"you": "You", "them": counterpart, "result": "Result"}.get(who, who)
            self.wrap(f"{speaker}: {line}", "    ", first="  ")
        self.shown_lines = len(transcript)

    def quit(self, answer: str | None) -> bool:
        self.save(AUTOSAVE)
        self.say("Input ended; your game is saved. Goodbye." if answer is None else "Goodbye.")
        return False

    def take(self, index: int) -> None:
        g = self.game
        try:
            result = g.choose(index)
        except RulesError as exc:
            self.say(f"Not possible: {exc}")
            return
        if result.outcome:
            self.wrap(result.outcome, "    ", first="  → ")
        if result.negotiation:
            self.say()
            self.say(f"--- Negotiation: {g.talks().title if g.talks() else result.negotiation} ---")
        changes = [f"{g.name_of(c.target)}\u00a0{c.before:,}\u00a0→\u00a0{c.after:,}" for c in result.changes
                   if c.target in g.content.meters or c.target in g.content.counters]
        if changes:
            self.wrap("Changes: " + "; ".join(changes), "    ", first="  ")

    def close_month(self) -> None:
        g = self.game
        label, turn = g.month_label(), g.turn
        ledger = g.end_month()
        self.say()
        self.say(f"--- Ledger for {label} (month {turn}) ---")
        for line in ledger_lines(g, ledger):
            self.say(line)
        self.save_quietly()
        if not g.is_over:
            if self.before_month:
                self.game = g = self.before_month(g)
            self.header()

    def save_quietly(self) -> None:
        try:
            self.store.save(self.game, AUTOSAVE)
        except SaveError as exc:
            self.say(f"(Autosave failed: {exc})")
