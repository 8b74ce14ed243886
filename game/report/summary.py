"""Class summary: what a whole class did, from many saves.

Counts come straight from each save's recorded history: a card's split counts every decision taken
on it (a card can come back in a later month), and "games" counts the games in which it was drawn.
Unreadable files are listed with their problem and skipped.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from game.content.compiled import Content, text
from game.errors import FriendshipPassError
from game.report.debrief import Debrief, gather, meter_points
from game.report.load import LoadedSave, display_names, find_saves, load_save

MIN_PLAYERS_FOR_SPLIT = 3
OUTLIER_Z = 2.0


@dataclass(frozen=True)
class GameRow:
    name: str
    path: str
    ending_id: str  # "" while in progress
    status: str  # the ending's title, or "In progress, month N"
    turn: int
    final: dict[str, int]
    debrief: Debrief


@dataclass(frozen=True)
class CardSplit:
    card_id: str
    title: str
    games: int  # games in which the card was drawn
    players: int  # games in which someone decided on it
    counts: tuple[tuple[str, int], ...]  # (choice label, decisions), every choice of the card in order
    evenness: float  # 0 = everyone chose the same, 1 = a perfectly even split over the card's choices

    @property
    def decisions(self) -> int:
        return sum(c for _, c in self.counts)


@dataclass(frozen=True)
class Outlier:
    name: str
    status: str
    final: dict[str, int]
    far: tuple[tuple[str, int, float], ...]  # (meter name, value, z-score)


@dataclass(frozen=True)
class TalksSummary:
    id: str
    title: str
    held: int
    deals: int
    hotseat: int
    outcomes: tuple[tuple[str, int], ...]  # (outcome label, count), most common first


@dataclass
class ClassSummary:
    scenario_title: str
    games: list[GameRow]
    problems: list[tuple[str, str]]  # (file, what is wrong)
    meter_names: dict[str, str]
    endings: list[tuple[str, str, int]] = field(default_factory=list)  # (id, title, count)
    splits: list[CardSplit] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)  # meter snapshot labels
    mean_paths: dict[str, list[float | None]] = field(default_factory=dict)
    still_playing: list[int] = field(default_factory=list)  # games with a snapshot at each point
    final_means: dict[str, float] = field(default_factory=dict)
    outliers: list[Outlier] = field(default_factory=list)
    talks: list[TalksSummary] = field(default_factory=list)
    reflections: list[tuple[str, list[tuple[str, str]], int]] = field(default_factory=list)  # prompt, answers, skipped
    seeds: Counter[str] = field(default_factory=Counter)

    def seeds_text(self) -> str:
        """'class code K7Q2M-M-3A9C (24)', or 'seed 3 (2), seed 4 (1)', or '20 different seeds'."""
        if len(self.seeds) > 5:
            return f"{len(self.seeds)} different seeds or class codes"
        return ", ".join(f"{k} ({v})" for k, v in self.seeds.most_common())

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


def _splits(content: Content, saves: list[LoadedSave]) -> list[CardSplit]:
    drawn: Counter[str] = Counter()
    chosen: dict[str, Counter[int]] = {}
    players: Counter[str] = Counter()
    for save in saves:
        in_game: set[str] = set()
        decided: set[str] = set()
        for entry in save.state.history:
            if entry.get("kind") == "draw":
                in_game.update(entry.get("cards", []))
            elif entry.get("kind") == "choice":
                card = str(entry.get("card"))
                chosen.setdefault(card, Counter())[int(entry.get("choice", 0))] += 1
                decided.add(card)
        drawn.update(in_game)
        players.update(decided)
    out = []
    for card, games in drawn.items():
        if games < 2:
            continue
        event = content.events.get(card)
        taken = chosen.get(card, Counter())
        if event is not None:
            labels = [(i, text(c.model.label)) for i, c in enumerate(event.choices)]
        else:
            labels = [(i, f"choice {i + 1}") for i in sorted(taken)]
        counts = tuple((label, taken.get(i, 0)) for i, label in labels)
        out.append(CardSplit(card, text(event.model.title) if event else card, games, players[card], counts,
                             evenness([c for _, c in counts])))
    order = {e: n for n, e in enumerate(content.events)}
    return sorted(out, key=lambda s: (-s.games, order.get(s.card_id, 10 ** 6)))


def _means(content: Content, saves: list[LoadedSave], summary: ClassSummary) -> None:
    paths = [meter_points(content, s.state) for s in saves]
    longest = max(paths, key=lambda p: len(p[0]))[0] if paths else []
    summary.labels = [label.replace(" (end)", "").replace(" (now)", "") for label in longest]
    n_points = len(summary.labels)
    for m in content.meters:
        means: list[float | None] = []
        for i in range(n_points):
            vals = [p[m][i] for _, p in paths if i < len(p[m])]
            means.append(round(sum(vals) / len(vals), 1) if vals else None)
        summary.mean_paths[m] = means
    summary.still_playing = [sum(1 for labels, _ in paths if i < len(labels)) for i in range(n_points)]


def _outliers(summary: ClassSummary) -> None:
    rows = summary.games
    if not rows:
        return
    for m in summary.meter_names:
        summary.final_means[m] = round(sum(r.final[m] for r in rows) / len(rows), 1)
    if len(rows) < 5:
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


def _talks(content: Content, rows: list[GameRow]) -> list[TalksSummary]:
    by_id: dict[str, list] = {}
    for r in rows:
        for t in r.debrief.talks:
            by_id.setdefault(t.id, []).append(t)
    out = []
    for tid, records in by_id.items():
        outcomes = Counter(t.outcome_label for t in records)
        out.append(TalksSummary(tid, records[0].title, len(records), sum(t.deal for t in records),
                                sum(t.hotseat for t in records), tuple(outcomes.most_common())))
    return sorted(out, key=lambda t: -t.held)


def _reflections(content: Content, rows: list[GameRow]) -> list[tuple[str, list[tuple[str, str]], int]]:
    out = []
    for r in content.reflections:
        answers, skipped = [], 0
        for row in rows:
            for a in row.debrief.reflections:
                if a.id == r.model.id:
                    if a.answer:
                        answers.append((row.name, a.answer))
                    else:
                        skipped += 1
        if answers or skipped:
            out.append((" ".join(text(r.model.prompt).split()), answers, skipped))
    return out


def summarise(content: Content, saves: list[LoadedSave], problems: list[tuple[str, str]] | None = None) -> ClassSummary:
    """The class summary of already-loaded saves."""
    summary = ClassSummary(text(content.scenario.title), [], list(problems or []),
                           {m.id: text(m.name) for m in content.scenario.meters})
    good: list[LoadedSave] = []
    for save in saves:
        try:
            debrief = gather(content, save.state, save.name, save.notes)
            final = {m: int(save.state.values[m]) for m in content.meters}
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
            summary.problems.append((str(save.path), f"damaged: could not read its record ({exc!r})"))
            continue
        good.append(save)
        summary.games.append(GameRow(save.name, str(save.path), save.state.ending or "", debrief.status,
                                     save.state.turn, final, debrief))
        summary.seeds[f"class code {debrief.class_code}" if debrief.class_code else f"seed {debrief.seed}"] += 1
    endings = Counter(r.ending_id for r in summary.games)
    for eid, rule in content.endings.items():
        if endings[eid]:
            summary.endings.append((eid, text(rule.model.title), endings[eid]))
    for eid in sorted(set(endings) - set(content.endings) - {""}):
        summary.endings.append((eid, eid, endings[eid]))
    if endings[""]:
        summary.endings.append(("", "In progress", endings[""]))
    summary.splits = _splits(content, good)
    _means(content, good, summary)
    _outliers(summary)
    summary.talks = _talks(content, summary.games)
    summary.reflections = _reflections(content, summary.games)
    return summary


def class_summary(content: Content, paths: list[Path]) -> ClassSummary:
    """Read every save under `paths` (files or folders) and summarise; bad files are listed, never fatal."""
    files, problems = find_saves(paths)
    names = display_names(files)
    saves = []
    for f in files:
        try:
            saves.append(load_save(content, f, names[f]))
        except FriendshipPassError as exc:
            problems.append((str(f), str(exc)))
        except (KeyError, TypeError, ValueError, AttributeError, OSError) as exc:
            problems.append((str(f), f"damaged or not a save ({exc!r})"))
    return summarise(content, _latest_of_each_game(saves, problems), problems)


def _latest_of_each_game(saves: list[LoadedSave], problems: list[tuple[str, str]]) -> list[LoadedSave]:
    """A student's autosave and named saves of one game count once: a save whose seed and options match
    another's and whose decisions are a beginning of the other's is an earlier point of the same game."""
    kept = []
    for i, save in enumerate(saves):
        st = save.state

        def covers(j: int, other: LoadedSave) -> bool:
            n, m = len(st.log), len(other.state.log)
            return (j != i and other.state.seed == st.seed and other.state.options == st.options
                    and (m > n or (m == n and j < i)) and other.state.log[:n] == st.log)

        later = next((o for j, o in enumerate(saves) if covers(j, o)), None)
        if later is None:
            kept.append(save)
        else:
            problems.append((str(save.path), f"skipped: an earlier save of the same game as {later.path.name}"))
    return kept

