"""The one list view every resource kind uses, parameterised by its descriptor (k9s's generic table).

Models and imported models differ only in their `ResourceKind`: its summary fields become the
columns, its enum sets feed the filter dialog, its detail fields the pane. All network calls go
through `app.call` (thread workers); the `/` filter and sorting run in a worker over the full list
and hand the table a new list to point at, so no keystroke costs time proportional to the list.

Refreshing by itself (the console's `Refresher` decides when): a worker lists into a fresh
`RowSet` and compares the new view with the one on screen; the UI thread applies the typed
`ListingLoaded` message, keeping the cursor on the same resource, the filter, sort and scroll, and
hands the table nothing at all when nothing changed (so an idle console writes next to no bytes).
Rows in a transitional state are re-read one by one, faster, the same way (`RowsPolled`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message

from tui.cloud.errors import CloudError
from tui.cloud.resources import MODEL, ResourceKind
from tui.ui.console import read_only_reason
from tui.ui.data.columns import Column
from tui.ui.data.loading import Listing, all_regions, fetch_listing, listing_of
from tui.ui.data.marks import Marks
from tui.ui.data.presentation import list_columns
from tui.ui.data.query import parse_query
from tui.ui.data.rows import Row, build_row
from tui.ui.data.rowset import RowSet, SortState
from tui.ui.data.sorting import next_sort_column
from tui.ui.gc_policy import freeze_long_lived
from tui.ui.refresher import is_connection_error
from tui.ui.text import clean
from tui.ui.widgets.detail_pane import DetailPane
from tui.ui.data.server_filters import ServerFilters
from tui.ui.widgets.status_line import StatusLine, freshness
from tui.ui.widgets.virtual_table import VirtualTable

if TYPE_CHECKING:
    from tui.app import ConsoleApp

log = logging.getLogger(__name__)

MUTATING_ACTIONS = {"create", "edit", "move", "delete", "deploy"}
#: actions that change one existing resource: never offered on a BASE (Oracle-managed) model
ROW_ACTIONS = {"edit", "move", "delete", "deploy"}
BASE_MANAGED = "BASE models are managed by Oracle: they cannot be edited, moved or deleted."
BASE_NOT_DEPLOYED = "BASE models are served on demand, not deployed here: fine-tune one (n) and deploy that."
#: row actions that act on every marked row when some are marked (tui/ui/dialogs/bulk.py)
BULK_ACTIONS = {"move", "delete"}

#: Transitional rows re-read per poll at most (the rest wait for the next round or the full refresh).
POLL_BATCH = 20


def same_rows(old: list[Row], new: list[Row]) -> bool:
    """Whether two views would paint the same (same resources in the same order, same cells)."""
    if old is new:
        return True
    if len(old) != len(new):
        return False
    return all(a is b or (a.key == b.key and a.cells == b.cells and a.state == b.state)
               for a, b in zip(old, new, strict=True))


def default_sort(columns: list[Column]) -> tuple[int, bool] | None:
    """(column, descending) of the service's own order, marked in the header until another is chosen:
    the list APIs answer newest first (timeCreated descending)."""
    keys = [c.key for c in columns]
    return (keys.index("time_created"), True) if "time_created" in keys else None


def is_base_model(kind: ResourceKind, row: Row | None) -> bool:
    """A BASE model is Oracle's: no edit, move or delete (the service answers 400 to all three)."""
    if kind is not MODEL or row is None:
        return False
    item = row.item  # a raw listing's JSON: no SDK model built per cursor move (nor the SDK imported for it)
    value = item.get("type") if isinstance(item, dict) else getattr(row.obj, "type", None)
    return (value or "").upper() == "BASE"


@dataclass(frozen=True)
class ListRequest:
    """What a list round was asked for, so its result is applied only to the context it belongs to."""

    generation: int
    quiet: bool
    query: str
    sort: SortState
    compartment_id: str
    region_label: str


