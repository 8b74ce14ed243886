"""Plain mode: the whole game line by line on stdin/stdout, for screen readers and scripts.

No colour and no cursor tricks; lines wrap at the terminal's width by cells (`game.wrap`: Chinese breaks
between characters, English and Vietnamese at spaces). The game is driven only through the engine's
actions. End of input (or `q`) saves to the autosave slot and exits cleanly; the month so far is kept
(its actions are replayed on load).

Everything is said in the game's language (`L` switches it; the choice is kept in the save): the
interface through `game.i18n`, the content by the engine. Commands are the same letters in every
language, and full-width input (`１`, `ｑ`, `，`) counts as the ordinary characters.
"""

from __future__ import annotations

import shutil
import sys
import unicodedata
from collections.abc import Callable, Sequence
from typing import TextIO

from game.content.compiled import text
from game.engine.actions import AcceptOffer, Action, EndMonth, Move, Propose, Reflect, SetPolicy, WalkAway
from game.engine.game import Game
from game.engine.views import ChoiceResult, ChoiceView, TalksResult
from game.errors import RulesError, SaveError
from game.i18n import LANGUAGES, _, number, set_language
from game.present import (
    aside,
    change_line,
    changes_text,
    counters_line,
    engine_word,
    ledger_lines,
    meters_line,
    preview_text,
    rung_text,
    signed,
    standing_text,
)
from game.saves import AUTOSAVE, SaveStore
from game.textsafe import clean
from game.wrap import fill, width

MAX_LINE = 2000


def help_lines() -> list[tuple[str, str]]:
    """The commands between cards, in the interface language: (keys, what they do)."""
    return [
        # TRANSLATORS: the keys stay as they are in every language (1-4, w, p, x, …); WORDS and NAME are what
        # the player types after x and s.
        ("1-4", _("take that choice on the current card")),
        ("w", _("why is this card here? (its source and quote)")),
        ("p", _("standing policies (change one a month)")),
        ("x " + _("WORDS"), _("codex: look up a term or a source (x alone lists them)")),
        ("b", _("the briefing again: your role, the meters, how the game ends")),
        ("m", _("the meters and counters")),
        ("l", _("last month's ledger again")),
        ("L", _("language: {choices}").format(choices=", ".join(LANGUAGES))),
        ("s " + _("NAME"), _("save to a named slot")),
        ("q", _("save and quit (to the autosave slot)")),
        ("h " + _("or") + " ?", _("this help")),
    ]


def talks_help_lines() -> list[tuple[str, str]]:
    """The commands in talks: (keys, what they do)."""
    return [
        ("1-9", _("make that move (an argument, a probe, an appeal)")),
        ("o", _("make an offer: a position, plus concessions from other matters")),
        ("a", _("accept their offer on the table")),
        ("i", _("their interests, and what each of your concessions would cost you")),
        ("l", _("leave the talks with no deal")),
        ("L", _("language: {choices}").format(choices=", ".join(LANGUAGES))),
        ("q", _("save and quit")),
    ]


def untranslated_notice(lang: str) -> str:
    """Said once when a text had to be shown in English."""
    return _("Some texts are not translated into {language} yet; they are shown in English.").format(
        language=LANGUAGES.get(lang, lang))


