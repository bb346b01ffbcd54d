"""`d`: the selected resource on a full screen, as YAML or the API's camelCase JSON (`y` toggles).

Why a screen and not the side pane: a fine-tuned model with every hyperparameter, tags and metrics
does not fit beside a table; here it is scrollable both ways, searchable (`/`, then `n`/`N`) and
copyable whole (`c`). Any kind works: the body is the SDK object's own wire form, so a new kind
needs nothing here. The object shown first is the one the list (or the detail pane) already has;
a `get` then brings the full one (workers compute, this screen applies). Compartment and model
OCIDs get the names the app knows (`# name` in the YAML). Every string is cleaned before it is
highlighted (`tui.ui.data.inspect_text`), so service text is never markup and never an escape.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.screen import Screen
from textual.widgets import Input, Static

from tui.cloud.resources import ResourceKind
from tui.ui.data.presentation import presentation
from tui.ui.data.inspect_text import NAMED_KEYS, api_json, api_yaml, find_all, highlighted, to_api
from tui.ui.forms.inputs import SafeInput
from tui.ui.text import clean
from tui.ui.footer import ConsoleFooter

MATCH_STYLE = "reverse"
CURRENT_STYLE = "bold reverse underline"


def named_ids(value: Any) -> set[str]:
    """The OCIDs under the keys in `NAMED_KEYS`, at any depth of the API form."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if key in NAMED_KEYS and isinstance(item, str):
                found.add(item)
            else:
                found |= named_ids(item)
    elif isinstance(value, list):
        for item in value:
            found |= named_ids(item)
    return found