class ResourceListView(Vertical):
    @property
    def console(self) -> ConsoleApp:
        """The app, typed (what this view reads of it: context, genai, call, clocks, connection)."""
        return cast("ConsoleApp", self.app)

    DEFAULT_CSS = """
    ResourceListView { height: 1fr; }
    ResourceListView > Horizontal { height: 1fr; }
    ResourceListView VirtualTable { width: 3fr; height: 1fr; }
    ResourceListView DetailPane { width: 2fr; }
    /* narrow terminals: the detail pane replaces the table instead of squeezing beside it */
    ResourceListView.-narrow.-detail-open VirtualTable { display: none; }
    ResourceListView.-narrow DetailPane { width: 1fr; border-left: none; }
    """
    BINDINGS = [
        Binding("enter", "toggle_detail", "Detail", tooltip="Show or hide the detail pane", id="detail"),
        Binding("d", "describe", "Describe", show=False, tooltip="Describe: YAML / JSON on a full screen",
                id="describe"),
        Binding("y", "raw", "JSON", show=False, tooltip="Raw JSON of the selected resource", id="raw-json"),
        Binding("c", "copy_ocid", "Copy OCID", id="copy-ocid"),
        Binding("f", "server_filters", "Filters", tooltip="Server-side filters: capability, state, vendor, type", id="server-filters"),
        Binding("s", "sort_next", "Sort", tooltip="Sort by the next column", id="sort"),
        Binding("S", "sort_reverse", "Reverse", show=False, tooltip="Reverse the sort order", id="sort-reverse"),
        Binding("r", "refresh", "Refresh", show=False, id="refresh"),
        Binding("n", "create", "New", tooltip="Fine-tune, import, create a cluster or deploy", id="create"),
        Binding("e", "edit", "Edit", show=False, id="edit"),
        Binding("m", "move", "Move", show=False, tooltip="Move to another compartment", id="move"),
        Binding("ctrl+d", "delete", "Delete", id="delete"),
        Binding("D", "deploy", "Deploy", show=False, tooltip="Deploy the model on an endpoint", id="deploy"),
        Binding("space", "toggle_mark", "Mark", show=False, tooltip="Mark or unmark the row", id="mark"),
        Binding("ctrl+space,ctrl+@", "mark_all", "Mark all", show=False,
                tooltip="Mark every row the filter shows", id="mark-all"),
        Binding("escape", "back", "Back", show=False),
    ]

    class ListingLoaded(Message):
        """A list round finished in its worker: the rows (in a fresh RowSet) and whether the view changed."""

        def __init__(self, request: ListRequest, listing: Listing, rowset: RowSet, changed: bool) -> None:
            super().__init__()
            self.request = request
            self.listing = listing
            self.rowset = rowset
            self.changed = changed

    class ListingFailed(Message):
        def __init__(self, request: ListRequest, error: CloudError) -> None:
            super().__init__()
            self.request = request
            self.error = error

    class RowsPolled(Message):
        """Transitional rows re-read: key -> the new row (None: it is gone)."""

        def __init__(self, generation: int, updates: dict[str, Row | None]) -> None:
            super().__init__()
            self.generation = generation
            self.updates = updates

    def __init__(self, kind: ResourceKind, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kind = kind
        """The resource kind listed (its descriptor; its presentation gives the columns)."""
        self.rowset = RowSet()
        """Every listed row, and the filtered, sorted view of them the table shows."""
        self.filters = ServerFilters()
        """The API-side filters of the list (`f`), sent with every list call."""
        self.query_text = ""
        """The `/` filter, applied to the rows on the client (`!` inverts, `~` is fuzzy)."""
        self.sort = SortState()
        """The sort column and direction (`s` / `S`, a header click)."""
        self.loaded = False
        """Whether a listing has been applied at least once."""
        self.failures: dict[str, CloudError] = {}
        """Region id -> why listing it failed (the all-regions view lists the regions that answered)."""
        self._listing: Listing | None = None
        self._detail_timer: Any = None
        self._last_detail_key: str | None = None
        self.updated: datetime | None = None
        """When the rows on screen were last listed (the console's clock), for "updated 5 s ago"."""
        self._with_region = False
        self._generation = 0
        #: the refresher's `done` for the round in flight (called when it is applied or superseded)
        self._inflight_done: Callable[[CloudError | None], None] | None = None
        self.refresh_error: CloudError | None = None
        """Why the last background refresh failed (the rows shown are then older), or None."""
        self.pending_key: str | None = None
        """A row to put the cursor on once the next listing arrives (a jump from elsewhere)."""
        self.marks = Marks()
        """Rows marked with `space` (keys); delete and move act on all of them (tui/ui/dialogs/bulk.py)."""
        self._filter_seq = 0  # bumped per `_recompute`: only the newest filter's view is shown

    # ------------------------------------------------------------------ layout
    def compose(self):
        yield StatusLine(id=f"{self.id}-status")
        with Horizontal():
            table = VirtualTable(list_columns(self.kind), empty_text=f"No {self.kind.nouns} loaded yet",
                                 id=f"{self.id}-table")
            table.default_sort = default_sort(table.columns)
            yield table
            yield DetailPane(self.kind, now=self.console.now, id=f"{self.id}-detail")

    @property
    def table(self) -> VirtualTable:
        return self.query_one(VirtualTable)

    @property
    def detail(self) -> DetailPane:
        return self.query_one(DetailPane)

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    NARROW = 100

    def on_resize(self) -> None:
        self.set_class(self.size.width < self.NARROW, "-narrow")

    # ------------------------------------------------------------------ loading
    def load(self) -> None:
        """(Re)list this kind in the current context; the status line says what is happening."""
        self._request(quiet=False)

    def refresh_quietly(self, done: Callable[[CloudError | None], None]) -> bool:
        """The refresher's list round: relist without "Listing…" and apply only what changed."""
        if not self.loaded or self._inflight_done is not None or not self.console.connected:
            return False
        return self._request(quiet=True, done=done)

    @property
    def in_flight(self) -> bool:
        return self._inflight_done is not None

    def _request(self, *, quiet: bool, done: Callable[[CloudError | None], None] | None = None) -> bool:
        app = self.console
        ctx = app.context
        if ctx.compartment_id is None:
            return False
        self._settle_inflight()
        self._inflight_done = done or (lambda _error: None)
        self._generation += 1
        if ctx.all_regions != self._with_region:
            self._with_region = ctx.all_regions
            self.sort = self._resorted(list_columns(self.kind, with_region=ctx.all_regions))
        request = ListRequest(self._generation, quiet, self.query_text, self.sort, ctx.compartment_id,
                              ctx.region_label)
        regions = all_regions() if ctx.all_regions else [ctx.region]
        columns = list(self.table.columns)
        where = "all regions" if ctx.all_regions else ctx.region.id
        if not quiet:
            self.status.busy(f"Listing {self.kind.nouns} in {where}")
            self.table.empty_text = f"Listing {self.kind.nouns} …"  # repaints itself if shown
        filters = self.filters.for_kind(self.kind)
        on_screen, previous = self.table.rows, self.rowset
        kind = self.kind
        prefetched = app.take_prefetched(kind, ctx.compartment_id, ctx.region, ctx.all_regions, columns, filters)

        def fetch() -> tuple[Listing, RowSet, bool]:
            # a fresh RowSet: the worker never touches the one the UI thread is showing
            rowset = RowSet()
            if prefetched is not None:  # the start-up child listed it (tui/prefetch.py)
                listing = listing_of(prefetched.rows, prefetched.pages, regions, filters, columns, rowset,
                                     request.query, request.sort, seconds=prefetched.seconds,
                                     request_id=prefetched.request_id)
            else:
                listing = fetch_listing(app.genai, kind, request.compartment_id, regions, filters, columns, rowset,
                                        request.query, request.sort, previous=previous)
            return listing, rowset, not same_rows(on_screen, listing.view)

        def loaded(result: tuple[Listing, RowSet, bool]) -> None:
            self.post_message(self.ListingLoaded(request, *result))

        def failed(error: CloudError) -> None:
            self.post_message(self.ListingFailed(request, error))

        app.call(self, f"list {self.kind.nouns}", fetch, group="list", on_success=loaded, on_error=failed)
        return True

    def _settle_inflight(self, error: CloudError | None = None) -> None:
        done, self._inflight_done = self._inflight_done, None
        if done is not None:
            done(error)

    @on(ListingLoaded)
    def _listing_loaded(self, message: ListingLoaded) -> None:
        message.stop()
        request = message.request
        if request.generation != self._generation:
            return  # a newer round (or another context) superseded it
        self._settle_inflight()
        self._loaded(message.listing, message.rowset, message.changed, request)

    @on(ListingFailed)
    def _listing_failed(self, message: ListingFailed) -> None:
        message.stop()
        if message.request.generation != self._generation:
            return
        self._settle_inflight(message.error)
        if is_connection_error(message.error):
            self.console.connection_failed(message.error)
        if message.request.quiet and self.updated is None:
            # nothing was ever listed here: a background round that fails is the first answer, say it in full
            self._failed(message.error, announce=not self.status.has_class("-error"))
            return
        if message.request.quiet:  # a background round: say so on the status line, no toast every tick
            self.refresh_error = message.error
            self._update_status()
            return
        self._failed(message.error)

    def _loaded(self, listing: Listing, rowset: RowSet, changed: bool, request: ListRequest) -> None:
        first = not self.loaded
        self.loaded = True
        self.refresh_error = None
        self.console.connection_ok()
        refresher = getattr(self.app, "refresher", None)
        if refresher is not None:
            refresher.touch("list")  # the next automatic round is an interval after these rows
        self._listing = listing
        self.rowset = rowset
        if len(self.app.screen_stack) <= 1:  # no dialog open (tui/ui/gc_policy.py says why)
            freeze_long_lived()
        self._prune_marks()
        self.failures = listing.failures
        self.updated = self.console.now()
        self.table.empty_text = self._empty_text()
        if request.query != self.query_text or request.sort != self.sort:
            self._recompute()  # typed or sorted while it loaded: filter the new rows the current way
        elif changed or not request.quiet or first:
            self._apply_view(listing.view)
        if self.pending_key is not None and self.table.move_to_key(self.pending_key):
            self.pending_key = None  # a jump to a row of a list that was still loading
        self._update_status()
        if request.quiet:
            if changed and self.detail.is_open and self.table.current_row is not None:
                self._fetch_detail(self.table.current_row)
            return
        for region_id, error in listing.failures.items():
            log.info("region %s failed: %s", region_id, error)
        if listing.failures:
            failed = ", ".join(f"{r} ({e.code or e.status})" for r, e in listing.failures.items())
            self.console.notify(f"{len(listing.failures)} region(s) failed: {failed}", title="All regions",
                            severity="warning", markup=False, timeout=8)
        self._highlight(self.table.current_row)
        self.console.list_shown(rows=bool(listing.view))

    def _apply_view(self, rows: list[Row]) -> None:
        """Hand the table `rows`, the cursor staying on the resource it was on (wherever it moved)."""
        current = self.table.current_row
        key = current.key if current is not None else None
        self.table.set_rows(rows)
        now = self.table.current_row
        if key is not None and (now is None or now.key != key):
            self.table.move_to_key(key)

    def _failed(self, error: CloudError, announce: bool = True) -> None:
        self.loaded = True
        self.table.empty_text = f"Could not list {self.kind.nouns}: {clean(error.code or error.message)}"
        self.table.set_rows([])
        self.rowset.replace([])
        retry = "  (r retries)" if is_connection_error(error) else ""
        self.status.done(Text(f"Failed: {clean(str(error))}{retry}"), error=True)
        self.console.list_shown(rows=False)
        if announce:
            self.console.show_error(error)

    def _empty_text(self) -> str:
        if self.query_text:
            return f"No {self.kind.nouns} match /{clean(self.query_text)}  (esc clears)"
        if self.filters.active:
            return f"No {self.kind.nouns} match the filters  (f to change)"
        return f"No {self.kind.nouns} in this compartment and region"

    def _update_status(self) -> None:
        shown, total = self.table.row_count, len(self.rowset)
        text = Text()
        text.append(f"{shown}" if shown == total else f"{shown}/{total}", style="bold")
        text.append(f" {self.kind.nouns}")
        ctx = self.console.context
        text.append(f" in {'all regions' if ctx.all_regions else ctx.region.id}")
        if self.query_text:
            text.append("  filter ", style="dim")
            text.append(parse_query(self.query_text).describe() or "/" + clean(self.query_text))
        if self.filters.for_kind(self.kind).active:
            text.append("  server ", style="dim")
            text.append(clean(self.filters.for_kind(self.kind).describe()))
        if self.marks:
            text.append(f"  {len(self.marks)} marked", style="bold reverse")
            text.append(" (esc clears)", style="dim")
        if self.sort.column is not None:
            col = self.table.columns[self.sort.column]
            text.append("  sort ", style="dim")
            text.append(f"{col.label} {'desc' if self.sort.descending else 'asc'}")
        if self.failures:
            text.append(f"  {len(self.failures)} region(s) failed: ", style="bold red")
            text.append(", ".join(f"{r} {clean(e.code or e.status)}" for r, e in self.failures.items()),
                        style="red")
        if self.refresh_error is not None:
            text.append("  refresh failed: ", style="bold red")
            text.append(clean(self.refresh_error.code or self.refresh_error.status or "error"), style="red")
        if self.updated is not None:
            text.append("  " + freshness(self.updated, self.console.now(), self.console.refresh_interval), style="dim")
        self.status.done(text)

    def tick_age(self) -> None:
        """Repaint "updated N s ago" (the status line repaints only when the text changes)."""
        if self.updated is not None and not self.status.has_class("-busy") and not self.status.has_class("-error"):
            self._update_status()

    # ------------------------------------------------------------------ `/` filter and sort
    def set_query(self, text: str) -> None:
        """Filter the loaded rows; runs in a worker, the newest keystroke wins."""
        self.query_text = text
        self._recompute()

    def _recompute(self) -> None:
        """Show the current filter and sort: at once when that scans few rows (`RowSet.cheap_view`),
        else from a worker; a worker's answer to an older keystroke is dropped."""
        query, sort = self.query_text, self.sort
        self._filter_seq += 1
        seq = self._filter_seq
        rows = self.rowset.cheap_view(query, sort)
        if rows is not None:
            self.workers.cancel_group(self, "filter")
            self._show_view(rows)
            return

        def show(rows: list[Row]) -> None:
            if seq == self._filter_seq:
                self._show_view(rows)

        self.console.call(self, "filter", self.rowset.view, query, sort, group="filter", on_success=show)

    def _show_view(self, rows: list[Row]) -> None:
        self.table.sort_column = self.sort.column
        self.table.sort_descending = self.sort.descending
        self.table.empty_text = self._empty_text()
        self.table.set_rows(rows)
        if self.pending_key is not None:
            self.table.move_to_key(self.pending_key)
            self.pending_key = None
        self._update_status()

    def _resorted(self, columns: list[Column]) -> SortState:
        """Swap the table's columns keeping the chosen sort by column key (the region column moves
        the others when "all regions" comes and goes); the sort survives every context change."""
        old = self.table.columns
        key = old[self.sort.column].key if self.sort.column is not None and self.sort.column < len(old) else None
        self.table.set_columns(columns)
        keys = [c.key for c in columns]
        sort = SortState(keys.index(key), self.sort.descending) if key in keys else SortState()
        self.table.sort_column, self.table.sort_descending = sort.column, sort.descending
        self.table.default_sort = default_sort(columns)
        return sort

    def sort_by(self, column: int, descending: bool | None = None) -> None:
        if descending is None:
            descending = (not self.sort.descending) if self.sort.column == column else False
        self.sort = SortState(column, descending)
        self.table.sort_column, self.table.sort_descending = column, descending
        self.table.refresh()
        self._recompute()

    def action_sort_next(self) -> None:
        nxt = next_sort_column([self.table.columns.index(c) for c in self.table.visible_columns], self.sort.column)
        if nxt is not None:
            self.sort_by(nxt, descending=False)

    def action_sort_reverse(self) -> None:
        column = self.sort.column if self.sort.column is not None else 0
        self.sort_by(column, descending=not self.sort.descending if self.sort.column is not None else True)

    @on(VirtualTable.HeaderClicked)
    def _header_clicked(self, event: VirtualTable.HeaderClicked) -> None:
        event.stop()
        self.sort_by(event.column)

    # ------------------------------------------------------------------ detail
    @on(VirtualTable.CursorMoved)
    def _cursor_moved(self, event: VirtualTable.CursorMoved) -> None:
        event.stop()
        base = is_base_model(self.kind, event.row)
        if base != getattr(self, "_on_base", False):  # edit/move/delete come and go with the row
            self._on_base = base
            self.console.refresh_bindings()
        self._highlight(event.row)

    def _highlight(self, row: Row | None) -> None:
        if not self.detail.is_open:
            return
        if row is None:
            self.detail.clear()
            return
        if self.detail.obj is None or getattr(self.detail.obj, "id", None) != row.ocid:
            self.detail.preview(row.obj, row.region)
        if self._detail_timer is not None:
            self._detail_timer.stop()
        self._detail_timer = self.set_timer(0.1, lambda: self._fetch_detail(row))

    def _fetch_detail(self, row: Row) -> None:
        self._last_detail_key = row.key
        self.console.call(self, f"get {self.kind.key}", self.console.genai.get, self.kind, row.ocid, region=row.region,
                      group="detail", on_success=lambda result: self._detail_loaded(row, result))

    def _detail_loaded(self, row: Row, result: Any) -> None:
        current = self.table.current_row
        self.detail.remember(row.obj, result.data, etag=result.etag, request_id=result.opc_request_id)
        if current is None or current.key != row.key:
            return
        self.detail.show(result.data, row.region, etag=result.etag, request_id=result.opc_request_id)

    def set_detail_open(self, open_: bool) -> None:
        pane = self.detail
        pane.set_class(open_, "-open")
        self.set_class(open_, "-detail-open")
        if open_:
            self._highlight(self.table.current_row)
        if open_ and self.has_class("-narrow"):
            pane.focus()  # the table is hidden: arrows scroll the pane
        else:
            self.table.focus()

    def action_toggle_detail(self) -> None:
        self.set_detail_open(not self.detail.is_open)

    def action_raw(self) -> None:
        if not self.detail.is_open:
            self.detail.mode = "json"
            self.set_detail_open(True)
            return
        self.detail.toggle_mode()

    def action_describe(self) -> None:
        row = self._selected()
        if row is None:
            return
        shown = self.detail.obj
        obj = shown if getattr(shown, "id", None) == row.ocid else row.obj
        fetch = partial(self.console.genai.get, self.kind, row.ocid, region=row.region)
        self.console.describe(self.kind, obj, row.region, fetch)

    def action_copy_ocid(self) -> None:
        row = self.table.current_row
        if row is None:
            self.console.notify("Nothing selected to copy", severity="warning")
            return
        self.console.copy_ocid(row.ocid)

    def action_back(self) -> None:
        if self.detail.is_open:
            self.set_detail_open(False)
        elif self.marks:
            self.clear_marks()
        elif self.query_text:
            self.console.clear_filter()

    # ------------------------------------------------------------------ marks (space, ctrl+space, esc)
    def _show_marks(self) -> None:
        self.table.set_marked(self.marks.keys)
        self._update_status()
        self.console.refresh_bindings()  # delete/move are offered on marked rows even on a BASE cursor

    def _prune_marks(self) -> None:
        if self.marks:
            self.marks.keep_only(r.key for r in self.rowset.rows)
            self.table.set_marked(self.marks.keys)

    def action_toggle_mark(self) -> None:
        """`space`: mark or unmark the cursor row, then move down (a burst of spaces marks a run)."""
        row = self.table.current_row
        if row is None:
            return
        self.marks.toggle(row.key)
        self.table.action_cursor(1)
        self._show_marks()

    def action_mark_all(self) -> None:
        """`ctrl+space` / `:mark all`: mark every row the `/` filter shows."""
        self.marks.mark_all(r.key for r in self.table.rows)
        self._show_marks()

    def clear_marks(self) -> None:
        if self.marks.clear():
            self._show_marks()

    def marked_rows(self) -> list[Row]:
        """The marked rows still listed, in marking order."""
        return self.marks.rows(self.rowset.rows)

    def row_refusal(self, row: Row) -> str | None:
        """Why `row` cannot be deleted or moved (a BASE model), or None: bulk actions skip such rows."""
        return BASE_MANAGED if is_base_model(self.kind, row) else None

    def unmark(self, keys: list[str]) -> None:
        self.marks.discard(keys)
        self._show_marks()

    def _bulk(self, action: str) -> bool:
        """Delete / move every marked row (one confirmation); False when nothing is marked."""
        rows = self.marked_rows()
        if not rows:
            return False
        from tui.ui.actions import open_bulk

        open_bulk(self.app, self, rows, action)
        return True

    # ------------------------------------------------------------------ actions
    def action_refresh(self) -> None:
        """`r`: relist; when the console is not connected, retry the connection first."""
        if self.console.connection_error is not None or not self.console.connected:
            self.console.reconnect()
            return
        self.load()

    def action_server_filters(self) -> None:
        from tui.ui.dialogs.filter_dialog import FilterDialog

        def apply(result: ServerFilters | None) -> None:
            if result is not None:
                self.filters = result
                self.load()

        self.console.push_screen(FilterDialog(self.kind, self.filters), apply)

    def _selected(self) -> Row | None:
        row = self.table.current_row
        if row is None:
            self.console.notify(f"Select a {self.kind.noun} first", severity="warning")
        return row

    def action_create(self) -> None:
        from tui.ui import actions

        actions.open_create(self.app, self.kind)

    def _row_action_refused(self, row: Row) -> bool:
        """The toast for a BASE model's edit/move/delete key (no round trip ending in a 400)."""
        if is_base_model(self.kind, row):
            self.console.notify(BASE_MANAGED, title=clean(row.name), severity="warning", markup=False)
            return True
        return False

    def action_edit(self) -> None:
        if (row := self._selected()) is not None and not self._row_action_refused(row):
            from tui.ui import actions

            actions.open_edit(self.app, self.kind, row.ocid, row.region)

    def action_move(self) -> None:
        if self._bulk("move"):
            return
        if (row := self._selected()) is not None and not self._row_action_refused(row):
            from tui.ui import actions

            actions.open_move(self.app, self.kind, row.ocid, row.region)

    def action_delete(self) -> None:
        if self._bulk("delete"):
            return
        if (row := self._selected()) is not None and not self._row_action_refused(row):
            from tui.ui import actions

            actions.open_delete(self.app, self.kind, row.ocid, row.region, row.name)

    def action_deploy(self) -> None:
        if (row := self._selected()) is not None:  # open_deploy refuses a BASE model with the reason
            from tui.ui import actions

            actions.open_deploy(self.app, self.kind, row.obj)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide what cannot work: every mutation when read-only, row actions on a BASE model.

        The keys still reach the action (Textual would swallow a hidden binding's key silently), so
        the operator is told why: `on_key` below says so for the hidden ones."""
        if action in MUTATING_ACTIONS and self.console.read_only:
            return False
        if action in BULK_ACTIONS and self.marks:
            return True  # acts on the marked rows (BASE ones are skipped, each with the reason)
        if action in ROW_ACTIONS and is_base_model(self.kind, self.table.current_row):
            return False
        if action == "create":
            from tui.ui.actions import CREATABLE

            return self.kind in CREATABLE  # no create wizard for this kind yet: hide `n`
        if action == "deploy":
            from tui.ui.actions import DEPLOYABLE

            return self.kind in DEPLOYABLE
        return True

    def refused_reason(self, action: str) -> str | None:
        """Why `action` is not offered right now (read-only mode, a BASE model), or None."""
        if action in MUTATING_ACTIONS and self.console.read_only:
            verb = {"create": "creating", "edit": "editing", "move": "moving", "delete": "deleting",
                    "deploy": "deploying"}[action]
            return read_only_reason(self.app, verb)
        if action in ROW_ACTIONS and is_base_model(self.kind, self.table.current_row) and not (
                action in BULK_ACTIONS and self.marks):
            return BASE_NOT_DEPLOYED if action == "deploy" else BASE_MANAGED
        return None

    def on_key(self, event: Any) -> None:
        """A key whose binding is hidden here (read-only, BASE model) says why instead of nothing."""
        for binding in self._bindings.key_to_bindings.get(event.key, []):
            action = binding.action.split("(")[0]
            if action in MUTATING_ACTIONS:
                reason = self.refused_reason(action)
                if reason is not None:
                    event.stop()
                    event.prevent_default()
                    self.console.notify(reason, severity="warning", markup=False)
                return

    # ------------------------------------------------------------------ self-refresh
    def transitional_rows(self) -> list[Row]:
        """Listed rows in a transitional state (CREATING, UPDATING, DELETING, ...), whoever started them."""
        if not self.loaded:
            return []
        return self.rowset.transitional(self.kind)  # asked every refresher tick: walked once per list

    def poll_transitional(self, done: Callable[[CloudError | None], None]) -> bool:
        """The refresher's fast round: re-read transitional rows one by one (not the whole list)."""
        if not self.loaded or self.in_flight or not self.console.connected:
            return False
        busy = self.transitional_rows()[:POLL_BATCH]
        if not busy:
            return False
        columns = list(self.table.columns)
        genai, kind, generation = self.console.genai, self.kind, self._generation

        def refetch() -> dict[str, Row | None]:
            out: dict[str, Row | None] = {}
            for row in busy:
                try:
                    result = genai.get(kind, row.ocid, region=row.region)
                except CloudError as exc:
                    if exc.status == 404:
                        out[row.key] = None
                        continue
                    if not out:
                        raise
                    break  # keep what was read; the next round retries the rest
                out[row.key] = build_row(result.data, columns, row.region)
            return out

        def polled(updates: dict[str, Row | None]) -> None:
            self.post_message(self.RowsPolled(generation, updates))
            done(None)

        self.console.call(self, "refresh transitional", refetch, group="poll", on_success=polled, on_error=done)
        return True

    @on(RowsPolled)
    def _rows_polled(self, message: RowsPolled) -> None:
        message.stop()
        if message.generation != self._generation:
            return  # the list was reloaded since: its rows are newer
        updates = message.updates
        changed = False
        for old in self.rowset.rows:
            if old.key in updates:
                new = updates[old.key]
                if new is None or old.cells != new.cells or old.state != new.state:
                    changed = True
                    break
        if not changed:
            self._update_status()
            return
        rows = [updates.get(r.key, r) if r.key in updates else r for r in self.rowset.rows]
        before = self.rowset
        self.rowset = RowSet([r for r in rows if r is not None], before.columns)
        # a page that comes back unchanged shows what it said (as rebuilding its rows would)
        self.rowset.pages, self.rowset.filters = before.pages, before.filters
        self._prune_marks()
        self._recompute()
        row = self.table.current_row
        if row is not None and row.key in updates and self.detail.is_open:
            self._fetch_detail(row)

    def apply_server_filters(self, **changes: Any) -> None:
        self.filters = replace(self.filters, **changes)
        self.load()
