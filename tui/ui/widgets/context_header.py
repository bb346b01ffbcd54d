"""The top line: which profile, region and compartment every keystroke acts on, and read-only.

k9s users expect the context on screen at all times (acting on the wrong region is the classic
operator mistake), so this is a plain one-line widget that never scrolls away. When the line does
not fit, it gives up the least telling parts first and never the compartment's own name: labels go,
then the badge shrinks, the region shows its 3-letter key, the path is cut from the left
(`…/genai-prod-models-archive`), and the profile goes last of all but the leaf. A failed connection
says so ("not connected: <reason>") instead of "connecting…" for ever.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.widget import Widget

from tui.ui.context import Context
from tui.ui.text import clean

ELLIPSIS = "…"
#: from this width on the header spells out "profile", "region" and "compartment"
WIDE = 100


def elide_path(path: str, width: int) -> str:
    """`path` (`root/a/b/leaf`) in at most `width` cells: whole leading segments give way to `…/`
    first; the leaf alone, cut at its end, only when not even `…/leaf` fits."""
    if cell_len(path) <= width:
        return path
    parts = path.split("/")
    for start in range(1, len(parts)):
        candidate = f"{ELLIPSIS}/" + "/".join(parts[start:])
        if cell_len(candidate) <= width:
            return candidate
    leaf = parts[-1]
    if cell_len(leaf) <= width:
        return leaf
    return cut(leaf, width)


def cut(text: str, width: int) -> str:
    """`text` in at most `width` cells, a cut marked with "…"."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1) + ELLIPSIS


@dataclass(frozen=True)
class _Layout:
    badge: str
    labels: bool
    region_key: bool
    profile: bool
    read_only: str


_LAYOUTS = (
    _Layout(" OCI GenAI ", True, False, True, " READ-ONLY "),
    _Layout(" OCI GenAI ", False, False, True, " READ-ONLY "),
    _Layout(" OCI ", False, False, True, " READ-ONLY "),
    _Layout(" OCI ", False, True, True, " RO "),
    _Layout("", False, True, False, " RO "),
)


def header_text(ctx: Context | None, width: int, *, read_only: bool, connected: bool,
                error: str | None = None, region_key: str | None = None) -> Text:
    """The header line for `ctx` in `width` cells (pure: the widget only supplies its size)."""
    out = Text(no_wrap=True, overflow="ellipsis")
    if ctx is None:
        out.append(" OCI GenAI ", style="bold reverse")
        out.append("  connecting…", style="dim")
        return out
    profile = clean(ctx.profile)
    region = ctx.region_label
    short_region = region_key or region
    path = clean(ctx.compartment_path)
    leaf = path.rsplit("/", 1)[-1]
    suffix = ""
    if error:
        suffix = f"  not connected: {error}"
    elif not connected:
        suffix = "  (connecting…)"
    # a failure's reason must stay readable: keep room for its start
    reserve = min(cell_len(suffix), 32) if error else 0
    chosen = _LAYOUTS[-1]
    for layout in _LAYOUTS:
        fixed = _fixed_width(layout, profile, short_region if layout.region_key else region, read_only)
        room = width - fixed - reserve
        if layout is _LAYOUTS[0]:
            if width >= WIDE and cell_len(path) + cell_len(suffix) <= width - fixed:
                chosen = layout
                break
            continue
        if cell_len(elide_path(path, room)) >= min(cell_len(path), cell_len(leaf)) and room >= cell_len(leaf):
            chosen = layout
            break
    region_text = short_region if chosen.region_key else region
    fixed = _fixed_width(chosen, profile, region_text, read_only)
    if chosen.badge:
        out.append(chosen.badge, style="bold reverse")
    if read_only:
        out.append(chosen.read_only, style="bold reverse red")
    parts = ([("profile", profile)] if chosen.profile else []) + [("region", region_text)]
    for index, (label, value) in enumerate(parts):
        if chosen.labels:
            out.append(f"  {label} ", style="dim")
        else:
            out.append(" │ " if index else " ", style="dim")
        out.append(value, style="bold")
    if chosen.labels:
        out.append("  compartment ", style="dim")
    else:
        out.append(" │ ", style="dim")
    room = max(1, width - fixed - reserve)
    out.append(elide_path(path, room), style="bold")
    if suffix:
        out.append(suffix, style="bold red" if error else "dim")
    return out


def _fixed_width(layout: _Layout, profile: str, region: str, read_only: bool) -> int:
    width = cell_len(layout.badge) + (cell_len(layout.read_only) if read_only else 0)
    if layout.labels:
        width += len("  profile ") + cell_len(profile) + len("  region ") + cell_len(region) + len("  compartment ")
    else:
        width += (1 + cell_len(profile) + 3 if layout.profile else 1) + cell_len(region) + 3
    return width


class ContextHeader(Widget):
    DEFAULT_CSS = """
    ContextHeader { height: 1; background: $panel; color: $foreground; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown_context: Context | None = None
        self._read_only = False
        self._is_connected = False
        self._error: str | None = None

    def show(self, context: Context, *, read_only: bool, connected: bool = True, error: str | None = None) -> None:
        self._shown_context = context
        self._read_only = read_only
        self._is_connected = connected
        self._error = error
        self.refresh()

    def render(self) -> Text:
        ctx = self._shown_context
        key = None if ctx is None or ctx.all_regions else ctx.region.key
        return header_text(ctx, self.size.width, read_only=self._read_only, connected=self._is_connected,
                           error=self._error, region_key=key)