def normal(answer: str) -> str:
    """Typed input as commands read it: full-width letters, digits and commas (a Chinese keyboard) count as
    the ordinary ones; the ideographic comma too."""
    return unicodedata.normalize("NFKC", answer).replace("、", ",")


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
        self.card_shown: tuple[int, int] | None = None  # (month, actions) when the card was last printed
        self.shown_lines = 0  # transcript lines of the current talks already printed
        self.last_ledger: list[str] = []
        self.noted: set[str] = set()  # languages whose "not translated yet" notice was given
        set_language(game.lang)

    # -- output ------------------------------------------------------------------------------
    def _write(self, line: str) -> None:
        self.out.write(line + "\n")

    def say(self, line: str = "") -> None:
        """One line (or several); a long one wraps by cells, keeping its indentation."""
        for one in clean(line).split("\n"):
            if width(one) > self.width:
                lead = one[: len(one) - len(one.lstrip())]
                one = fill(one.strip(), self.width, lead, lead + "    ")
            self._write(one)

    def say_whole(self, line: str) -> None:
        """A line with a path or a command someone may copy: wrapped at spaces only, a path never cut."""
        line = clean(line)
        lead = line[: len(line) - len(line.lstrip())]
        self._write(fill(line.strip(), self.width, lead, lead + "    ", break_long_words=False))

    def wrap(self, words: str, indent: str = "", first: str | None = None) -> None:
        """Wrap to the width by cells; `first` replaces the indent on the first line only."""
        lead = indent if first is None else first
        for para in clean(words).strip().split("\n"):
            self._write(fill(para, self.width, lead, indent) or "")
            lead = indent

    def table(self, rows: list[tuple[str, str]], indent: str = "  ") -> None:
        """Keys and what they do, the descriptions lined up (by cells) and wrapped beside the keys."""
        col = max(width(k) for k, _d in rows) + 3
        for keys, does in rows:
            first = indent + keys + " " * (col - width(keys))
            self.wrap(does, " " * (width(indent) + col), first=first)

    def note_untranslated(self) -> None:
        """Once per language: some content had no translation and is shown in English."""
        lang = self.game.lang
        if self.game.untranslated and lang not in self.noted:
            self.noted.add(lang)
            self.say(untranslated_notice(lang))

    def ask(self, prompt: str) -> str | None:
        self.note_untranslated()
        prompt = clean(prompt)
        if width(prompt) > self.width:
            lead = prompt[: len(prompt) - len(prompt.lstrip("\n"))]
            prompt = lead + fill(prompt.strip(), self.width) + " "
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
                self.say(_("That line has bytes that are not text (check the keyboard or file encoding); "
                           "type it again."))
                continue
            return answer

    def apply(self, action: Action) -> object:
        try:
            return self.game.apply(action)
        except RulesError as exc:
            self.say(_("Not possible: {reason}").format(reason=exc))
            return None

    # -- screens -----------------------------------------------------------------------------
    def briefing(self) -> None:
        g = self.game
        sc = g.content.scenario
        self.say()
        self.say(_("=== {title} — briefing ===").format(title=text(sc.title, g.lang)))
        self.wrap(text(sc.role, g.lang))
        self.say()
        self.wrap(text(sc.intro, g.lang))
        self.say()
        self.say(_("Your meters (0 to 100):"))
        for m in g.meters():
            line = f"{m.name} {m.value}"
            if m.description.strip():
                line = _("{meter} {value}: {description}").format(meter=m.name, value=m.value,
                                                                  description=m.description)
            self.wrap(line, "      ", first="  - ")
        losses = [_("{meter} at {value}").format(meter=g.name_of(m.id), value=m.min if m.lose_at == "min" else m.max)
                  for m in sc.meters if m.lose_at]
        if losses:
            # TRANSLATORS: {conditions} is "Development at 0 or Security at 0" (joined with " or ").
            self.wrap(_("The game ends at once if {conditions}. Otherwise it runs to {month}, when your record is "
                        "judged.").format(conditions=_(" or ").join(losses), month=g.month_label(g.turns)))
        self.wrap(_("Each month brings one to three cards; then standing policies and the labour market act, "
                    "and a ledger shows every change and its cause. Type h for the commands."))

    def header(self) -> None:
        g = self.game
        self.say()
        self.say(_("=== {month} · month {turn} of {turns} ===").format(month=g.month_label(), turn=g.turn,
                                                                      turns=g.turns))
        self.wrap(meters_line(g))
        self.wrap(counters_line(g))

    def show_card(self) -> None:
        g = self.game
        card = g.current_card()
        assert card is not None
        self.say()
        self.say(_("--- Card {position} of {total} · {deck} ---").format(position=card.position, total=card.of,
                                                                        deck=card.deck_title))
        self.wrap(card.title)
        self.wrap(_("From: {actor}").format(actor=card.actor))
        if card.frame_note:
            self.wrap(_("({note})").format(note=card.frame_note))
        if card.opening_label:
            self.wrap(_("{role} opened it: {opening}").format(role=card.acted_by_name, opening=card.opening_label))
        if card.role_line:
            self.wrap(f"{card.acted_by_name}: “{card.role_line}”", "    ", first="  ")
        self.wrap(card.text)
        for c in g.choices():
            tags = [t for t in (preview_text(g, c, self.preview), _("opens talks") if c.negotiate else "") if t]
            if c.available:
                line = c.label + (f"  [{_('; ').join(tags)}]" if tags else "")
                self.wrap(line, "     ", first=f"  {c.index + 1}) ")
            else:
                self.wrap(_("(unavailable: {reason}) {label}").format(reason=c.reason, label=c.label), "     ",
                          first=f"  {c.index + 1}) ")

    def quote(self, quote: str, translation: str) -> None:
        """A source quote in its own words, and our translation beside it when there is one."""
        self.wrap(f"“{quote}”", "    ")
        if translation:
            self.wrap(_("(our translation) {text}").format(text=translation), "    ")

    def quote_translation(self, kind: str, ident: str) -> str:
        """Our translation of a card's or an ending's source quote into the game's language ('' if none)."""
        content = self.game.content
        rule = content.events.get(ident) if kind == "card" else content.endings.get(ident)
        source = getattr(getattr(rule, "model", None), "source", None)
        found = getattr(source, "translation", None) or {}
        return str(found.get(self.game.lang, "")) if self.game.lang != "en" else ""

    def show_why(self) -> None:
        card = self.game.current_card()
        if card is None:
            self.say(_("There is no card in front of you."))
            return
        self.wrap(_("Why is this here? {citation}, {where}:").format(citation=card.source_citation.rstrip(" ."),
                                                                     where=card.source_where))
        self.quote(card.source_quote, self.quote_translation("card", card.id))
        if card.frame_note:
            self.wrap(card.frame_note, "    ")

    def show_codex(self, query: str) -> None:
        g = self.game
        q = query.lower().strip()
        hits = 0
        for t in g.content.glossary:
            term, definition = text(t.term, g.lang), text(t.definition, g.lang)
            words = " ".join([term, text(t.term), *t.also, definition, text(t.definition)]).lower()
            if not q or q in words:
                hits += 1
                if q:
                    head = f"{term} ({', '.join(t.also)})" if t.also else term
                    self.wrap(_("{term}: {definition}").format(term=head, definition=definition), "    ", first="  ")
                else:
                    self.say(f"  {term}")
        for s in g.content.sources.values():
            if q and (q in s.id or q in s.citation.lower() or q in s.short.lower()):
                hits += 1
                self.wrap(_("Source {short}: {citation}").format(short=s.short, citation=s.citation), "    ",
                          first="  ")
        if not hits:
            self.say(_("Nothing in the codex matches '{query}'. Type x alone for the list of terms.").format(
                query=query))
        elif not q and g.content.glossary:
            example = text(g.content.glossary[0].term, g.lang)
            self.say(_("Type x and a word to read a term, e.g.  {example}").format(example=f"x {example}"))

    def show_policies(self) -> None:
        g = self.game
        self.say(_("Standing policies (changes left this month: {left}):").format(left=g.policy_changes_left))
        policies = g.policies()
        for i, p in enumerate(policies, 1):
            self.wrap(_("{policy}: {option}").format(policy=p.name, option=p.current_label), "      ", first=f"  {i}) ")
        pick = normal(self.ask(_("Policy number to change (Enter to go back): ")) or "")
        if not pick or not pick.isdigit() or not 1 <= int(pick) <= len(policies):
            return
        policy = policies[int(pick) - 1]
        self.wrap(policy.description, "    ")
        for j, o in enumerate(policy.options, 1):
            line = o.label + (_(" (current)") if o.id == policy.current else "")
            if not o.available:
                line += _(" (unavailable: {reason})").format(reason=o.reason)
            effects = _(", ").join(f"{g.name_of(t)} {_signed_text(e)}" for t, e in o.monthly)
            if effects:
                line += _(" — each month: {effects}").format(effects=effects)
            self.wrap(line, "        ", first=f"    {j}) ")
        opt = normal(self.ask(_("Option number (Enter to keep): ")) or "")
        if not (opt and opt.isdigit() and 1 <= int(opt) <= len(policy.options)):
            return
        wanted = policy.options[int(opt) - 1]
        if wanted.id == policy.current:
            self.say(_("That option is already in force."))
        elif g.policy_changes_left <= 0:
            self.say(_("You have already changed a policy this month; try again next month."))
        elif not wanted.available:
            self.say(_("Not possible: {reason}").format(reason=wanted.reason))
        else:
            self.apply(SetPolicy(policy.id, wanted.id))  # says "Not possible: ..." when the rules refuse
            if g.value(policy.id) == wanted.id:
                self.say(_("Policy changed."))

    def save(self, slot: str) -> bool:
        try:
            path = self.store.save(self.game, slot)
            if slot != AUTOSAVE:  # `play --continue` resumes here too, not at the last month's end
                self.store.save(self.game, AUTOSAVE)
            self.say_whole(_("Saved to {path}.").format(path=path))
            return True
        except SaveError as exc:
            self.say(_("Could not save: {error}").format(error=exc))
            return False

    def show_ending(self) -> None:
        g = self.game
        end = g.ending()
        assert end is not None
        self.say()
        self.say(f"*** {end.title} ***")
        self.wrap(end.text)
        self.say()
        self.say(_("Your record:"))
        for m in g.meters():
            start = m.history[0] if m.history else m.value
            self.wrap(change_line(m.name, start, m.value), "      ", first="  ")
        if g.talks_log:
            self.say(_("Talks:"))
            for i in range(len(g.talks_log)):
                r = g.talks_result(i)
                if r is not None:
                    self.wrap(_("{month}: {title} — {outcome}").format(month=g.month_label(r.turn), title=r.title,
                                                                       outcome=r.outcome), "      ", first="  - ")
        self.say()
        self.say(_("What happened in history:"))
        self.wrap(end.epilogue)
        self.wrap(_("Source: {citation}, {where}:").format(citation=end.source_citation.rstrip(" ."),
                                                           where=end.source_where))
        self.quote(end.source_quote, self.quote_translation("ending", end.id))
        from game.plain_roles import role_outcomes

        role_outcomes(self)
        self.say()
        self.wrap(_("Your debrief (every decision, the sources you met, questions for discussion):"))
        role = f" --role {g.content.solo}" if g.content.solo else ""
        self.say_whole(f"  friendship-pass report autosave{role} --out debrief.html")

    # -- loop --------------------------------------------------------------------------------
    def run(self) -> int:
        g = self.game
        if not g.actions:
            self.briefing()
        self.say(_("Type h for help. Your choices are saved every month."))
        self.header()
        while not self.game.is_over:
            g = self.game
            if not self.ask_reflection():
                return 0
            if g.phase in ("talks", "counterpart"):
                if not self.negotiate():
                    return 0
                continue
            if g.phase == "role":  # a card a role held at this keyboard opens first
                from game.plain_roles import role_turn

                if not role_turn(self):
                    return 0
                continue
            if g.phase == "cards":
                shown = (g.turn, len(g.actions))
                if shown != self.card_shown:  # not again after a mistyped answer
                    self.show_card()
                    self.card_shown = shown
                # TRANSLATORS: a prompt (it ends with a space); keep the key letters h, p, o, a, i, l as they are.
                answer = self.ask(_("Choose 1-{n} (h for help): ").format(n=len(g.choices())))
            else:
                answer = self.ask("\n" + _("The month's cards are done. Enter = close the month, p = policies: "))
            if answer is None:
                return self.quit(None)
            if not self.command(answer):
                return 0
        self.show_ending()
        self.ask_reflection()
        self.note_untranslated()
        self.save(AUTOSAVE)
        return 0

    def ask_reflection(self) -> bool:
        """Ask a due reflection prompt (Enter skips); its answer goes into the debrief. False = quit."""
        due = self.game.pending_reflection()
        if due is None:
            return True
        reflection, prompt = due
        self.say()
        self.say(_("--- A moment to reflect (for the debrief; press Enter to skip) ---"))
        self.wrap(prompt)
        answer = self.ask("> ")
        if answer is None:
            return self.quit(None)
        self.apply(Reflect(reflection, answer))
        return True

    def command(self, answer: str) -> bool:
        """Handle one line of input; False means quit."""
        g = self.game
        answer = normal(answer)
        low = answer.lower()
        shown, self.card_shown = self.card_shown, None  # help, the codex, a ledger…: show the card again after
        if self.language_command(answer):
            return True
        if low in ("q", "quit", "exit"):
            return self.quit("q")
        if low in ("h", "?", "help"):
            self.say(_("Commands:"))
            self.table(help_lines())
            self.say(_("At the end of a month, press Enter to close the month and read the ledger."))
        elif low in ("w", "why"):
            self.show_why()
        elif low in ("p", "policies"):
            self.show_policies()
        elif low in ("m", "meters"):
            self.header()
        elif low in ("b", "briefing"):
            self.briefing()
        elif low in ("l", "ledger"):
            for line in self.last_ledger or [_("No month has closed yet.")]:
                self.say(line)
        elif low == "x" or low.startswith("x "):
            self.show_codex(answer[2:])
        elif low.startswith("s ") or low == "s":
            name = answer[2:].strip()
            if name:
                self.save(name)
            else:
                self.say(_("Give the save a name, e.g.  {example}").format(example="s before-ratings"))
        elif g.phase == "cards":
            choices = g.choices()
            if answer.isdigit() and 1 <= int(answer) <= len(choices):
                self.take(choices[int(answer) - 1])
            else:
                self.card_shown = shown  # a mistyped answer: the card is still on screen
                self.say(_("Please type a number from 1 to {n}, or h for help.").format(n=len(choices)))
        elif answer == "":
            self.close_month()
        else:
            self.say(_("Press Enter to close the month, or h for help."))
        return True

    # -- language ----------------------------------------------------------------------------
    def language_command(self, answer: str) -> bool:
        """`L`, `L zh`, `language vi`: switch the language of the game. False when `answer` is another command."""
        head, _sep, rest = answer.partition(" ")
        if head != "L" and head.lower() not in ("lang", "language"):
            return False
        wanted = rest.strip().lower()
        if not wanted:
            choices = " · ".join(f"{k} {v}" for k, v in LANGUAGES.items())
            self.say(_("Languages: {choices}").format(choices=choices))
            wanted = normal(self.ask(_("Language (Enter to keep {current}): ").format(
                current=LANGUAGES[self.game.lang])) or "").strip().lower()
            if not wanted:
                return True
        if wanted not in LANGUAGES:
            self.say(_("There is no language '{lang}'; choose one of {choices}.").format(
                lang=wanted, choices=", ".join(LANGUAGES)))
            return True
        self.switch_language(wanted)
        return True

    def switch_language(self, lang: str) -> None:
        """Go on in `lang`: the same game (the same state and digest), its texts in another language."""
        self.game.use_language(lang)
        set_language(lang)
        self.say(_("Language: {name}.").format(name=LANGUAGES[lang]))
        self.save_quietly()
        if self.game.phase not in ("talks", "counterpart"):
            self.header()

    # -- talks -------------------------------------------------------------------------------
    def talks_status(self) -> None:
        g = self.game
        v = g.talks()
        assert v is not None
        self.say()
        self.wrap("[" + _("{title} with {counterpart} · round {round} · rounds left: {left} · your standing: "
                          "{standing}").format(title=v.title, counterpart=v.counterpart, round=v.round + 1,
                                               left=v.rounds_left, standing=standing_text(v, self.preview)) + "]")
        self.say("  " + _("The ladder:"))
        for i in range(len(v.rungs)):
            self.wrap(rung_text(v, i, self.preview), "        ", first=f"    {i + 1}. ")
        if v.offer_text:
            self.wrap(_("On the table: {offer}").format(offer=v.offer_text), "    ", first="  ")
        if v.need:
            self.wrap(_("They say they need: {need}").format(need=v.need), "    ", first="  ")

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
            gamble = "" if m.gamble is None else _("a gamble ({chance})").format(chance=f"{round(m.gamble * 100)}%")
            tags = [t for t in (changes_text(g, m.cost, self.preview), _("probes their limit") if m.reveals else "",
                                gamble) if t]
            line = m.label + (f"  [{_('; ').join(tags)}]" if tags else "")
            self.wrap(line if m.available else _("(unavailable: {reason}) {label}").format(reason=m.reason,
                                                                                           label=m.label),
                      "     ", first=f"  {i}) ")
        # TRANSLATORS: o), a), i), l) are the keys to press: keep the letters.
        keys = [_("o) make an offer")] + ([_("a) accept their offer")] if view.offer >= 0 else [])
        self.wrap("   ".join(keys + [_("i) their interests"), _("l) leave the talks")]), "  ", first="  ")
        answer = self.ask(_("Your move (1-{n}, o, a, i, l; h for help): ").format(n=len(view.moves)))
        if answer is None or normal(answer).lower() == "q":
            return self.quit(answer)
        answer = normal(answer)
        low = answer.lower()
        if self.language_command(answer):
            pass
        elif answer.isdigit() and 1 <= int(answer) <= len(view.moves) and view.moves[int(answer) - 1].available:
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
            self.say(_("In talks:"))
            self.table(talks_help_lines())
        else:
            self.say(_("Please type the number of an available move (1 to {n}), o, a, i or l.").format(
                n=len(view.moves)))
        self.after_talks(view.counterpart)
        return True

    def show_interests(self) -> None:
        g = self.game
        v = g.talks()
        assert v is not None
        self.wrap(_("What {counterpart} cares about:").format(counterpart=v.counterpart), "    ", first="  ")
        for it in v.interests:
            value = "" if self.preview == "hidden" else aside(signed(it.value))
            self.wrap(f"{it.says}{value}", "      ", first="    - ")
        self.wrap(_("If there is no deal: {alternative}").format(alternative=v.alternative), "    ", first="  ")
        if v.concessions:
            self.say("  " + _("What you could offer besides:"))
            for c in v.concessions:
                cost = changes_text(g, c.costs, self.preview)
                line = c.label
                if not c.available:
                    line += _(" (not available: {reason})").format(reason=engine_word(c.reason))
                if cost:
                    line += "  [" + _("costs you: {cost}").format(cost=cost) + "]"
                self.wrap(line, "      ", first="    - ")

    def make_offer(self) -> None:
        g = self.game
        v = g.talks()
        assert v is not None
        rungs = [(i, r) for i, r in enumerate(v.rungs) if i > v.start]
        for n, (i, _r) in enumerate(rungs, 1):
            self.wrap(rung_text(v, i, self.preview), "        ", first=f"    {n}) ")
        pick = normal(self.ask(_("Which position (1-{n}, Enter to go back)? ").format(n=len(rungs))) or "")
        if not pick or not pick.isdigit() or not 1 <= int(pick) <= len(rungs):
            return
        rung = rungs[int(pick) - 1][1]
        chosen: tuple[str, ...] = ()
        available = [c for c in v.concessions if c.available]
        if available:
            for n, c in enumerate(available, 1):
                cost = changes_text(g, c.costs, self.preview)
                line = c.label + ("  [" + _("costs you: {cost}").format(cost=cost) + "]" if cost else "")
                self.wrap(line, "        ", first=f"    {n}) ")
            extra = self.ask(_("Add concessions (numbers separated by commas; Enter for none): "))
            if extra is None:
                return
            picks = [p.strip() for p in normal(extra).split(",") if p.strip()]
            if not all(p.isdigit() and 1 <= int(p) <= len(available) for p in picks):
                self.say(_("Those are not concession numbers; the offer was not made."))
                return
            chosen = tuple(dict.fromkeys(available[int(p) - 1].id for p in picks))
        deal = changes_text(g, g.deal_preview(rung.id, chosen), self.preview)
        if deal:
            self.wrap(_("If they accept: {deal}").format(deal=deal), "    ", first="  ")
        self.apply(Propose(rung.id, chosen))

    def counterpart_turn(self) -> bool:
        g = self.game
        view = g.talks()
        assert view is not None
        options = g.reply_options()
        self.say()
        self.wrap(_("Second player, you speak for {counterpart}.").format(counterpart=view.counterpart))
        if view.brief:
            self.wrap(_("Your brief: {brief}").format(brief=view.brief), "    ", first="  ")
        limit = view.rungs[view.reservation].label if view.reservation >= 0 else ""
        if limit:
            self.wrap(_("The most you may grant now: {limit}").format(limit=limit), "    ", first="  ")
        suggested = g.suggested_reply()
        for i, o in enumerate(options, 1):
            ai = "  " + _("(the AI would choose this)") if o == suggested else ""
            self.wrap(g.describe_reply(o) + ai, "     ", first=f"  {i}) ")
        answer = self.ask(_("Reply 1-{n}: ").format(n=len(options)))
        if answer is None or normal(answer).lower() == "q":
            return self.quit(answer)
        answer = normal(answer)
        if self.language_command(answer):
            pass
        elif answer.isdigit() and 1 <= int(answer) <= len(options):
            self.apply(options[int(answer) - 1])
        else:
            self.say(_("Please type a number from 1 to {n}.").format(n=len(options)))
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
        ended = _("Talks ended: {outcome} (a deal)") if r.deal else _("Talks ended: {outcome} (no deal)")
        self.wrap(ended.format(outcome=r.outcome), "    ", first="  ")
        changes = [f"{self.game.name_of(c.target)} {signed(c.delta)}" for c in r.changes if c.delta]
        switched = [f"{self.game.name_of(c.target)} → {c.after}" for c in r.changes if isinstance(c.after, str)]
        if changes or switched:
            self.wrap(_("What it changed: {changes}").format(changes=_("; ").join(changes + switched)), "    ",
                      first="  ")
        self.shown_lines = 0

    def show_transcript(self, transcript: Sequence[tuple[str, str]], counterpart: str) -> None:
        """Print the lines of the talks not printed yet."""
        for who, line in transcript[self.shown_lines:]:
            speaker = {"you": _("You:"), "them": _("{counterpart}:").format(counterpart=counterpart),
                       "result": _("Result:"), "propose": _("You propose:"),
                       "offer": _("{counterpart} offers:").format(counterpart=counterpart)}.get(who, who)
            self.wrap(_("{speaker} {line}").format(speaker=speaker, line=line), "    ", first="  ")
        self.shown_lines = len(transcript)

    # -- cards and months --------------------------------------------------------------------
    def quit(self, answer: str | None) -> bool:
        saved = self.save(AUTOSAVE)
        if saved:
            self.say(_("Input ended; your game is saved. Goodbye.") if answer is None else _("Goodbye."))
        else:
            self.say(_("Goodbye; the game could not be saved (see above)."))
        return False

    def take(self, view: ChoiceView) -> None:
        g = self.game
        if not view.available or view.action is None:
            self.say(_("Not possible: choice {n} is locked ({reason}).").format(n=view.index + 1,
                                                                                reason=view.reason.rstrip("。. ")))
            return
        result = self.apply(view.action)
        if not isinstance(result, ChoiceResult):
            return
        if result.outcome:
            self.wrap(result.outcome, "    ", first="  → ")
        changes = [f"{g.name_of(c.target)} {number(c.before)} → {number(c.after)}"
                   for c in result.changes if isinstance(c.after, int) and isinstance(c.before, int)]
        if changes:
            self.wrap(_("Changes: {changes}").format(changes=_("; ").join(changes)), "    ", first="  ")
        if result.negotiation and g.talks() is not None:
            view_t = g.talks()
            assert view_t is not None
            self.say()
            self.wrap(_("--- Talks open: {title}, with {counterpart} ---").format(title=view_t.title,
                                                                                 counterpart=view_t.counterpart))
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
        self.say(_("--- Ledger for {month} (month {turn}) ---").format(month=label, turn=turn))
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
            self.say(_("(Autosave failed: {error})").format(error=exc))


def _signed_text(expression: str) -> str:
    """A policy's monthly effect as the game writes numbers ('+2', '−1'); an expression as it is written."""
    try:
        return signed(float(expression))
    except ValueError:
        return expression
