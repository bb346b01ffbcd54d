"""Confirm a move to another compartment (chosen in the console's compartment tree picker).

Why a confirmation after the picker: a move changes who can see and pay for the model; the operator
sees the name, the target compartment and then confirms. The change is sent with the etag loaded
here (if-match) and a retry token that lives as long as this dialog.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Static

from tui.cloud.errors import CloudError
from tui.ui.console import read_only_reason
from tui.ui.dialogs.base import DialogScreen, describe_error, finish_after_success
from tui.ui.text import clean
from tui.ui.forms.submit import Submission


class MoveDialog(DialogScreen):
    BINDINGS = [Binding("ctrl+s", "confirm", "Move")]
    confirm_hint = "ctrl+s moves · esc cancels"

    def __init__(self, kind: Any, ocid: str, region: Any, target_compartment_id: str,
                 target_label: str = "") -> None:
        super().__init__(kind, ocid, region, "")
        self.dialog_title = f"Move {self.kind.noun} to another compartment"
        self.target = target_compartment_id
        self.target_label = target_label or target_compartment_id
        self.etag: str | None = None
        self.model_name = ""
        self.submission = Submission()

    def compose_body(self) -> ComposeResult:
        yield Static(Text(clean(self.ocid)), id="move-what", markup=False)
        yield Static(Text(clean(f"to {self.target_label}")), id="move-target", markup=False)

    def compose_buttons(self) -> ComposeResult:
        yield Button("Move", id="move-confirm", variant="warning", compact=True, disabled=True)
        yield Button("Cancel", id="move-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#move-cancel", Button).focus()
        self.load(self._loaded)

    def _loaded(self, result: Any) -> None:
        self.etag = result.etag
        self.model_name = getattr(result.data, "display_name", "") or ""
        self.query_one("#move-what", Static).update(Text(clean(f"{self.model_name}  ({self.ocid})")))
        if getattr(result.data, "compartment_id", None) == self.target:
            self.status("It is already in that compartment.", error=True)
            return
        self.query_one("#move-confirm", Button).disabled = False
        self.status(f"Loaded · etag {self.etag}")  # how to confirm: the hint in the button row

    def action_confirm(self) -> None:
        if self.busy or self.etag is None or self.query_one("#move-confirm", Button).disabled:
            return
        if (refused := read_only_reason(self.app, "moving")):
            self.status(refused, error=True)
            return
        self.busy = True
        self.submission.start()
        self.query_one("#move-confirm", Button).disabled = True
        self.status("Moving…")
        genai = self.app.genai  # type: ignore[attr-defined]
        self.app.call(self, f"move {self.kind.noun}", genai.change_compartment, self.kind, self.ocid,  # type: ignore[attr-defined]
                      self.target, if_match=self.etag, region=self.region_id,
                      retry_token=self.submission.retry_token, group="dialog-move",
                      on_success=self._moved, on_error=self._failed)

    def _moved(self, result: Any) -> None:
        self.busy = False
        self.submission.succeeded(result)
        target = self.target_label.split(" (ocid1.", 1)[0]  # the name: the OCID is in the dialog, not the toast
        finish_after_success(self, result, label=f"move {self.model_name}", region=self.region_id,
                             message=f"Moved {self.model_name} to {target}")

    def _failed(self, error: CloudError) -> None:
        self.busy = False
        self.submission.failed(error)
        self.query_one("#move-confirm", Button).disabled = False
        hint = "\nIt changed since it was loaded: cancel and try again." if error.status == 412 else ""
        self.status(describe_error(error) + hint, error=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "move-confirm":
            self.action_confirm()
        else:
            self.action_close()
