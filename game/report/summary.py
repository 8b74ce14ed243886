"""Class summary: what a whole class did, from many saves.

Every save file is one student's game: two different files are two games even when their choices match
(with a class code everyone starts from the same seed, so a slow student's game is often the beginning of
a classmate's). Only byte-identical copies are counted once, and they are listed. Unreadable files are
listed with one line on why, and never stop the others. A card's split counts every decision taken on it
(a card can come back), and "games" counts the games in which it was drawn.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from game.content.compiled import Content, text
from game.engine.actions import EndMonth
from game.engine.records import Kind
from game.i18n import _, language, ngettext
from game.report.common import bare, month_label, words
from game.report.debrief import Debrief, gather
from game.report.load import Duplicate, LoadedGame, load_class

MIN_PLAYERS_FOR_SPLIT = 3
MIN_GAMES_FOR_OUTLIERS = 5
OUTLIER_Z = 2.0


@dataclass(frozen=True)
class GameRow:
    """One student's game, as the roster shows it."""

    name: str
    path: str
    ending_id: str  # "" while in progress
    status: str  # the ending's title, or "In progress, month N"
    turn: int
    over: bool
    final: dict[str, int]
    decisions: int  # card choices made
    reflections: int  # prompts answered with words
    reflections_skipped: int
    hotseat_talks: int
    against_ai: int  # hot-seat answers that went against the AI's suggestion
    branch: str  # "" or "rewound to month N" (+ "of NAME" when the original is in the class)
    notes: tuple[str, ...]  # what a reader should know (as in the debrief)
    tags: tuple[str, ...]  # the same, in a few words for the roster
    debrief: Debrief
    drawn: frozenset[str]  # cards met
    choices: tuple[tuple[str, int], ...]  # (card, 0-based choice), in order
    seed_key: str  # "class code …" or "seed …"

    def cells(self) -> tuple[str, str, str, str, str, str]:
        """The class table's row in words, for any format: reached, ending, decisions, reflections, hot-seat
        talks, notes."""
        hot = (_("{n} ({against} against the AI)").format(n=self.hotseat_talks, against=self.against_ai)
               if self.hotseat_talks else "—")
        refl = f"{self.reflections}" + (_(" (+{n} skipped)").format(n=self.reflections_skipped)
                                        if self.reflections_skipped else "")
        notes = ([_("branch: {branch}").format(branch=self.branch)] if self.branch else []) + list(self.tags)
        ending = self.status if self.over else _("In progress")
        reached = _("month {turn} ({month})").format(turn=self.turn, month=self.debrief.month)
        return reached, ending, str(self.decisions), refl, hot, _("; ").join(notes)


@dataclass(frozen=True)
class ChoiceCount:
    label: str
    count: int
    historical: bool  # what Pingxiang actually did
    who: tuple[str, ...]  # the games that took it ("ana", "ben ×2")
    compared: str = ""  # the same choice in the comparison language (class-report --compare)


@dataclass(frozen=True)
class CardSplit:
    card_id: str
    title: str
    games: int  # games in which the card was drawn
    players: int  # games in which someone decided on it
    counts: tuple[ChoiceCount, ...]  # every choice of the card in order
    evenness: float  # 0 = everyone chose the same, 1 = a perfectly even split over the card's choices
    compared: str = ""  # the title in the comparison language (class-report --compare)

    @property
    def decisions(self) -> int:
        return sum(c.count for c in self.counts)


@dataclass(frozen=True)
class Outlier:
    name: str
    status: str
    final: dict[str, int]
    far: tuple[tuple[str, int, float], ...]  # (meter name, value, z-score)


@dataclass(frozen=True)
class TalksLine:
    id: str
    title: str
    held: int
    deals: int
    hotseat: int
    against_ai: int  # hot-seat answers against the AI's suggestion, over all these talks
    outcomes: tuple[tuple[str, int], ...]  # (outcome label, count), most common first


@dataclass(frozen=True)
class ReflectionGroup:
    id: str
    prompt: str
    answers: tuple[tuple[str, str], ...]  # (game name, answer)
    skipped: int


