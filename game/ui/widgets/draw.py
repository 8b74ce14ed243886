"""Builders for the main screen's pages: `(value, width) -> lines`, each line fitting the width.

Everything from the game passes through `widgets.text` (control characters made visible, never
markup). Numbered lines (choices, moves, offer rows, replies) carry a click action, so a mouse
click on one is the same as pressing its number.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from textual.content import Content

from game.engine.views import CardView, LedgerLine, MeterView
from game.present import signed
from game.ui.model import ChangeRow, Key, LedgerSheet, Line, OutcomeSheet, ResultSheet, Snapshot, TalksSheet
from game.ui.widgets.text import heading, key, line, muted, plain, styled

LOW = 20  # at or below this a meter is marked "⚠ low"
BLANK = Content("")


def wrap(content: Content, width: int, first: Content | str = "", indent: int | None = None) -> list[Content]:
    """`content` wrapped to `width`, after `first` on the first line and `indent` spaces on the others
    (by default as many as `first` is wide)."""
    lead = Content(first) if isinstance(first, str) else first
    room = lead.cell_length if indent is None else indent
    if room == lead.cell_length:
        pieces = content.wrap(max(8, width - room)) or [BLANK]
    else:  # the first line has a different width from the others: wrap it alone, then the rest
        head = (content.wrap(max(8, width - lead.cell_length)) or [BLANK])[0]
        rest = content[len(head.plain):]
        rest = rest[len(rest.plain) - len(rest.plain.lstrip(" ")):]
        pieces = [head, *(rest.wrap(max(8, width - room)) if rest.plain else [])]
    return [Content.assemble(lead if i == 0 else " " * room, piece) for i, piece in enumerate(pieces)]


def para(content: Content, width: int) -> list[Content]:
    return wrap(content, width)


def clickable(content: Content, n: int) -> Content:
    return content.stylize(f"@click=screen.pick({n})")


# -- the top: month and meters -------------------------------------------------------------------

def top(snap: Snapshot) -> tuple[str, ...]:
    return snap.month, str(snap.turn), str(snap.turns), snap.where, snap.seed, snap.preview, snap.class_line


def topbar(value: tuple[str, ...], width: int) -> list[Content]:
    month_label, turn, turns, where, seed, preview, class_line = value
    month = f" {month_label} · month {turn} of {turns} "
    extra = class_line or f"seed {seed} · preview {preview}"
    where = where[: max(0, width - len(month) - 3)]
    gap = width - len(month) - 2 - len(where) - len(extra) - 1
    return [line((month, "bold reverse"), "  ", where, muted(" " * gap + extra) if gap >= 3 else "")]


def delta(n: int) -> str:
    return f"({signed(n)})" if n else ""


def _low(m: MeterView) -> bool:
    return m.value <= m.min + LOW


def bar(fraction: float, width: int, style: str) -> Content:
    """A bar of `width` cells: filled part styled, the rest light shade (visible without colour)."""
    width = max(0, width)
    filled = max(0, min(width, round(fraction * width)))
    return line(("█" * filled, style), ("░" * (width - filled), "$foreground 30%"))


def meters(views: tuple[MeterView, ...], width: int) -> list[Content]:
    """Primary meters side by side with bars of equal length; secondary meters on as few lines as fit."""
    primary = [m for m in views if m.primary]
    secondary = [m for m in views if not m.primary]
    rows: list[Content] = []
    if primary:
        cell = max(10, (width - 2 * (len(primary) - 1)) // len(primary))
        name_width = max(len(m.name) for m in primary)
        heads = [f"{m.name.upper():<{name_width}} {m.value:>3}{(' ' + delta(m.last_change)) if m.last_change else ''}"
                 f"{' ⚠ low' if _low(m) else ''} " for m in primary]
        head_width = max(len(h) for h in heads)
        parts = []
        for m, head in zip(primary, heads, strict=True):
            style = "bold $warning" if _low(m) else "bold"
            room = cell - head_width
            if room < 4:
                parts.append(styled(head.ljust(cell), style))
                continue
            span = m.max - m.min
            parts.append(line((head.ljust(head_width), style),
                              bar((m.value - m.min) / span if span else 0.0, room,
                                  "$error" if _low(m) else "$primary")))
        rows.append(Content("  ").join(parts))
    row: list[Content] = []
    used = 0
    for m in secondary:
        change = delta(m.last_change)
        warn = " ⚠ low" if _low(m) else ""
        item = line(f"{m.name} {m.value}", (f" {change}" if change else "", "$text-muted"), (warn, "bold $warning"))
        if row and used + 3 + item.cell_length > width:
            rows.append(Content(" · ").join(row))
            row, used = [], 0
        used += item.cell_length + (3 if row else 0)
        row.append(item)
    if row:
        rows.append(Content(" · ").join(row))
    return rows


# -- numbered lines ----------------------------------------------------------------------------------

def numbered(n: int, item: Line, width: int, check: str = "") -> list[Content]:
    """`n` in a key cap, then the label with a hanging indent; a locked line says why before its label."""
    cap = line(key(str(n), item.available), " ")
    if not item.available:
        out = wrap(line(("✗ locked: ", "bold"), plain(item.reason)), width, cap)
        out += wrap(styled(item.label.strip(), "$text-disabled strike"), width, " " * cap.cell_length)
        return out
    label = line((check + " " if check else "", "bold"), (item.label.strip(), "bold"))
    inline = line(label, muted(f" — {item.hint}")) if item.hint else label
    if cap.cell_length + inline.cell_length <= width:  # short enough: the hint on the same line
        return [clickable(line(cap, inline), n)]
    out = wrap(label, width, cap)
    if item.hint:
        out += wrap(styled(item.hint, "$text-muted"), width, " " * cap.cell_length)
    return [clickable(c, n) for c in out]


# -- the card ----------------------------------------------------------------------------------------

def why_lines(card: CardView, width: int) -> list[Content]:
    out = [heading("Why is this card here?")]
    out += wrap(plain(card.source_citation), width, styled("Source: ", "bold"), 2)
    out += wrap(plain(card.source_where or "—"), width, styled("Section: ", "bold"), 2)
    if card.source_quote:
        out += wrap(styled(f"“{card.source_quote.strip()}”", "italic"), width, styled("Quote: ", "bold"), 2)
    return [line(("▌ ", "$accent"), c) for c in (wrap_all(out, width - 2))]


def wrap_all(lines: list[Content], width: int) -> list[Content]:
    out: list[Content] = []
    for c in lines:
        out += wrap(c, width)
    return out


CardValue = tuple[CardView | None, tuple[Line, ...], bool, tuple[tuple[str, str, int], ...] | None,
                  tuple[tuple[str, str, str], ...]]


def card(value: CardValue, width: int) -> list[Content]:
    """The card, its numbered choices, and (when the screen has no side column) counters and decisions."""
    c, choices, why, counters, log = value
    if c is None:
        return []
    out = wrap(styled(c.title.strip(), "bold"), width)
    out += wrap(line((c.deck_title, "$text-muted"), ("  ·  from ", "$text-muted"), (c.actor.strip(), "italic")), width)
    if c.frame_note:
        out += wrap(styled(c.frame_note.strip(), "italic $text-muted"), width)
    if c.opening_label:  # a role opened this card first (content/roles)
        from game.ui.widgets.role_page import opened_lines

        out += opened_lines(c, width)
    for piece in c.text.strip().split("\n"):
        out += wrap(plain(piece), width)
    out.append(BLANK)
    if why:
        out += why_lines(c, width) + [BLANK]
    for i, choice in enumerate(choices):
        out += numbered(i + 1, choice, width)
    if counters is not None:  # no side column: the counters and recent decisions follow the card
        out += [BLANK, styled("─" * width, "$primary 30%")] + side((counters, log), width)
    return out


def side(value: tuple[tuple[tuple[str, str, int], ...], tuple[tuple[str, str, str], ...]],
         width: int) -> list[Content]:
    counters, log = value
    return [*counters_lines(counters, width), BLANK, *log_lines(log, width)]


@lru_cache(maxsize=8)  # the card page and the side column draw the same counters until they change
def counters_lines(counters: tuple[tuple[str, str, int], ...], width: int) -> list[Content]:
    """Counters in two columns: the name, then the value and this month's change."""
    out = [heading("Counters")]
    for name, shown, change in counters:
        right = shown + (f" {delta(change)}" if change else "")
        gap = width - len(name) - len(right)
        out += [line(name, " " * gap, (right, "bold"))] if gap >= 1 else [plain(name), line("  ", (right, "bold"))]
    return out


