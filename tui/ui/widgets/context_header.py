"""The top line: which profile, region and compartment every keystroke acts on, and read-only.

k9s users expect the context on screen at all times (acting on the wrong region is the classic
operator mistake), so this is a plain one-line widget that never scrolls away.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from tui.ui.context import Context
from tui.ui.text import clean


class ContextHeader(Widget):
    DEFAULT_CSS = """
    ContextHeader { height: 1; background: $panel; color: $foreground; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown_context: Context | None = None
        self._read_only = False
        self._is_connected = False

    def show(self, context: Context, *, read_only: bool, connected: bool = True) -> None:
        self._shown_context = context
        self._read_only = read_only
        self._is_connected = connected
        self.refresh()

    def render(self) -> Text:
        ctx = self._shown_context
        out = Text(no_wrap=True, overflow="ellipsis")
        out.append(" OCI GenAI ", style="bold reverse")
        if ctx is None:
            out.append("  connecting…", style="dim")
            return out
        if self._read_only:
            out.append(" READ-ONLY ", style="bold reverse red")
        narrow = self.size.width < 100
        parts = [
            ("profile", clean(ctx.profile)),
            ("region", ctx.region_label),
            ("compartment", clean(ctx.compartment_path)),
        ]
        for label, value in parts:
            if narrow:  # 80 columns: values only, separated, so the compartment path still fits
                out.append(" │ " if label != "profile" else " ", style="dim")
            else:
                out.append(f"  {label} ", style="dim")
            out.append(value, style="bold")
        if not self._is_connected:
            out.append("  (connecting…)", style="dim")
        return out