@dataclass
class ClassSummary:
    scenario_title: str
    games: list[GameRow]
    problems: list[tuple[str, str]]  # (file, what is wrong, one line)
    duplicates: list[Duplicate]
    meter_names: dict[str, str]
    endings: list[tuple[str, str, int]] = field(default_factory=list)  # (id, title, count)
    splits: list[CardSplit] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)  # snapshot labels: Start, then each month
    mean_paths: dict[str, list[float | None]] = field(default_factory=dict)
    still_playing: list[int] = field(default_factory=list)  # games with a snapshot at each point
    final_means: dict[str, float] = field(default_factory=dict)
    outliers: list[Outlier] = field(default_factory=list)
    talks: list[TalksLine] = field(default_factory=list)
    reflections: list[ReflectionGroup] = field(default_factory=list)
    seeds: Counter[str] = field(default_factory=Counter)
    historical_endings: frozenset[str] = frozenset()  # the ending(s) closest to what actually happened
    lang: str = "en"  # the language of the report
    compare: str = ""  # a second language cards are shown in, side by side ("" for none)
    read_from: str = "files"  # where the games came from: "files", "db" (a class database) or "both"

    def read_text(self) -> str:
        """'3 games read, one per save file' (or per student's game in the class database), in the report's
        language; `{n}` is left for the caller to format (bold in Markdown, strong in HTML)."""
        n = len(self.games)
        if self.read_from == "db":
            return ngettext("{n} game read, one per student's game in the class database",
                            "{n} games read, one per student's game in the class database", n)
        if self.read_from == "both":
            return ngettext("{n} game read, one per save file or student's game in the class database",
                            "{n} games read, one per save file or student's game in the class database", n)
        return ngettext("{n} game read, one per save file", "{n} games read, one per save file", n)

    def seeds_text(self) -> str:
        """'class code K7Q2M-M-3A9C (24)', or 'seed 3 (2), seed 4 (1)', or '20 different seeds'."""
        if len(self.seeds) > 5:
            return _("{n} different seeds or class codes").format(n=len(self.seeds))
        return _(", ").join(f"{k} ({v})" for k, v in self.seeds.most_common())

    @property
    def branches(self) -> list[GameRow]:
        return [g for g in self.games if g.branch]

    @property
    def most_split(self) -> list[CardSplit]:
        """Decisions where the class split most evenly (at least three players): discussion openers."""
        cands = [s for s in self.splits if s.players >= MIN_PLAYERS_FOR_SPLIT and len(s.counts) > 1]
        return sorted(cands, key=lambda s: (-round(s.evenness, 2), -s.players, -s.decisions, s.title))[:5]


def evenness(counts: list[int]) -> float:
    """Shannon entropy of the split divided by its maximum for this many options (0..1)."""
    total = sum(counts)
    if total == 0 or len(counts) < 2:
        return 0.0
    h = -sum(c / total * math.log(c / total) for c in counts if c)
    return round(h / math.log(len(counts)), 3)


def _months_before(loaded: LoadedGame, turn: int) -> tuple[object, ...]:
    """The actions taken before month `turn` began."""
    out = []
    month = 1
    for action in loaded.game.actions:
        if month >= turn:
            break
        out.append(action)
        if isinstance(action, EndMonth):
            month += 1
    return tuple(out)


def _branch(loaded: LoadedGame, others: list[LoadedGame]) -> str:
    """'rewound to month 12 (July 2018)', with 'of NAME' when exactly one other game could be its original
    (same seed, the same actions before that month, the ending the branch records for its original)."""
    branch = loaded.game.options.get("branched_from")
    if not isinstance(branch, dict):
        return ""
    turn = int(branch.get("turn", 0) or 0)
    month = month_label(loaded.game.content, turn)
    prefix = _months_before(loaded, turn)
    origin = [o for o in others if o is not loaded and o.game.seed == loaded.game.seed
              and o.game.ending_id == branch.get("original_ending") and o.game.actions[:len(prefix)] == prefix]
    if len(origin) == 1:
        return _("rewound to month {turn} ({month}) of {name}").format(turn=turn, month=month, name=origin[0].name)
    return _("rewound to month {turn} ({month})").format(turn=turn, month=month)


