"""The Work requests view: what the service is doing (fine-tunes, imports, deletes) and how far.

Lists the work requests of the current compartment and region (or every region at once, like the
model views: per-region failures are named beside the rows that answered), plus every one the
console tracks (possibly in other regions). Columns: operation, the resource by name, status,
progress, accepted, duration, region; `/` filters the visible columns, `s`/`S` sort (newest accepted
first by default), `f` sets the server filters (status goes to the API, operation type is applied to
the rows), `enter` jumps to the resource in its own view. FAILED rows stand out (bold reverse, also
under NO_COLOR) and the status line counts the failures of the last hour. The console's `Refresher` relists it while it is visible: every few
seconds while a row is ACCEPTED / IN_PROGRESS, at the refresh interval otherwise. The worker
returns the work requests; the UI thread applies them (`WorkRequestsLoaded`). The side pane shows
the selected one's errors and logs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from tui.cloud.errors import CloudError, from_exception
from tui.ui.data.loading import all_regions
from tui.ui.data.query import apply_query, parse_query
from tui.ui.data.rows import Row
from tui.ui.data.rowset import SortState
from tui.ui.data.sorting import next_sort_column
from tui.ui.data.work_request_rows import (
    ACCEPTED_COLUMN, SETTLED, WR_COLUMNS, WorkRequestFilters, build_wr_row, failed_recently, progress_bar,
    resolve_resource_names, resource_of, view_of,
)
from tui.ui.refresher import is_connection_error
from tui.ui.text import clean
from tui.ui.widgets.resource_list import ResourceListView
from tui.ui.widgets.status_line import StatusLine, freshness
from tui.ui.widgets.virtual_table import VirtualTable

if TYPE_CHECKING:
    from tui.app import ConsoleApp

log = logging.getLogger(__name__)

DEFAULT_SORT = SortState(ACCEPTED_COLUMN, descending=True)  # newest first


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
    line("Status", status, "bold green" if status == "SUCCEEDED" else "bold reverse red" if status == "FAILED"
         else "bold red" if status in SETTLED else "bold yellow")
    line("Progress", progress_bar(wr.percent_complete, 20))
    line("OCID", wr.id)
    line("Region", region)
    for label, attr in (("Accepted", "time_accepted"), ("Started", "time_started"), ("Finished", "time_finished")):
        value = getattr(wr, attr, None)
        line(label, value.strftime("%Y-%m-%d %H:%M:%S UTC") if value else "—")
    for res in getattr(wr, "resources", None) or []:
        line("Resource", f"{res.entity_type} {res.action_type} {res.identifier}")
    def section(title: str, items: list[Any] | None) -> list[Any]:
        out.append(f"\n{title}\n", style="bold underline")
        if items is None:
            out.append("  loading…\n", style="dim")
        elif not items:
            out.append("  none\n", style="dim")
        return items or []

    for err in section("Errors", errors):
        when = getattr(err, "timestamp", None)
        if when is not None:
            out.append(f"  {when.strftime('%Y-%m-%d %H:%M:%S')}", style="dim")
            out.append("\n")
        out.append(f"  {clean(err.code)}: ", style="bold red")
        out.append(clean(err.message, multiline=True) + "\n")
    for entry in section("Logs", logs):
        stamp = entry.timestamp.strftime("%Y-%m-%d %H:%M:%S") if getattr(entry, "timestamp", None) else ""
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
        Binding("enter", "jump", "Go to", tooltip="Show the resource in its own view", id="wr-jump"),
        Binding("r", "refresh", "Refresh", id="refresh"),
        Binding("c", "copy_ocid", "Copy OCID", id="copy-ocid"),
        Binding("f", "server_filters", "Filters", tooltip="Server-side filters: status, operation type",
                id="server-filters"),
        Binding("s", "sort_next", "Sort", tooltip="Sort by the next column", id="sort"),
        Binding("S", "sort_reverse", "Reverse", show=False, tooltip="Reverse the sort order", id="sort-reverse"),
        Binding("escape", "back", "Back", show=False),
    ]

    class WorkRequestsLoaded(Message):
        """A list round finished in its worker: (work request, region) pairs for one context."""

        def __init__(self, generation: int, items: list[tuple[Any, str]],
                     failures: dict[str, CloudError] | None = None, names: dict[str, str] | None = None) -> None:
            super().__init__()
            self.generation = generation
            self.items = items
            self.failures = failures or {}
            self.names = names or {}

    class WorkRequestsFailed(Message):
        def __init__(self, generation: int, quiet: bool, error: CloudError) -> None:
            super().__init__()
            self.generation = generation
            self.quiet = quiet
            self.error = error

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.listed: dict[str, tuple[Any, str]] = {}
        """Row key -> (work request, region) as last listed."""
        self.loaded = False
        """Whether a listing has been applied at least once."""
        self.updated: datetime | None = None
        """When the list was last read (the console's clock), for "updated 5 s ago"."""
        self._generation = 0
        self._inflight_done: Callable[[CloudError | None], None] | None = None
        self._rows_shown: list[tuple[str, str, tuple[str, ...], str]] = []
        self._detail_key: str | None = None
        # key -> ((status, percent), errors, logs): a poll that changes nothing must not flicker the pane
        self._detail_cache: dict[str, tuple[tuple[Any, Any], list[Any], list[Any]]] = {}
        self.all_rows: list[Row] = []
        """Every row, listed and tracked, before the `/` filter and the sort."""
        self.names: dict[str, str] = {}
        """Resource OCID -> name read with a GET (for resources no loaded list holds; "" = gone)."""
        self.query_text = ""
        """The `/` filter, applied to the rows on the client."""
        self.sort = DEFAULT_SORT
        """The sort column and direction (accepted, newest first, until `s` / `S`)."""
        self.filters = WorkRequestFilters()
        """Status (sent to the API) and operation type (applied to the rows)."""
        self.failures: dict[str, CloudError] = {}
        """Region id -> why listing it failed (the all-regions view)."""
        self.pending_key: str | None = None
        """A row to put the cursor on once the next listing arrives (`app.jump_to_row` sets it)."""

    def compose(self):
        yield StatusLine(id="wr-status")
        with Horizontal():
            yield VirtualTable(WR_COLUMNS, empty_text="No work requests loaded yet", id="wr-table")
            yield WorkRequestDetail(id="wr-detail")

    def on_mount(self) -> None:
        self.table.emphasis_states = frozenset({"FAILED"})
        self.table.sort_column, self.table.sort_descending = self.sort.column, self.sort.descending

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
        where = "all regions" if ctx.all_regions else ctx.region.id
        if not quiet:
            self.status.busy(f"Listing work requests in {where}")
        previous, self._inflight_done = self._inflight_done, done or (lambda _error: None)
        if previous is not None:
            previous(None)  # superseded: free the refresher's job
        self._generation += 1
        generation = self._generation
        genai = self.console.genai
        compartment = ctx.compartment_id
        regions = [r.id for r in all_regions()] if ctx.all_regions else [ctx.region.id]
        filters = self.filters

        def one(region: str) -> list[tuple[Any, str]]:
            result = genai.work_requests.list_work_requests(compartment, region=region, status=filters.status)
            return [(wr, region) for wr in result.data if filters.keeps(wr)]

        known = self._name_of()  # reads the lists on the UI thread now; the worker only calls it

        def fetch() -> tuple[list[tuple[Any, str]], dict[str, CloudError], dict[str, str]]:
            if len(regions) == 1:
                single = one(regions[0])
                return single, {}, resolve_resource_names(genai, single, known)
            items: list[tuple[Any, str]] = []
            failures: dict[str, CloudError] = {}
            with ThreadPoolExecutor(max_workers=len(regions), thread_name_prefix="wr-fanout") as pool:
                futures = {r: pool.submit(one, r) for r in regions}
                for region_id, future in futures.items():
                    try:
                        items.extend(future.result())
                    except Exception as exc:  # noqa: BLE001 - one region failing must not hide the others
                        failures[region_id] = from_exception(exc, "ListWorkRequests", region_id)
            return items, failures, resolve_resource_names(genai, items, known)

        def loaded(result: tuple[list[tuple[Any, str]], dict[str, CloudError], dict[str, str]]) -> None:
            self.post_message(self.WorkRequestsLoaded(generation, *result))

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
        self.failures = message.failures
        self.names.update(message.names)
        self.updated = self.console.now()
        self.rebuild()
        if self.pending_key is not None and self.table.move_to_key(self.pending_key):
            self.pending_key = None

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
        now = self.console.now()
        for key, (wr, region) in self.listed.items():
            rows[key] = build_wr_row(wr, region, name_of=name_of, now=now)
        for item in self.console.tracker.items():
            key = f"{item.region}/{item.id}"
            wr = item.wr
            if wr is None and key in self.listed:
                wr = self.listed[key][0]
            if wr is None:
                continue
            if key in self.listed and self._newer(self.listed[key][0], wr):
                wr = self.listed[key][0]
            if key not in self.listed and not self.filters.keeps(wr):
                continue
            rows[key] = build_wr_row(wr, item.region, item.label, now=now)
        self.all_rows = list(rows.values())
        self._show_rows()

    def _show_rows(self) -> None:
        """Sort and `/`-filter the merged rows (a few hundred at most: done on the UI thread)."""
        column, descending = self.sort.column, self.sort.descending
        ordered = self.all_rows
        if column is not None:
            ordered = sorted(ordered, key=lambda r: r.sort_keys[column], reverse=descending)
        ordered = apply_query(ordered, parse_query(self.query_text), key=lambda r: r.search)
        if self.query_text:
            self.table.empty_text = f"No work requests match /{clean(self.query_text)}  (esc clears)"
        else:
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
        shown, total = len(ordered), len(self.all_rows)
        text.append(f"{shown}" if shown == total else f"{shown}/{total}", style="bold")
        text.append(" work requests")
        ctx = self.console.context
        text.append(f" in {'all regions' if ctx.all_regions else ctx.region.id}")
        failed = failed_recently(ordered, self.console.now())
        if failed:
            text.append("  ")
            text.append(f"{failed} failed in the last hour", style="bold reverse")
        if self.query_text:
            text.append("  filter ", style="dim")
            text.append(parse_query(self.query_text).describe() or "/" + clean(self.query_text))
        if self.filters.describe():
            text.append("  server ", style="dim")
            text.append(clean(self.filters.describe()))
        if self.sort.column is not None and self.sort != DEFAULT_SORT:
            text.append("  sort ", style="dim")
            text.append(f"{WR_COLUMNS[self.sort.column].label} {'desc' if self.sort.descending else 'asc'}")
        if self.failures:
            text.append(f"  {len(self.failures)} region(s) failed: ", style="bold red")
            text.append(", ".join(f"{r} {clean(e.code or e.status)}" for r, e in self.failures.items()),
                        style="red")
        if running:
            text.append(f"  {running} running (polled every {self.console.poll_interval:g} s)", style="bold")
        if self.updated is not None:
            text.append("  " + freshness(self.updated, self.console.now(), self.console.refresh_interval), style="dim")
        self.status.done(text)

    def _name_of(self) -> Any:
        """Resolve a resource OCID to the name shown in a loaded list, else the one a GET found."""
        rowsets = [view.rowset for view in self.screen.query(ResourceListView)]
        looked_up = dict(self.names)  # a copy: the list worker calls this too

        def name_of(ocid: str) -> str | None:
            for rowset in rowsets:
                name = rowset.name_of(ocid)
                if name:
                    return name
            return looked_up.get(ocid)  # None: unknown; "": looked up and gone (the OCID is shown)

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

    # ------------------------------------------------------------------ `/` filter, sort, server filters
    def set_query(self, text: str) -> None:
        self.query_text = text
        self._show_rows()

    def sort_by(self, column: int, descending: bool = False) -> None:
        self.sort = SortState(column, descending)
        self.table.sort_column, self.table.sort_descending = column, descending
        self._show_rows()

    def action_sort_next(self) -> None:
        nxt = next_sort_column([WR_COLUMNS.index(c) for c in self.table.visible_columns], self.sort.column)
        if nxt is not None:
            self.sort_by(nxt, descending=False)

    def action_sort_reverse(self) -> None:
        column = self.sort.column if self.sort.column is not None else ACCEPTED_COLUMN
        self.sort_by(column, descending=not self.sort.descending)

    @on(VirtualTable.HeaderClicked)
    def _header_clicked(self, event: VirtualTable.HeaderClicked) -> None:
        event.stop()
        same = self.sort.column == event.column
        self.sort_by(event.column, descending=not self.sort.descending if same else False)

    def action_back(self) -> None:
        if self.query_text:
            self.console.clear_filter()

    def action_server_filters(self) -> None:
        from tui.ui.dialogs.work_request_filters import WorkRequestFilterDialog

        def apply(result: WorkRequestFilters | None) -> None:
            if result is not None:
                self.filters = result
                self.load()

        self.console.push_screen(WorkRequestFilterDialog(self.filters), apply)

    def action_jump(self) -> None:
        """`enter`: the resource of the selected work request, in its own view (models, clusters, ...)."""
        row = self.table.current_row
        if row is None:
            return
        ocid = resource_of(row.obj)
        target = view_of(ocid)
        if ocid is None or target is None:
            self.console.notify("This work request names no resource the console lists", severity="warning",
                                markup=False)
            return
        self.console.jump_to_row(target, f"{row.region}/{ocid}")

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
