"""The side pane for the highlighted row: described fields, or the raw JSON (`y` toggles).

It first shows what the list already returned (instant), then the full object from a `get`, which
also brings the etag and opc-request-id the pane prints. The text is built by
`tui.ui.data.describe`, which masks secrets and keeps every value literal.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Callable

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.cloud.resources import ResourceKind
from tui.ui.data.describe import describe, raw_json
from tui.ui.text import clean


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

    def compose(self):
        yield Static("", id="detail-title", markup=False)
        yield Static("", id="detail-body", markup=False)

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    @property
    def obj(self) -> Any:
        return self._obj

    def show(self, obj: Any, region: str, *, etag: str | None = None, request_id: str | None = None) -> None:
        self._obj, self._region, self._etag, self._request_id = obj, region, etag, request_id
        self._refresh_body()

    def on_resize(self) -> None:
        if self._obj is not None:
            self._refresh_body()

    def clear(self, message: str = "Nothing selected") -> None:
        self._obj = None
        self.query_one("#detail-title", Static).update(Text(message, style="dim"))
        self.query_one("#detail-body", Static).update("")

    def toggle_mode(self) -> str:
        self.mode = "json" if self.mode == "detail" else "detail"
        self._refresh_body()
        return self.mode

    def text(self) -> str:
        """What the body shows, as plain text (for tests and copy)."""
        body = self.query_one("#detail-body", Static).render()
        return getattr(body, "plain", str(body))

    def _refresh_body(self) -> None:
        if self._obj is None:
            self.clear()
            return
        name = clean(getattr(self._obj, "display_name", "") or getattr(self._obj, "id", ""))
        title = Text(f"{self.kind.title}: ", style="bold")
        title.append(name)
        if self.mode == "json":
            title.append("  (raw JSON, y: fields)", style="dim")
            body = Text(clean(raw_json(self._obj), multiline=True, limit=200_000), no_wrap=False)
        else:
            body = describe(self.kind, self._obj, now=self.now, region=self._region, etag=self._etag,
                            request_id=self._request_id, label_width=19 if self.size.width >= 50 else 15)
        self.query_one("#detail-title", Static).update(title)
        self.query_one("#detail-body", Static).update(body)