def _row(loaded: LoadedGame, games: list[LoadedGame]) -> GameRow:
    game = loaded.game
    d = gather(game, loaded.name, loaded.notes, outcomes=False, ai_replies=loaded.ai_replies)
    drawn = frozenset(c for r in game.records if r.kind is Kind.DRAW for c in r.cards)
    choices = tuple((r.cause, int(r.detail) - 1) for r in game.records
                    if r.kind is Kind.CHOICE and r.cause in game.content.events)
    code = d.class_code
    return GameRow(
        loaded.name, str(loaded.path), game.ending_id or "", d.status, game.turn, game.is_over,
        {m.id: m.values[-1] for m in d.meters}, len(choices), sum(1 for r in d.reflections if r.answer),
        sum(1 for r in d.reflections if not r.answer), sum(1 for t in d.talks if t.by_classmate),
        sum(len(t.against_ai) for t in d.talks), _branch(loaded, games), loaded.notes, loaded.tags, d, drawn, choices,
        _("class code {code}").format(code=code) if code else _("seed {seed}").format(seed=d.seed))


def _static(value: object, fallback: str, lang: str) -> str:
    """A content text that needs no game to read (a plain or per-language string), else `fallback`."""
    return words(text(value, lang)) if isinstance(value, (str, dict)) else fallback


Compared = tuple[dict[str, str], dict[tuple[str, int], str]]  # titles by card, labels by (card, choice)


def _compared(games: list[LoadedGame], lang: str) -> Compared:
    """Card titles and choice labels as the games show them in `lang` (each game is switched and back)."""
    titles: dict[str, str] = {}
    labels: dict[tuple[str, int], str] = {}
    for loaded in games:
        game = loaded.game
        own = game.lang
        game.use_language(lang)
        try:
            chosen = [r for r in game.records if r.kind is Kind.CHOICE and r.cause in game.content.events]
            for rec, (_turn, card, title, label, _hist) in zip(chosen, game.decisions(), strict=True):
                titles.setdefault(card, words(title))
                labels.setdefault((card, int(rec.detail) - 1), words(label))
        finally:
            game.use_language(own)
    return titles, labels


def _splits(content: Content, rows: list[GameRow], compare: str = "", compared: Compared = ({}, {})) -> list[CardSplit]:
    drawn: Counter[str] = Counter()
    chosen: dict[str, Counter[int]] = {}
    who: dict[tuple[str, int], Counter[str]] = {}
    players: Counter[str] = Counter()
    for row in rows:
        drawn.update(row.drawn)
        players.update({card for card, _ in row.choices})
        for card, index in row.choices:
            chosen.setdefault(card, Counter())[index] += 1
            who.setdefault((card, index), Counter())[row.name] += 1
    titles: dict[str, str] = {}
    labels: dict[tuple[str, int], str] = {}
    for row in rows:
        for d in row.debrief.decisions:
            if d.kind == "card":
                titles.setdefault(d.card_id, d.card_title)
                labels.setdefault((d.card_id, d.choice - 1), d.label)
    out = []
    for card, games in drawn.items():
        event = content.events.get(card)
        if games < 2 or event is None:
            continue
        taken = chosen.get(card, Counter())
        lang = language()
        fallback = _("choice {n}")
        counts = tuple(ChoiceCount(labels.get((card, i)) or _static(c.model.label, fallback.format(n=i + 1), lang),
                                   taken.get(i, 0), c.historical,
                                   tuple(n if k == 1 else f"{n} ×{k}" for n, k in sorted(who.get((card, i),
                                                                                                 Counter()).items())),
                                   (compared[1].get((card, i)) or _static(c.model.label, fallback.format(n=i + 1),
                                                                          compare)) if compare else "")
                       for i, c in enumerate(event.choices))
        out.append(CardSplit(card, titles.get(card) or _static(event.model.title, card, lang), games, players[card],
                             counts, evenness([c.count for c in counts]),
                             (compared[0].get(card) or _static(event.model.title, card, compare)) if compare else ""))
    order = {e: n for n, e in enumerate(content.events)}
    return sorted(out, key=lambda s: (-s.games, order.get(s.card_id, 10 ** 6)))


def _means(summary: ClassSummary) -> None:
    rows = summary.games
    longest = max((r.debrief.points for r in rows), key=len, default=())
    summary.labels = [bare(label) for label in longest]
    for m in summary.meter_names:
        means: list[float | None] = []
        for i in range(len(summary.labels)):
            vals = [p.values[i] for r in rows for p in r.debrief.meters if p.id == m and i < len(p.values)]
            means.append(round(sum(vals) / len(vals), 1) if vals else None)
        summary.mean_paths[m] = means
    summary.still_playing = [sum(1 for r in rows if i < len(r.debrief.points)) for i in range(len(summary.labels))]


