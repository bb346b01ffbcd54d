"""The Work requests view's server-side filters: status (the API filters it) and operation type.

ListWorkRequests filters by status only; the operation type is applied to the returned rows, as
the model lists do with BASE/CUSTOM. The operation types come from the resource descriptors, so a
new kind's work requests are offered without touching this file. Dismisses with new filters, or
None on cancel.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Select

from tui.cloud.resources import KINDS
from tui.facts import work_requests as work_request_facts
from tui.ui.data.work_request_rows import WorkRequestFilters
from tui.ui.dialogs.filter_base import FilterScreen, select_value

STATUSES = work_request_facts.STATUSES
OPERATION_TYPES = tuple(sorted({t for k in KINDS.values() for t in k.work_request_types.values()}))


class WorkRequestFilterDialog(FilterScreen[WorkRequestFilters]):

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
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#wr-filter-status", Select).focus()

    def collect(self) -> WorkRequestFilters:
        return WorkRequestFilters(status=select_value(self.query_one("#wr-filter-status", Select)),
                                  operation_type=select_value(self.query_one("#wr-filter-operation", Select)))

    def cleared(self) -> WorkRequestFilters:
        return WorkRequestFilters()
