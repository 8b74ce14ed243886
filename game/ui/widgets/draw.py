"""Builders for the main screen's pages: `(value, width) -> lines`, each line fitting the width.

Everything from the game passes through `widgets.text` (control characters made visible, never
markup). Numbered lines (choices, moves, offer rows, replies) carry a click action, so a mouse
click on one is the same as pressing its number.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rich.cells import cell_len
from textual.content import Content

from game.engine.views import CardView, LedgerLine, MeterView
from game.i18n import _, ngettext, number, pgettext
from game.present import frame_label, signed
from game.ui.model import ChangeRow, Key, LedgerSheet, Line, OutcomeSheet, ResultSheet, Snapshot, TalksSheet
from game.ui.widgets.text import heading, key, line, muted, plain, styled
from game.wrap import truncate

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


def pad(text: str, width: int) -> str:
    """`text` padded with spaces to `width` terminal cells (a Chinese character takes two)."""
    return text + " " * max(0, width - cell_len(text))


def rpad(text: str, width: int) -> str:
    """`text` right-aligned in `width` cells."""
    return " " * max(0, width - cell_len(text)) + text


def label_rest(note: str) -> tuple[str, str]:
    """'Label: the rest' split after its first colon, an ASCII one or a Chinese full-width one:
    ('Label: ', 'the rest') / ('标签：', '其余')."""
    for sep in (": ", "：", ":"):
        head, found, rest = note.partition(sep)
        if found:
            return head + found, rest.strip()
    return "", note


def preview_name(level: str) -> str:
    return {"hidden": pgettext("preview", "hidden"), "meters": pgettext("preview", "meters"),
            "full": pgettext("preview", "full")}.get(level, level)


def para(content: Content, width: int) -> list[Content]:
    return wrap(content, width)


def clickable(content: Content, n: int) -> Content:
    return content.stylize(f"@click=screen.pick({n})")


# -- the top: month and meters -------------------------------------------------------------------

def top(snap: Snapshot) -> tuple[str, ...]:
    return snap.month, str(snap.turn), str(snap.turns), snap.where, snap.seed, snap.preview, snap.class_line


def topbar(value: tuple[str, ...], width: int) -> list[Content]:
    month_label, turn, turns, where, seed, preview, class_line = value
    month = " " + _("{month} · month {turn} of {turns}").format(month=month_label, turn=turn, turns=turns) + " "
    extra = class_line or _("seed {seed} · preview {preview}").format(seed=seed, preview=preview_name(preview))
    where = truncate(where, max(0, width - cell_len(month) - 3), "")
    gap = width - cell_len(month) - 2 - cell_len(where) - cell_len(extra) - 1
    return [line((month, "bold reverse"), "  ", where, muted(" " * gap + extra) if gap >= 3 else "")]


def delta(n: int) -> str:
    return f"({signed(n)})" if n else ""


def _low(m: MeterView) -> bool:
    return m.value <= m.min + LOW


def low_mark() -> str:
    return " ⚠ " + pgettext("meter", "low")


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
        name_width = max(cell_len(m.name.upper()) for m in primary)
        heads = [f"{pad(m.name.upper(), name_width)} {m.value:>3}"
                 f"{(' ' + delta(m.last_change)) if m.last_change else ''}"
                 f"{low_mark() if _low(m) else ''} " for m in primary]
        head_width = max(cell_len(h) for h in heads)
        parts = []
        for m, head in zip(primary, heads, strict=True):
            style = "bold $warning" if _low(m) else "bold"
            room = cell - head_width
            if room < 4:
                parts.append(styled(pad(head, cell), style))
                continue
            span = m.max - m.min
            parts.append(line((pad(head, head_width), style),
                              bar((m.value - m.min) / span if span else 0.0, room,
                                  "$error" if _low(m) else "$primary")))
        rows.append(Content("  ").join(parts))
    row: list[Content] = []
    used = 0
    for m in secondary:
        change = delta(m.last_change)
        warn = low_mark() if _low(m) else ""
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
        out = wrap(line(("✗ " + _("locked: "), "bold"), plain(item.reason)), width, cap)
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

def why_lines(card: CardView, width: int, translation: str = "") -> list[Content]:
    """The card's source, section and quote (and our translation of the quote) beside a bar."""
    width -= 2  # the bar
    out = [heading(_("Why is this card here?"))]
    if card.frame_note:
        out += wrap(styled(card.frame_note.strip(), "italic"), width)
    out += wrap(plain(card.source_citation), width, styled(_("Source: "), "bold"), 2)
    out += wrap(plain(card.source_where or "—"), width, styled(_("Section: "), "bold"), 2)
    if card.source_quote:
        out += wrap(styled(f"“{card.source_quote.strip()}”", "italic"), width, styled(_("Quote: "), "bold"), 2)
        if translation:
            out += wrap(plain(translation), width, styled(_("Our translation: "), "bold"), 2)
    return [line(("▌ ", "$accent"), c) for c in out]


