"""A table that renders only the lines on screen, so 10,000 rows cost what 40 do.

Textual's DataTable measures every cell of every row on the UI thread (about 1.1-1.5 s per 10k
rows here); this widget is a `ScrollView` with `render_line` (the Toolong pattern): the rows are a
plain list it never walks, the header is line 0 and stays put, and a row is padded into segments
only when its line is painted. Cells arrive already cleaned (`tui.ui.text.clean`), so nothing here
can be markup or an escape sequence.
"""

from __future__ import annotations

from typing import Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.ui.data.columns import Column, fit_columns
from tui.ui.data.rows import Row

GOOD_STATES = {"ACTIVE", "SUCCEEDED"}
BUSY_STATES = {"CREATING", "UPDATING", "DELETING", "IN_PROGRESS", "ACCEPTED", "CANCELING", "WAITING"}
BAD_STATES = {"FAILED", "DELETED", "CANCELED"}
WARN_STATES = {"NEEDS_ATTENTION"}  # a descriptor's warning_states (clusters): usable, but look at it


class VirtualTable(ScrollView, can_focus=True):
    """Rows of pre-cleaned cells under a sticky header; a cursor row; header clicks request sorting."""

    COMPONENT_CLASSES = {
        "vtable--header", "vtable--cursor", "vtable--good", "vtable--busy", "vtable--bad", "vtable--empty",
        "vtable--sorted", "vtable--warn",
    }
    DEFAULT_CSS = """
    VirtualTable { background: $surface; scrollbar-size-vertical: 1; overflow-x: hidden; }
    VirtualTable > .vtable--header { background: $panel; color: $foreground; text-style: bold; }
    VirtualTable > .vtable--sorted { background: $panel; color: $accent; text-style: bold; }
    VirtualTable > .vtable--cursor { background: $block-cursor-blurred-background; }
    VirtualTable:focus > .vtable--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: $block-cursor-text-style;
    }
    VirtualTable > .vtable--good { color: $success; }
    VirtualTable > .vtable--busy { color: $warning; }
    VirtualTable > .vtable--bad { color: $error; }
    VirtualTable > .vtable--warn { color: $warning; text-style: bold reverse; }
    VirtualTable > .vtable--empty { color: $text-muted; text-style: italic; }
    """
    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False, id="cursor-up"),
        Binding("down,j", "cursor(1)", "Down", show=False, id="cursor-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="page-up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="page-down"),
        Binding("home,g", "edge(0)", "First", show=False, id="first"),
        Binding("end,G", "edge(1)", "Last", show=False, id="last"),
    ]

    cursor = reactive(0, always_update=True, repaint=False)

    class CursorMoved(Message):
        """The highlighted row changed (row is None when the table is empty)."""

        def __init__(self, table: "VirtualTable", row: Row | None) -> None:
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> "VirtualTable":
            return self.table

    class HeaderClicked(Message):
        def __init__(self, table: "VirtualTable", column: int) -> None:
            super().__init__()
            self.table = table
            self.column = column

        @property
        def control(self) -> "VirtualTable":
            return self.table

    def __init__(self, columns: Sequence[Column] = (), *, empty_text: str = "Nothing to show",
                 name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._columns: list[Column] = list(columns)
        self._rows: list[Row] = []
        self._layout: list[tuple[Column, int]] = []
        self._layout_width = -1
        self.empty_text = empty_text
        self.sort_column: int | None = None
        self.sort_descending = False
        self.progress_column: str | None = None

    # ------------------------------------------------------------------ data
    @property
    def rows(self) -> list[Row]:
        return self._rows

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def columns(self) -> list[Column]:
        return self._columns

    @property
    def visible_columns(self) -> list[Column]:
        return [c for c, _ in self._fit()]

    @property
    def current_row(self) -> Row | None:
        if 0 <= self.cursor < len(self._rows):
            return self._rows[self.cursor]
        return None

    def set_columns(self, columns: Sequence[Column]) -> None:
        self._columns = list(columns)
        self._layout_width = -1
        self.refresh()

    def set_rows(self, rows: list[Row], *, keep: str | None = None) -> None:
        """Show `rows` (O(1): the list is kept, not copied); keep the cursor on row key `keep`."""
        previous = keep if keep is not None else (self.current_row.key if self.current_row else None)
        self._rows = rows
        self.virtual_size = Size(self.size.width, len(rows) + 1)
        target = 0
        if previous is not None and rows:
            # only look near the old position: a full scan would be O(n) per keystroke
            lo = max(0, self.cursor - 50)
            for i in range(lo, min(len(rows), self.cursor + 50)):
                if rows[i].key == previous:
                    target = i
                    break
        self.cursor = min(target, max(0, len(rows) - 1))
        self._scroll_cursor_visible()
        self.refresh()

    def move_to_key(self, key: str) -> bool:
        for i, row in enumerate(self._rows):
            if row.key == key:
                self.cursor = i
                self._scroll_cursor_visible()
                return True
        return False

    # ------------------------------------------------------------------ cursor
    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh()
        self.post_message(self.CursorMoved(self, self.current_row))

    def _body_height(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_cursor_visible(self) -> None:
        top = int(self.scroll_y)
        height = self._body_height()
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def _move(self, index: int) -> None:
        if not self._rows:
            return
        index = max(0, min(len(self._rows) - 1, index))
        if index != self.cursor:
            self.cursor = index
            self._scroll_cursor_visible()

    def action_cursor(self, delta: int) -> None:
        self._move(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self._move(self.cursor + direction * self._body_height())

    def action_edge(self, end: int) -> None:
        self._move(len(self._rows) - 1 if end else 0)

    # ------------------------------------------------------------------ mouse
    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            x = 0
            for index, (column, width) in enumerate(self._fit()):
                if x <= offset.x < x + width + 1:
                    self.post_message(self.HeaderClicked(self, self._columns.index(column)))
                    return
                x += width + 1
            return
        self.focus()
        self._move(int(self.scroll_y) + offset.y - 1)

    # ------------------------------------------------------------------ rendering
    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.size.width, len(self._rows) + 1)
        self._scroll_cursor_visible()

    def _fit(self) -> list[tuple[Column, int]]:
        width = self.scrollable_content_region.width
        if width != self._layout_width:
            self._layout = fit_columns(self._columns, width)
            self._layout_width = width
        return self._layout

    def _state_style(self, state: str) -> Style:
        if state in GOOD_STATES:
            return self.get_component_rich_style("vtable--good", partial=True)
        if state in BUSY_STATES:
            return self.get_component_rich_style("vtable--busy", partial=True)
        if state in BAD_STATES:
            return self.get_component_rich_style("vtable--bad", partial=True)
        if state in WARN_STATES:
            return self.get_component_rich_style("vtable--warn", partial=True)
        return Style()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            return self._render_header(width, base)
        index = int(self.scroll_y) + y - 1
        if not self._rows:
            if y == 1:
                style = base + self.get_component_rich_style("vtable--empty", partial=True)
                return Strip([Segment(set_cell_size(" " + self.empty_text, width), style)], width)
            return Strip.blank(width, base)
        if index >= len(self._rows):
            return Strip.blank(width, base)
        row = self._rows[index]
        row_style = base
        if index == self.cursor:
            row_style = base + self.get_component_rich_style("vtable--cursor", partial=True)
        segments: list[Segment] = []
        used = 0
        for column, col_width in self._fit():
            i = self._columns.index(column)
            text = row.cells[i] if i < len(row.cells) else ""
            style = row_style
            if column.kind == "state":
                style = row_style + self._state_style(row.state)
                if index == self.cursor:
                    style = style + self.get_component_rich_style("vtable--cursor", partial=True)
            segments.append(Segment(fit_cell(text, col_width), style))
            segments.append(Segment(" ", row_style))
            used += col_width + 1
        if used < width:
            segments.append(Segment(" " * (width - used), row_style))
        return Strip(segments).crop(0, width)

    def _render_header(self, width: int, base: Style) -> Strip:
        header = base + self.get_component_rich_style("vtable--header", partial=True)
        sorted_style = base + self.get_component_rich_style("vtable--sorted", partial=True)
        segments: list[Segment] = []
        used = 0
        for column, col_width in self._fit():
            label = column.label
            style = header
            if self.sort_column is not None and self._columns[self.sort_column] is column:
                label = f"{label} {'▼' if self.sort_descending else '▲'}"
                style = sorted_style
            segments.append(Segment(fit_cell(label, col_width), style))
            segments.append(Segment(" ", header))
            used += col_width + 1
        if used < width:
            segments.append(Segment(" " * (width - used), header))
        return Strip(segments).crop(0, width)

    def refresh_row(self, index: int) -> None:
        y = index - int(self.scroll_y) + 1
        if 0 < y <= self._body_height():
            self.refresh(Region(0, y, self.size.width, 1))


def fit_cell(text: str, width: int) -> str:
    """Pad or cut `text` to exactly `width` cells; a cut is marked with "…" so it is not misread."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"


def measure(text: str) -> int:
    return cell_len(text)
