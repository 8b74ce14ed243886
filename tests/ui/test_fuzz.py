"""UI fuzz: over a thousand random key presses (FUZZ_KEYS for more) and terminal resizes on every
screen; the app must never raise. Seeded (random.Random(seed)) so a failure replays exactly: the
assertion message gives the seed and the last keys pressed.

Each seed tours every screen: it jumps to a screen through the app's own API (the way loading a save
or `play --continue` starts one), then presses random keys there; the keys also wander on to other
screens. Quitting is part of the alphabet: the confirmation is usually answered "n" (stay), and when
the app really exits (code 0) a new app is started on the same saves, as a player would.

Keys are sent one at a time, each handled before the next (a quick human, not a paste), without
Pilot's 20 ms idle polls; what remains is the app's own work, mostly layout and rendering."""

from __future__ import annotations

import os
import random
import string
import unicodedata
from collections import deque
from collections.abc import Callable
from pathlib import Path

import pytest
from textual import events
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot

from game.content.compiled import Content
from game.engine.game import Game
from game.saves import SaveStore
from game.ui.app import FriendshipPassApp, make_app
from tests.ui.engine_games import finished_game, game_in_talks, month_done

# About 60 ms of the app's own work per key on a 2-core machine: 3 × 400 keys ≈ 80 s. Set FUZZ_KEYS
# (and FUZZ_SEEDS="1,2,3,4") for a longer hunt.
SEEDS = [int(s) for s in os.environ.get("FUZZ_SEEDS", "1,2,3").split(",")]
KEYS_PER_SEED = int(os.environ.get("FUZZ_KEYS", "400"))
GAME_SEED = 123456  # the fixture deals the petition card (talks) in month 1 with this seed

EVERY_SCREEN = {"TitleScreen", "NewGameScreen", "BriefingScreen", "MainScreen", "TalksScreen", "LedgerScreen",
                "PoliciesScreen", "CodexScreen", "SaveScreen", "LoadScreen", "HelpScreen", "EndingScreen",
                "RewindScreen"}

# Letters (q, the quit key, is rarer: see QUITS), digits, editing and movement keys, F1 and some ctrl keys.
ALPHABET = ([c for c in string.ascii_lowercase if c != "q"] + list(string.digits) + list("?-_./ ")
            + ["enter", "escape", "tab", "shift+tab", "up", "down", "left", "right", "home", "end", "pageup",
               "pagedown", "space", "backspace", "delete", "f1", "ctrl+s", "ctrl+c", "ctrl+a", "ctrl+e",
               "ctrl+k", "ctrl+u", "ctrl+w", "ctrl+x", "ctrl+v", "ctrl+d", "shift+up", "shift+down"])
PLAY = ["1", "2", "3", "4", "enter", "enter", "escape"]  # the keys that move a game on
QUITS = ["q", "ctrl+q"]


