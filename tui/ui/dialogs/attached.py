"""What holds a dedicated AI cluster: parsed from a delete's 409 and shown as jump targets.

The service refuses to delete a cluster that endpoints (or running fine-tunes) use, and its 409
message names each one: `endpoint NAME (OCID, STATE); model NAME (OCID, fine-tuning)`. The delete
dialog lists them, each a button that closes the dialog and puts the cursor on that row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Static

from tui.ui.data.presentation import presentation
from tui.ui.text import clean

_ENTRY = re.compile(r"\b(endpoint|model)\s+(.*?)\s*\((ocid1\.[A-Za-z0-9_.-]*[A-Za-z0-9])\s*(?:,\s*([^)]*))?\)")


@dataclass(frozen=True)
class Attached:
    what: str  # endpoint | model
    name: str
    ocid: str
    note: str  # the state ("ACTIVE", "fine-tuning")


def parse_attached(message: str) -> list[Attached]:
    return [Attached(what, clean(name), ocid, clean(note or ""))
            for what, name, ocid, note in _ENTRY.findall(message or "")]


class AttachedList(Vertical):
    DEFAULT_CSS = """
    AttachedList { height: auto; }
    AttachedList Button { margin: 0 0 0 2; }
    """

    def __init__(self, items: list[Attached], region: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items = items
        self.region_id = region

    def compose(self) -> ComposeResult:
        yield Static(f"Still attached ({len(self.items)}); delete or move these first:", markup=False)
        for i, item in enumerate(self.items):
            label = f"{item.what} {item.name or item.ocid}" + (f" ({item.note})" if item.note else "")
            yield Button(label, id=f"attached-{i}", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if not (event.button.id or "").startswith("attached-"):
            return
        event.stop()
        item = self.items[int((event.button.id or "").removeprefix("attached-"))]
        app: Any = self.app
        self.screen.dismiss(None)
        app.jump_to_row(presentation(item.what).view_id, f"{self.region_id}/{item.ocid}")
