"""Widgets that draw engine views (meters, cards, logs) without colour-only meaning."""
