"""Delete with a confirmation that names the model literally and defaults to Cancel.

Why so careful: a delete cannot be undone. Focus starts on Cancel (so `enter` cancels), the confirm
key is distinct from every navigation key (`D`, shift+d), the name is shown as plain text (a name
like `[b]prod` must read exactly so), and a 409 names the endpoint(s) that still use the model.
"""

from __future__ import annotations

import re
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Static

from tui.cloud.errors import CloudError
from tui.ui.console import read_only_reason
from tui.ui.dialogs.base import DialogScreen, describe_error, finish_after_success
from tui.ui.text import clean

ENDPOINT_OCID = re.compile(r"ocid1\.generativeaiendpoint\.[A-Za-z0-9_.-]*[A-Za-z0-9]")


NAMED_ENDPOINT = re.compile(r"([^\s:;,()][^:;,()]*?)\s*\((ocid1\.generativeaiendpoint\.[^)\s]+)\)")


def endpoints_in_message(message: str) -> dict[str, str]:
    """Endpoint OCID → name ('' if unnamed) from a 409's message, which says which endpoints hold it."""
    found: dict[str, str] = {}
    for name, ocid in NAMED_ENDPOINT.findall(message or ""):
        found[ocid] = name.strip()
    for ocid in ENDPOINT_OCID.findall(message or ""):
        found.setdefault(ocid, "")
    return found


class DeleteDialog(DialogScreen):
    BINDINGS = [
        Binding("D", "confirm", "Delete (shift+d)", id="delete-confirm"),
        Binding("enter", "close", "Cancel", show=False),
    ]
    confirm_hint = "D (shift+d) deletes · enter or esc cancels"
    DEFAULT_CSS = """
    DeleteDialog > #dialog { border: thick $error; }
    DeleteDialog #delete-name { text-style: bold; }
    DeleteDialog #delete-endpoints { color: $warning; height: auto; }
    """

    def __init__(self, kind: Any, ocid: str, region: Any, display_name: str) -> None:
        super().__init__(kind, ocid, region, "")
        self.display_name = display_name or ""
        self.dialog_title = f"Delete {self.kind.noun}?"
        self.etag: str | None = None
        self.endpoints: dict[str, str] = {}

    def compose_body(self) -> ComposeResult:
        yield Static(Text(clean(self.display_name), no_wrap=False), id="delete-name", markup=False)
        yield Static(Text(clean(self.ocid)), id="delete-ocid", markup=False)
        yield Static(Text("This cannot be undone."), markup=False)  # how to confirm: the button row's hint
        yield Static("", id="delete-endpoints", markup=False)

    def compose_buttons(self) -> ComposeResult:
        yield Button("Cancel", id="delete-cancel", compact=True)
        yield Button("Delete (D)", id="delete-confirm", variant="error", compact=True)

    def on_mount(self) -> None:
        self.query_one("#delete-cancel", Button).focus()
        self.load(self._loaded)

    def _loaded(self, result: Any) -> None:
        self.etag = result.etag
        state = getattr(result.data, "lifecycle_state", "")
        self.status(f"{state} · etag {self.etag}")

    def action_confirm(self) -> None:
        if self.busy:
            return
        if (refused := read_only_reason(self.app, "deleting")):
            self.status(refused, error=True)
            return
        self.busy = True
        self.query_one("#delete-confirm", Button).disabled = True
        self.status("Deleting…")
        genai = self.app.genai  # type: ignore[attr-defined]
        kwargs = {"if_match": self.etag} if self.etag else {}
        self.app.call(self, f"delete {self.kind.noun}", genai.delete, self.kind, self.ocid,  # type: ignore[attr-defined]
                      region=self.region_id, group="dialog-delete", on_success=self._deleted,
                      on_error=self._failed, **kwargs)

    def _deleted(self, result: Any) -> None:
        self.busy = False
        finish_after_success(self, result, label=f"delete {self.display_name}", region=self.region_id,
                             message=f"Deleting {self.display_name}")

    def _failed(self, error: CloudError) -> None:
        self.busy = False
        self.query_one("#delete-confirm", Button).disabled = False
        if error.status == 409 and error.code != "IncorrectState" and self.kind.key == "dedicated_ai_cluster":
            from tui.ui.dialogs.attached import AttachedList, parse_attached

            self.status(describe_error(error), error=True)
            if not self.query("#delete-attached"):
                anchor = self.query_one("#delete-endpoints", Static)
                anchor.parent.mount(  # type: ignore[union-attr]
                    AttachedList(parse_attached(error.message), self.region_id, id="delete-attached"), after=anchor)
            return
        if error.status == 409 and error.code != "IncorrectState":
            self.endpoints = endpoints_in_message(error.message)
            self.status(describe_error(error), error=True)
            self._explain_in_use()
            self._find_endpoints()
            return
        self.status(describe_error(error), error=True)

    def _explain_in_use(self) -> None:
        lines = [f"{self.display_name} is still used by endpoint(s):"]
        for ocid, name in self.endpoints.items():
            lines.append(f"  • {name} ({ocid})" if name else f"  • {ocid}")
        if not self.endpoints:
            lines.append("  (the service did not name them)")
        lines.append("Delete those endpoints or point them at another model, then delete again.")
        self.query_one("#delete-endpoints", Static).update(Text(clean("\n".join(lines), multiline=True)))

    def _find_endpoints(self) -> None:
        """Name the endpoints: look them up in the console's compartment (best effort)."""
        app: Any = self.app
        compartment = getattr(app.context, "compartment_id", None)
        if not compartment:
            return

        def found(result: Any) -> None:
            for e in list(getattr(result, "data", result) or []):
                self.endpoints[e.id] = e.display_name or self.endpoints.get(e.id, "")
            self._explain_in_use()

        app.call(self, "list endpoints using the model", app.genai.list_endpoints, compartment,
                 region=self.region_id, model_id=self.ocid, group="dialog-endpoints",
                 on_success=found, on_error=lambda e: None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "delete-confirm":
            self.action_confirm()
        else:
            self.action_close()
