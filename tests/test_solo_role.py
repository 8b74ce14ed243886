"""The solo game of another role: the agency owner through 2017-2020, with its own meters and endings, in
plain mode (to an ending) and in the TUI (some months), and calibrated to history."""

from __future__ import annotations

import pytest

from game.content import load_content
from game.content.compiled import Content
from game.saves import SaveStore
from game.sim import play_one
from tests.conftest import REPO
from tests.test_plain import run_plain


@pytest.fixture(scope="module")
def agency() -> Content:
    return load_content(REPO / "content", solo="agency_owner")


def test_the_agency_owner_has_its_own_meters_cards_and_endings(agency: Content) -> None:
    assert agency.solo == "agency_owner"
    assert [m.id for m in agency.scenario.meters if m.primary] == ["income", "licence"]
    assert {"income", "licence", "workers_trust"} <= set(agency.meters)
    assert "development" not in agency.meters and not agency.roles
    assert len(agency.events) >= 12 and all(e.deck == "the_agency" for e in agency.events.values())
    assert {"waiting_for_the_border", "agency_closes", "licence_revoked", "nobody_signs"} <= set(agency.endings)


def test_the_agency_owners_game_plays_to_an_ending_in_plain_mode(agency: Content, store: SaveStore) -> None:
    game, out = run_plain(agency, store, ["1", ""] * 90)
    assert game.is_over and game.ending_id in agency.endings
    assert "Friendship Pass: the agency — briefing" in out
    assert "Income 50 | Licence standing 60 | Workers' trust 50" in out
    assert "A shopfront and two million yuan" in out
    assert "What happened in history:" in out
    assert "friendship-pass report autosave --role agency_owner" in out


def test_the_historical_agency_reaches_the_historical_ending(agency: Content) -> None:
    endings = [play_one(agency, seed, "historical").ending_id for seed in range(40)]
    assert endings.count("waiting_for_the_border") >= 32  # >= 80%
    losses = [e for e in endings if agency.endings[e].model.kind == "immediate"]
    assert len(losses) <= 4


async def test_the_agency_owners_game_in_the_tui(agency: Content, store: SaveStore) -> None:
    from game.ui.app import make_app
    from tests.ui.conftest import new_game, play_month, screen_name, screen_text, until

    game = new_game(agency)
    app = make_app(agency, store, game=game)
    async with app.run_test(size=(100, 34)) as pilot:
        await until(pilot, lambda: app.ready and app.controller.game is not None and app.snapshot.mode == "card",
                    "the first card")
        text = screen_text(app)
        assert "Income" in text and "Licence standing" in text
        assert "A shopfront and two million yuan" in text
        for _ in range(4):
            await play_month(pilot)
        assert game.turn >= 4 and not game.is_over
        assert "month 5 of 30" in screen_text(app)
        for _ in range(40):  # on to the agency's own ending
            if game.is_over:
                break
            await play_month(pilot)
        await until(pilot, lambda: screen_name(app) == "EndingScreen", "the agency's ending")
        ending = game.ending()
        assert ending is not None and ending.title.upper() in screen_text(app)  # the ending screen shouts it


def test_play_role_on_the_command_line_keeps_its_saves_apart(tmp_path) -> None:
    from tests.test_i18n_ui import run

    result = run("play", "--plain", "--role", "agency_owner", "--seed", "3", "--saves", str(tmp_path),
                 stdin="1\n\n1\n\n")
    assert result.returncode == 0, result.stderr
    assert "Friendship Pass: the agency — briefing" in result.stdout and "Income 50" in result.stdout
    assert (tmp_path / "agency_owner" / "autosave.json").exists() and not (tmp_path / "autosave.json").exists()
    report = run("report", "autosave", "--role", "agency_owner", "--saves", str(tmp_path), "--format", "md")
    assert report.returncode == 0, report.stderr
    assert report.stdout.startswith("# Friendship Pass: the agency — debrief")