@lru_cache(maxsize=8)
def log_lines(log: tuple[tuple[str, str, str], ...], width: int) -> list[Content]:
    """The last decisions, newest first."""
    out = [heading("Recent decisions")]
    if not log:
        out.append(muted("No decisions yet."))
    for month, title, label in log:
        out += wrap(line((month, "$text-muted"), " · ", (title, "bold")), width)
        out += wrap(plain(label), width, "→ ")
    return out


# -- results and the month -------------------------------------------------------------------------------

def change_rows(rows: tuple[ChangeRow, ...], width: int) -> list[Content]:
    if not rows:
        return [muted("Nothing measurable changed.")]
    name_width = max(len(r.name) for r in rows)
    out = []
    for r in rows:
        if r.delta:
            c = line((f"{signed(r.delta):>7}  ", "bold"), r.name.ljust(name_width), muted(f"  {r.before} → {r.after}"))
        else:
            c = line(("    now  ", "bold"), r.name.ljust(name_width), "  ", (r.after, "bold"),
                     muted(f"  (was {r.before})"))
        out += wrap(c, width, "", 9)
    return out


def result(r: ResultSheet, width: int) -> list[Content]:
    out = wrap(plain(r.title), width, styled("You chose: ", "bold"), 2)
    if r.outcome:
        out += [BLANK, *wrap(plain(r.outcome), width)]
    if r.talks_open:
        out += [BLANK, *wrap(line(("Talks open: ", "bold"), plain(r.talks_open), ". Enter takes you to the table."),
                             width)]
    out += [BLANK, heading("What changed"), *change_rows(r.changes, width)]
    if r.over:
        out += [BLANK, styled("The trial is over. Enter shows how it ended.", "bold $warning")]
    if r.problem:
        out += [BLANK, *wrap(styled(r.problem, "bold $error"), width)]
    return [*out, BLANK, line(key("Enter"), "  continue")]


