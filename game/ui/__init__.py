"""The Textual host of the game: screens and widgets over the engine API.

Only this package imports Textual. Build the app with `game.ui.app.make_app` (the CLI and the
tests use the same factory) or run it with `game.ui.app.run_app`.
"""
