"""A save killed mid-write never leaves the last good save unreadable."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from game.content.compiled import Content
from game.saves import SaveStore
from game.sim import play_one
from tests.conftest import REPO

WRITER = """
import sys
from game.content import load_content
from game.saves import SaveStore
from game.sim import play_one
content = load_content()
game = play_one(content, 4, "random", record=True)
store = SaveStore(sys.argv[1])
print("ready", flush=True)
while True:
    store.save(game, "slot")
"""


def test_killing_the_game_while_it_saves_keeps_a_readable_save(shipped_content: Content, tmp_path: Path) -> None:
    store = SaveStore(tmp_path)
    store.save(play_one(shipped_content, 4, "random", record=True), "slot")  # the last good save
    for attempt in range(8):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path)], cwd=REPO,
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(0.02 + 0.013 * attempt)  # land the kill at different points of a write
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert store.load(shipped_content, "slot").is_over
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "slot.json"]
    assert all(name.endswith(".tmp") for name in leftovers)  # only temp files can be left behind
    assert [i.slot for i in store.list()] == ["slot"]
