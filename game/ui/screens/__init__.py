"""Screens: layout and key bindings only; every rule goes through the Game API via the app."""
