"""`:` Tab completion typed as one burst on a real pty (each Tab must land before the next letters).

`:reg<Tab>fra<Tab>⏎` written in one write, while every core is busy, must switch to Frankfurt: the
Tab completes the word the letters before it typed, and the letters after it extend the completion.
Then ↑ recalls the line, and `q` on the main screen ends the console with status 0.
"""

from __future__ import annotations

import pytest

ROUNDS = 4


@pytest.mark.usefixtures("pressure")
def test_tab_completion_bursts_history_and_q(launch):
    console = launch()
    for i in range(ROUNDS):
        region, typed = ("eu-frankfurt-1", "fra") if i % 2 == 0 else ("us-chicago-1", "us-chi")
        console.type_burst(f":reg\t {typed}\t\r")
        console.wait_until(lambda region=region: region in console.header() and "updated" in console.screen_text(),
                           15, f"round {i}: region {region}")
        console.wait_quiet(0.2)
    # compartment paths complete too (their names load after the first list)
    console.type_burst(":comp genai-dev/sandbox-al\t\r")
    console.wait_until(lambda: console.header().endswith("root/genai-dev/sandbox-alice"), 15, "compartment path")
    console.wait_quiet(0.2)
    console.type_burst(":\x1b[A")  # up: the last line again
    console.wait_until(lambda: ":comp genai-dev/sandbox-alice" in console.screen_text(), 10, "history")
    console.type_burst("\x1b")
    console.wait_quiet(0.3)
    console.type_burst("q")
    console.wait_until(lambda: console.exitstatus() is not None, 10, "q to quit")
    assert console.exitstatus() == 0
