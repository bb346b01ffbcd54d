"""`--demo`: the temporary folder of a console that was killed is removed at the next start, and
nobody else's folder is touched."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from tui.demo import FOLDER_PREFIX, OWNER_FILE, Demo

ROOT = Path(__file__).resolve().parents[2]

KILLED_CONSOLE = """
import sys, time
from tui.demo import Demo
from tui.settings import Settings
demo = Demo("empty").start_in_background()
demo.prepare(Settings(demo=True))
print(demo.directory, flush=True)
time.sleep(600)
"""


def test_a_folder_left_by_a_killed_demo_is_removed_at_the_next_start(tmp_path, monkeypatch):
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    console = subprocess.Popen([sys.executable, "-c", KILLED_CONSOLE], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert console.stdout is not None
    left = Path(console.stdout.readline().strip())
    assert left.parent == tmp_path and (left / "config").exists() and (left / OWNER_FILE).exists()
    console.send_signal(signal.SIGKILL)  # no clean-up code runs
    console.wait(10)
    assert left.exists()

    alive = tmp_path / f"{FOLDER_PREFIX}alive"  # a console still running (this one) owns it
    alive.mkdir()
    (alive / OWNER_FILE).write_text(str(os.getpid()))
    starting = tmp_path / f"{FOLDER_PREFIX}starting"  # just created, owner not written yet
    starting.mkdir()
    unrelated = tmp_path / "oci-genai-tui-other"
    unrelated.mkdir()

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    demo = Demo("empty").start_in_background()
    try:
        assert not left.exists(), "the killed run's key and config are gone"
        assert alive.exists() and starting.exists() and unrelated.exists()
        assert demo.directory is not None and demo.directory.exists()
    finally:
        demo.stop()
