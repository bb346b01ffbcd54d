"""What the pty benches share to start the console: a scrubbed environment in a throwaway HOME and
the command line (the installed entry point, else `python -m tui`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def scrubbed_env(home: Path, **extra: str) -> dict[str, str]:
    """This environment without OCI_*, TEXTUAL*, XDG_*, NO_COLOR, COLUMNS, LINES; HOME and the XDG
    folders under `home`; an xterm-256color UTF-8 terminal; then `extra`."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("OCI_", "TEXTUAL", "XDG_")) and k not in ("NO_COLOR", "COLUMNS", "LINES")}
    for sub in ("config", "data", "state", "cache"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
               XDG_STATE_HOME=str(home / "state"), XDG_CACHE_HOME=str(home / "cache"),
               TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8", **extra)
    return env


def console_argv() -> list[str]:
    script = ROOT / ".venv" / "bin" / "oci-genai-tui"
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui"]
