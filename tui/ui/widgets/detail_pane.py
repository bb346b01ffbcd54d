"""The side pane for the highlighted row: described fields, or the raw JSON (`y` toggles).

It first shows what the list already returned, then the full object from a `get`, which also
brings the etag and opc-request-id the pane prints. The text is built by `tui.ui.data.describe`,
which masks secrets and keeps every value literal.

Over SSH each repaint of the pane is several kilobytes, so it repaints only what changed. The pane
is one line-API widget that scrolls itself: a new object is wrapped into lines, compared with the
lines on screen, and only the differing cells of the differing lines are refreshed (a cursor move
to a model with the same fields repaints the values, not the labels; the `get` landing after the
list's summary usually changes two lines: etag and request id). Nothing in it ever changes size, so
a new text of another length never lays the pane (or the table beside it) out again: its own
one-column scroll bar (drawn only when the text is taller than the pane) moves instead of Textual's.
A title or body equal to what is shown costs nothing; a cursor move shows the full object seen
before for that row at once, and otherwise waits briefly for the `get` before painting the list's
summary, so a quick answer is painted once, not twice.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Callable

from rich.cells import cell_len
from rich.text import Text
from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.strip import Strip
from textual.timer import Timer
from textual.visual import Visual, VisualType, visualize
from textual.widget import Widget

from tui.cloud.resources import ResourceKind
from tui.ui.data.describe import describe, raw_json
from tui.ui.data.inspect_text import highlighted
from tui.ui.data.presentation import presentation
from tui.ui.text import clean

SUMMARY_DELAY = 0.25  # seconds a cursor move waits for the full object before painting the summary
FULL_CACHE_SIZE = 256  # full objects remembered per pane (a screen of rows, both ways)


def _cells(strip: Strip | None) -> list[tuple[str, Any]]:
    """One (text, style) per terminal cell (a wide character's second cell is ("", style))."""
    out: list[tuple[str, Any]] = []
    if strip is None:
        return out
    for text, style, _control in strip:
        for ch in text:
            width = cell_len(ch)
            if width == 0 and out:
                out[-1] = (out[-1][0] + ch, style)
                continue
            out.append((ch, style))
            if width == 2:
                out.append(("", style))
    return out


def changed_span(before: Strip | None, after: Strip | None, y: int, width: int) -> Region:
    """The part of line `y` that differs between two renderings (a changed date repaints its
    digits, not the line): from the first to the last differing cell, one cell of margin."""
    a, b = _cells(before), _cells(after)
    n = max(len(a), len(b))
    missing = ("", None)
    lo = next((i for i in range(n) if (a[i] if i < len(a) else missing) != (b[i] if i < len(b) else missing)), 0)
    hi = next((i for i in range(n - 1, -1, -1)
               if (a[i] if i < len(a) else missing) != (b[i] if i < len(b) else missing)), n - 1)
    if before is None or after is None or len(a) != len(b):
        hi = width - 1  # a line that appears, goes or changes length: repaint to its end
    lo, hi = max(0, lo - 1), min(width - 1, max(hi, lo) + 1)
    return Region(lo, y, hi - lo + 1, 1)


def _same_content(a: VisualType, b: VisualType) -> bool:
    if isinstance(a, Text) and isinstance(b, Text):
        return a.plain == b.plain and a.spans == b.spans and a.style == b.style
    return a is b or (isinstance(a, str) and isinstance(b, str) and a == b)


class DetailPane(Widget, can_focus=True):
    COMPONENT_CLASSES = {"detail--title", "detail--track", "detail--thumb"}
    DEFAULT_CSS = """
    DetailPane {
        width: 1fr; height: 1fr; border-left: vkey $panel; padding: 0 1; background: $surface; display: none;
    }
    DetailPane.-open { display: block; }
    DetailPane > .detail--title { text-style: bold; color: $accent; }
    DetailPane > .detail--track { background: $scrollbar-background; }
    DetailPane > .detail--thumb { background: $scrollbar; }
    """
    BINDINGS = [
        Binding("up,k", "scroll_lines(-1)", "Up", show=False),
        Binding("down,j", "scroll_lines(1)", "Down", show=False),
        Binding("pageup", "scroll_page(-1)", "Page up", show=False),
        Binding("pagedown", "scroll_page(1)", "Page down", show=False),
        Binding("home", "scroll_edge(0)", "Top", show=False),
        Binding("end", "scroll_edge(1)", "Bottom", show=False),
    ]

    def __init__(self, kind: ResourceKind, *, now: Callable[[], datetime], id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.kind = kind
        self.now = now
        self.mode = "detail"  # or "json"
        self._obj: Any = None
        self._region = ""
        self._etag: str | None = None
        self._request_id: str | None = None
        self._title: Text | None = None
        self._body: VisualType = ""
        self._top = 0  # the first text line shown (the pane scrolls itself)
        self._lines: list[Strip] | None = None  # title + body wrapped at `_lines_width`
        self._lines_width = -1
        self._pending: Timer | None = None
        self._stale = True  # hidden since the last paint: the next preview paints at once
        # ocid -> (summary it was fetched for, full object, etag, request id): what a `get` returned
        self._full: dict[str, tuple[Any, Any, str | None, str | None]] = {}

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    @property
    def obj(self) -> Any:
        return self._obj

    @property
    def scroll_top(self) -> int:
        """The first text line on screen (0: the title)."""
        return self._top

    def show(self, obj: Any, region: str, *, etag: str | None = None, request_id: str | None = None) -> None:
        self._cancel_pending()
        self._stale = False
        self._obj, self._region, self._etag, self._request_id = obj, region, etag, request_id
        self._refresh_body()

    def remember(self, summary: Any, obj: Any, *, etag: str | None, request_id: str | None) -> None:
        """Keep the full object a `get` returned for the row whose list summary is `summary`."""
        ocid = getattr(obj, "id", None)
        if not ocid:
            return
        if len(self._full) >= FULL_CACHE_SIZE:
            self._full.pop(next(iter(self._full)))
        self._full[ocid] = (summary, obj, etag, request_id)

    def preview(self, summary: Any, region: str) -> None:
        """The cursor moved to a row: show what is known about it without painting twice.

        The full object from an earlier `get` is shown at once when the row's summary is the same
        object it was fetched for (a reload makes new summaries, so nothing stale is shown);
        otherwise the summary is painted after `SUMMARY_DELAY` unless `show` (the `get`) came first."""
        ocid = getattr(summary, "id", None)
        known = self._full.get(ocid) if ocid else None
        if known is not None and known[0] is summary:
            self.show(known[1], region, etag=known[2], request_id=known[3])
            return
        self._cancel_pending()
        if self._obj is None or self._stale or not self.is_mounted:
            self.show(summary, region)  # nothing (current) on screen to keep meanwhile
            return

        def paint() -> None:
            self._pending = None
            self.show(summary, region)

        self._pending = self.set_timer(SUMMARY_DELAY, paint)

    def _cancel_pending(self) -> None:
        if self._pending is not None:
            self._pending.stop()
            self._pending = None

    def on_hide(self) -> None:
        self._cancel_pending()
        self._stale = True

    def on_resize(self) -> None:
        self._lines = None
        if self._obj is not None:
            self._refresh_body(repaint=False)  # the label width follows the pane's width
        self._top = self._clamped(self._top)
        self.refresh()

    def notify_style_update(self) -> None:
        self._lines = None  # a theme or CSS change: every wrapped line has old colours
        super().notify_style_update()

    def clear(self, message: str = "Nothing selected") -> None:
        self._cancel_pending()
        self._obj = None
        self._set_content(Text(message, style="dim"), "")

    def toggle_mode(self) -> str:
        self.mode = "json" if self.mode == "detail" else "detail"
        self._refresh_body()
        return self.mode

    def text(self) -> str:
        """What the body shows, as plain text (for tests and copy)."""
        return getattr(self._body, "plain", str(self._body))

    def _refresh_body(self, *, repaint: bool = True) -> None:
        if self._obj is None:
            self.clear()
            return
        name = clean(getattr(self._obj, "display_name", "") or getattr(self._obj, "id", ""))
        title = Text(f"{presentation(self.kind).title}: ", style="bold")
        title.append(name)
        body: Text
        if self.mode == "json":
            title.append("  (raw JSON, y: fields)", style="dim")
            body = highlighted(raw_json(self._obj), "json")  # cleaned, then highlighted: still literal
        else:
            body = describe(self.kind, self._obj, now=self.now, region=self._region, etag=self._etag,
                            request_id=self._request_id, label_width=19 if self.size.width >= 50 else 15)
        self._set_content(title, body, repaint=repaint)

    # ------------------------------------------------------------------ lines and repaints
    def _set_content(self, title: Text, body: VisualType, *, repaint: bool = True) -> None:
        """Show `title` over `body`, refreshing only the cells that differ from what is on screen."""
        same_title = self._title is not None and _same_content(title, self._title)
        if same_title and _same_content(body, self._body):
            return
        width, height = self.size
        old = self._screen_lines() if repaint and self._lines is not None and width > 0 else None
        self._title, self._body = title, body
        self._lines = None
        if not repaint:
            return
        self._top = self._clamped(self._top)
        if old is None or not self.is_mounted:
            self.refresh()
            return
        new = self._screen_lines()
        for y in range(height):
            if old[y] != new[y]:
                self.refresh(changed_span(old[y], new[y], y, width))

    def _wrapped(self) -> list[Strip]:
        """Title and body wrapped to the pane: to its full width when they fit in its height, else
        one column narrower (the scroll bar's)."""
        width, height = self.size
        if self._lines is not None and self._lines_width == width:
            return self._lines
        lines = self._wrap(width)
        if len(lines) > height and width > 1:
            lines = self._wrap(width - 1)
        self._lines, self._lines_width = lines, width
        return lines

    def _wrap(self, width: int) -> list[Strip]:
        if width <= 0:
            return []
        lines: list[Strip] = []
        if self._title is not None:
            visual = visualize(self, self._title, markup=False)
            lines += Visual.to_strips(self, visual, width, None, self.get_visual_style("detail--title"), pad=True)
        if self._body is not None and getattr(self._body, "plain", self._body) != "":
            visual = visualize(self, self._body, markup=False)
            lines += Visual.to_strips(self, visual, width, None, self.visual_style, pad=True)
        return lines

    def _clamped(self, top: int) -> int:
        return max(0, min(top, len(self._wrapped()) - self.size.height))

    def _screen_lines(self) -> list[Strip]:
        """The pane's lines as they are painted now (text, blank lines below it, the scroll bar)."""
        return [self._line(y) for y in range(self.size.height)]

    def _line(self, y: int) -> Strip:
        width, height = self.size
        lines = self._wrapped()
        overflow = len(lines) > height
        text_width = width - 1 if overflow and width > 1 else width
        index = self._top + y
        strip = lines[index] if index < len(lines) else Strip.blank(text_width, self.rich_style)
        if overflow and width > 1:
            strip = Strip.join([strip.crop(0, text_width), self._scroll_cell(y, height, len(lines))])
        return strip

    def _scroll_cell(self, y: int, height: int, total: int) -> Strip:
        thumb = max(1, round(height * height / total))
        start = round(self._top * (height - thumb) / max(1, total - height))
        part = "detail--thumb" if start <= y < start + thumb else "detail--track"
        return Strip([Segment(" ", self.get_component_rich_style(part))], 1)

    def render_line(self, y: int) -> Strip:
        return self._line(y)

    # ------------------------------------------------------------------ scrolling
    def _move_top(self, top: int) -> None:
        top = self._clamped(top)
        if top != self._top:
            self._top = top
            self.refresh()

    def action_scroll_lines(self, delta: int) -> None:
        self._move_top(self._top + delta)

    def action_scroll_page(self, direction: int) -> None:
        self._move_top(self._top + direction * max(1, self.size.height - 1))

    def action_scroll_edge(self, end: int) -> None:
        self._move_top(len(self._wrapped()) if end else 0)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self._move_top(self._top + 3)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self._move_top(self._top - 3)
