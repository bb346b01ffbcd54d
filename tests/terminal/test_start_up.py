"""Start-up on a real terminal: the child that lists the first view (tui/prefetch.py) and the usual path.

The console forks before Textual loads; the child's rows reach the screen, and everything after them
(compartment names, the detail pane's SDK model and `get`, quitting) runs on the console's own session.
A child that fails leaves no trace on the screen: the console connects the usual way and says what it
always says (`OCI_GENAI_TUI_PREFETCH=0` is that usual way from the start).
"""

from __future__ import annotations

import re



def test_the_first_rows_come_from_the_child_and_the_console_goes_on_by_itself(launch, tmp_path):
    console = launch(args=["--refresh", "0"])
    console.wait_for("support-bot-v1")
    log = (tmp_path / "console-0.log").read_text()
    assert re.search(r"prefetch: \d+ rows in", log) and "the first list shows the child's rows" in log, log
    # the compartment names load through the console's own session, once the rows are on screen
    console.wait_until(lambda: "genai-prod" in console.header(), 15, "the compartment path in the header")
    console.press("enter")  # the detail pane: the row's SDK model first, then the `get`
    console.wait_for("ocid1.generativeaimodel")
    console.wait_for("Fine-tuning", timeout=15)
    console.press("escape", "ctrl+q")
    console.wait_until(lambda: console.exitstatus() is not None, 10, "the console to exit")
    assert console.exitstatus() == 0
    assert "the child failed" not in (tmp_path / "console-0.log").read_text()


def test_a_child_that_fails_leaves_the_screen_as_the_usual_path_does(launch, identity, tmp_path):
    """A profile whose key file is gone: the child fails, the console connects the usual way and says why,
    word for word what it says without the child."""
    config = tmp_path / "config-without-key"
    text = identity.config_file.read_text()
    config.write_text(re.sub(r"(?m)^key_file\s*=.*$", f"key_file = {tmp_path / 'gone.pem'}", text))
    screens = []
    for n, env in enumerate(("1", "0")):
        console = launch(args=["--config-file", str(config), "--refresh", "0"], wait_connected=False,
                         env={"OCI_GENAI_TUI_PREFETCH": env})
        console.wait_for("Not connected:", timeout=30)
        console.wait_quiet(0.3)
        screens.append([line for line in console.screen_lines() if "gone.pem" in line or "connected" in line])
        log = (tmp_path / f"console-{n}.log").read_text()
        assert ("the child failed" in log) is (env == "1"), log
        console.press("ctrl+q")
    assert screens[0] and screens[0] == screens[1]


def test_demo_mode_forks_the_child_before_the_service_and_the_child_waits_for_it(tmp_path):
    from .harness import Console

    log_file = tmp_path / "demo.log"
    console = Console(["--demo", "--log-file", str(log_file), "--refresh", "0"], home=tmp_path / "home")
    try:
        console.wait_for("support-bot-v1", timeout=30)
        log = log_file.read_text()
        assert re.search(r"prefetch: \d+ rows in", log) and "the first list shows the child's rows" in log, log
        assert "demo service on" in log
        console.wait_until(lambda: "genai-prod" in console.header(), 15, "the compartment path in the header")
        console.press("enter")
        console.wait_for("Fine-tuning", timeout=15)  # the console's own session, pointed at the service too
        console.press("escape", "ctrl+q")
        console.wait_until(lambda: console.exitstatus() is not None, 10, "the console to exit")
        assert console.exitstatus() == 0
    finally:
        console.close()


def test_a_demo_service_that_cannot_start_reads_the_same_with_and_without_the_child(tmp_path):
    from .harness import Console

    screens = []
    for env in ("1", "0"):
        log_file = tmp_path / f"demo-{env}.log"
        console = Console(["--demo", "--seed", "no-such-seed", "--log-file", str(log_file)],
                          home=tmp_path / f"home-{env}", env={"OCI_GENAI_TUI_PREFETCH": env})
        try:
            console.wait_for("did not start", timeout=30)
            console.wait_quiet(0.3)
            screens.append([line for line in console.screen_lines() if "did not start" in line or "seed" in line])
            assert ("the child failed" in log_file.read_text()) is (env == "1")
        finally:
            console.close()
    assert screens[0] and screens[0] == screens[1]
