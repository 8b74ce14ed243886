"""The panels of the main screen, one per mode: the card, a choice's result, the end of the month,
the ledger, a reflection, the talks and their outcome. Exactly one is displayed; each draws itself
from the snapshot and redraws only the parts that changed."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Static

from game.engine.views import CardView, LedgerLine
from game.present import signed
from game.ui.widgets.header import Cached, counters_content, log_content
from game.ui.widgets.lines import NumberedLine
from game.ui.widgets.text import heading, key, line, lines, muted, plain, styled
from game.ui_controller import ChangeRow, LedgerSheet, OutcomeSheet, ResultSheet, Snapshot, TalksSheet


class Panel(VerticalScroll):
    """A scrolling panel that draws one mode."""

    DEFAULT_CSS = "Panel { height: 1fr; padding: 0 1; scrollbar-size-vertical: 1; }"

    def show(self, snap: Snapshot) -> None:
        raise NotImplementedError


def _pool(parent: Any, n: int) -> list[NumberedLine]:
    """At least `n` numbered lines under `parent` (more are mounted only when a card needs them)."""
    pool = list(parent.query(NumberedLine))
    while len(pool) < n:
        extra = NumberedLine()
        parent.mount(extra, before=parent.query_one(".pool-end"))
        pool.append(extra)
    return pool


# -- card --------------------------------------------------------------------------------------------

def card_head(card: CardView) -> Content:
    rows = [styled(card.title.strip(), "bold $text"),
            line((card.deck_title, "$text-muted"), ("  ·  from ", "$text-muted"), (card.actor.strip(), "italic"))]
    if card.frame_note:
        rows.append(styled(card.frame_note.strip(), "italic $text-muted"))
    return lines(rows)


def why_content(card: CardView) -> Content:
    out = [heading("Why is this card here?"), line(("Source: ", "bold"), plain(card.source_citation)),
           line(("Section: ", "bold"), plain(card.source_where or "—"))]
    if card.source_quote:
        out.append(line(("Quote: ", "bold"), styled(f"“{card.source_quote.strip()}”", "italic")))
    if card.frame_note:
        out.append(line(("Note: ", "bold"), plain(card.frame_note)))
    return lines(out)


class CardPanel(Panel):
    """The card in front of you and its choices; counters and recent decisions below on narrow screens."""

    def compose(self) -> ComposeResult:
        yield Cached(id="card-head")
        yield Cached(id="card-text")
        yield Cached(id="card-why")
        for _ in range(4):
            yield NumberedLine(classes="choice")
        yield Static("", classes="pool-end")
        yield Cached(id="card-hint")
        yield Cached(id="card-extra")

    def show(self, snap: Snapshot) -> None:
        card = snap.card
        if card is None:
            return
        self.query_one("#card-head", Cached).set(card, lambda: card_head(card))
        self.query_one("#card-text", Cached).set(card.text, lambda: plain(card.text))
        why = self.query_one("#card-why", Cached)
        why.display = snap.why
        if snap.why:
            why.set(card, lambda: why_content(card))
        pool = _pool(self, len(snap.choices))
        for i, item in enumerate(pool):
            item.set(i + 1, snap.choices[i] if i < len(snap.choices) else None)
        self.query_one("#card-hint", Cached).set(
            snap.why, lambda: muted("w  hide the source" if snap.why else "w  why is this card here? (source and quote)"))
        self.query_one("#card-extra", Cached).set(
            (snap.counters, snap.log), lambda: lines([heading("Counters"), counters_content(snap.counters, 60),
                                                      Content(""), heading("Recent decisions"), log_content(snap.log)]))
        if self.scroll_y:
            self.scroll_home(animate=False)


# -- results and the month ------------------------------------------------------------------------------

def change_rows(rows: tuple[ChangeRow, ...]) -> Content:
    if not rows:
        return muted("Nothing measurable changed.")
    width = max(len(r.name) for r in rows)
    out = []
    for r in rows:
        if r.delta:
            out.append(line((f"{signed(r.delta):>7}  ", "bold"), r.name.ljust(width), muted(f"  {r.before} → {r.after}")))
        else:
            out.append(line(("    now  ", "bold"), r.name.ljust(width), "  ", (r.after, "bold"),
                            muted(f"  (was {r.before})")))
    return lines(out)


def result_content(r: ResultSheet) -> Content:
    out = [line(("You chose: ", "bold"), plain(r.title))]
    if r.outcome:
        out += [Content(""), plain(r.outcome)]
    if r.talks_open:
        out += [Content(""), line(("Talks open: ", "bold"), plain(r.talks_open), ". Enter takes you to the table.")]
    out += [Content(""), heading("What changed"), change_rows(r.changes)]
    if r.over:
        out += [Content(""), styled("The trial is over. Enter shows how it ended.", "bold $warning")]
    if r.problem:
        out += [Content(""), styled(r.problem, "bold $error")]
    out += [Content(""), line(key("Enter"), "  continue")]
    return lines(out)


class ResultPanel(Panel):
    def compose(self) -> ComposeResult:
        yield Cached(id="result-body")

    def show(self, snap: Snapshot) -> None:
        r = snap.result
        if r is not None:
            self.query_one("#result-body", Cached).set(r, lambda: result_content(r))
            self.scroll_home(animate=False)


class MonthEndPanel(Panel):
    def compose(self) -> ComposeResult:
        yield Cached(id="month-end-body")

    def show(self, snap: Snapshot) -> None:
        left = snap.policy_changes_left
        self.query_one("#month-end-body", Cached).set((snap.month, left), lambda: lines([
            styled(f"The cards for {snap.month} are done.", "bold"), Content(""),
            line(key("Enter"), "  end the month: policies and the labour market act, then the ledger"),
            line(key("p"), f"  standing policies ({left} change{'' if left == 1 else 's'} left this month)"),
            line(key("s"), "  save to a named slot")]))


def ledger_block(item: LedgerLine) -> Content:
    rows = [line((item.name, "bold"), f"  {item.start} → {item.end}  ", (f"({signed(item.end - item.start)})", "bold"))]
    for reason, d in item.causes:
        rows.append(line(f"  {signed(d):>6}  ", plain(reason)))
    return lines(rows)


def ledger_content(sheet: LedgerSheet) -> Content:
    meters = [i for i in sheet.lines if i.kind == "meter"]
    counters = [i for i in sheet.lines if i.kind == "counter"]
    out = [heading(f"Ledger · {sheet.label} · month {sheet.turn} of {sheet.turns}"),
           styled(sheet.saved, "bold $error") if sheet.save_failed else muted(sheet.saved)]
    if not meters:
        out += [Content(""), muted("No meter moved this month.")]
    for item in meters:
        out += [Content(""), ledger_block(item)]
    if counters:
        width = max(len(i.name) for i in counters)
        out += [Content(""), heading("Counters this month")]
        out += [line(f"  {i.name:<{width}}  ", f"{i.start:>9,} → ", (f"{i.end:,}", "bold"),
                     muted(f"  ({signed(i.end - i.start)})")) for i in counters]
    out += [Content(""), line(key("Enter"), f"  {sheet.next_label}")]
    return lines(out)


class LedgerPanel(Panel):
    def compose(self) -> ComposeResult:
        yield Cached(id="ledger-body")

    def show(self, snap: Snapshot) -> None:
        sheet = snap.ledger
        if sheet is not None:
            self.query_one("#ledger-body", Cached).set(sheet, lambda: ledger_content(sheet))
            self.scroll_home(animate=False)


class ReflectionPanel(Vertical):
    """A reflection prompt: a sentence or two for the debrief, or Enter to skip."""

    DEFAULT_CSS = "ReflectionPanel { height: 1fr; padding: 1 2; } ReflectionPanel > Static { margin-bottom: 1; }"

    def compose(self) -> ComposeResult:
        yield Static(heading("A moment to reflect"))
        yield Cached(id="reflection-prompt")
        yield Static(muted("Your answer goes into the debrief report. Enter saves it; an empty answer or Escape "
                           "skips."))
        yield Input(id="reflection-answer", max_length=2000, placeholder="A sentence or two…")

    def show(self, snap: Snapshot) -> None:
        self.query_one("#reflection-prompt", Cached).set(snap.reflection, lambda: plain(snap.reflection))


# -- talks ----------------------------------------------------------------------------------------------

def talks_head(t: TalksSheet, width: int) -> Content:
    v = t.view
    rounds = f"round {v.round + 1} · {v.rounds_left} round{'' if v.rounds_left == 1 else 's'} left"
    title = line((f" Talks: {v.title} ", "bold reverse"), " with ", (v.counterpart, "bold"))
    rows = [title, line(("Standing: ", "bold"), t.standing, "   ", (rounds, "bold"))]
    rows += [line(("  " + marker + " ", "bold"), words) for marker, words in t.ladder]
    rows.append(line(("On the table: ", "bold"), plain(v.offer_text) if v.offer_text else muted("no offer yet")))
    rows.append(line(("They need: ", "bold"), plain(v.need) if v.need else muted("they have not said")))
    del width
    return lines(rows)


def transcript_content(transcript: tuple[tuple[str, str], ...], last: int | None = None) -> Content:
    shown = transcript if last is None else transcript[-last:]
    if not shown:
        return muted("(nothing said yet)")
    return lines(line((f"{who}: ", "bold $accent" if who not in ("You", "Result") else "bold"), plain(said))
                 for who, said in shown)


class TalksPanel(Vertical):
    """Pinned: the table (offer, need, standing, rounds, ladder). Below, scrolling: the last words said,
    then the moves, the offer being drafted, the interests, or the second player's replies."""

    DEFAULT_CSS = """
    TalksPanel { height: 1fr; }
    TalksPanel > #talks-head { height: auto; padding: 0 1; border-bottom: solid $primary 40%; }
    TalksPanel > #talks-scroll { height: 1fr; padding: 0 1; scrollbar-size-vertical: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Cached(id="talks-head")
        with VerticalScroll(id="talks-scroll"):
            yield Cached(id="talks-said")
            yield Cached(id="talks-notes")
            for _ in range(8):
                yield NumberedLine(classes="move")
            yield Static("", classes="pool-end")
            yield Cached(id="talks-after")
            yield Cached(id="talks-foot")

    def show(self, snap: Snapshot) -> None:
        t = snap.talks
        if t is None:
            return
        v = t.view
        self.query_one("#talks-head", Cached).set((t.ladder, t.standing, v.offer_text, v.need, v.round, v.rounds_left,
                                                   v.title), lambda: talks_head(t, self.size.width))
        said = self.query_one("#talks-said", Cached)
        said.display = t.pane in ("moves", "counterpart")
        said.set(t.transcript, lambda: transcript_content(t.transcript, 3))
        notes = self.query_one("#talks-notes", Cached)
        notes.display = t.pane != "moves"
        notes.set((t.pane, t.notes, t.limit, v.counterpart), lambda: self._notes(t))
        after = self.query_one("#talks-after", Cached)
        after.display = t.pane == "offer"
        after.set((t.pane, t.notes), lambda: lines(line(("Your offer: ", "bold"), plain(n[len("Your offer: "):]))
                                                   if n.startswith("Your offer: ") else
                                                   line(("If they accept: ", "bold"), plain(n[len("If they accept: "):]))
                                                   for n in t.notes))
        scroll = self.query_one("#talks-scroll", VerticalScroll)
        pool = _pool(scroll, len(t.lines))
        offer_rungs = sum(1 for i in range(len(v.rungs)) if i > v.start)
        for i, item in enumerate(pool):
            check = ""
            if t.pane == "offer" and i < len(t.lines):
                check = ("(•)" if item_marked(t, i) else "( )") if i < offer_rungs else (
                    "[x]" if item_marked(t, i) else "[ ]")
            item.set(i + 1, t.lines[i] if i < len(t.lines) else None, check)
        self.query_one("#talks-foot", Cached).set((t.pane, v.offer >= 0), lambda: self._foot(t))

    @staticmethod
    def _notes(t: TalksSheet) -> Content:
        v = t.view
        if t.pane == "counterpart":
            rows = [heading(f"Second player: you speak for {v.counterpart}")]
            rows += [plain(n) for n in t.notes]
            if t.limit:
                rows.append(line(("The most you may grant now: ", "bold"), plain(t.limit)))
            rows.append(muted("Answer with a number. The AI's choice is marked; you may choose otherwise."))
            return lines(rows)
        if t.pane == "offer":
            return lines([heading("Make an offer"),
                          muted("Pick a position and any concessions; Enter puts it on the table, Escape goes back.")])
        if t.pane == "interests":
            return lines([heading("Their interests"), *[plain(n) if not n.startswith("  ") else
                                                       line("  ", plain(n)) for n in t.notes]])
        return heading("Your move")

    @staticmethod
    def _foot(t: TalksSheet) -> Content:
        if t.pane in ("counterpart", "offer"):
            return Content("")
        parts = [line(key("o"), " make an offer")]
        if t.view.offer >= 0:
            parts.append(line(key("a"), " accept their offer"))
        parts += [line(key("l"), " leave the talks"), line(key("i"), " back to the moves" if t.pane == "interests"
                                                         else " their interests")]
        return Content("   ").join(parts)


def item_marked(t: TalksSheet, i: int) -> bool:
    return t.lines[i].marked


def outcome_content(o: OutcomeSheet) -> Content:
    r = o.result
    out = [line((f" Talks ended: {r.title} ", "bold reverse"), " with ", (r.counterpart, "bold")), Content(""),
           line(("Outcome: ", "bold"), plain(r.outcome), ("  (a deal)" if r.deal else "  (no deal)", "bold"))]
    if r.text:
        out += [plain(r.text)]
    out += [Content(""), heading("Every cost and gain"), change_rows(o.changes), Content(""),
            heading("What was said"), transcript_content(o.transcript), Content(""), line(key("Enter"), "  continue")]
    return lines(out)


class OutcomePanel(Panel):
    def compose(self) -> ComposeResult:
        yield Cached(id="outcome-body")

    def show(self, snap: Snapshot) -> None:
        o = snap.outcome
        if o is not None:
            self.query_one("#outcome-body", Cached).set(o, lambda: outcome_content(o))
            self.scroll_home(animate=False)