def wrap_all(lines: list[Content], width: int) -> list[Content]:
    out: list[Content] = []
    for c in lines:
        out += wrap(c, width)
    return out


CardValue = tuple[CardView | None, tuple[Line, ...], bool, tuple[tuple[str, str, int], ...] | None,
                  tuple[tuple[str, str, str], ...], str]


def card(value: CardValue, width: int) -> list[Content]:
    """The card, its numbered choices, and (when the screen has no side column) counters and decisions."""
    c, choices, why, counters, log, translation = value
    if c is None:
        return []
    out = wrap(styled(c.title.strip(), "bold"), width)
    frame = frame_label(c.frame)  # what kind of card it is, in a word; `w` says what that means
    out += wrap(line((c.deck_title, "$text-muted"), *((("  ·  ", "$text-muted"), (frame, "bold $warning"))
                                                      if frame else ()),
                     ("  ·  " + _("from "), "$text-muted"), (c.actor.strip(), "italic")), width)
    if c.opening_label:  # a role opened this card first (content/roles)
        from game.ui.widgets.role_page import opened_lines

        out += opened_lines(c, width)
    for piece in c.text.strip().split("\n"):
        out += wrap(plain(piece), width)
    out.append(BLANK)
    for i, choice in enumerate(choices):
        out += numbered(i + 1, choice, width)
    if why:  # after the choices, so that opening it never hides them; the page scrolls down to it
        out += [BLANK, *why_lines(c, width, translation)]
    if counters is not None and not why:  # no side column: the counters and recent decisions follow the card
        out += [BLANK, styled("─" * width, "$primary 30%")] + side((counters, log), width)
    return out


def side(value: tuple[tuple[tuple[str, str, int], ...], tuple[tuple[str, str, str], ...]],
         width: int) -> list[Content]:
    counters, log = value
    return [*counters_lines(counters, width), BLANK, *log_lines(log, width)]


@lru_cache(maxsize=8)  # the card page and the side column draw the same counters until they change
def counters_lines(counters: tuple[tuple[str, str, int], ...], width: int) -> list[Content]:
    """Counters in two columns: the name, then the value and this month's change."""
    out = [heading(_("Counters"))]
    for name, shown, change in counters:
        right = shown + (f" {delta(change)}" if change else "")
        gap = width - cell_len(name) - cell_len(right)
        out += [line(name, " " * gap, (right, "bold"))] if gap >= 1 else [plain(name), line("  ", (right, "bold"))]
    return out


@lru_cache(maxsize=8)
def log_lines(log: tuple[tuple[str, str, str], ...], width: int) -> list[Content]:
    """The last decisions, newest first."""
    out = [heading(_("Recent decisions"))]
    if not log:
        out.append(muted(_("No decisions yet.")))
    for month, title, label in log:
        out += wrap(line((month, "$text-muted"), " · ", (title, "bold")), width)
        out += wrap(plain(label), width, "→ ")
    return out


# -- results and the month -------------------------------------------------------------------------------

def change_rows(rows: tuple[ChangeRow, ...], width: int) -> list[Content]:
    if not rows:
        return [muted(_("Nothing measurable changed."))]
    name_width = max(cell_len(r.name) for r in rows)
    out = []
    for r in rows:
        if r.delta:
            c = line((f"{signed(r.delta):>7}  ", "bold"), pad(r.name, name_width), muted(f"  {r.before} → {r.after}"))
        else:
            c = line((rpad(pgettext("policy", "now"), 7) + "  ", "bold"), pad(r.name, name_width), "  ",
                     (r.after, "bold"), muted("  " + _("(was {before})").format(before=r.before)))
        out += wrap(c, width, "", 9)
    return out