def _key_event(key: str) -> events.Key:
    """The Key event a terminal would send (as Pilot builds it)."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


def _running(app: FriendshipPassApp) -> bool:
    return app.return_code is None and app._exception is None


class Fuzzer:
    """Presses random keys on one app at a time; remembers the screens seen and the last keys pressed."""

    def __init__(self, seed: int, content: Content, store: SaveStore) -> None:
        self.seed, self.content, self.store = seed, content, store
        self.rng = random.Random(seed)
        self.seen: set[str] = set()
        self.last: deque[str] = deque(maxlen=40)
        self.restarts = 0

    def where(self) -> str:
        return f"fuzz seed {self.seed}, last keys: {' '.join(self.last)}"

    async def key(self, pilot: Pilot, key: str) -> None:
        """Send a key and wait until the app, the screen and its widgets have handled it (twice over:
        the key reaches the focused widget in a second hop)."""
        app = pilot.app
        self.last.append(key)
        app._driver.send_message(_key_event(key))
        for _ in range(2):
            if not await pilot._wait_for_screen():
                break
        if _running(app):
            self.seen.add(type(app.screen).__name__)

    def bound_key(self, app: FriendshipPassApp) -> str | None:
        """A key bound on the focused widget, the screen or the app right now (quit keys left to QUITS),
        so every screen's own actions are exercised, not only the keys common to all."""
        keys = [k for k in app.screen.active_bindings if k not in QUITS]
        return self.rng.choice(sorted(keys)) if keys else None

    async def resize(self, pilot: Pilot) -> None:
        size = (self.rng.randint(40, 200), self.rng.randint(12, 60))
        self.last.append(f"<{size[0]}x{size[1]}>")
        await pilot.resize_terminal(*size)

    async def burst(self, pilot: Pilot, count: int) -> int:
        """Press up to `count` keys; returns how many were pressed before the app exited (or all)."""
        app = pilot.app
        rng = self.rng
        for n in range(count):
            if not _running(app):
                return n
            roll = rng.random()
            if roll < 0.03:
                await self.resize(pilot)
                continue
            if type(app.screen).__name__ == "ConfirmQuitScreen" and rng.random() < 0.85:
                key = "n"  # usually stay; otherwise the random key may save-and-quit (s) or quit (y)
            elif roll < 0.04:
                key = rng.choice(QUITS)
            elif roll < 0.30:
                key = rng.choice(PLAY)
            elif roll < 0.55:
                key = self.bound_key(app) or rng.choice(ALPHABET)
            else:
                key = rng.choice(ALPHABET)
            await self.key(pilot, key)
            if n % 25 == 24 and _running(app):
                await pilot.pause()  # let timers, notifications and deferred refreshes run
        return count

    def teleports(self) -> list[tuple[str, Callable[[FriendshipPassApp], None]]]:
        """Ways to put the app on each screen through its own API, as loading a save would."""
        from game.ui.screens.codex import CodexScreen
        from game.ui.screens.newgame import NewGameScreen
        from game.ui.screens.policies import PoliciesScreen
        from game.ui.screens.saves import LoadScreen, SaveScreen

        content, seed = self.content, GAME_SEED

        def fresh() -> Game:
            return Game.new(content, seed=self.rng.randint(0, 10 ** 6), options={"preview": "meters"})

        def talks(app: FriendshipPassApp) -> None:
            game = game_in_talks(content, seed)
            assert game is not None, "the fixture opens talks in month 1 with GAME_SEED"
            app.start(game)
            app.open_talks()

        def ledger(app: FriendshipPassApp) -> None:
            app.start(month_done(content, seed))
            app.end_month()

        def then(first: Callable[[FriendshipPassApp], None], push: type) -> Callable[[FriendshipPassApp], None]:
            return lambda app: (first(app), app.push_screen(push()))

        def play(app: FriendshipPassApp) -> None:
            app.start(fresh())

        return [
            ("title", lambda app: app.to_title()),
            ("new game", then(lambda app: app.to_title(), NewGameScreen)),
            ("briefing", lambda app: app.new_game(str(seed), self.rng.choice(["hidden", "meters", "full"]))),
            ("main", play),
            ("talks", talks),
            ("ledger", ledger),
            ("policies", then(play, PoliciesScreen)),
            ("codex", then(play, CodexScreen)),
            ("save", then(play, SaveScreen)),
            ("load", then(play, LoadScreen)),
            ("help", lambda app: (play(app), app.action_help())),
            ("ending", lambda app: app.start(finished_game(content, seed))),
            ("rewind", lambda app: (app.start(finished_game(content, seed)), app.screen.action_rewind())),
        ]


async def _fuzz(fuzzer: Fuzzer, content: Content, store: SaveStore, keys: int) -> None:
    stops = fuzzer.teleports()
    fuzzer.rng.shuffle(stops)
    per_stop = keys // len(stops)
    pending = list(stops)
    left = keys
    while left > 0:
        app = make_app(content, store, seed=str(GAME_SEED))
        size = (fuzzer.rng.randint(40, 200), fuzzer.rng.randint(12, 60))
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            while left > 0 and _running(app):
                if pending:
                    name, jump = pending.pop()
                    fuzzer.last.append(f"<jump to {name}>")
                    jump(app)
                    await pilot.pause()
                    fuzzer.seen.add(type(app.screen).__name__)
                    fuzzer.last.append(f"<now {[type(s).__name__ for s in app.screen_stack]}>")
                    pressed = await fuzzer.burst(pilot, min(per_stop, left))
                else:
                    pressed = await fuzzer.burst(pilot, left)
                left -= max(pressed, 1)
            if _running(app):
                await pilot.pause()
                assert _running(app), fuzzer.where()
        # run_test has re-raised any exception from the app by now; an exit must be a clean quit
        assert app._exception is None, fuzzer.where()
        if app.return_code is not None:
            assert app.return_code == 0, fuzzer.where()
            fuzzer.restarts += 1
            assert fuzzer.restarts < 60, f"the app exits too often to fuzz anything ({fuzzer.where()})"


@pytest.mark.parametrize("seed", SEEDS)
async def test_random_keys_and_resizes_never_crash(seed: int, ui_content: Content, tmp_path: Path) -> None:
    store = SaveStore(tmp_path / "saves")
    fuzzer = Fuzzer(seed, ui_content, store)
    try:
        await _fuzz(fuzzer, ui_content, store, KEYS_PER_SEED)
    except AssertionError:
        raise
    except Exception as exc:  # an app error re-raised by run_test: say how to replay it
        raise AssertionError(f"the app raised {type(exc).__name__}: {exc} ({fuzzer.where()})") from exc
    missing = EVERY_SCREEN - fuzzer.seen
    assert not missing, f"never reached {sorted(missing)}"