def month_end(value: tuple[str, int, str], width: int) -> list[Content]:
    month, left, held = value
    out = wrap(styled(f"The cards for {month} are done.", "bold"), width) + [BLANK]
    if held:
        out += wrap(styled(held, "bold $warning"), width, styled("HELD  ", "bold reverse $warning")) + [BLANK]
    out += wrap(muted("policies and the labour market act, then the ledger shows every change and its cause"),
                width, line(key("Enter"), "  end the month: "), 10)
    out += wrap(muted(f"{left} change{'' if left == 1 else 's'} left this month"), width,
                line(key("p"), "      standing policies: "), 10)
    out += wrap(plain("save to a named slot"), width, line(key("s"), "      "), 10)
    return out


def ledger_block(item: LedgerLine, width: int) -> list[Content]:
    out = [line((item.name, "bold"), f"  {item.start} → {item.end}  ", (f"({signed(item.end - item.start)})", "bold"))]
    for reason, d in item.causes:
        out += wrap(plain(reason), width, f"  {signed(d):>6}  ")
    return out


def ledger(sheet: LedgerSheet, width: int) -> list[Content]:
    meters_ = [i for i in sheet.lines if i.kind == "meter"]
    counters = [i for i in sheet.lines if i.kind == "counter"]
    out = wrap(heading(f"Ledger · {sheet.label} · month {sheet.turn} of {sheet.turns}"), width)
    if sheet.saved:
        out += wrap(styled(sheet.saved, "bold $error") if sheet.save_failed else muted(sheet.saved), width)
    if not meters_:
        out += [BLANK, muted("No meter moved this month.")]
    if meters_:
        out.append(BLANK)
    for item in meters_:
        out += ledger_block(item, width)
    if counters:
        name_width = max(len(i.name) for i in counters)
        out += [BLANK, heading("Counters this month")]
        for i in counters:
            out += wrap(line(f"  {i.name:<{name_width}}  ", f"{i.start:>9,} → ", (f"{i.end:,}", "bold"),
                             muted(f"  ({signed(i.end - i.start)})")), width, "", 4)
    return [*out, BLANK, line(key("Enter"), f"  {sheet.next_label}")]