def result(r: ResultSheet, width: int) -> list[Content]:
    out = wrap(plain(r.title), width, styled(_("You chose: "), "bold"), 2)
    if r.outcome:
        out += [BLANK, *wrap(plain(r.outcome), width)]
    if r.talks_open:
        out += [BLANK, *wrap(line((_("Talks open: "), "bold"), plain(r.talks_open)), width),
                *wrap(plain(_("Enter takes you to the table.")), width)]
    out += [BLANK, heading(_("What changed")), *change_rows(r.changes, width)]
    if r.over:
        out += [BLANK, *wrap(styled(_("The trial is over. Enter shows how it ended."), "bold $warning"), width)]
    if r.problem:
        out += [BLANK, *wrap(styled(r.problem, "bold $error"), width)]
    return [*out, BLANK, line(key("Enter"), "  " + _("continue"))]


def month_end(value: tuple[str, int, str], width: int) -> list[Content]:
    month, left, held = value
    out = wrap(styled(_("The cards for {month} are done.").format(month=month), "bold"), width) + [BLANK]
    if held:
        out += wrap(styled(held, "bold $warning"), width, styled(_("HELD") + "  ", "bold reverse $warning")) + [BLANK]
    out += wrap(line(("" + _("end the month") + ": ", "bold"),
                     muted(_("policies and the labour market act, then the ledger shows every change and its cause"))),
                width, line(key("Enter"), "  "), 9)
    out += wrap(line((_("standing policies") + ": ", "bold"),
                     muted(ngettext("{n} change left this month", "{n} changes left this month", left).format(n=left))),
                width, line(key("p"), "      "), 9)
    out += wrap(plain(_("save to a named slot")), width, line(key("s"), "      "), 9)
    return out


def ledger_block(item: LedgerLine, width: int) -> list[Content]:
    out = [line((item.name, "bold"), f"  {item.start} → {item.end}  ", (f"({signed(item.end - item.start)})", "bold"))]
    for reason, d in item.causes:
        out += wrap(plain(reason), width, f"  {signed(d):>6}  ")
    return out


def ledger(sheet: LedgerSheet, width: int) -> list[Content]:
    meters_ = [i for i in sheet.lines if i.kind == "meter"]
    counters = [i for i in sheet.lines if i.kind == "counter"]
    out = wrap(heading(_("Ledger · {month} · month {turn} of {turns}").format(month=sheet.label, turn=sheet.turn,
                                                                               turns=sheet.turns)), width)
    if sheet.saved:
        out += wrap(styled(sheet.saved, "bold $error") if sheet.save_failed else muted(sheet.saved), width)
    if not meters_:
        out += [BLANK, muted(_("No meter moved this month."))]
    if meters_:
        out.append(BLANK)
    for item in meters_:
        out += ledger_block(item, width)
    if counters:
        name_width = max(cell_len(i.name) for i in counters)
        out += [BLANK, heading(_("Counters this month"))]
        for i in counters:
            out += wrap(line(f"  {pad(i.name, name_width)}  ", f"{number(i.start):>9} → ", (number(i.end), "bold"),
                             muted(f"  ({signed(i.end - i.start)})")), width, "", 4)
    return [*out, BLANK, line(key("Enter"), f"  {sheet.next_label}")]


def notice(value: tuple[str, str], width: int) -> list[Content]:
    """A one-off text card from the teacher: read it, then Enter."""
    title, body = value
    out = [heading(_("A message from your teacher")), BLANK]
    if title:
        out += wrap(styled(title, "bold"), width) + [BLANK]
    for paragraph in body.split("\n"):
        out += wrap(plain(paragraph), width) if paragraph.strip() else [BLANK]
    return [*out, BLANK, line(key("Enter"), "  " + _("I have read it"))]


def reflection(prompt: str, width: int) -> list[Content]:
    return [heading(_("A moment to reflect")), BLANK, *wrap(plain(prompt), width), BLANK,
            *wrap(muted(_("Your answer goes into the debrief report. Enter saves it; an empty answer or Escape "
                          "skips.")), width)]


# -- talks ---------------------------------------------------------------------------------------------

def talks_head(t: TalksSheet, width: int) -> list[Content]:
    """Pinned at the top of the talks: who, standing, rounds, the ladder, their offer, their need."""
    v = t.view
    rounds = _("round {round}").format(round=v.round + 1) + " · " + ngettext(
        "{n} round left", "{n} rounds left", v.rounds_left).format(n=v.rounds_left)
    out = wrap(line((" " + _("Talks: {title}").format(title=v.title) + " ", "bold reverse"), " ",
                    _("with {counterpart}").format(counterpart=v.counterpart)), width, "", 2)
    out += wrap(line((_("Standing: "), "bold"), t.standing, "   ", (rounds, "bold")), width)
    for marker, words in t.ladder:
        out += wrap(plain(words), width, styled(f"  {marker} ", "bold"))
    out += wrap(plain(v.offer_text) if v.offer_text else muted(_("no offer yet")), width,
                styled(_("On the table: "), "bold"), 2)
    out += wrap(plain(v.need) if v.need else muted(_("they have not said")), width, styled(_("They need: "), "bold"),
                2)
    return out


