"""Warnings for deck authors: content that loads but probably does not do what its author meant."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from game.authoring.bounds import Range, name_ranges, never_true
from game.authoring.links import FlagUse, Place, doc_lines, event_loc, flag_uses, position
from game.content.compiled import ChoiceRule, Content, EventRule
from game.content.expr import Expr
from game.content.yamlsafe import Loc
from game.errors import Problem, order

# What fits an 80x24 terminal: a title on one line, a label on one line, a text in about 8 lines.
MAX_TITLE = 60
MAX_LABEL = 70
MAX_TEXT = 600


def _warn(path: str, loc: Loc, message: str, key: bool = False, extra_col: int = 0) -> Problem:
    line, col = position(path, loc, key)
    return Problem(path, line, col + extra_col, message, "warning")


def _places(uses: Iterable[FlagUse]) -> str:
    owners = list(dict.fromkeys(u.place.owner for u in uses))
    shown = ", ".join(owners[:3]) + (f" and {len(owners) - 3} more" if len(owners) > 3 else "")
    return shown


def flag_warnings(content: Content, uses: list[FlagUse]) -> list[Problem]:
    """Flags set but never read, read but never set, and declared but never used."""
    by_flag: dict[str, dict[str, list[FlagUse]]] = defaultdict(lambda: defaultdict(list))
    for use in uses:
        by_flag[use.flag][use.action].append(use)
    out = []
    scenario_flags = set(content.scenario.flags)
    for flag, acts in sorted(by_flag.items()):
        reads, sets, clears = acts["read"], acts["set"], acts["clear"]
        if not reads and (sets or clears):
            first = (sets or clears)[0]
            verb = "set" if sets else "cleared"
            also = f" (also {verb} by {_places((sets or clears)[1:])})" if len(sets or clears) > 1 else ""
            out.append(_warn(first.place.path, first.place.loc, f"flag '{flag}' is {verb} here but nothing reads it "
                             f"(no `when`, weight or effect mentions it){also}"))
        elif reads and not sets and flag not in scenario_flags:
            first = reads[0]
            out.append(_warn(first.place.path, first.place.loc, f"flag '{flag}' is read here but nothing sets it, "
                             "so it is always false (add it to a choice's `set:`)"))
        elif not reads and not sets and not clears and acts["declare"]:
            first = acts["declare"][0]
            out.append(_warn(first.place.path, first.place.loc, f"flag '{flag}' is declared in the scenario "
                             "but nothing sets or reads it"))
    return out


def _expr_col(path: str, loc: Loc, source: object, col_in_expr: int) -> int:
    """Extra columns from the value's start to the culprit, when the expression is on one line."""
    if not isinstance(source, str):
        return 0
    line, col = position(path, loc)
    lines = doc_lines(path)
    if line > len(lines):
        return 0
    rest = lines[line - 1][col - 1:]
    quote = 1 if rest[:1] in ("'", '"') else 0
    return quote + col_in_expr if rest[quote:].startswith(source[:col_in_expr + 1]) else 0


def _impossible(place: Place, expr: Expr | None, ranges: dict[str, Range], what: str,
                judged: dict[int, tuple[Expr, tuple[int, str] | None]] | None = None) -> Problem | None:
    if expr is None:
        return None
    if judged is None:
        found = never_true(expr, ranges)
    else:  # many cards share one condition (the loader compiles each text once)
        seen = judged.get(id(expr))
        if seen is None:
            seen = judged[id(expr)] = (expr, never_true(expr, ranges))
        found = seen[1]
    if found is None:
        return None
    col, why = found
    source = expr.source if expr.source not in ("true", "false") else None
    return _warn(place.path, place.loc, f"{what} can never be true: {why}",
                 extra_col=_expr_col(place.path, place.loc, source, col))


def _has_effect(choice: ChoiceRule) -> bool:
    m = choice.model
    return bool(m.effects or m.assign or m.set or m.clear or m.follow_ups or m.negotiate or m.policy)


def _long(value: object, limit: int) -> tuple[str, int] | None:
    if value is None:
        return None
    if isinstance(value, list):  # variants: the longest counts
        found = [f for v in value if (f := _long(v.text, limit)) is not None]
        return max(found, key=lambda f: f[1]) if found else None
    variants = {"": value} if isinstance(value, str) else value
    for lang, words in variants.items():  # type: ignore[attr-defined]
        if len(words.strip()) > limit:
            return lang, len(words.strip())
    return None