def notice(value: tuple[str, str], width: int) -> list[Content]:
    """A one-off text card from the teacher: read it, then Enter."""
    title, body = value
    out = [heading("A message from your teacher"), BLANK]
    if title:
        out += wrap(styled(title, "bold"), width) + [BLANK]
    for paragraph in body.split("\n"):
        out += wrap(plain(paragraph), width) if paragraph.strip() else [BLANK]
    return [*out, BLANK, line(key("Enter"), "  I have read it")]


def reflection(prompt: str, width: int) -> list[Content]:
    return [heading("A moment to reflect"), BLANK, *wrap(plain(prompt), width), BLANK,
            *wrap(muted("Your answer goes into the debrief report. Enter saves it; an empty answer or Escape skips."),
                  width)]


# -- talks ---------------------------------------------------------------------------------------------

def talks_head(t: TalksSheet, width: int) -> list[Content]:
    """Pinned at the top of the talks: who, standing, rounds, the ladder, their offer, their need."""
    v = t.view
    rounds = f"round {v.round + 1} · {v.rounds_left} round{'' if v.rounds_left == 1 else 's'} left"
    out = wrap(line((f" Talks: {v.title} ", "bold reverse"), " with ", (v.counterpart, "bold")), width, "", 2)
    out += wrap(line(("Standing: ", "bold"), t.standing, "   ", (rounds, "bold")), width)
    for marker, words in t.ladder:
        out += wrap(plain(words), width, styled(f"  {marker} ", "bold"))
    out += wrap(plain(v.offer_text) if v.offer_text else muted("no offer yet"), width,
                styled("On the table: ", "bold"), 2)
    out += wrap(plain(v.need) if v.need else muted("they have not said"), width, styled("They need: ", "bold"), 2)
    return out


def transcript(lines_: tuple[tuple[str, str], ...], width: int) -> list[Content]:
    if not lines_:
        return [muted("(nothing said yet)")]
    out: list[Content] = []
    for who, said in lines_:
        ours = who in ("You", "You propose", "Result")
        out += wrap(plain(said), width, styled(f"{who}: ", "bold" if ours else "bold $accent"), 2)
    return out


