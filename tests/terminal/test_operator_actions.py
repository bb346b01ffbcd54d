"""On a real terminal: BASE models offer no edit, move or delete, and their keys say why; read-only
keys say that read-only mode blocks them (no dialog, no round trip ending in a 400)."""

from __future__ import annotations

from .harness import Console

BASE_MANAGED = "BASE models are managed by Oracle"


def filter_to(console: Console, text: str) -> None:
    """`/text⏎`, one step at a time: each key waits for what the previous one opened."""
    console.type_burst("/")
    console.wait_for("substring  ·  !inverse")
    console.type_burst(text)
    console.wait_until(lambda: any(" filter " in line and text in line for line in console.screen_lines()), 15,
                       f"the status line to show the filter {text!r}")
    console.press("enter")
    console.wait_quiet(0.4)


def footer(console: Console) -> str:
    return console.screen_lines()[-1]


def test_base_model_keys_say_oracle_manages_them(launch):
    console = launch()
    filter_to(console, "cohere.command-r-08-2024")
    console.wait_for("cohere.command-r-08-2024")
    assert "Delete" not in footer(console), console.screen_text()  # not offered on a BASE model
    mark = console.mark()
    console.type_burst("e")
    console.wait_for(BASE_MANAGED)
    assert "Edit model" not in console.screen_text()
    console.press("ctrl+d")
    console.wait_quiet(0.5)
    assert "Delete model?" not in console.screen_text()
    console.type_burst("m")
    console.wait_quiet(0.5)
    assert "Select a compartment" not in console.screen_text() and "Move model" not in console.screen_text()
    assert b"BASE models are managed by Oracle" in console.written_since(mark)
    # a custom model offers them again
    console.press("escape")  # clears the filter
    console.wait_until(lambda: not any(" filter " in line for line in console.screen_lines()), 10,
                       "the filter to clear")
    filter_to(console, "support-bot-v1")
    console.wait_until(lambda: "Delete" in footer(console), 10, "Delete in the footer on a custom model")


def test_read_only_keys_say_read_only_blocks_them(launch):
    console = launch(args=["--read-only"])
    assert "READ-ONLY" in console.header()
    filter_to(console, "support-bot-v1")
    assert "Delete" not in footer(console)
    console.press("ctrl+d")
    console.wait_for("Read-only mode blocks deleting")
    assert "Delete model?" not in console.screen_text()
    console.type_burst("n")
    console.wait_for("Read-only mode blocks creating")