def transcript(lines_: tuple[tuple[str, str], ...], width: int) -> list[Content]:
    if not lines_:
        return [muted(_("(nothing said yet)"))]
    out: list[Content] = []
    mine = (_("You"), _("You propose"), _("Result"))
    for who, said in lines_:
        ours = who in mine
        who_said = _("{speaker}: ").format(speaker=who)
        out += wrap(plain(said), width, styled(who_said, "bold" if ours else "bold $accent"), 2)
    return out


def talks_body(t: TalksSheet, width: int) -> list[Content]:
    """Below the pinned table: the last words said, then the pane (moves, offer, interests, replies)."""
    v = t.view
    out: list[Content] = []
    if t.pane in ("moves", "counterpart"):
        out += transcript(t.transcript[-3:], width) + [BLANK]
    if t.pane == "counterpart":
        out += wrap(heading(_("Second player: you speak for {counterpart}").format(counterpart=v.counterpart)), width)
        for n in t.notes:
            out += wrap(plain(n), width)
        if t.limit:
            out += wrap(plain(t.limit), width, styled(_("The most you may grant now: "), "bold"), 2)
        out += wrap(muted(_("Answer with a number. The AI's choice is marked; you may choose otherwise.")), width)
        out.append(BLANK)
    elif t.pane == "offer":
        out += wrap(line(heading(_("Make an offer: ")), muted(_("a position and any concessions, then Enter"))), width)
    elif t.pane == "interests":
        out += wrap(heading(_("Their interests")), width)
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
            label, rest = label_rest(n)
            out += wrap(plain(rest), width, styled(label, "bold"), 2)
    elif t.pane in ("moves", "interests"):
        parts = [line(key("o"), " ", _("make an offer"))]
        if v.offer >= 0:
            parts.append(line(key("a"), " ", _("accept their offer")))
        parts += [line(key("l"), " ", _("leave the talks")),
                  line(key("i"), " ", _("back to the moves") if t.pane == "interests" else _("their interests"))]
        out += [BLANK, *wrap(Content("   ").join(parts), width)]
    return out


def outcome(o: OutcomeSheet, width: int) -> list[Content]:
    r = o.result
    out = wrap(line((" " + _("Talks ended: {title}").format(title=r.title) + " ", "bold reverse"), " ",
                    _("with {counterpart}").format(counterpart=r.counterpart)), width)
    out += [BLANK, *wrap(line(plain(r.outcome), ("  " + (_("(a deal)") if r.deal else _("(no deal)")), "bold")), width,
                         styled(_("Outcome: "), "bold"), 2)]
    if r.text:
        out += wrap(plain(r.text), width)
    out += [BLANK, heading(_("Every cost and gain")), *change_rows(o.changes, width), BLANK,
            heading(_("What was said"))]
    out += transcript(o.transcript, width)
    return [*out, BLANK, line(key("Enter"), "  " + _("continue"))]


# -- the bottom ----------------------------------------------------------------------------------------

def status(value: tuple[str, str], width: int) -> list[Content]:
    words, level = value
    if not words:
        return []
    mark, style = {"error": ("✗", "bold $error"), "warning": ("!", "bold $warning")}.get(level, ("✓", "bold $success"))
    return wrap(styled(words, style), width, styled(f"{mark} ", style))[:3]


def keybar(keys: tuple[Key, ...], width: int) -> list[Content]:
    """The keys that work now: the essential ones always, the others while they fit."""
    sizes = [(k, cell_len(k.show) + cell_len(k.label) + 4) for k in keys]
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
        return None, (snap.card, snap.choices, snap.why, None if wide else snap.counters, snap.log,
                      snap.quote_translation), card
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
    if mode in ("role", "role_line") and snap.role is not None:
        from game.ui.widgets.role_page import role_page

        return None, snap.role, role_page
    if mode == "desk" and snap.talks is not None:  # the counterpart's reply in a bureau student's talks
        return snap.talks, snap.talks, talks_body
    if mode in ("desk", "desk_line") and snap.desk is not None:
        from game.ui.widgets.role_page import desk_page

        return None, snap.desk, desk_page
    if mode == "role_wait" and snap.wait is not None:
        from game.ui.widgets.role_page import wait_page

        return None, snap.wait, wait_page
    return None, None, result
