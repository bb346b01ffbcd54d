"""On a real terminal: a burst of spaces marks a run of rows (each key lands on the list, none is
lost or typed elsewhere), and ctrl+d on marked rows opens one confirmation naming each, whose `D`
deletes them one by one and reports each row (a model an endpoint serves answers 409)."""

from __future__ import annotations

from .test_operator_actions import filter_to


def test_space_bursts_mark_rows_and_bulk_delete_reports_each(launch):
    console = launch()
    filter_to(console, "support-bot")
    console.type_burst("   ")  # three spaces in one write: three rows marked
    console.wait_for("3 marked")
    # the frame that says "3 marked" may still be arriving: the rows must follow within it
    console.wait_until(lambda: len([line for line in console.screen_lines() if "✓ support-bot" in line]) == 3,
                       10, "three rows marked on screen")
    console.type_burst("g ")  # to the first row and unmark it, in one burst
    console.wait_for("2 marked")
    console.wait_until(lambda: len([line for line in console.screen_lines() if "✓ support-bot" in line]) == 2,
                       10, "two rows marked on screen")
    console.press("ctrl+d")
    console.wait_for("Delete 2 models?")
    screen = console.screen_text()
    assert "us-chicago-1" in screen and "Press D (shift+d) to delete all 2" in screen
    console.press("enter")  # Cancel has the focus
    console.wait_gone("Delete 2 models?")
    assert "2 marked" in console.screen_text()
    console.press("ctrl+d")
    console.wait_for("Delete 2 models?")
    console.type_burst("D")
    console.wait_for("of 2 deleted", 20)
    screen = console.screen_text()
    assert "409" in screen, screen  # support-bot-v1 is served by an endpoint
    console.press("escape")
    console.wait_gone("of 2 deleted")
