"""One quiet status line per view: "Listing models in us-chicago-1 …", then counts and "updated".

A full-pane spinner streams about 100 KB/s over SSH; a line of text that changes twice per load
costs nothing and tells the operator more (what is loading, where, and how fresh the data is).
It repaints only when its text changes.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.widget import Widget

from tui.ui.text import clean


def freshness(updated: datetime, now: datetime, interval: float) -> str:
    """`updated 10 s ago · every 15 s`: how old the rows are and how often they renew themselves.

    The age moves in 5-second steps under a minute, then in minutes, so the line repaints a few
    times per refresh rather than every second (each repaint is bytes on an SSH link)."""
    age = max(0.0, (now - updated).total_seconds())
    if age < 5:
        ago = "just now"
    elif age < 60:
        ago = f"{int(age // 5 * 5)} s ago"
    elif age < 3600:
        ago = f"{int(age // 60)} min ago"
    else:
        ago = f"at {updated.astimezone():%H:%M}"
    every = f"every {interval:g} s" if interval > 0 else "auto-refresh off"
    return f"updated {ago} · {every}"


class StatusLine(Widget):
    DEFAULT_CSS = """
    StatusLine { height: 1; background: $surface; color: $text-muted; padding: 0 1; }
    StatusLine.-busy { color: $warning; }
    StatusLine.-error { color: $error; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text("")

    @property
    def plain(self) -> str:
        return self._text.plain

    def busy(self, message: str) -> None:
        self.set_class(True, "-busy")
        self.set_class(False, "-error")
        self._set(Text(clean(message) + " …"))

    def done(self, text: Text | str, *, error: bool = False) -> None:
        self.set_class(False, "-busy")
        self.set_class(error, "-error")
        self._set(text if isinstance(text, Text) else Text(clean(text)))

    def _set(self, text: Text) -> None:
        text.no_wrap = True
        text.overflow = "ellipsis"
        old = self._text
        self._text = text
        if text.plain != old.plain or text.spans != old.spans or text.style != old.style:
            self.refresh()  # the same words again (a reload, a cursor move) cost nothing

    def render(self) -> Text:
        return self._text
