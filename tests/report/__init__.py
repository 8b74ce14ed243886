"""Tests for debrief reports and class summaries."""
