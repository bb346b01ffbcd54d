"""Reusable console widgets, one per file."""
