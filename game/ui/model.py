"""The TUI's vocabulary, shared by the headless controller and the screens: intents (what a key asks
for), the records a snapshot is made of, and which intent a key sends. Imports neither Textual nor
the engine, so screens can use it without loading the game.

    Number(n)     a digit: a choice, a talks move, an offer row or a hot-seat reply, by mode
    Confirm()     Enter: close a result or the ledger, end the month, make the offer drafted
    Cancel()      Escape: close an offer draft, the interests or "why"
    Offer() Accept() Leave() Interests() Why()    letters in talks and on cards
    Answer(text)  a reflection answer ('' skips)
    ChangePolicy(policy, option), SaveTo(slot), Open(screen), Unbound(key)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from game.engine.views import CardView, EndingView, LedgerLine, MeterView, TalksResult, TalksView
    from game.ui.role_turn import DeskSheet, RoleSheet

# -- intents --------------------------------------------------------------------------------------
# Plain classes, not dataclasses: building dataclasses compiles their methods at import, which costs
# start-up time and (measured) ~1.5 MB of resident memory for this module.


class Intent:
    """Something the player asked for; the controller decides what it means now."""

    __slots__: tuple[str, ...] = ()

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and all(getattr(self, n) == getattr(other, n) for n in self.__slots__)

    def __hash__(self) -> int:
        return hash((type(self), *(getattr(self, n) for n in self.__slots__)))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(repr(getattr(self, n)) for n in self.__slots__)})"


class Number(Intent):
    __slots__ = ("n",)

    def __init__(self, n: int) -> None:
        self.n = n  # 1-based, as pressed


class Confirm(Intent):
    __slots__ = ()


class Cancel(Intent):
    __slots__ = ()


class Offer(Intent):
    __slots__ = ()


class Accept(Intent):
    __slots__ = ()


class Leave(Intent):
    __slots__ = ()


class Interests(Intent):
    __slots__ = ()


class Why(Intent):
    __slots__ = ()


class Answer(Intent):
    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class ChangePolicy(Intent):
    __slots__ = ("option", "policy")

    def __init__(self, policy: str, option: str) -> None:
        self.policy, self.option = policy, option


class SaveTo(Intent):
    __slots__ = ("slot",)

    def __init__(self, slot: str) -> None:
        self.slot = slot


class Open(Intent):
    """Another screen: help, codex, policies, save, load, briefing, quit, theme, language (the app opens it)."""

    __slots__ = ("screen",)

    def __init__(self, screen: str) -> None:
        self.screen = screen


class Unbound(Intent):
    """A key with no meaning anywhere on the main screen."""

    __slots__ = ("key",)

    def __init__(self, key: str) -> None:
        self.key = key


# -- what the screen draws ------------------------------------------------------------------------


class Key(NamedTuple):
    """One working key: what to press, what it does, and the intent it sends."""

    keys: tuple[str, ...]  # key names as Textual reports them
    show: str  # as the footer shows it ("1-3", "Enter")
    label: str
    intent: Intent | None = None  # None: a Number for each digit key
    essential: bool = True  # False: shown when the footer has room (always in help)


class Line(NamedTuple):
    """A numbered line on the main screen: a choice, a move, an offer row or a reply."""

    label: str
    hint: str = ""  # preview or cost, in words
    available: bool = True
    reason: str = ""  # why it is locked
    marked: bool = False  # chosen in an offer draft; the AI's pick in hot seat


class ChangeRow(NamedTuple):
    name: str
    before: str
    after: str
    delta: int  # 0 for a switch (before/after are words)


class ResultSheet(NamedTuple):
    title: str  # "You chose: ..."
    outcome: str
    changes: tuple[ChangeRow, ...]
    talks_open: str  # "" or "Permit length, with the NIA"
    over: bool
    problem: str = ""


class LedgerSheet(NamedTuple):
    label: str  # month label
    turn: int
    turns: int
    lines: tuple[LedgerLine, ...]
    saved: str  # "Saved to the autosave slot." or the problem
    save_failed: bool
    next_label: str  # "Continue to September 2017" / "See how it ended"


class TalksSheet(NamedTuple):
    """The talks in progress, as words."""

    view: TalksView
    ladder: tuple[tuple[str, str], ...]  # (marker, rung words)
    standing: str
    transcript: tuple[tuple[str, str], ...]  # (speaker, line)
    pane: str  # moves | interests | offer | counterpart
    lines: tuple[Line, ...]  # the numbered lines of the pane
    notes: tuple[str, ...]  # the pane's other text (interests, the deal's effect, the brief)
    limit: str = ""  # hot seat: the most the counterpart player may grant


class OutcomeSheet(NamedTuple):
    result: TalksResult
    changes: tuple[ChangeRow, ...]
    transcript: tuple[tuple[str, str], ...]


class Snapshot(NamedTuple):
    """Everything the main screen shows, at one moment. Widgets compare parts and redraw what changed."""

    mode: str  # card | role | result | month_end | ledger | reflection | talks | talks_outcome | notice | over | none
    version: int
    month: str
    turn: int
    turns: int
    seed: str
    preview: str
    meters: tuple[MeterView, ...]
    counters: tuple[tuple[str, str, int], ...]  # (name, value in words, change this month)
    card: CardView | None = None
    choices: tuple[Line, ...] = ()
    why: bool = False
    result: ResultSheet | None = None
    ledger: LedgerSheet | None = None
    talks: TalksSheet | None = None
    outcome: OutcomeSheet | None = None
    reflection: str = ""
    policy_changes_left: int = 0
    status: str = ""
    status_level: str = "info"  # info | warning | error
    keys: tuple[Key, ...] = ()
    log: tuple[tuple[str, str, str], ...] = ()  # recent decisions: (month, card title, choice)
    where: str = ""  # "card 1 of 3", "talks", "ledger" ...
    notice: tuple[str, str] | None = None  # a teacher's message to read: (title, text)
    held: str = ""  # at the month's end: why the class may not go on yet ("" when it may)
    class_line: str = ""  # class mode: "Ana · class 223ZB-M-PQUK · held at month 3"
    quote_translation: str = ""  # our translation of the card's source quote into the game's language
    lang: str = "en"  # the language the words are in
    role: RoleSheet | None = None  # mode role: a role held at this keyboard opens the card (game.ui.role_turn)
    desk: DeskSheet | None = None  # modes desk, desk_line: this tab is a role's desk in a class
    wait: tuple[str, str, int, bool] | None = None  # mode role_wait: (role, its holder, seconds left, in talks)


class Outcome(NamedTuple):
    """What `handle` asks of the host besides redrawing: open a screen, or nothing."""

    open: str = ""


SCREEN_KEYS = {"L": "language", "?": "help", "f1": "help", "x": "codex", "p": "policies", "s": "save", "l": "load",
               "b": "briefing",
               "t": "theme", "q": "quit"}



class PolicyChoice(NamedTuple):
    id: str
    label: str
    description: str
    available: bool
    reason: str
    effects: str  # each month, in words
    current: bool


class PolicyRow(NamedTuple):
    id: str
    name: str
    description: str
    current: str
    options: tuple[PolicyChoice, ...]


class PolicySheet(NamedTuple):
    policies: tuple[PolicyRow, ...]
    changes_left: int
    status: str
    status_level: str


class BriefingSheet(NamedTuple):
    title: str
    month: str
    turn: int
    turns: int
    seed: str
    preview: str
    role: str
    intro: str
    meters: tuple[tuple[str, bool, int, str], ...]  # (name, primary, value, description)
    losses: str  # "Development at 0 or Security at 0"
    last_month: str


class EndingSheet(NamedTuple):
    ending: EndingView
    month: str
    turn: int
    turns: int
    seed: str
    meters: tuple[tuple[str, int, int, tuple[int, ...], int, int], ...]  # name, start, end, per month, min, max
    talks: tuple[tuple[str, str, str, bool], ...]  # month, title, outcome, deal
    first_month: str
    has_reflections: bool
    quote_translation: str = ""


def key_name(key: str) -> str:
    return {"enter": "Enter", "escape": "Escape", "space": "Space", "tab": "Tab"}.get(key, key)


def key_intent(snapshot: Snapshot, key: str) -> Intent:
    """The intent a key press sends on the main screen now (Unbound when none; the controller says so)."""
    for k in snapshot.keys:
        if key in k.keys:
            if k.intent is None:
                return Number(int(key))
            return k.intent
    if key.isdigit() and key != "0":
        return Number(int(key))
    known: dict[str, Intent] = {"enter": Confirm(), "escape": Cancel(), "o": Offer(), "a": Accept(), "i": Interests(),
                                "w": Why()}
    if key in known:
        return known[key]
    if key in SCREEN_KEYS or key == "question_mark":
        return Open(SCREEN_KEYS.get(key, "help"))
    return Unbound(key)

