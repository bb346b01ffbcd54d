"""The terminal layer itself: the console starts on a pty, paints its first rows, and quits."""

from __future__ import annotations


def test_first_rows_and_quit(launch):
    console = launch()
    console.wait_for("support-bot-v1")
    assert "OCI GenAI" in console.header()
    console.press("ctrl+q")
    console.wait_until(lambda: console.exitstatus() is not None, 10, "the console to exit")
    assert console.exitstatus() == 0
