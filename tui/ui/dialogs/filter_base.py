"""What the server-side filter dialogs share: the bindings, the Apply / Clear all / Cancel row and
what those buttons dismiss with. Each dialog adds its fields and `collect()`; `cleared()` is the
"no filter" value of its filter type.
"""

from __future__ import annotations

from typing import Any, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Select, Static

F = TypeVar("F")


def select_value(select: Select[Any]) -> str | None:
    """A Select's choice as a filter value: None for "any"."""
    value = select.value
    return None if value is Select.NULL or value in (None, "") else str(value)


class FilterScreen(ModalScreen[F | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "apply", "Apply")]

    def collect(self) -> F:
        raise NotImplementedError

    def cleared(self) -> F:
        raise NotImplementedError

    def buttons(self) -> ComposeResult:
        with Horizontal(classes="buttons"):
            yield Button("Apply", variant="primary", id="apply", compact=True)
            yield Button("Clear all", id="clear", compact=True)
            yield Button("Cancel", id="cancel", compact=True)
            yield Static("ctrl+s applies · esc cancels", classes="dialog-hint", markup=False)

    @on(Button.Pressed, "#apply")
    def action_apply(self) -> None:
        self.dismiss(self.collect())

    @on(Button.Pressed, "#clear")
    def _clear(self) -> None:
        self.dismiss(self.cleared())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
