"""The Work requests view's server-side filters: status (the API filters it) and operation type.

ListWorkRequests filters by status only; the operation type is applied to the returned rows, as
the model lists do with BASE/CUSTOM. The operation types come from the resource descriptors, so a
new kind's work requests are offered without touching this file. Dismisses with new filters, or
None on cancel.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Select, Static

from tui.cloud.resources import KINDS
from tui.facts import work_requests as work_request_facts
from tui.ui.data.work_request_rows import WorkRequestFilters

STATUSES = work_request_facts.STATUSES
OPERATION_TYPES = tuple(sorted({t for k in KINDS.values() for t in k.work_request_types.values()}))


def _value(select: Select[Any]) -> str | None:
    value = select.value
    return None if value is Select.NULL or value in (None, "") else str(value)


class WorkRequestFilterDialog(ModalScreen["WorkRequestFilters | None"]):
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "apply", "Apply")]

    def __init__(self, current: WorkRequestFilters) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        cur = self.current
        with Vertical(classes="picker dialog"):
            yield Label("Filter work requests (server-side)", classes="picker-title", markup=False)
            yield Label("Status", markup=False)
            yield Select([(s, s) for s in STATUSES], prompt="any", value=cur.status or Select.NULL,
                         id="wr-filter-status", compact=True)
            yield Label("Operation type", markup=False)
            yield Select([(t, t) for t in OPERATION_TYPES], prompt="any",
                         value=cur.operation_type or Select.NULL, id="wr-filter-operation", compact=True)
            with Horizontal(classes="buttons"):
                yield Button("Apply", variant="primary", id="apply", compact=True)
                yield Button("Clear all", id="clear", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
                yield Static("ctrl+s applies · esc cancels", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#wr-filter-status", Select).focus()

    def collect(self) -> WorkRequestFilters:
        return WorkRequestFilters(status=_value(self.query_one("#wr-filter-status", Select)),
                                  operation_type=_value(self.query_one("#wr-filter-operation", Select)))

    @on(Button.Pressed, "#apply")
    def action_apply(self) -> None:
        self.dismiss(self.collect())

    @on(Button.Pressed, "#clear")
    def _clear(self) -> None:
        self.dismiss(WorkRequestFilters())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
