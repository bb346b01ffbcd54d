"""Bad start-up input gets a clear one-line report (issue 10 §2): a console config file that is not
UTF-8 (exit 2, like a TOML syntax error), `[keymap]` key names that are not keys and keys two
bindings would share; and the stdin guard's copy of Textual's input loop is pinned to the upstream."""

from __future__ import annotations

import hashlib
import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.helpers import settle

from tui.settings import SettingsError, read_config_file
from tui.app import ConsoleApp
from tui.ui.keymap import check_keymap, key_problem

ROOT = Path(__file__).resolve().parents[2]


def run_console(config: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OCI_GENAI_TUI_CONFIG": str(config)}
    return subprocess.run([sys.executable, "-m", "tui", "--info"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)


def test_a_config_file_that_is_not_utf8_is_a_one_line_error_exit_2(tmp_path):
    bad = tmp_path / "latin1.toml"
    bad.write_bytes(b'theme = "caf\xe9"\n')
    with pytest.raises(SettingsError, match=r"not UTF-8 text \(byte 0xe9 at offset 12\)"):
        read_config_file(bad)
    syntax = tmp_path / "syntax.toml"
    syntax.write_text("theme = \n", encoding="utf-8")
    for path in (bad, syntax):
        done = run_console(path)
        assert done.returncode == 2, done.stderr
        assert done.stderr.startswith(f"oci-genai-tui: {path}: ") and done.stderr.count("\n") == 1, done.stderr
        assert "Traceback" not in done.stderr


@pytest.mark.parametrize("key", ["ctlr+x", "blah", "ctrl+", "\x07"])
def test_key_names_that_are_not_keys(key):
    assert key_problem(key)
    usable, problems = check_keymap({"sort": key}, ConsoleApp)
    assert usable == {} and problems and "sort" in problems[0]


@pytest.mark.parametrize("key", ["o", "ctrl+o", "f5", "question_mark", "pageup", "shift+tab", "?"])
def test_key_names_that_are_keys(key):
    assert key_problem(key) is None


@pytest.mark.parametrize(("keymap", "other"), [({"sort": "ctrl+q"}, "quit"), ({"sort": "e"}, "edit"),
                                               ({"sort": "?"}, "help"), ({"refresh": "c"}, "copy-ocid"),
                                               ({"wizard-next": "escape"}, "cancel")])
def test_two_bindings_on_one_key_are_refused(keymap, other):
    usable, problems = check_keymap(keymap, ConsoleApp)
    assert usable == {} and len(problems) >= 1 and other in problems[0] and "clashes" in problems[0]


def test_a_swap_is_not_a_clash():
    assert check_keymap({"sort": "e", "edit": "E"}, ConsoleApp) == ({"sort": "e", "edit": "E"}, [])


async def test_clashes_are_reported_at_start_up_and_quit_keeps_its_key(make_app):
    app, _emu = make_app()
    app.settings.keymap = {"sort": "ctrl+q", "edit": "ctlr+e"}
    app.startup_problems = []
    app._apply_keymap()
    assert any("sort" in p and "clashes with quit" in p for p in app.startup_problems)
    assert any("edit" in p and "ctlr" in p for p in app.startup_problems)
    async with app.run_test() as pilot:
        await settle(pilot)
        view = app.main.current_view
        await pilot.press("s")  # sort kept its default key
        await settle(pilot)
        assert view.sort.column == 0


def test_the_stdin_guard_copies_textuals_input_loop():
    from textual.drivers.linux_driver import LinuxDriver

    from tui.ui.driver import UPSTREAM_SOURCE_SHA256, GuardedLinuxDriver, StdinDecoder, guarded

    source = inspect.getsource(LinuxDriver.run_input_thread)
    assert hashlib.sha256(source.encode()).hexdigest() == UPSTREAM_SOURCE_SHA256, \
        "Textual changed LinuxDriver.run_input_thread: re-copy it into tui/ui/driver.py"
    assert guarded(LinuxDriver) is GuardedLinuxDriver
    decoder = StdinDecoder()
    assert decoder.decode(b"caf\xe9 \x9b ok \xe2\x82") == "caf\ufffd \ufffd ok "  # a split sequence waits
    assert decoder.decode(b"\xac") == "€"
