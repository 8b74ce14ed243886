"""The TUI's headless controller: intents in, modes and snapshots out (no Textual here)."""

from __future__ import annotations

import ast
import copy
import subprocess
import sys
from pathlib import Path
from typing import TypeVar

from game.engine.actions import AcceptOffer, Propose, Respond
from game.engine.game import Game
from game.saves import AUTOSAVE, SaveStore
from game.ui_controller import (
    Accept,
    Answer,
    Cancel,
    Confirm,
    Controller,
    Interests,
    Leave,
    Number,
    Offer,
    Open,
    Snapshot,
    TalksSheet,
    Unbound,
    Why,
    key_intent,
)
from tests.ui.conftest import new_game

GAME = Path(__file__).resolve().parents[2] / "game"


def controller(content, tmp_path, **options) -> Controller:
    c = Controller(content, SaveStore(tmp_path / "saves"))
    c.start(new_game(content, **options))
    return c


T = TypeVar("T")


def not_none(value: T | None) -> T:
    assert value is not None
    return value


def talks(c: Controller) -> TalksSheet:
    sheet = c.snapshot().talks
    assert sheet is not None
    return sheet


def snapshot_of(c: Controller) -> Snapshot:
    return c.snapshot()


def game_of(c: Controller) -> Game:
    assert c.game is not None
    return c.game


def keys_shown(c: Controller) -> set[str]:
    return {k for key in c.snapshot().keys for k in key.keys}


