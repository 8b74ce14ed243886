"""The policies screen: one Esc closes it, from the list of policies or from a policy's options."""

from __future__ import annotations

from tests.ui.conftest import press, screen_name, start_new_game, until


async def test_one_escape_leaves_the_policies_even_from_the_options(new_app) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_new_game(pilot)
        await press(pilot, "p")
        await until(pilot, lambda: screen_name(app) == "PoliciesScreen", "the policies")
        await press(pilot, "right")  # into the options of the first policy
        await press(pilot, "escape")
        await until(pilot, lambda: screen_name(app) != "PoliciesScreen", "back from the policies")
        assert screen_name(app) == "PlayScreen"
