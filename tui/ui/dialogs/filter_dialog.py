"""Server-side filters for a list: capability, lifecycle state, vendor, type, display name.

The choices come from the resource descriptor (its capability and state enums, whether it has a
type), so one dialog serves every kind. Dismisses with new `ServerFilters`, or None on cancel.
"""

from __future__ import annotations

from textual import on
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from tui.cloud.resources import ResourceKind
from tui.ui.data.server_filters import ServerFilters
from tui.ui.dialogs.filter_base import FilterScreen, select_value
from tui.ui.forms.inputs import SafeInput


class FilterDialog(FilterScreen[ServerFilters]):

    def __init__(self, kind: ResourceKind, current: ServerFilters) -> None:
        super().__init__()
        self.kind = kind
        self.current = current.for_kind(kind)

    def compose(self):
        k, cur = self.kind, self.current
        with Vertical(classes="picker dialog"):
            yield Label(f"Filter {k.nouns} (server-side)", classes="picker-title", markup=False)
            if "capability" in k.list_filters:
                yield Label("Capability", markup=False)
            yield Select([(c, c) for c in k.capabilities], prompt="any", value=cur.capability or Select.NULL,
                         id="filter-capability", classes="" if "capability" in k.list_filters else "-hidden", compact=True)
            yield Label("Lifecycle state", markup=False)
            yield Select([(s, s) for s in k.lifecycle_states], prompt="any",
                         value=cur.lifecycle_state or Select.NULL, id="filter-state", compact=True)
            if k.type_values:
                yield Label("Type", markup=False)
                yield Select([(t, t) for t in k.type_values], prompt="any",
                             value=cur.model_type or Select.NULL, id="filter-type", compact=True)
            if "vendor" in k.list_filters:
                yield Label("Vendor (exact)", markup=False)
            yield SafeInput(cur.vendor or "", placeholder="e.g. meta, cohere", id="filter-vendor", compact=True,
                            classes="" if "vendor" in k.list_filters else "-hidden")
            yield Label("Display name (exact)", markup=False)
            yield SafeInput(cur.display_name or "", placeholder="exact display name", id="filter-name", compact=True)
            yield from self.buttons()

    def on_mount(self) -> None:
        for hidden in self.query(".-hidden"):
            hidden.display = False  # kept mounted so collect() reads every field the same way
        first = "#filter-capability" if "capability" in self.kind.list_filters else "#filter-state"
        self.query_one(first, Select).focus()

    def collect(self) -> ServerFilters:
        type_value = None
        if self.kind.type_values:
            type_value = select_value(self.query_one("#filter-type", Select))
        return ServerFilters(
            capability=select_value(self.query_one("#filter-capability", Select)),
            lifecycle_state=select_value(self.query_one("#filter-state", Select)),
            vendor=self.query_one("#filter-vendor", Input).value.strip() or None,
            display_name=self.query_one("#filter-name", Input).value.strip() or None,
            model_type=type_value,
        )

    def cleared(self) -> ServerFilters:
        return ServerFilters()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.dismiss(self.collect())
