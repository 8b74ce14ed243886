"""Words and numbers for any host (plain mode, TUI, reports): no colour needed to understand them.

Everything here speaks the interface language of the moment (`game.i18n.language()`): the host sets it
to the game's language. Content texts (meter names, card titles) come from the engine already in the
game's language.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.engine.game import Game
from game.engine.views import ChoiceView, CounterView, LedgerLine, TalksView
from game.i18n import N_, _, number

PREVIEW_LEVELS = ("hidden", "meters", "full")
_PLAIN_UNITS = ("workers", "permits", "agencies", "firms", "cities")

# Words the engine hands over in English (a counterpart's mood, a concession's reason): translated here
# where they are shown.
ENGINE_WORDS = frozenset({
    N_("hostile"), N_("cold"), N_("wary"), N_("open"), N_("warm"), N_("not available now"),
})


def engine_word(word: str) -> str:
    """A word the engine gives in English, in the interface language (other texts pass unchanged)."""
    return _(word) if word in ENGINE_WORDS else word


def aside(text: str) -> str:
    """' (text)': a few words in brackets after something, as the interface language brackets them."""
    return _(" ({text})").format(text=text)


def amount(n: int | float) -> str:
    """A number as the interface language writes it: 1,234 / 1.234; 1.5 / 1,5."""
    if isinstance(n, float) and not n.is_integer():
        return number(n, decimals=1)
    return number(int(n))


def signed(n: int | float) -> str:
    if isinstance(n, float) and not n.is_integer():
        return f"+{number(n, decimals=1)}" if n > 0 else f"−{number(-n, decimals=1)}"
    n = int(n)
    return f"+{number(n)}" if n > 0 else (f"−{number(-n)}" if n < 0 else "±0")


def counter_value(c: CounterView) -> str:
    unit = f" {c.unit}" if c.unit and c.unit not in _PLAIN_UNITS else ""
    return f"{number(c.value)}{unit}"


def changes_text(game: Game, changes: Sequence[tuple[str, int]], level: str) -> str:
    """What a choice, a move or a concession would change, at the preview level chosen at new game."""
    if level == "hidden" or not changes:
        return ""
    parts = []
    for target, delta in changes:
        name = game.name_of(target)
        parts.append(f"{name} {'▲' if delta > 0 else '▼'}" if level == "meters" else f"{name} {signed(delta)}")
    # TRANSLATORS: between the items of a list ("Development +5, Security −5").
    return _(", ").join(parts)


def preview_text(game: Game, choice: ChoiceView, level: str) -> str:
    return changes_text(game, choice.preview, level)


def change_line(name: str, start: int, end: int) -> str:
    """'Security: 50 → 47 (−3)' as the interface language writes it."""
    return _("{name}: {start} → {end} ({change})").format(name=name, start=number(start), end=number(end),
                                                          change=signed(end - start))


def ledger_lines(game: Game, ledger: list[LedgerLine]) -> list[str]:
    """The month-end ledger as plain lines: each meter, its change and the causes."""
    out = []
    for line in ledger:
        if line.kind != "meter":
            continue
        out.append(change_line(line.name, line.start, line.end))
        for reason, delta in line.causes:
            out.append(f"    {signed(delta):>6}  {reason}")
    counters = [line for line in ledger if line.kind == "counter"]
    if counters:
        out.append(_("Counters:"))
        for line in counters:
            out.append("    " + change_line(line.name, line.start, line.end))
    return out


def meters_line(game: Game) -> str:
    """The six meters on one line; the change is since the start of this month."""
    return " | ".join(f"{m.name} {m.value}" + (f" ({signed(m.last_change)})" if m.last_change else "")
                      for m in game.meters())


def counters_line(game: Game) -> str:
    return " · ".join(_("{counter}: {value}").format(counter=c.name, value=counter_value(c)) for c in game.counters())


def standing_text(view: TalksView, level: str) -> str:
    """Your standing with the counterpart: a word, and the number at the meters/full levels."""
    mood = engine_word(view.mood)
    return mood if level == "hidden" else mood + aside(signed(view.standing))


def rung_text(view: TalksView, index: int, level: str) -> str:
    rung = view.rungs[index]
    marks = []
    if rung.in_force:
        marks.append(_("in force"))
    if rung.offered:
        marks.append(_("their offer"))
    if rung.asked:
        marks.append(_("your ask"))
    if rung.within_reach is False:
        marks.append(_("beyond their limit"))
    if not rung.in_force and index > view.start and level != "hidden":
        marks.append(_("costs them {cost}").format(cost=amount(rung.required)))
    return rung.label + (aside(_(", ").join(marks)) if marks else "")


FRAME_LABELS = {"composite": N_("composite"), "analogy": N_("analogy"), "counterfactual": N_("counterfactual")}


def frame_label(frame: str) -> str:
    """A card's frame (a card that is not a record of events) as the reader's language names it."""
    return _(FRAME_LABELS[frame]) if frame in FRAME_LABELS else ""