def test_the_controller_imports_neither_textual_nor_rich() -> None:
    code = "import sys, game.ui_controller; print('textual' in sys.modules, 'rich' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_the_screens_vocabulary_imports_neither_textual_nor_the_engine() -> None:
    code = "import sys, game.ui.model; print('textual' in sys.modules, 'game.engine' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_no_screen_or_widget_imports_the_app() -> None:
    """Screens post messages; the app imports screens, never the other way round (no import cycle)."""
    for path in [*(GAME / "ui" / "screens").glob("*.py"), *(GAME / "ui" / "widgets").glob("*.py"),
                 GAME / "ui" / "messages.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        names += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        assert "game.ui.app" not in names, path


def test_title_start_up_imports_only_textual(tmp_path) -> None:
    """The app module (and the title screen) load without the decks' modules, so the title is drawn first."""
    code = ("import sys, game.ui.app, game.ui.screens.title; "
            "print(sorted(m for m in ('pydantic', 'yaml', 'game.content', 'game.engine') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_choice_shows_its_result_then_the_next_card(ui_content, tmp_path) -> None:
    c = controller(ui_content, tmp_path)
    snap = c.snapshot()
    assert snap.mode == "card" and snap.card is not None and snap.card.id == "launch"
    assert {"1", "2"} <= keys_shown(c) and "3" not in keys_shown(c)
    c.handle(Number(1))
    snap = c.snapshot()
    assert snap.mode == "result" and snap.result is not None
    assert snap.result.title == "Open wide"
    assert [(r.name, r.delta) for r in snap.result.changes] == [("Development", 5), ("Security", -5)]
    assert {m.id: m.last_change for m in snap.meters}["development"] == 5  # since the start of this month
    c.handle(Confirm())
    assert c.snapshot().mode == "card"


def test_keys_that_do_nothing_say_so(ui_content, tmp_path) -> None:
    c = controller(ui_content, tmp_path)
    for intent, words in [(Number(3), "3 does nothing here: this card has choices 1 to 2"),
                          (Confirm(), "Enter does nothing here"), (Accept(), "a does nothing here"),
                          (Unbound("z"), "z does nothing here")]:
        c.handle(intent)
        assert words in c.snapshot().status, intent
        assert c.snapshot().status_level == "warning"
    assert c.snapshot().mode == "card"


def test_every_key_in_the_footer_works(talks_content, ui_content, tmp_path) -> None:
    """In each mode, each key shown sends an intent that does not answer "does nothing"."""
    for content in (ui_content, talks_content):
        c = controller(content, tmp_path)
        seen = set()
        for _ in range(80):
            snap = c.snapshot()
            if snap.mode == "over":
                break
            seen.add(snap.mode if snap.talks is None else f"talks/{snap.talks.pane}")
            for key in snap.keys:
                intent = key_intent(snap, key.keys[0])
                if isinstance(intent, Open) or key.keys[0] in ("escape", "l", "a", "o", "enter"):
                    continue  # screens, and keys that move on, are tried below
                probe = Controller(content, c.store)
                probe.start(new_game(content))
                for action in game_of(c).actions:
                    game_of(probe).apply(action)
                probe._s = copy.deepcopy(c._s)  # the same session state (the mode, the offer drafted)
                probe.handle(intent)
                assert "does nothing" not in probe.snapshot().status, (snap.mode, key)
            c.handle(key_intent(snap, snap.keys[0].keys[0]))
            if c.snapshot().mode == "reflection":
                c.handle(Answer("x"))
        assert {"card", "result", "month_end", "ledger"} <= seen


def test_talks_offer_with_concessions_shows_costs_and_the_deal(talks_content, tmp_path) -> None:
    c = controller(talks_content, tmp_path, preview="full")
    assert not_none(snapshot_of(c).card).id == "fee_petition"
    c.handle(Number(1))  # open talks on fees
    assert not_none(snapshot_of(c).result).talks_open.startswith("Agency fees")
    c.handle(Confirm())
    snap = c.snapshot()
    assert snap.mode == "talks" and snap.talks is not None
    t = snap.talks
    assert next(w for _, w in t.ladder).startswith("No cap on fees (in force")
    assert t.standing.startswith(t.view.mood) and "(" in t.standing  # a word, and the number at "full"
    c.handle(Interests())
    notes = "\n".join(talks(c).notes)
    assert "We need a margin on every worker" in notes and "costs you: Security −2" in notes
    c.handle(Interests())
    c.handle(Offer())
    t = talks(c)
    assert t.pane == "offer"
    assert [line.label for line in t.lines] == ["A soft cap of RMB 120", "A hard cap of RMB 90",
                                                "A fast lane at the renewal office for rated agencies",
                                                "A training grant for agency staff"]
    assert t.lines[0].marked and not t.lines[2].marked
    assert t.lines[2].hint == "costs you: Security −2"
    c.handle(Number(2))  # the hard cap
    c.handle(Number(3))  # plus the fast lane
    t = talks(c)
    assert t.lines[1].marked and t.lines[2].marked and not t.lines[0].marked
    assert "Your offer: A hard cap of RMB 90 + A fast lane at the renewal office for rated agencies" in t.notes
    assert any(n.startswith("If they accept: ") and "Development +4" in n and "Security" in n for n in t.notes)
    c.handle(Number(3))  # toggled off again
    assert not talks(c).lines[2].marked
    c.handle(Number(3))
    c.handle(Confirm())  # propose
    assert isinstance(game_of(c).actions[-1], Propose)
    assert game_of(c).actions[-1] == Propose("hard_cap", ("fast_lane",))
    assert c.snapshot().mode in ("talks", "talks_outcome")


def test_leave_asks_once_then_walks_away_and_the_outcome_lists_every_change(talks_content, tmp_path) -> None:
    c = controller(talks_content, tmp_path)
    c.handle(Number(1))
    c.handle(Confirm())
    c.handle(Leave())
    assert c.snapshot().mode == "talks" and "Press l again" in c.snapshot().status
    c.handle(Number(1))  # any other key stays
    c.handle(Leave())
    c.handle(Leave())
    snap = c.snapshot()
    assert snap.mode == "talks_outcome" and snap.outcome is not None
    assert snap.outcome.result.outcome == "Fees stay uncapped" and not snap.outcome.result.deal
    assert [(r.name, r.delta) for r in snap.outcome.changes] == [("Central confidence", -2)]
    assert snap.outcome.transcript[-1][0] in ("The agency association", "Result")


def test_accept_needs_an_offer_on_the_table(talks_content, tmp_path) -> None:
    c = controller(talks_content, tmp_path)
    c.handle(Number(1))
    c.handle(Confirm())
    c.handle(Accept())
    assert "no offer on the table" in c.snapshot().status
    for _ in range(6):  # ask for too much until they counter-offer
        if c.snapshot().mode != "talks" or talks(c).view.offer >= 0:
            break
        c.handle(Offer())
        c.handle(Number(2))
        c.handle(Confirm())
    if c.snapshot().mode == "talks" and talks(c).view.offer >= 0:
        assert "a" in keys_shown(c)
        assert talks(c).ladder[talks(c).view.offer][0] == "▶"
        c.handle(Accept())
        assert isinstance(game_of(c).actions[-1], AcceptOffer)
        assert not_none(snapshot_of(c).outcome).result.deal


def test_hot_seat_the_second_player_sees_brief_limit_and_the_ai_choice(talks_content, tmp_path) -> None:
    c = controller(talks_content, tmp_path, hotseat="all")
    c.handle(Number(1))
    c.handle(Confirm())
    c.handle(Offer())
    c.handle(Confirm())  # propose the soft cap
    t = talks(c)
    assert t.pane == "counterpart" and game_of(c).phase == "counterpart"
    assert any("You speak for the agencies" in n for n in t.notes)
    assert t.limit == "A hard cap of RMB 90"
    marked = [line for line in t.lines if line.marked]
    assert len(marked) == 1 and marked[0].hint == "the AI would choose this"
    assert next(k.label for k in c.snapshot().keys) == "reply"
    c.handle(Number(len(t.lines)))
    assert isinstance(game_of(c).actions[-1], Respond)


def test_end_of_month_ledger_then_autosave_after_the_frame(ui_content, tmp_path) -> None:
    c = controller(ui_content, tmp_path)
    while c.snapshot().mode != "month_end":
        c.handle(Number(1) if c.snapshot().mode in ("card", "talks") else Confirm())
    c.handle(Confirm())
    snap = c.snapshot()
    assert snap.mode == "ledger" and snap.ledger is not None and snap.ledger.turn == 1
    assert snap.month == "August 2017"  # the header speaks of the month the ledger closes
    assert c.save_due and not c.store.path(AUTOSAVE).exists()
    assert c.flush() == "" and c.store.path(AUTOSAVE).exists()
    c.handle(Confirm())
    assert c.snapshot().month == "September 2017"


def test_a_failed_autosave_is_shown_on_the_ledger(ui_content, tmp_path) -> None:
    c = controller(ui_content, tmp_path)
    (tmp_path / "saves").write_text("a file where the folder should be", encoding="utf-8")
    while c.snapshot().mode != "month_end":
        c.handle(Number(1) if c.snapshot().mode in ("card", "talks") else Confirm())
    c.handle(Confirm())
    assert c.flush().startswith("Could not save")
    ledger = not_none(c.snapshot().ledger)
    assert ledger.save_failed and ledger.saved.startswith("Could not save")
    snap = c.snapshot()
    assert snap.status_level == "error"


def test_why_and_escape(ui_content, tmp_path) -> None:
    c = controller(ui_content, tmp_path)
    c.handle(Why())
    assert c.snapshot().why and "escape" in keys_shown(c)
    c.handle(Cancel())
    assert not c.snapshot().why


def test_policies_only_outside_talks(talks_content, tmp_path) -> None:
    c = controller(talks_content, tmp_path)
    assert c.handle(Open("policies")).open == "policies"
    c.handle(Number(1))
    c.handle(Confirm())
    assert c.handle(Open("policies")).open == ""
    assert "Finish the talks" in c.snapshot().status