def _outliers(summary: ClassSummary) -> None:
    rows = summary.games
    if not rows:
        return
    for m in summary.meter_names:
        summary.final_means[m] = round(sum(r.final[m] for r in rows) / len(rows), 1)
    if len(rows) < MIN_GAMES_FOR_OUTLIERS:
        return
    sds = {m: math.sqrt(sum((r.final[m] - summary.final_means[m]) ** 2 for r in rows) / len(rows))
           for m in summary.meter_names}
    found = []
    for r in rows:
        far = tuple((summary.meter_names[m], r.final[m], round((r.final[m] - summary.final_means[m]) / sds[m], 1))
                    for m in summary.meter_names
                    if sds[m] > 0 and abs(r.final[m] - summary.final_means[m]) / sds[m] >= OUTLIER_Z)
        if far:
            found.append(Outlier(r.name, r.status, r.final, far))
    summary.outliers = sorted(found, key=lambda o: -max(abs(z) for _, _, z in o.far))


def _talks(rows: list[GameRow]) -> list[TalksLine]:
    by_id: dict[str, list] = {}
    for r in rows:
        for t in r.debrief.talks:
            if t.status == "done":
                by_id.setdefault(t.id, []).append(t)
    out = []
    for tid, records in by_id.items():
        outcomes = Counter(t.outcome_label for t in records)
        out.append(TalksLine(tid, records[0].title, len(records), sum(t.deal for t in records),
                             sum(t.by_classmate for t in records), sum(len(t.against_ai) for t in records),
                             tuple(outcomes.most_common())))
    return sorted(out, key=lambda t: (-t.held, t.title))


def _reflections(content: Content, rows: list[GameRow]) -> list[ReflectionGroup]:
    out = []
    order = [r.model.id for r in content.reflections]
    ids = order + sorted({a.id for row in rows for a in row.debrief.reflections} - set(order))
    for rid in ids:
        answers, skipped, prompt = [], 0, ""
        for row in rows:
            for a in row.debrief.reflections:
                if a.id == rid:
                    prompt = prompt or a.prompt
                    if a.answer:
                        answers.append((row.name, a.answer))
                    else:
                        skipped += 1
        if answers or skipped:
            out.append(ReflectionGroup(rid, prompt, tuple(answers), skipped))
    return out


def summarise(content: Content, games: list[LoadedGame], duplicates: list[Duplicate] | None = None,
              problems: list[tuple[str, str]] | None = None, compare: str = "") -> ClassSummary:
    """The class summary of games already loaded: one row per game (per file), in the interface language;
    with `compare`, each card's title and choices also in that language."""
    lang = language()
    summary = ClassSummary(text(content.scenario.title, lang), [], list(problems or []), list(duplicates or []),
                           {m.id: text(m.name, lang) for m in content.scenario.meters}, lang=lang,
                           compare=compare if compare != lang else "")
    for g in games:
        try:
            summary.games.append(_row(g, games))
        except Exception as exc:  # noqa: BLE001 - one odd game must not stop the class report
            summary.problems.append((str(g.path), _("it replays but could not be summarised ({error})").format(
                error=type(exc).__name__)))
    summary.historical_endings = frozenset(eid for eid, rule in content.endings.items() if rule.model.historical)
    summary.seeds = Counter(r.seed_key for r in summary.games)
    endings = Counter(r.ending_id for r in summary.games)
    for eid, rule in content.endings.items():
        if endings[eid]:
            summary.endings.append((eid, text(rule.model.title, lang), endings[eid]))
    for eid in sorted(set(endings) - set(content.endings) - {""}):
        summary.endings.append((eid, eid, endings[eid]))
    if endings[""]:
        summary.endings.append(("", _("In progress"), endings[""]))
    kept = {r.name for r in summary.games}
    compared = _compared([g for g in games if g.name in kept], summary.compare) if summary.compare else ({}, {})
    summary.splits = _splits(content, summary.games, summary.compare, compared)
    _means(summary)
    _outliers(summary)
    summary.talks = _talks(summary.games)
    summary.reflections = _reflections(content, summary.games)
    return summary


def class_summary(content: Content, paths: list[Path], compare: str = "") -> ClassSummary:
    """Read every save under `paths` (files or folders) and summarise in the interface language (each game is
    replayed in it); bad files are listed, never fatal. `compare`: a second language for the cards."""
    games, duplicates, problems = load_class(content, paths, language())
    return summarise(content, games, duplicates, problems, compare)
