"""The one list view every resource kind uses, parameterised by its descriptor (k9s's generic table).

Models and imported models differ only in their `ResourceKind`: its summary fields become the
columns, its enum sets feed the filter dialog, its detail fields the pane. All network calls go
through `app.call` (thread workers); the `/` filter and sorting run in a worker over the full list
and hand the table a new list to point at, so no keystroke costs time proportional to the list.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical

from tui.cloud.errors import CloudError
from tui.cloud.resources import ResourceKind
from tui.ui.data.columns import columns_for
from tui.ui.data.loading import Listing, all_regions, fetch_listing
from tui.ui.data.query import parse_query
from tui.ui.data.rows import Row, build_row
from tui.ui.data.rowset import RowSet, SortState
from tui.ui.text import clean
from tui.ui.widgets.detail_pane import DetailPane
from tui.ui.widgets.server_filters import ServerFilters
from tui.ui.widgets.status_line import StatusLine
from tui.ui.widgets.virtual_table import VirtualTable

log = logging.getLogger(__name__)

MUTATING_ACTIONS = {"create", "edit", "move", "delete"}


class ResourceListView(Vertical):
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
        Binding("d", "toggle_detail", "Detail", show=False),
        Binding("y", "raw", "JSON", show=False, tooltip="Raw JSON of the selected resource", id="raw-json"),
        Binding("c", "copy_ocid", "Copy OCID", id="copy-ocid"),
        Binding("f", "server_filters", "Filters", tooltip="Server-side filters: capability, state, vendor, type", id="server-filters"),
        Binding("s", "sort_next", "Sort", tooltip="Sort by the next column", id="sort"),
        Binding("S", "sort_reverse", "Reverse", show=False, tooltip="Reverse the sort order", id="sort-reverse"),
        Binding("r", "refresh", "Refresh", show=False, id="refresh"),
        Binding("n", "create", "New", tooltip="Fine-tune a model / import a model", id="create"),
        Binding("e", "edit", "Edit", show=False, id="edit"),
        Binding("m", "move", "Move", show=False, tooltip="Move to another compartment", id="move"),
        Binding("ctrl+d", "delete", "Delete", id="delete"),
        Binding("escape", "back", "Back", show=False),
    ]

    def __init__(self, kind: ResourceKind, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kind = kind
        self.rowset = RowSet()
        self.filters = ServerFilters()
        self.query_text = ""
        self.sort = SortState()
        self.loaded = False
        self.failures: dict[str, CloudError] = {}
        self._listing: Listing | None = None
        self._detail_timer: Any = None
        self._poll_timer: Any = None
        self._last_detail_key: str | None = None
        self._updated_at = ""
        self._with_region = False
        self.pending_key: str | None = None  # a row to put the cursor on once the next view arrives

    # ------------------------------------------------------------------ layout
    def compose(self):
        yield StatusLine(id=f"{self.id}-status")
        with Horizontal():
            yield VirtualTable(columns_for(self.kind), empty_text=f"No {self.kind.plural.lower()} loaded yet",
                               id=f"{self.id}-table")
            yield DetailPane(self.kind, now=self.app.now, id=f"{self.id}-detail")

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

    def on_mount(self) -> None:
        self._poll_timer = self.set_interval(self.app.poll_interval, self._poll_transitional, pause=False)

    # ------------------------------------------------------------------ loading
    def load(self) -> None:
        """(Re)list this kind in the current context; the status line says what is happening."""
        app = self.app
        ctx = app.context
        if ctx.compartment_id is None:
            return
        regions = all_regions() if ctx.all_regions else [ctx.region]
        if ctx.all_regions != self._with_region:
            self._with_region = ctx.all_regions
            self.table.set_columns(columns_for(self.kind, with_region=ctx.all_regions))
            self.sort = SortState()
            self.table.sort_column = None
        columns = self.table.columns
        where = "all regions" if ctx.all_regions else ctx.region.id
        self.status.busy(f"Listing {self.kind.plural.lower()} in {where}")
        self.table.empty_text = f"Listing {self.kind.plural.lower()} …"
        self.table.refresh()
        filters = self.filters.for_kind(self.kind)
        app.call(self, f"list {self.kind.plural.lower()}", fetch_listing, app.genai, self.kind, ctx.compartment_id,
                 regions, filters, columns, self.rowset, self.query_text, self.sort,
                 group="list", on_success=self._loaded, on_error=self._failed)

    def _loaded(self, listing: Listing) -> None:
        self.loaded = True
        self._listing = listing
        self.failures = listing.failures
        self._updated_at = self.app.now().astimezone().strftime("%H:%M:%S")
        self.table.empty_text = self._empty_text()
        self.table.set_rows(listing.view)
        if self.pending_key is not None and self.table.move_to_key(self.pending_key):
            self.pending_key = None  # a jump to a row of a list that was still loading
        self._update_status()
        for region_id, error in listing.failures.items():
            log.info("region %s failed: %s", region_id, error)
        if listing.failures:
            failed = ", ".join(f"{r} ({e.code or e.status})" for r, e in listing.failures.items())
            self.app.notify(f"{len(listing.failures)} region(s) failed: {failed}", title="All regions",
                            severity="warning", markup=False, timeout=8)
        self._highlight(self.table.current_row)
        self.app.list_shown(rows=bool(listing.view))

    def _failed(self, error: CloudError) -> None:
        self.loaded = True
        self.table.empty_text = f"Could not list {self.kind.plural.lower()}: {clean(error.code or error.message)}"
        self.table.set_rows([])
        self.rowset.replace([])
        self.status.done(Text(f"Failed: {clean(str(error))}"), error=True)
        self.app.list_shown(rows=False)
        self.app.show_error(error)

    def _empty_text(self) -> str:
        if self.query_text:
            return f"No {self.kind.plural.lower()} match /{clean(self.query_text)}  (esc clears)"
        if self.filters.active:
            return f"No {self.kind.plural.lower()} match the filters  (f to change)"
        return f"No {self.kind.plural.lower()} in this compartment and region"

    def _update_status(self) -> None:
        shown, total = self.table.row_count, len(self.rowset)
        text = Text()
        text.append(f"{shown}" if shown == total else f"{shown}/{total}", style="bold")
        text.append(f" {self.kind.plural.lower()}")
        ctx = self.app.context
        text.append(f" in {'all regions' if ctx.all_regions else ctx.region.id}")
        if self.query_text:
            text.append("  filter ", style="dim")
            text.append(parse_query(self.query_text).describe() or "/" + clean(self.query_text))
        if self.filters.for_kind(self.kind).active:
            text.append("  server ", style="dim")
            text.append(clean(self.filters.for_kind(self.kind).describe()))
        if self.sort.column is not None:
            col = self.table.columns[self.sort.column]
            text.append("  sort ", style="dim")
            text.append(f"{col.label} {'desc' if self.sort.descending else 'asc'}")
        if self.failures:
            text.append(f"  {len(self.failures)} region(s) failed: ", style="bold red")
            text.append(", ".join(f"{r} {clean(e.code or e.status)}" for r, e in self.failures.items()),
                        style="red")
        if self._updated_at:
            text.append(f"  updated {self._updated_at}", style="dim")
        self.status.done(text)

    # ------------------------------------------------------------------ `/` filter and sort
    def set_query(self, text: str) -> None:
        """Filter the loaded rows; runs in a worker, the newest keystroke wins."""
        self.query_text = text
        self._recompute()

    def _recompute(self) -> None:
        query, sort = self.query_text, self.sort
        self.app.call(self, "filter", self.rowset.view, query, sort, group="filter",
                      on_success=self._show_view)

    def _show_view(self, rows: list[Row]) -> None:
        self.table.sort_column = self.sort.column
        self.table.sort_descending = self.sort.descending
        self.table.empty_text = self._empty_text()
        self.table.set_rows(rows)
        if self.pending_key is not None:
            self.table.move_to_key(self.pending_key)
            self.pending_key = None
        self._update_status()

    def sort_by(self, column: int, descending: bool | None = None) -> None:
        if descending is None:
            descending = (not self.sort.descending) if self.sort.column == column else False
        self.sort = SortState(column, descending)
        self.table.sort_column, self.table.sort_descending = column, descending
        self.table.refresh()
        self._recompute()

    def action_sort_next(self) -> None:
        visible = [self.table.columns.index(c) for c in self.table.visible_columns]
        if not visible:
            return
        current = self.sort.column
        nxt = visible[0] if current not in visible else visible[(visible.index(current) + 1) % len(visible)]
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
        self._highlight(event.row)

    def _highlight(self, row: Row | None) -> None:
        if not self.detail.is_open:
            return
        if row is None:
            self.detail.clear()
            return
        if self.detail.obj is None or getattr(self.detail.obj, "id", None) != row.ocid:
            self.detail.show(row.obj, row.region)
        if self._detail_timer is not None:
            self._detail_timer.stop()
        self._detail_timer = self.set_timer(0.1, lambda: self._fetch_detail(row))

    def _fetch_detail(self, row: Row) -> None:
        self._last_detail_key = row.key
        self.app.call(self, f"get {self.kind.key}", self.app.genai.get, self.kind, row.ocid, region=row.region,
                      group="detail", on_success=lambda result: self._detail_loaded(row, result))

    def _detail_loaded(self, row: Row, result: Any) -> None:
        current = self.table.current_row
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

    def action_copy_ocid(self) -> None:
        row = self.table.current_row
        if row is None:
            self.app.notify("Nothing selected to copy", severity="warning")
            return
        self.app.copy_ocid(row.ocid)

    def action_back(self) -> None:
        if self.detail.is_open:
            self.set_detail_open(False)
        elif self.query_text:
            self.app.clear_filter()

    # ------------------------------------------------------------------ actions
    def action_refresh(self) -> None:
        self.load()

    def action_server_filters(self) -> None:
        from tui.ui.screens.filter_dialog import FilterDialog

        def apply(result: ServerFilters | None) -> None:
            if result is not None:
                self.filters = result
                self.load()

        self.app.push_screen(FilterDialog(self.kind, self.filters), apply)

    def _selected(self) -> Row | None:
        row = self.table.current_row
        if row is None:
            self.app.notify(f"Select a {self.kind.title.lower()} first", severity="warning")
        return row

    def action_create(self) -> None:
        from tui.ui import actions

        actions.open_create(self.app, self.kind)

    def action_edit(self) -> None:
        if (row := self._selected()) is not None:
            from tui.ui import actions

            actions.open_edit(self.app, self.kind, row.ocid, row.region)

    def action_move(self) -> None:
        if (row := self._selected()) is not None:
            from tui.ui import actions

            actions.open_move(self.app, self.kind, row.ocid, row.region)

    def action_delete(self) -> None:
        if (row := self._selected()) is not None:
            from tui.ui import actions

            actions.open_delete(self.app, self.kind, row.ocid, row.region, row.name)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in MUTATING_ACTIONS and self.app.read_only:
            return False
        if action == "create":
            from tui.ui.actions import CREATABLE

            return self.kind in CREATABLE  # no create wizard for this kind yet: hide `n`
        return True

    # ------------------------------------------------------------------ self-refresh
    def _poll_transitional(self) -> None:
        """Re-get rows in a transitional state (CREATING, DELETING, ...) until they settle."""
        if not self.loaded or not self.display:
            return
        busy = [r for r in self.table.rows[:2000] if self.kind.is_transitional(r.state)][:20]
        if not busy:
            return
        columns = list(self.table.columns)
        genai = self.app.genai

        def refetch() -> list[tuple[str, Row | None]]:
            out: list[tuple[str, Row | None]] = []
            for row in busy:
                try:
                    result = genai.get(self.kind, row.ocid, region=row.region)
                    out.append((row.key, build_row(result.data, columns, row.region)))
                except CloudError as exc:
                    if exc.status == 404:
                        out.append((row.key, None))
            updates = dict(out)
            rows = [updates.get(r.key, r) if r.key in updates else r for r in self.rowset.rows]
            self.rowset.replace([r for r in rows if r is not None])
            return out

        self.app.call(self, "refresh transitional", refetch, group="poll",
                      on_success=lambda _: self._after_poll(), on_error=lambda e: log.info("poll failed: %s", e))

    def _after_poll(self) -> None:
        self._updated_at = self.app.now().astimezone().strftime("%H:%M:%S")
        self._recompute()
        row = self.table.current_row
        if row is not None and self.detail.is_open:
            self._fetch_detail(row)

    def apply_server_filters(self, **changes: Any) -> None:
        self.filters = replace(self.filters, **changes)
        self.load()