def _fits(value: object, limit: int) -> bool:
    """Yes at a glance for most texts (none, or short plain words); no means `_length` has a proper look."""
    return value is None or (value.__class__ is str and len(value) <= limit)


def _length(path: str, loc: Loc, value: object, limit: int, what: str) -> Problem | None:
    found = _long(value, limit)
    if found is None:
        return None
    lang, size = found
    where = f" ({lang})" if lang else ""
    return _warn(path, loc, f"{what}{where} is {size} characters; more than {limit} will not fit an 80x24 "
                 "screen without scrolling")


def card_warnings(content: Content, event: EventRule, reached: set[str], ranges: dict[str, Range],
                  judged: dict[int, tuple[Expr, tuple[int, str] | None]] | None = None) -> list[Problem]:
    """Impossible conditions, unreachable cards, empty choices and over-long texts on one card. `judged`
    keeps each condition's verdict across cards (by id; it holds the condition too). (Each check asks
    first and words its message only for a warning: this runs for every card.)"""
    path, loc, m = event.origin, event_loc(content, event), event.model
    out: list[Problem | None] = []
    if event.when is not None:
        out.append(_impossible(Place(path, loc + ("when",), ""), event.when, ranges, f"card '{event.id}': `when`",
                               judged))
    if not _fits(m.title, MAX_TITLE):
        out.append(_length(path, loc + ("title",), m.title, MAX_TITLE, "title"))
    if not _fits(m.text, MAX_TEXT):
        out.append(_length(path, loc + ("text",), m.text, MAX_TEXT, "card text"))
    if event.weight.constant == 0 and event.at is None and event.id not in reached:
        out.append(_warn(path, loc + ("weight",), f"card '{event.id}' can never be drawn: weight 0, no `at:` "
                         "month and no choice has it as a follow-up"))
    if m.acted_by:
        out.append(_length(path, loc + ("role_text",), m.role_text, MAX_TEXT, "role text"))
        for o in event.openings:
            out.append(_length(path, loc + ("openings", o.index, "label"), o.model.label, MAX_LABEL,
                               f"opening '{o.id}' label"))
            out.append(_impossible(Place(path, loc + ("openings", o.index, "when"), ""), o.when, ranges,
                                   f"opening '{o.id}' of '{event.id}': `when`", judged))
        if event.openings and all(o.when is not None for o in event.openings):
            out.append(_warn(path, loc + ("openings",), f"every opening of '{event.id}' has a `when`: when none "
                             "holds the AI takes the first; give one opening no condition"))
    for choice in event.choices:
        n = choice.index + 1
        if choice.when is not None:
            out.append(_impossible(Place(path, loc + ("choices", choice.index, "when"), ""), choice.when, ranges,
                                   f"choice {n} of '{event.id}': `when`", judged))
        if not _has_effect(choice):
            out.append(_warn(path, loc + ("choices", choice.index), f"choice {n} of '{event.id}' does nothing: no "
                             "effects, assign, set, clear, follow_ups, negotiate or policy"))
        if not _fits(choice.model.label, MAX_LABEL):
            out.append(_length(path, loc + ("choices", choice.index, "label"), choice.model.label, MAX_LABEL,
                               f"choice {n} label"))
        if not _fits(choice.model.outcome, MAX_TEXT):
            out.append(_length(path, loc + ("choices", choice.index, "outcome"), choice.model.outcome, MAX_TEXT,
                               f"choice {n} outcome"))
    return [p for p in out if p is not None]


def lint(content: Content, scenario_path: str, only: set[str] | None = None, fork: bool = False) -> list[Problem]:
    """Every warning on loaded content, sorted; `only` keeps those in the given files. With `fork`, the
    history checks run on a second core (see `beside`): for one-shot commands only, never in the game."""
    from game.authoring.beside import Beside
    from game.authoring.checks import dilemma_warnings, history_checks

    later = Beside(lambda: history_checks(content)) if fork else None  # the dilemmas stay here: even halves
    reached = {f.event for e in content.events.values() for c in e.choices for f in c.model.follow_ups}
    ranges = name_ranges(content)
    warnings = flag_warnings(content, flag_uses(content, scenario_path))
    judged: dict[int, tuple[Expr, tuple[int, str] | None]] = {}
    for event in content.events.values():
        warnings.extend(card_warnings(content, event, reached, ranges, judged))
    warnings.extend(dilemma_warnings(content)[0])
    warnings.extend(later.result() if later is not None else history_checks(content))
    if only is not None:
        warnings = [w for w in warnings if w.path in only]
    return sorted(set(warnings), key=order)

