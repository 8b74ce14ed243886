"""Content and author-tool speed (not a test; nothing here fails on time).

Run:  .venv/bin/python benchmarks/content.py [--runs N]

Measures, side by side in one run: loading the shipped content with and without its translation
catalogs (cached, and parsed fresh as on the first start after a catalog changed), the `validate`
command, a generated 10,000-card deck (loaded, and validated with warnings, then with its quotes
checked too), `--version`, and whole simulated games per second on one and two processes.
Targets (issues 8 and 17): 10,000-card validate < 2 s; >= 1,000 complete games/s on one core.

The game's modules are compiled to bytecode first, as `pip install` does: a command run where Python may not
write its bytecode cache (PYTHONDONTWRITEBYTECODE, a read-only folder) compiles every module from source on
each start, ~0.1 s more.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from game.content import i18n, load_content  # noqa: E402
from game.sim import simulate, simulate_parallel  # noqa: E402

CARD = """  - id: gen_{i}
    title: Generated card {i}
    actor: Benchmark
    voice: bureau
    text: A generated card to measure validation speed on a large deck.
    when: "turn >= {t} and security < 90"
    source: {{id: speelman2022, where: "§6b", quote: "Intermediary companies could be given one of four statuses"}}
    choices:
      - label: First option
        effects: {{security: +2, development: -1}}
        set: [gen_flag_{i}]
      - label: Second option
        effects: {{development: +2, security: -1}}
        when: "gen_flag_{i} or central_confidence > 40"
"""


def best_of(fn, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def wall(cmd: list[str], repeat: int = 3, env: dict[str, str] | None = None) -> float:
    return best_of(lambda: subprocess.run(cmd, cwd=REPO, capture_output=True, check=False, env=env), repeat)


def cpu(cmd: list[str], env: dict[str, str] | None = None) -> float:
    """User + system CPU seconds of one run of `cmd` (and any child it forks)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, cwd=REPO, capture_output=True, check=False, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=1000)
    args = parser.parse_args()
    py = sys.executable
    rows: list[tuple[str, str, str]] = []
    compileall.compile_dir(REPO / "game", quiet=1)

    load_content()  # warm: imports, catalog cache
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "content"
        shutil.copytree(REPO / "content", bare, ignore=shutil.ignore_patterns("locale"))
        plain = best_of(lambda: load_content(bare))
        cached = best_of(lambda: load_content())

        def fresh() -> None:
            i18n._CACHE.clear()
            for po in (REPO / "content" / "locale").rglob("*.po"):
                i18n.parse_catalog(po.read_bytes(), str(po))
            load_content(bare)

        parsed = best_of(fresh, 2)
    rows.append(("load shipped content, English only (in process)", f"{plain * 1000:.0f} ms", ""))
    rows.append(("… with zh and vi catalogs, cached", f"{cached * 1000:.0f} ms ({cached / plain:.2f}× English)", ""))
    rows.append(("… catalogs parsed fresh (first start after a change)",
                 f"{parsed * 1000:.0f} ms ({parsed / plain:.2f}× English)", ""))
    rows.append(("`validate` shipped content (whole command)", f"{wall([py, '-m', 'game', 'validate']):.2f} s", ""))
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.yaml"
        big.write_text("deck: generated\ntitle: Generated\nevents:\n" +
                       "".join(CARD.format(i=i, t=i % 30) for i in range(10_000)), encoding="utf-8")
        took = best_of(lambda: load_content(None, [big]), 1)
        rows.append(("load a 10,000-card deck (in process)", f"{took:.2f} s", "< 2 s"))
        command = [py, "-m", "game", "validate", "--deck", str(big), "--no-sources"]
        one_core = {**os.environ, "FRIENDSHIP_PASS_NO_FORK": "1"}
        rows.append(("`validate --deck` 10,000 cards, with warnings", f"{wall(command, repeat=3):.2f} s", "< 2 s"))
        rows.append(("… the same on one core (no second core for the history checks)",
                     f"{wall(command, repeat=3, env=one_core):.2f} s", ""))
        rows.append(("… CPU time (user + system, both cores)", f"{cpu(command):.2f} s", ""))
        rows.append(("… into a role's game (`--role agency_owner`: 30,000 errors, one unknown meter on every card)",
                     f"{wall([*command, '--role', 'agency_owner'], repeat=1):.2f} s", ""))
        rows.append(("`map --deck` 10,000 cards (the text story map)",
                     f"{wall([py, '-m', 'game', 'map', '--deck', str(big)], repeat=1):.2f} s", ""))
        typos = Path(tmp) / "typos.yaml"  # every card reads a flag nothing sets: 10,000 distinct unknown names
        typos.write_text(big.read_text(encoding="utf-8").replace('when: "gen_flag_', 'when: "unset_flag_'),
                         encoding="utf-8")
        rows.append(("… every card naming its own unknown flag (10,000 errors, hints for the first ones)",
                     f"{wall([py, '-m', 'game', 'validate', '--deck', str(typos), '--no-sources'], repeat=1):.2f} s",
                     ""))
        rows.append(("… and its 10,000 quotes checked against the sources",
                     f"{wall([py, '-m', 'game', 'validate', '--deck', str(big)], repeat=1):.2f} s", ""))
    rows.append(("`--version`", f"{wall([py, '-m', 'game', '--version']) * 1000:.0f} ms", "< 100 ms"))
    content = load_content()
    one = simulate(content, args.runs, 0, "random")
    rows.append((f"simulate {args.runs} games, random, 1 process", f"{one.games_per_second:,.0f} games/s", ">= 1,000"))
    two = simulate_parallel(content, None, [], args.runs, 0, "random", jobs=2)
    rows.append((f"simulate {args.runs} games, random, 2 processes", f"{two.games_per_second:,.0f} games/s", ""))
    print("| measurement | result | target |\n|---|---|---|")
    for a, b, c in rows:
        print(f"| {a} | {b} | {c} |")


if __name__ == "__main__":
    main()
