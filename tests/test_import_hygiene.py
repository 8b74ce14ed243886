"""Every headless module (engine, content, saves, simulator, reports, plain mode, authoring tools, the CLI)
imports neither Textual nor Rich: they run without a terminal UI, in the simulator and on a server."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import game

UI = ("game.ui", "game.serve")


def headless_modules() -> list[str]:
    names = [m.name for m in pkgutil.walk_packages(game.__path__, "game.")]
    return sorted(n for n in names if not n.startswith(UI) and n != "game.__main__")


def test_there_are_headless_modules_to_check() -> None:
    found = headless_modules()
    assert {"game.engine.game", "game.content.loader", "game.saves", "game.sim", "game.plain", "game.cli",
            "game.report.debrief", "game.authoring.lint"} <= set(found)


def test_headless_modules_import_neither_textual_nor_rich() -> None:
    modules = headless_modules()
    code = ("import importlib, sys\n"
            f"for name in {modules!r}:\n"
            "    importlib.import_module(name)\n"
            "    bad = [m for m in ('textual', 'rich') if m in sys.modules]\n"
            "    if bad:\n"
            "        print(name, bad)\n"
            "        break\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
