"""Opening and closing a wizard many times in a row keeps the console answering keys.

Found by the terminal layer: under CPU pressure, after about four open/close cycles of the import
wizard, `n` stopped opening it. Each round opens the wizard with one key, waits for its first step,
closes it with esc and waits for the list to be back, all while every core is busy."""

from __future__ import annotations

import os

import pytest

ROUNDS = max(4, int(os.environ.get("BURST_ROUNDS", "10")) // 2)  # 5 in CI, 20 with --thorough


@pytest.mark.usefixtures("pressure")
def test_import_wizard_opens_every_time(launch):
    console = launch()
    console.type_burst("2")
    console.wait_until(lambda: "imported models in us-chicago-1  updated" in console.screen_text(), 15,
                       "imported models")
    failures: list[str] = []
    for i in range(ROUNDS):
        console.type_burst("n")
        try:
            console.wait_for("Model id (org/name)", 10)
        except AssertionError as exc:
            failures.append(f"round {i}: the wizard did not open: {exc}")
            break
        if i % 2:  # every other round leaves a draft behind: typed fields, then esc
            console.type_burst(f"\torg{i}/model\tb{i}\tc{i}")
            console.wait_for(f"c{i}", 10)
        console.type_burst("\x1b")
        try:
            console.wait_gone("Model id (org/name)", 10)
        except AssertionError as exc:
            failures.append(f"round {i}: the wizard did not close: {exc}")
            break
        console.wait_until(lambda: "imported models in us-chicago-1" in console.screen_text(), 10, "the list")
    assert not failures, "\n".join(failures)
