"""The side pane for the highlighted row: described fields, or the raw JSON (`y` toggles).

It first shows what the list already returned, then the full object from a `get`, which also
brings the etag and opc-request-id the pane prints. The text is built by `tui.ui.data.describe`,
which masks secrets and keeps every value literal.

Over SSH each repaint of the pane is several kilobytes, so it repaints only what changed: the body
compares its new lines with the ones on screen and refreshes only those that differ (the `get`
landing after the list's summary usually changes two lines: etag and request id); a title or body
equal to what is shown costs nothing; a cursor move shows the full object seen before for that row
at once, and otherwise waits briefly for the `get` before painting the list's summary, so a quick
answer is painted once, not twice.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Callable

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
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


class TextLines(Widget):
    """Static-like text whose `update` repaints only the lines that differ from the ones shown.

    Renders exactly as a `Static` with the same content would (same visual pipeline), so it can
    replace one without changing a pixel. `floor` keeps the widget at least that many lines tall
    (blank lines look like the background), so a new text of another length that still fits does
    not change the widget's size: no layout, which in a scrolling container would repaint all of it
    two or three times."""

    DEFAULT_CSS = """
    TextLines { height: auto; }
    """

    def __init__(self, content: VisualType = "", *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._content: VisualType = content
        self._shown: list[Strip] | None = None  # the content's lines last rendered, at `_shown_width`
        self._shown_width = -1
        self._floor = 0

    @property
    def content(self) -> VisualType:
        return self._content

    def render(self) -> VisualType:
        return self._content

    def lines_at(self, width: int) -> list[Strip]:
        """The content's lines at `width` (no blank lines below it)."""
        if self._shown is not None and width == self._shown_width:
            return self._shown
        visual = visualize(self, self._content, markup=False)
        self._shown = Visual.to_strips(self, visual, width, None, self.visual_style)
        self._shown_width = width
        return self._shown

    def set_floor(self, lines: int) -> None:
        if lines != self._floor:
            self._floor = lines
            self.styles.min_height = lines

    def update(self, content: VisualType) -> None:
        if _same_content(content, self._content):
            return
        width, height = self.size
        old = self._shown if self._shown_width == width else None
        self._content = content
        self._shown = None
        if not self.is_mounted or width <= 0 or old is None:
            self.refresh(layout=True)
            return
        new = self.lines_at(width)
        lines = len(new)
        if max(lines, self._floor) != height:
            self.refresh(layout=True)  # another height: the container lays out again
            return
        for y in range(height):
            before = old[y] if y < len(old) else None
            after = new[y] if y < len(new) else None
            if before != after:
                self.refresh(changed_span(before, after, y, width))

    def render_line(self, y: int) -> Strip:
        self.lines_at(self.size.width)  # what `update` compares with next time
        return super().render_line(y)


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


class DetailPane(VerticalScroll, can_focus=True):
    DEFAULT_CSS = """
    DetailPane { width: 1fr; border-left: vkey $panel; padding: 0 1; background: $surface; display: none; }
    DetailPane.-open { display: block; }
    DetailPane > #detail-title { text-style: bold; color: $accent; }
    """

    def __init__(self, kind: ResourceKind, *, now: Callable[[], datetime], id: str | None = None) -> None:
        super().__init__(id=id)
        self.kind = kind
        self.now = now
        self.mode = "detail"  # or "json"
        self._obj: Any = None
        self._region = ""
        self._etag: str | None = None
        self._request_id: str | None = None
        self._title: Text | None = None
        self._pending: Timer | None = None
        self._stale = True  # hidden since the last paint: the next preview paints at once
        # ocid -> (summary it was fetched for, full object, etag, request id): what a `get` returned
        self._full: dict[str, tuple[Any, Any, str | None, str | None]] = {}

    def compose(self) -> ComposeResult:
        yield TextLines("", id="detail-title")
        yield TextLines("", id="detail-body")

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    @property
    def obj(self) -> Any:
        return self._obj

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
        if self._obj is not None:
            self._refresh_body()
        self._fit_body()

    def _fit_body(self) -> None:
        """Keep title + body at least as tall as the pane, so rows whose details fit in it all give
        the body the same height (see `TextLines`)."""
        region = self.scrollable_content_region
        if region.width <= 0 or not self.is_mounted:
            return
        title = self.query_one("#detail-title", TextLines)
        body = self.query_one("#detail-body", TextLines)
        body.set_floor(max(0, region.height - len(title.lines_at(region.width))))

    def clear(self, message: str = "Nothing selected") -> None:
        self._cancel_pending()
        self._obj = None
        self._set_title(Text(message, style="dim"))
        self.query_one("#detail-body", TextLines).update("")

    def toggle_mode(self) -> str:
        self.mode = "json" if self.mode == "detail" else "detail"
        self._refresh_body()
        return self.mode

    def text(self) -> str:
        """What the body shows, as plain text (for tests and copy)."""
        body = self.query_one("#detail-body", TextLines).content
        return getattr(body, "plain", str(body))

    def _set_title(self, title: Text) -> None:
        if self._title is not None and _same_content(title, self._title):
            return
        self._title = title
        self.query_one("#detail-title", TextLines).update(title)
        self._fit_body()  # a title that wraps to more lines leaves fewer for the body

    def _refresh_body(self) -> None:
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
        self._set_title(title)
        self.query_one("#detail-body", TextLines).update(body)