def talks_body(t: TalksSheet, width: int) -> list[Content]:
    """Below the pinned table: the last words said, then the pane (moves, offer, interests, replies)."""
    v = t.view
    out: list[Content] = []
    if t.pane in ("moves", "counterpart"):
        out += transcript(t.transcript[-3:], width) + [BLANK]
    if t.pane == "counterpart":
        out += wrap(heading(f"Second player: you speak for {v.counterpart}"), width)
        for n in t.notes:
            out += wrap(plain(n), width)
        if t.limit:
            out += wrap(plain(t.limit), width, styled("The most you may grant now: ", "bold"), 2)
        out += wrap(muted("Answer with a number. The AI's choice is marked; you may choose otherwise."), width)
        out.append(BLANK)
    elif t.pane == "offer":
        out += wrap(line(heading("Make an offer: "), muted("a position and any concessions, then Enter")), width)
    elif t.pane == "interests":
        out += wrap(heading("Their interests"), width)
        for n in t.notes:
            out += wrap(plain(n.strip()), width, "  " if n.startswith("  ") else "", 4 if n.startswith("  ") else 2)
        out.append(BLANK)
    rungs = sum(1 for i in range(len(v.rungs)) if i > v.start)
    for i, item in enumerate(t.lines):
        check = ""
        if t.pane == "offer":
            check = ("(•)" if item.marked else "( )") if i < rungs else ("[x]" if item.marked else "[ ]")
        out += numbered(i + 1, item, width, check)
    if t.pane == "offer":
        for n in t.notes:
            label, _, rest = n.partition(": ")
            out += wrap(plain(rest), width, styled(f"{label}: ", "bold"), 2)
    elif t.pane in ("moves", "interests"):
        parts = [line(key("o"), " make an offer")]
        if v.offer >= 0:
            parts.append(line(key("a"), " accept their offer"))
        parts += [line(key("l"), " leave the talks"),
                  line(key("i"), " back to the moves" if t.pane == "interests" else " their interests")]
        out += [BLANK, *wrap(Content("   ").join(parts), width)]
    return out


def outcome(o: OutcomeSheet, width: int) -> list[Content]:
    r = o.result
    out = wrap(line((f" Talks ended: {r.title} ", "bold reverse"), " with ", (r.counterpart, "bold")), width)
    out += [BLANK, *wrap(line(plain(r.outcome), ("  (a deal)" if r.deal else "  (no deal)", "bold")), width,
                         styled("Outcome: ", "bold"), 2)]
    if r.text:
        out += wrap(plain(r.text), width)
    out += [BLANK, heading("Every cost and gain"), *change_rows(o.changes, width), BLANK, heading("What was said")]
    out += transcript(o.transcript, width)
    return [*out, BLANK, line(key("Enter"), "  continue")]


# -- the bottom ----------------------------------------------------------------------------------------

def status(value: tuple[str, str], width: int) -> list[Content]:
    words, level = value
    if not words:
        return []
    mark, style = {"error": ("✗", "bold $error"), "warning": ("!", "bold $warning")}.get(level, ("✓", "bold $success"))
    return wrap(styled(words, style), width, styled(f"{mark} ", style))[:3]


def keybar(keys: tuple[Key, ...], width: int) -> list[Content]:
    """The keys that work now: the essential ones always, the others while they fit."""
    sizes = [(k, len(k.show) + len(k.label) + 4) for k in keys]
    used = sum(n for k, n in sizes if k.essential)
    shown = []
    for k, n in sizes:
        if k.essential:
            shown.append(k)
        elif used + n <= width:
            shown.append(k)
            used += n
    return [Content(" ").join(line(key(k.show), " ", k.label) for k in shown)]


def pages_for(snap: Snapshot, wide: bool) -> tuple[Any, Any, Any]:
    """The pinned page's value, the page's value and its builder, for the snapshot's mode. On a `wide`
    screen counters and decisions have a column of their own; otherwise they follow the card."""
    mode = snap.mode
    if mode == "card":
        return None, (snap.card, snap.choices, snap.why, None if wide else snap.counters, snap.log), card
    if mode == "result":
        return None, snap.result, result
    if mode == "month_end":
        return None, (snap.month, snap.policy_changes_left, snap.held), month_end
    if mode == "notice" and snap.notice is not None:
        return None, snap.notice, notice
    if mode == "ledger":
        return None, snap.ledger, ledger
    if mode == "reflection":
        return None, snap.reflection, reflection
    if mode == "talks" and snap.talks is not None:
        return snap.talks, snap.talks, talks_body
    if mode == "talks_outcome":
        return None, snap.outcome, outcome
    if mode == "role" and snap.role is not None:
        from game.ui.widgets.role_page import role_page

        return None, snap.role, role_page
    return None, None, result
