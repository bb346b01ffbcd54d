"""The console app, typed once: `app = console_app()` on a widget or screen makes `self.app` a ConsoleApp.

Textual types `self.app` as `App[object]`, so every `self.app.genai`, `.context` or `.read_only`
needed a `# type: ignore`, an `app: Any` or a `getattr(app, "read_only", False)` guess. The
descriptor below is Textual's own `textual.getters.app`, told the type without importing tui.app
at run time (tui/app.py imports the screens that use this; the import below is for the type
checker only, and import-linter is configured to ignore such imports).

Functions that take the app as an argument annotate it `ConsoleApp` the same way:
`if TYPE_CHECKING: from tui.app import ConsoleApp`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import getters
from textual.app import App

if TYPE_CHECKING:
    from tui.app import ConsoleApp  # noqa: F401 - named in the string below

__all__ = ["console_app", "read_only_reason"]


class console_app(getters.app["ConsoleApp"]):  # noqa: N801 - a descriptor, named like Textual's getters
    """`app = console_app()` in a Widget or Screen body: `self.app` is the running ConsoleApp.

    At run time it checks only that the app is an App (tests may run a screen in a bare App);
    the type checker sees ConsoleApp.
    """

    def __init__(self) -> None:
        self._app_type = App


def read_only_reason(app: App[Any], what: str) -> str | None:
    """The one read-only check: why ``what`` ("creating", "moving"…) is refused, or None.

    Every action, dialog and wizard asks this (a bare App in a test is never read-only)."""
    if getattr(app, "read_only", False):
        return f"Read-only mode blocks {what} (started with --read-only)."
    return None
