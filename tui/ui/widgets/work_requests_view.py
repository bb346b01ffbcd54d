"""The Work requests view: what the service is doing (fine-tunes, imports, deletes) and how far.

Lists the work requests of the current compartment and region, plus every one the console tracks
(possibly in other regions). The console's `Refresher` relists it while it is visible: every few
seconds while a row is ACCEPTED / IN_PROGRESS, at the refresh interval otherwise. The worker
returns the work requests; the UI thread applies them (`WorkRequestsLoaded`). The side pane shows
the selected one's errors and logs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from tui.cloud.errors import CloudError
from tui.ui.data.rows import Row
from tui.ui.data.work_request_rows import SETTLED, WR_COLUMNS, build_wr_row, progress_bar
from tui.ui.refresher import is_connection_error
from tui.ui.text import clean
from tui.ui.widgets.resource_list import ResourceListView
from tui.ui.widgets.status_line import StatusLine, freshness
from tui.ui.widgets.virtual_table import VirtualTable

if TYPE_CHECKING:
    from tui.app import ConsoleApp

log = logging.getLogger(__name__)


class WorkRequestDetail(VerticalScroll, can_focus=True):
    DEFAULT_CSS = """
    WorkRequestDetail { width: 2fr; border-left: vkey $panel; padding: 0 1; background: $surface; }
    """

    def compose(self):
        yield Static(Text("Select a work request", style="dim"), id="wr-detail-body", markup=False)

    def show(self, text: Text) -> None:
        self.query_one("#wr-detail-body", Static).update(text)

    def text(self) -> str:
        body = self.query_one("#wr-detail-body", Static).render()
        return getattr(body, "plain", str(body))


def describe_work_request(wr: Any, region: str, errors: list[Any] | None, logs: list[Any] | None) -> Text:
    out = Text()

    def line(label: str, value: Any, style: str = "") -> None:
        out.append(f"{label:<12}", style="bold")
        out.append(clean(value) + "\n", style=style)

    line("Operation", wr.operation_type)
    status = (wr.status or "").upper()
    line("Status", status, "bold green" if status == "SUCCEEDED" else "bold red" if status in SETTLED else "bold yellow")
    line("Progress", progress_bar(wr.percent_complete, 20))
    line("OCID", wr.id)
    line("Region", region)
    for label, attr in (("Accepted", "time_accepted"), ("Started", "time_started"), ("Finished", "time_finished")):
        value = getattr(wr, attr, None)
        line(label, value.strftime("%Y-%m-%d %H:%M:%S UTC") if value else "—")
    for res in getattr(wr, "resources", None) or []:
        line("Resource", f"{res.entity_type} {res.action_type} {res.identifier}")
    out.append("\nErrors\n", style="bold underline")
    if errors is None:
        out.append("  loading…\n", style="dim")
    elif not errors:
        out.append("  none\n", style="dim")
    for err in errors or []:
        out.append(f"  {clean(err.code)}: ", style="bold red")
        out.append(clean(err.message, multiline=True) + "\n")
    out.append("\nLogs\n", style="bold underline")
    if logs is None:
        out.append("  loading…\n", style="dim")
    elif not logs:
        out.append("  none\n", style="dim")
    for entry in logs or []:
        stamp = entry.timestamp.strftime("%H:%M:%S") if getattr(entry, "timestamp", None) else ""
        out.append(f"  {stamp} ", style="dim")
        out.append(clean(entry.message, multiline=True) + "\n")
    out.rstrip()
    return out


class WorkRequestsView(Vertical):
    @property
    def console(self) -> ConsoleApp:
        """The app, typed (what this view reads of it: context, genai, call, clocks, connection)."""
        return cast("ConsoleApp", self.app)

    DEFAULT_CSS = """
    WorkRequestsView { height: 1fr; }
    WorkRequestsView > Horizontal { height: 1fr; }
    WorkRequestsView VirtualTable { width: 3fr; height: 1fr; }
    /* narrow terminals: the errors and logs go below the table rather than beside it */
    WorkRequestsView.-narrow > Horizontal { layout: vertical; }
    WorkRequestsView.-narrow VirtualTable { width: 1fr; height: 1fr; }
    WorkRequestsView.-narrow WorkRequestDetail { width: 1fr; height: 1fr; border-left: none; border-top: hkey $panel; }
    """
    BINDINGS = [
        Binding("r", "refresh", "Refresh", id="refresh"),
        Binding("c", "copy_ocid", "Copy OCID", id="copy-ocid"),
    ]

    class WorkRequestsLoaded(Message):
        """A list round finished in its worker: (work request, region) pairs for one context."""

        def __init__(self, generation: int, items: list[tuple[Any, str]]) -> None:
            super().__init__()
            self.generation = generation
            self.items = items

    class WorkRequestsFailed(Message):
        def __init__(self, generation: int, quiet: bool, error: CloudError) -> None:
            super().__init__()
            self.generation = generation
            self.quiet = quiet
            self.error = error

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.listed: dict[str, tuple[Any, str]] = {}  # key -> (work request, region)
        self.loaded = False
        #: when the list was last read (the console's clock), for "updated 5 s ago"
        self.updated: datetime | None = None
        self._generation = 0
        self._inflight_done: Callable[[CloudError | None], None] | None = None
        self._rows_shown: list[tuple[str, str, tuple[str, ...], str]] = []
        self._detail_key: str | None = None
        # key -> ((status, percent), errors, logs): a poll that changes nothing must not flicker the pane
        self._detail_cache: dict[str, tuple[tuple[Any, Any], list[Any], list[Any]]] = {}

    def compose(self):
        yield StatusLine(id="wr-status")
        with Horizontal():
            yield VirtualTable(WR_COLUMNS, empty_text="No work requests loaded yet", id="wr-table")
            yield WorkRequestDetail(id="wr-detail")

    @property
    def table(self) -> VirtualTable:
        return self.query_one(VirtualTable)

    @property
    def detail(self) -> WorkRequestDetail:
        return self.query_one(WorkRequestDetail)

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    def on_resize(self) -> None:
        self.set_class(self.size.width < 100, "-narrow")

    def load(self, *, quiet: bool = False, done: Callable[[CloudError | None], None] | None = None) -> bool:
        ctx = self.console.context
        if ctx.compartment_id is None:
            return False
        if not quiet:
            self.status.busy(f"Listing work requests in {ctx.region.id}")
        previous, self._inflight_done = self._inflight_done, done or (lambda _error: None)
        if previous is not None:
            previous(None)  # superseded: free the refresher's job
        self._generation += 1
        generation = self._generation
        genai = self.console.genai
        compartment, region = ctx.compartment_id, ctx.region.id

        def fetch() -> list[tuple[Any, str]]:
            result = genai.work_requests.list(compartment, region=region)
            return [(wr, region) for wr in result.data]

        def loaded(items: list[tuple[Any, str]]) -> None:
            self.post_message(self.WorkRequestsLoaded(generation, items))

        def failed(error: CloudError) -> None:
            self.post_message(self.WorkRequestsFailed(generation, quiet, error))

        self.console.call(self, "list work requests", fetch, group="list", on_success=loaded, on_error=failed)
        return True

    def refresh_quietly(self, done: Callable[[CloudError | None], None]) -> bool:
        """The refresher's round: relist without "Listing…"; the table repaints only if a row changed."""
        if not self.loaded or self._inflight_done is not None or not self.console.connected:
            return False
        return self.load(quiet=True, done=done)

    def transitional_rows(self) -> list[Row]:
        return [r for r in self.table.rows if r.state not in SETTLED] if self.loaded else []

    def poll_transitional(self, done: Callable[[CloudError | None], None]) -> bool:
        return self.refresh_quietly(done)

    def _settle(self, error: CloudError | None) -> None:
        done, self._inflight_done = self._inflight_done, None
        if done is not None:
            done(error)

    @on(WorkRequestsLoaded)
    def _loaded(self, message: WorkRequestsLoaded) -> None:
        message.stop()
        if message.generation != self._generation:
            return
        self._settle(None)
        self.console.connection_ok()
        self.loaded = True
        self.listed = {f"{region}/{wr.id}": (wr, region) for wr, region in message.items}
        self.updated = self.console.now()
        self.rebuild()

    @on(WorkRequestsFailed)
    def _failed(self, message: WorkRequestsFailed) -> None:
        message.stop()
        if message.generation != self._generation:
            return
        self._settle(message.error)
        self.loaded = True
        if is_connection_error(message.error):
            self.console.connection_failed(message.error)
        if message.quiet:
            self.status.done(Text(f"refresh failed: {clean(message.error.code or message.error.status)}"),
                             error=True)
            return
        self.status.done(Text(f"Failed: {clean(str(message.error))}"), error=True)
        self.console.show_error(message.error)

    def tick_age(self) -> None:
        if self.updated is not None and not self.status.has_class("-busy") and not self.status.has_class("-error"):
            self._update_status()

    def rebuild(self) -> None:
        """Merge listed and tracked work requests (tracked ones carry the operator's label)."""
        rows: dict[str, Row] = {}
        name_of = self._name_of()
        for key, (wr, region) in self.listed.items():
            rows[key] = build_wr_row(wr, region, name_of=name_of)
        for item in self.console.tracker.items():
            key = f"{item.region}/{item.id}"
            wr = item.wr
            if wr is None and key in self.listed:
                wr = self.listed[key][0]
            if wr is None:
                continue
            if key in self.listed and self._newer(self.listed[key][0], wr):
                wr = self.listed[key][0]
            rows[key] = build_wr_row(wr, item.region, item.label)
        ordered = sorted(rows.values(), key=lambda r: r.sort_keys[3], reverse=True)  # newest accepted first
        self.table.empty_text = "No work requests in this compartment and region"
        shown = [(r.key, r.state, r.cells, r.name) for r in ordered]
        if shown != self._rows_shown or not self.table.rows:
            self._rows_shown = shown
            self.table.set_rows(ordered)  # keeps the cursor on the same work request
            self._show_detail(self.table.current_row, force=True)
        self._update_status()

    def _update_status(self) -> None:
        ordered = self.table.rows
        running = sum(1 for r in ordered if r.state not in SETTLED)
        text = Text()
        text.append(str(len(ordered)), style="bold")
        text.append(" work requests")
        if running:
            text.append(f"  {running} running (polled every {self.console.poll_interval:g} s)", style="bold")
        if self.updated is not None:
            text.append("  " + freshness(self.updated, self.console.now(), self.console.refresh_interval), style="dim")
        self.status.done(text)

    def _name_of(self) -> Any:
        """Resolve a resource OCID to the name shown in the Models or Imported models list."""
        rowsets = [view.rowset for view in self.screen.query(ResourceListView)]

        def name_of(ocid: str) -> str | None:
            for rowset in rowsets:
                name = rowset.name_of(ocid)
                if name:
                    return name
            return None

        return name_of

    @staticmethod
    def _newer(a: Any, b: Any) -> bool:
        return (a.percent_complete or 0) > (b.percent_complete or 0)

    def action_refresh(self) -> None:
        if self.console.connection_error is not None or not self.console.connected:
            self.console.reconnect()
            return
        self.load()

    def action_copy_ocid(self) -> None:
        row = self.table.current_row
        if row is not None:
            self.console.copy_ocid(row.ocid)

    @on(VirtualTable.CursorMoved)
    def _cursor(self, event: VirtualTable.CursorMoved) -> None:
        event.stop()
        self._show_detail(event.row)

    def _show_detail(self, row: Row | None, force: bool = False) -> None:
        if row is None:
            self.detail.show(Text("Select a work request", style="dim"))
            return
        wr, region = row.obj, row.region
        version = (wr.status, wr.percent_complete)
        cached = self._detail_cache.get(row.key)
        if row.key == self._detail_key and not force:
            return
        self._detail_key = row.key
        if cached is not None and cached[0] == version:
            self.detail.show(describe_work_request(wr, region, cached[1], cached[2]))
            return
        self.detail.show(describe_work_request(wr, region, None, None))
        genai = self.console.genai

        def fetch() -> tuple[list[Any], list[Any]]:
            return (genai.work_requests.errors(wr.id, region=region).data,
                    genai.work_requests.logs(wr.id, region=region).data)

        def shown(result: tuple[list[Any], list[Any]]) -> None:
            self._detail_cache[row.key] = (version, *result)
            current = self.table.current_row
            if current is not None and current.key == row.key:
                self.detail.show(describe_work_request(current.obj, region, *result))

        self.console.call(self, "work request errors and logs", fetch, group="wr-detail", on_success=shown)
