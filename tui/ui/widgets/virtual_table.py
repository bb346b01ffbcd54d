"""A table that renders only the lines on screen, so 10,000 rows cost what 40 do.

Textual's DataTable measures every cell of every row on the UI thread (about 1.1-1.5 s per 10k
rows here); this widget is a `ScrollView` with `render_line` (the Toolong pattern): the rows are a
plain list it never walks, the header is line 0 and stays put, and a row is padded into segments
only when its line is painted. Cells arrive already cleaned (`tui.ui.text.clean`), so nothing here
can be markup or an escape sequence.

Over SSH every repainted line is bytes on the wire (about 650 per 120-column line in truecolour
before this widget merged its segments), so it repaints only what changed: a cursor move refreshes
the two rows involved, a new list is compared line by line with the one on screen, focus changes
repaint the cursor row, and each row's `Strip` is cached by its content, width and selection.
"""

from __future__ import annotations

from typing import Any, Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
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
MARK_GLYPH = "✓ "  # before the first cell of a marked row
WARN_STATES = {"NEEDS_ATTENTION"}  # a cluster state: usable, but look at it


class VirtualTable(ScrollView, can_focus=True):
    """Rows of pre-cleaned cells under a sticky header; a cursor row; header clicks request sorting."""

    COMPONENT_CLASSES = {
        "vtable--header", "vtable--cursor", "vtable--cursor-focused", "vtable--good", "vtable--busy", "vtable--bad",
        "vtable--empty", "vtable--sorted", "vtable--warn", "vtable--marked", "vtable--emphasis",
    }
    DEFAULT_CSS = """
    VirtualTable { background: $surface; scrollbar-size-vertical: 1; overflow-x: hidden; overflow-y: scroll; }
    VirtualTable > .vtable--header { background: $panel; color: $foreground; text-style: bold; }
    VirtualTable > .vtable--sorted { background: $panel; color: $accent; text-style: bold; }
    VirtualTable > .vtable--cursor { background: $block-cursor-blurred-background; }
    VirtualTable > .vtable--cursor-focused {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: $block-cursor-text-style;
    }
    VirtualTable > .vtable--good { color: $success; }
    VirtualTable > .vtable--busy { color: $warning; }
    VirtualTable > .vtable--bad { color: $error; }
    VirtualTable > .vtable--warn { color: $warning; text-style: bold reverse; }
    VirtualTable > .vtable--empty { color: $text-muted; text-style: italic; }
    VirtualTable > .vtable--marked { color: $accent; text-style: bold; }
    VirtualTable > .vtable--emphasis { color: $error; text-style: bold reverse; }
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

    LINE_CACHE_SIZE = 512  # rows' strips kept: a dozen screens of scrolling back and forth

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
        self._layout_cells: list[tuple[int, int, bool]] = []  # (cell index, width, is state) per shown column
        self._layout_width = -1
        self._empty_text = empty_text
        self._sort_column: int | None = None
        self._sort_descending = False
        #: (column, descending) the rows come in when no sort is chosen: marked ▽/△ in the header
        self.default_sort: tuple[int, bool] | None = None
        self.progress_column: str | None = None
        #: keys of marked rows (the list view's `space`): a glyph before the first cell, bold
        self.marked: frozenset[str] = frozenset()
        #: states whose state cell is shown bold reverse (FAILED in every view: it stands out under NO_COLOR too)
        self.emphasis_states: frozenset[str] = frozenset({"FAILED"})
        # (key, cells, state, width, selected, focused) -> Strip; cleared when styles or columns change
        self._line_cache: LRUCache[tuple[Any, ...], Strip] = LRUCache(self.LINE_CACHE_SIZE)
        self._pass_style: Style | None = None  # the widget's style during one render pass (render_lines)

    # ------------------------------------------------------------------ what the header / empty line show
    @property
    def empty_text(self) -> str:
        return self._empty_text

    @empty_text.setter
    def empty_text(self, text: str) -> None:
        if text != self._empty_text:
            self._empty_text = text
            if not self._rows:
                self._refresh_screen_line(1)

    @property
    def sort_column(self) -> int | None:
        return self._sort_column

    @sort_column.setter
    def sort_column(self, column: int | None) -> None:
        if column != self._sort_column:
            self._sort_column = column
            self._refresh_screen_line(0)

    @property
    def sort_descending(self) -> bool:
        return self._sort_descending

    @sort_descending.setter
    def sort_descending(self, descending: bool) -> None:
        if descending != self._sort_descending:
            self._sort_descending = descending
            self._refresh_screen_line(0)

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
        self._line_cache.clear()
        self.refresh()

    def set_rows(self, rows: list[Row], *, keep: str | None = None) -> None:
        """Show `rows` (O(1): the list is kept, not copied); keep the cursor on row key `keep`.

        Only the lines whose row differs from the one painted there are repainted (the work is
        proportional to the screen, not the list)."""
        previous = keep if keep is not None else (self.current_row.key if self.current_row else None)
        old_rows, old_top = self._rows, int(self.scroll_y)
        self._rows = rows
        relaid = self._set_height(len(rows) + 1)
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
        top = int(self.scroll_y)
        if relaid or top != old_top or not old_rows or not rows:
            self.refresh()  # the layout or the scroll position changed: every line is new
            return
        for y in range(1, self._body_height() + 1):
            index = top + y - 1
            old = old_rows[index] if index < len(old_rows) else None
            new = rows[index] if index < len(rows) else None
            if not same_row(old, new):
                self._refresh_screen_line(y)

    def _set_height(self, lines: int) -> bool:
        """Make the scrollable height `lines`; whether that took a layout pass (the scrollbar came or went).

        Assigning `virtual_size` lays out the whole screen (~20 ms with the prompt, header and footer),
        once per `/` keystroke whose match count changes. While the vertical scrollbar stays as it is the
        layout cannot change, so only the scroll range and the scrollbar are updated, as Textual's own
        `ScrollView._size_updated` does when it is told `layout=False`."""
        virtual_size = Size(self.size.width, lines)
        if virtual_size == self.virtual_size:
            return False
        height = self.container_size.height
        comes_or_goes = self.styles.overflow_y == "auto" and (
            (virtual_size.height > height) != (self.virtual_size.height > height))
        if comes_or_goes or not self.is_mounted:
            self.virtual_size = virtual_size
            return True
        self.set_reactive(VirtualTable.virtual_size, virtual_size)
        self._scroll_update(virtual_size)
        return False

    def set_marked(self, keys: frozenset[str]) -> None:
        """Show `keys` as marked; only the rows whose mark changed are repainted."""
        if keys == self.marked:
            return
        changed = keys ^ self.marked
        self.marked = keys
        top = int(self.scroll_y)
        for y in range(1, self._body_height() + 1):
            index = top + y - 1
            if index < len(self._rows) and self._rows[index].key in changed:
                self._refresh_screen_line(y)

    def move_to_key(self, key: str) -> bool:
        for i, row in enumerate(self._rows):
            if row.key == key:
                self.cursor = i
                self._scroll_cursor_visible()
                return True
        return False

    # ------------------------------------------------------------------ cursor
    def watch_cursor(self, old: int, new: int) -> None:
        if old != new:
            self.refresh_row(old)
            self.refresh_row(new)
        self.post_message(self.CursorMoved(self, self.current_row))

    def _on_focus(self, event: events.Focus) -> None:
        # Widget._on_focus repaints the whole widget; only the cursor row's style depends on focus
        event.prevent_default()  # instead of Widget._on_focus (same work, minus the full repaint)
        self.has_focus = True
        self.refresh_row(self.cursor)
        if self.parent is not None:
            self.parent.post_message(events.DescendantFocus(self))

    def _on_blur(self, event: events.Blur) -> None:
        event.prevent_default()
        self.has_focus = False
        self.refresh_row(self.cursor)
        if self.parent is not None:
            self.parent.post_message(events.DescendantBlur(self))

    def notify_style_update(self) -> None:
        self._line_cache.clear()  # a theme or CSS change: every cached strip has old colours
        super().notify_style_update()

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
            for column, width in self._fit():
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
            self._layout_cells = [(self._columns.index(c), w, c.kind == "state") for c, w in self._layout]
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

    def render_lines(self, crop: Region) -> list[Strip]:
        # `rich_style` walks every ancestor (~0.16 ms); one render pass asks it once, not once a line
        self._pass_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._pass_style = None

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._pass_style or self.rich_style
        if y == 0:
            return self._render_header(width, base)
        index = int(self.scroll_y) + y - 1
        if not self._rows:
            if y == 1:
                style = base + self.get_component_rich_style("vtable--empty", partial=True)
                return Strip([Segment(set_cell_size(" " + self._empty_text, width), style)], width)
            return Strip.blank(width, base)
        if index >= len(self._rows):
            return Strip.blank(width, base)
        row = self._rows[index]
        selected = index == self.cursor
        marked = row.key in self.marked
        key = (row.key, row.cells, row.state, width, selected, selected and self.has_focus, marked)
        strip = self._line_cache.get(key)
        if strip is None:
            strip = self._render_row(row, width, base, selected, marked)
            self._line_cache.set(key, strip)
        return strip

    def _render_row(self, row: Row, width: int, base: Style, selected: bool, marked: bool = False) -> Strip:
        row_style = base
        if marked:
            row_style = base + self.get_component_rich_style("vtable--marked", partial=True)
        # Not `VirtualTable:focus > .vtable--cursor`: a component style that changes with focus makes
        # Textual repaint the whole widget on every focus change (the `/` prompt opening and closing).
        cursor_style = self.get_component_rich_style(
            "vtable--cursor-focused" if self.has_focus else "vtable--cursor", partial=True)
        if selected:
            row_style = row_style + cursor_style
        self._fit()
        segments: list[Segment] = []
        used = 0
        cells = row.cells
        for n, (i, col_width, is_state) in enumerate(self._layout_cells):
            text = cells[i] if i < len(cells) else ""
            if n == 0 and marked:
                text = MARK_GLYPH + text
            style = row_style
            if is_state:
                style = row_style + self._state_style(row.state)
                if row.state in self.emphasis_states:
                    style = style + self.get_component_rich_style("vtable--emphasis", partial=True)
                if selected:
                    style = style + cursor_style
            segments.append(Segment(fit_cell(text, col_width), style))
            segments.append(Segment(" ", row_style))
            used += col_width + 1
        if used < width:
            segments.append(Segment(" " * (width - used), row_style))
        # adjacent cells share a style: one SGR sequence per run instead of one per cell
        return Strip(Segment.simplify(segments)).crop(0, width)

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
            elif (self.sort_column is None and self.default_sort is not None
                  and self.default_sort[0] < len(self._columns) and self._columns[self.default_sort[0]] is column):
                label = f"{label} {'▽' if self.default_sort[1] else '△'}"  # the service's own order
            segments.append(Segment(fit_cell(label, col_width), style))
            segments.append(Segment(" ", header))
            used += col_width + 1
        if used < width:
            segments.append(Segment(" " * (width - used), header))
        return Strip(Segment.simplify(segments)).crop(0, width)

    def refresh_row(self, index: int) -> None:
        """Repaint row `index` if it is on screen (nothing else)."""
        y = index - int(self.scroll_y) + 1
        if 0 < y <= self._body_height():
            self._refresh_screen_line(y)

    def _refresh_screen_line(self, y: int) -> None:
        if self.is_mounted:
            self.refresh(Region(0, y, self.size.width, 1))


def same_row(a: Row | None, b: Row | None) -> bool:
    """Whether `a` and `b` paint the same line (the table shows only key, cells and state)."""
    if a is b:
        return True
    if a is None or b is None:
        return False
    return a.key == b.key and a.cells == b.cells and a.state == b.state


def fit_cell(text: str, width: int) -> str:
    """Pad or cut `text` to exactly `width` cells; a cut is marked with "…" so it is not misread."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"


def measure(text: str) -> int:
    return cell_len(text)
