"""`oci-genai-tui` / `python -m tui`: command line -> settings -> ConsoleApp.

Kept import-light on purpose: a child process imports the OCI SDK and lists the first view
(tui/prefetch.py) while this one imports Textual and paints; in demo mode the local service starts as
another child, and the first-list child waits for it.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any


#: Textual flushes a changed screen at most this many times a second. Its default, 60, made a `/` keystroke
#: wait for up to two 16.7 ms frames (the prompt's echo, then the list): `/` p95 at 10,000 rows 44 -> 27 ms
#: (tests/bench/scale.py), bytes per keystroke unchanged (tests/bench/bytes_per_key.py). An idle screen
#: sends no frames at any rate. `TEXTUAL_FPS` in the environment still wins.
FRAME_RATE = 120


def pace_frames() -> None:
    """Set Textual's frame cap (before Textual is first imported: it reads it once)."""
    os.environ.setdefault("TEXTUAL_FPS", str(FRAME_RATE))


def _setup_logging(log_file: str | None) -> Path:
    """Log to a file only: while the console runs, the terminal driver owns stdout and stderr."""
    from tui.settings import default_log_file

    path = Path(log_file) if log_file else default_log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(os.environ.get("OCI_GENAI_TUI_LOG_LEVEL", "INFO").upper())
    logging.getLogger("oci").setLevel(logging.WARNING)
    return path


def theme_names() -> list[str]:
    """Every theme the console could switch to: Textual's own and the theme files on disk."""
    from textual.theme import BUILTIN_THEMES

    from tui.ui.themes import load_themes

    themes, _problems = load_themes()
    return sorted(set(BUILTIN_THEMES) | set(themes))


def keymap_problems(settings: object) -> list[str]:
    """What the console would refuse in the config file's `[keymap]` (unknown ids, bad keys, clashes)."""
    keymap = dict(getattr(settings, "keymap", None) or {})
    if not keymap:
        return []
    from tui.app import ConsoleApp
    from tui.ui.keymap import check_keymap

    return check_keymap(keymap, ConsoleApp)[1]


def main(argv: list[str] | None = None) -> int:
    pace_frames()
    from tui.settings import SettingsError, check_settings, info_text, load_settings

    args = sys.argv[1:] if argv is None else argv
    try:
        settings = load_settings(args)
        if "--info" in args:
            print(info_text(settings, keymap_problems(settings)))
            return 0
        # Checked before the screen opens: a typo must not open a console pointed elsewhere.
        check_settings(settings, theme_names() if settings.sources.get("theme") else None)
    except SettingsError as exc:
        print(f"oci-genai-tui: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    _setup_logging(settings.log_file)

    from tui.prefetch import start

    # a child lists the first view while Textual imports (forked before any thread; in demo mode it
    # waits for the local service, which starts right after)
    prefetch = start(settings, deferred=settings.demo)
    demo = None
    if settings.demo:
        from tui.demo import Demo, pointed

        def ready(info: dict[str, Any] | None) -> None:
            if prefetch is not None:
                prefetch.resume(pointed(settings, info) if info is not None else None)

        demo = Demo(settings.seed).start_in_background(on_ready=ready)  # a child process: starts while Textual imports

    from tui.app import ConsoleApp

    app = ConsoleApp(settings, prepare=demo.prepare if demo else None, prefetch=prefetch)
    try:
        app.run(mouse=settings.mouse)
    finally:
        if prefetch is not None:
            prefetch.discard()
        if demo is not None:
            demo.stop()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