class DescribeScreen(Screen[None]):
    DEFAULT_CSS = """
    DescribeScreen { layout: vertical; }
    DescribeScreen #describe-title { height: auto; padding: 0 1; background: $panel; }
    DescribeScreen #describe-scroll { height: 1fr; padding: 0 1; background: $surface; }
    DescribeScreen #describe-body { width: auto; height: auto; }
    DescribeScreen #describe-search { dock: bottom; display: none; }
    DescribeScreen #describe-search.-open { display: block; }
    """
    BINDINGS = [
        Binding("escape", "close", "Back", id="describe-close"),
        Binding("q,d", "close", "Back", show=False),
        Binding("y", "toggle_mode", "YAML/JSON", id="describe-mode"),
        Binding("slash", "search", "Search", key_display="/", id="describe-search"),
        Binding("n", "next_match", "Next", id="describe-next"),
        Binding("N", "previous_match", "Previous", show=False, id="describe-previous"),
        Binding("c", "copy", "Copy all", id="describe-copy"),
    ]

    def __init__(self, kind: ResourceKind, obj: Any, region: str, *,
                 names: Callable[[str], str | None], fetch: Callable[[], Any] | None = None) -> None:
        """`obj`: what is known now; `fetch()` (run in a worker) returns the full object; `names(ocid)`
        the name the app knows for a compartment or model OCID (None when it knows none)."""
        super().__init__()
        self.kind = kind
        self.obj = obj
        self.resource_region = region
        self._names = names
        self._fetch = fetch
        self.mode = "yaml"  # or "json"
        self.needle = ""
        self.matches: list[int] = []
        self.current = -1
        self.source = ""  # the body as plain text (what `c` copies and `/` searches)

    def compose(self) -> ComposeResult:
        yield Static("", id="describe-title", markup=False)
        with ScrollableContainer(id="describe-scroll", can_focus=True):
            yield Static("", id="describe-body", markup=False)
        yield SafeInput(placeholder="search (enter: find, esc: cancel)", id="describe-search")
        yield ConsoleFooter()

    def on_mount(self) -> None:
        self._render_body()
        self.query_one("#describe-scroll").focus()
        if self._fetch is not None:
            self.app.call(self, self._fetch, label=f"get {self.kind.key}", group="describe",  # type: ignore[attr-defined]
                          on_success=self._loaded)

    def _loaded(self, result: Any) -> None:
        data = getattr(result, "data", result)
        if data is not None:
            self.obj = data
            self._render_body()

    # ------------------------------------------------------------------ body
    def names_for(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for ocid in named_ids(to_api(self.obj)):
            name = self._names(ocid)
            if name:
                out[ocid] = name
        return out

    def _render_body(self) -> None:
        raw = api_yaml(self.obj, self.names_for()) if self.mode == "yaml" else api_json(self.obj)
        text = highlighted(raw, self.mode)
        self.source = text.plain
        self.matches = find_all(self.source, self.needle)
        if self.current >= len(self.matches):
            self.current = len(self.matches) - 1
        if self.needle and self.matches and self.current < 0:
            self.current = 0
        for i, start in enumerate(self.matches):
            text.stylize(CURRENT_STYLE if i == self.current else MATCH_STYLE, start, start + len(self.needle))
        self.query_one("#describe-body", Static).update(text)
        self._render_title()

    def _render_title(self) -> None:
        name = getattr(self.obj, "display_name", None) or getattr(self.obj, "id", "")
        title = Text(f"{presentation(self.kind).title}: ", style="bold")
        title.append(clean(name))
        title.append(f"  {clean(self.resource_region)}", style="dim")
        title.append("  YAML" if self.mode == "yaml" else "  JSON (camelCase, as the API)", style="bold")
        if self.needle:
            found = f"{self.current + 1}/{len(self.matches)}" if self.matches else "no match"
            title.append(f"  /{clean(self.needle)}: {found}", style="dim")
        title.append("  y: YAML/JSON  /: search  c: copy  esc: back", style="dim")
        self.query_one("#describe-title", Static).update(title)

    def text(self) -> str:
        """The body as shown, plain (for tests and copy)."""
        return self.source

    # ------------------------------------------------------------------ actions
    def action_toggle_mode(self) -> None:
        self.mode = "json" if self.mode == "yaml" else "yaml"
        self.current = -1
        self._render_body()
        self._jump()

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.source)
        lines = self.source.count("\n") + 1
        self.app.notify(f"Copied the {self.mode.upper()} ({lines} lines)", markup=False, timeout=3)

    def action_search(self) -> None:
        box = self.query_one("#describe-search", SafeInput)
        box.add_class("-open")
        box.value = self.needle
        box.focus()

    @on(Input.Submitted, "#describe-search")
    def _searched(self, event: Input.Submitted) -> None:
        event.stop()
        self.search(event.value)
        self._close_search()

    def search(self, needle: str) -> None:
        """Highlight every match of `needle` (any case) and scroll to the first."""
        self.needle = needle
        self.current = -1
        self._render_body()
        self._jump()

    def _close_search(self) -> None:
        self.query_one("#describe-search", SafeInput).remove_class("-open")
        self.query_one("#describe-scroll").focus()

    def action_next_match(self) -> None:
        self._step(1)

    def action_previous_match(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if not self.matches:
            if self.needle:
                self.app.notify(f"No match for {clean(self.needle)}", severity="warning", markup=False, timeout=3)
            return
        self.current = (self.current + delta) % len(self.matches)
        self._render_body()
        self._jump()

    def match_line(self) -> int | None:
        """The body line of the current match (0-based), or None."""
        if not self.matches or self.current < 0:
            return None
        return self.source.count("\n", 0, self.matches[self.current])

    def _jump(self) -> None:
        line = self.match_line()
        if line is None:
            return
        start = self.matches[self.current]
        column = start - (self.source.rfind("\n", 0, start) + 1)
        scroll = self.query_one("#describe-scroll", ScrollableContainer)
        height = max(1, scroll.scrollable_content_region.height)
        width = max(1, scroll.scrollable_content_region.width)
        scroll.scroll_to(x=max(0, column - width // 2) if column >= width else 0,
                         y=max(0, line - height // 3), animate=False, immediate=True)

    def action_close(self) -> None:
        box = self.query_one("#describe-search", SafeInput)
        if box.has_class("-open"):
            self._close_search()
            return
        self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.focused is not None and isinstance(self.focused, Input) and action != "close":
            return False  # typing in the search box: n, N, y, c are letters
        return True


__all__ = ["DescribeScreen", "named_ids"]
