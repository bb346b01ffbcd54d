"""A searchable list of resources loaded through the worker client (base models, clusters).

Why one widget: both the base-model and the cluster step need "load once in a worker, filter as you
type, remember the choice, say when the list is empty or failed". Rows are `Text`, never markup:
names come from the service.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.cloud.errors import CloudError
from tui.ui.console import console_app
from tui.ui.forms.inputs import SafeInput
from tui.ui.text import clean, cleaned


def items_of(result: Any) -> list[Any]:
    """Accept a list, a Result(data=list) or a collection with `.items`."""
    data = getattr(result, "data", result)
    data = getattr(data, "items", data)
    return list(data or [])


class _FilterInput(SafeInput):
    """The picker's filter: ↓ hands the keyboard to the list below it."""

    BINDINGS = [Binding("down", "to_list", "List", show=False)]

    def action_to_list(self) -> None:
        picker = self.parent
        if isinstance(picker, ResourcePicker):
            picker.focus_list()


class ResourcePicker(Vertical):
    """Filter input + option list; `selected` is the chosen item (or None).

    `load()` runs on the UI thread and returns the no-argument work (a `functools.partial`) that
    the worker runs; the call is labelled "list <label>" in errors and logs.
    """

    app = console_app()

    DEFAULT_CSS = """
    ResourcePicker { height: auto; }
    ResourcePicker > Input { background: $panel; }
    ResourcePicker > Input:focus { background: $boost; }
    ResourcePicker > OptionList { height: auto; max-height: 12; min-height: 3; }
    ResourcePicker > .picker-status { color: $text-muted; height: auto; padding: 0 1; }
    ResourcePicker.-error > .picker-status { color: $error; }
    """

    class Picked(Message):
        def __init__(self, picker: "ResourcePicker", item: Any, chosen: bool) -> None:
            super().__init__()
            self.picker = picker
            self.item = item
            self.chosen = chosen  # True on enter, False on highlight

    def __init__(
        self,
        *,
        label: str,
        load: Callable[[], Callable[[], Any]],
        describe: Callable[[Any], Text],
        search_text: Callable[[Any], str],
        enabled: Callable[[Any], bool] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._enabled = enabled  # items it refuses are listed greyed and cannot be picked
        self.label = label
        self._load = load
        self._describe = describe
        self._search_text = search_text
        self.items: list[Any] = []
        self.shown: list[Any] = []
        self.selected: Any = None
        self.loaded = False
        self.busy = False

    def compose(self) -> ComposeResult:
        yield _FilterInput(placeholder=f"filter {self.label} (↓ to the list, enter picks)",
                           classes="picker-filter", compact=True)
        yield OptionList(classes="picker-list", markup=False)
        yield Static(Text("Loading…"), classes="picker-status", markup=False)

    @property
    def option_list(self) -> OptionList:
        return self.query_one(OptionList)

    def load(self, *, force: bool = False) -> None:
        if (self.loaded and not force) or self.busy:
            return
        self.busy = True
        self._status("Loading…")
        self.app.call(self, self._load(), label=f"list {self.label}", group="picker-load",
                      on_success=self._loaded, on_error=self._failed)

    def _loaded(self, result: Any) -> None:
        self.busy = False
        self.loaded = True
        self.set_class(False, "-error")
        self.items = items_of(result)
        self._refilter(self.query_one(".picker-filter", Input).value)

    def _failed(self, error: CloudError) -> None:
        self.busy = False
        self.set_class(True, "-error")
        self._status(f"✗ Could not load {self.label}: {error}")

    def _status(self, message: str) -> None:
        self.query_one(".picker-status", Static).update(Text(clean(message, multiline=True)))

    def _refilter(self, query: str) -> None:
        q = query.strip().lower()
        self.shown = [i for i in self.items if q in self._search_text(i).lower()]
        ol = self.option_list
        ol.clear_options()
        ol.add_options([Option(cleaned(self._describe(i)), disabled=not self._can_pick(i)) for i in self.shown])
        if self.selected is not None and self.selected in self.shown:
            ol.highlighted = self.shown.index(self.selected)
        if not self.items:
            self._status(f"No {self.label} found in this compartment and region.")
        elif not self.shown:
            self._status(f"No {self.label} match {query!r}.")
        else:
            chosen = f" · selected: {self._search_text(self.selected)}" if self.selected is not None else ""
            self._status(f"{len(self.shown)} of {len(self.items)} {self.label}{chosen}")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.loaded:
            self._refilter(event.value)

    def focus_list(self) -> None:
        ol = self.option_list
        if self.shown:
            ol.focus()
            if ol.highlighted is None:
                ol.highlighted = 0

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter picks the highlighted match, or the only one."""
        event.stop()
        ol = self.option_list
        if ol.highlighted is not None:
            self._pick(ol.highlighted, chosen=True)
        elif len(self.shown) == 1:
            ol.highlighted = 0
            self._pick(0, chosen=True)
        elif self.shown:
            self.focus_list()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._pick(event.option_index, chosen=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._pick(event.option_index, chosen=True)

    def _can_pick(self, item: Any) -> bool:
        return self._enabled is None or self._enabled(item)

    def _pick(self, index: int | None, *, chosen: bool) -> None:
        if index is None or not (0 <= index < len(self.shown)) or not self._can_pick(self.shown[index]):
            return
        self.selected = self.shown[index]
        self._status(f"{len(self.shown)} of {len(self.items)} {self.label} · selected: "
                     f"{self._search_text(self.selected)}")
        self.post_message(self.Picked(self, self.selected, chosen))

    def select_where(self, predicate: Callable[[Any], bool]) -> bool:
        """Select the first visible item matching `predicate` (keyboard users and tests)."""
        for n, item in enumerate(self.shown):
            if predicate(item) and self._can_pick(item):
                self.option_list.highlighted = n
                self._pick(n, chosen=False)
                return True
        return False
