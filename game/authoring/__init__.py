"""Tools for deck authors: validation with warnings, a starter deck, a story map."""
