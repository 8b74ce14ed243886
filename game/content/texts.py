"""Live texts: player-facing text that shows values from the game and varies with its state.

`RMB {worker_fees} a month` shows the counter; `{enforcement}` shows the policy's option label;
`{{` and `}}` are literal braces. A text may also be a list of variants, `[{if: condition, text: ...},
..., {text: ...}]`: the first whose condition holds is shown. Slots and conditions are expressions,
checked at load like any other; rendering never fails.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from game.content.expr import BOOL, MON, NUM, TEXT, Expr, Names, compile_expr
from game.content.records import text_in
from game.errors import ExpressionError
from game.i18n import month_words, number

if TYPE_CHECKING:
    from game.content import models

_SLOT = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
Part = str | Expr


@dataclass(frozen=True)
class LiveText:
    """A compiled live text: variants of (condition, {lang: parts})."""

    variants: tuple[tuple[Expr | None, Mapping[str, tuple[Part, ...]]], ...]

    @property
    def static(self) -> bool:
        return len(self.variants) == 1 and all(isinstance(p, str) for parts in self.variants[0][1].values()
                                               for p in parts)

    def english(self) -> str:
        """The first variant's English with its slots as written (for authors' tools)."""
        parts = _pick(self.variants[-1][1], "en")
        return "".join(p if isinstance(p, str) else "{" + p.source + "}" for p in parts)

    def all_strings(self) -> list[str]:
        """Every literal piece of every variant and language (for text checks)."""
        return ["".join(p if isinstance(p, str) else "{" + p.source + "}" for p in parts)
                for _, langs in self.variants for parts in langs.values()]


EMPTY = LiveText(((None, {"en": ()}),))


class TextProblem(ValueError):
    def __init__(self, message: str, column: int = 0, variant: int | None = None, field: str = "") -> None:
        super().__init__(message)
        self.column, self.variant, self.field = column, variant, field


def _parts(raw: str, names: Names) -> tuple[Part, ...]:
    if "{" not in raw and "}" not in raw:  # most texts: no slots, no braces (what the loop below gives too)
        return (raw,) if raw else ()
    out: list[Part] = []
    pos = 0
    for m in _SLOT.finditer(raw):
        if m.start() > pos:
            out.append(raw[pos:m.start()])
        token = m.group(0)
        if token in ("{{", "}}"):
            out.append(token[0])
        elif m.group(1) is None:
            raise TextProblem(f"a single '{token}' in text: write '{token}{token}' for a literal brace, "
                              "or {name} to show a value", m.start())
        else:
            inner = m.group(1).strip()
            if not inner:
                raise TextProblem("empty {} in text: put a name inside, e.g. {permit_days}", m.start())
            try:
                expr = compile_expr(inner, names)
            except ExpressionError as exc:
                raise TextProblem(f"in {{{inner}}}: {exc}", m.start() + 1 + exc.column) from None
            if expr.typ == BOOL:
                raise TextProblem(f"{{{inner}}} is true/false; a text can show numbers, months and policies",
                                  m.start())
            out.append(expr)
        pos = m.end()
    if pos < len(raw):
        out.append(raw[pos:])
    merged: list[Part] = []
    for p in out:  # join neighbouring literal pieces
        if merged and isinstance(p, str) and isinstance(merged[-1], str):
            merged[-1] = merged[-1] + p
        else:
            merged.append(p)
    return tuple(merged)


def _langs(value: str | Mapping[str, str], names: Names) -> dict[str, tuple[Part, ...]]:
    if isinstance(value, str):
        return {"en": _parts(value, names)}
    return {lang: _parts(raw, names) for lang, raw in value.items()}


def compile_text(value: Any, names: Names) -> LiveText:
    """Compile a LiveText field (string, language map, or list of variants); raises TextProblem."""
    if value is None:
        return EMPTY
    if isinstance(value, list):
        variants = []
        for i, v in enumerate(value):
            variant: models.TextVariant = v
            cond = None
            if variant.if_ is not None:
                try:
                    cond = compile_expr(variant.if_, names, expect=BOOL)
                except ExpressionError as exc:
                    raise TextProblem(str(exc), exc.column, i, "if") from None
                if i == len(value) - 1:
                    raise TextProblem("the last variant needs no `if`: it is shown when no other holds", 0, i, "if")
            elif i < len(value) - 1:
                raise TextProblem("only the last variant may leave out `if` (the ones after it would never show)",
                                  0, i, "text")
            try:
                variants.append((cond, _langs(variant.text, names)))
            except TextProblem as exc:
                raise TextProblem(str(exc), exc.column, i, "text") from None
        if not variants:
            raise TextProblem("a list of variants needs at least one {text: ...}")
        return LiveText(tuple(variants))
    return LiveText(((None, _langs(value, names)),))


Labels = Mapping[tuple[str, str], "str | dict[str, str]"]  # (policy, option) -> label (a models.Text)


def _pick(langs: Mapping[str, tuple[Part, ...]], lang: str, gaps: list[str] | None = None) -> tuple[Part, ...]:
    found = langs.get(lang)
    if found:
        return found
    english = langs.get("en")
    if gaps is not None and (english is None or english):  # an empty text has nothing to translate
        gaps.append(lang)
    return english or next(iter(langs.values()), ())


def render(text: LiveText, scope: Any, lang: str = "en", labels: Labels | None = None,
           gaps: list[str] | None = None) -> str:
    """The text for this state: the first variant that holds, its slots filled in. When the text has no
    `lang` version, English is shown and `lang` is added to `gaps` (for a host's "not yet translated")."""
    chosen = text.variants[-1][1]
    for cond, langs in text.variants:
        if cond is None or cond.fn(scope):
            chosen = langs
            break
    parts = _pick(chosen, lang, gaps if lang != "en" else None)
    if len(parts) == 1 and isinstance(parts[0], str):
        return parts[0]
    out = []
    for p in parts:
        out.append(p if isinstance(p, str) else show_value(p, p.fn(scope), labels, lang))
    return "".join(out)


def show_value(expr: Expr, value: Any, labels: Labels | None = None, lang: str = "en") -> str:
    """A value as a player reads it: 12,345; 'June 2018'; a policy's option label (in `lang`)."""
    if expr.typ == TEXT:
        policy = expr.tree.value if expr.tree.op == "name" else ""
        label = (labels or {}).get((policy, str(value)))
        return str(value) if label is None else text_in(label, lang)
    if isinstance(value, bool):
        return _yes_no(value, lang)
    if not isinstance(value, (int, float)) or not math.isfinite(value):
        return "—"
    if expr.typ == MON:
        return month_words(int(value), lang)
    if expr.typ == NUM and abs(value - round(value)) < 0.05:
        return number(round(value), lang)
    return number(value, lang, 1)


def _yes_no(value: bool, lang: str) -> str:
    from game.i18n import _, use_language

    with use_language(lang):
        return _("yes") if value else _("no")
