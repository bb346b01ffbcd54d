"""The frame shared by the dialogs: a centred box that fits 80×24, a title, a body, a status line,
a button row that ends with how to confirm (`confirm_hint`). The pickers and filter dialogs use the
same frame through the `.picker` / `.dialog` classes of tui/ui/console.tcss.

Why shared: every dialog needs the same "load the resource in a worker, show errors as plain text,
keep the form when a call fails" behaviour; only the fields and the call differ.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.cloud.errors import CloudError
from tui.cloud.resources import kind_of
from tui.ui.text import clean


#: Error codes of calls that never reached an answer: sending the same request again may work.
_TRANSIENT_CODES = frozenset({"Timeout", "ConnectionError", "ConnectionRefused", "TooManyRequests"})


def retry_can_help(error: CloudError) -> bool:
    """Whether sending the same request again can succeed: throttling, a service failure, no answer.

    A 400 (invalid), 404 (missing) or 409 (in use: a state that will not change by itself) gets the
    same answer every time, so the dialogs never offer "retry" for them."""
    status = error.status
    if status is not None:
        return status == 429 or status >= 500
    return (error.code or "") in _TRANSIENT_CODES


def describe_error(error: CloudError) -> str:
    code = " ".join(str(x) for x in (error.status, error.code) if x)
    text = f"✗ {code + ': ' if code else ''}{error.message}"
    if error.opc_request_id:
        text += f"\nopc-request-id {error.opc_request_id}"
    return text


def finish_after_success(screen: Screen[Any], result: Any, *, label: str, message: str, region: str | None,
                         title: str | None = None) -> None:
    """What every dialog and wizard does once its call succeeded: track the work request it started
    (if any) as ``label``, reload the visible list, say ``message``, and close with the result."""
    app: Any = screen.app
    work_request_id = getattr(result, "work_request_id", None)
    if work_request_id:
        app.track_work_request(work_request_id, getattr(result, "region", None) or region, label)
    app.reload_current()
    if title is None:
        app.notify(message, markup=False)
    else:
        app.notify(message, title=title, markup=False)
    screen.dismiss(result)


class DialogScreen(ModalScreen[Any]):
    """A modal box: title, scrollable body (`compose_body`), status line, buttons (`compose_buttons`)."""

    BINDINGS = [Binding("escape", "close", "Cancel")]
    #: how to confirm, at the end of the button row ("ctrl+s saves · esc cancels")
    confirm_hint = "esc closes"
    DEFAULT_CSS = """
    DialogScreen { align: center middle; }
    DialogScreen > #dialog { width: 76; max-width: 100%; height: auto; max-height: 100%;
                             border: thick $primary; background: $surface; padding: 0 1; }
    DialogScreen #dialog-title { text-style: bold; color: $accent; height: auto; padding: 0 0 1 0; }
    DialogScreen #dialog-body { height: auto; max-height: 16; }  /* on_resize widens it */
    DialogScreen #dialog-status { height: auto; color: $text-muted; }
    DialogScreen #dialog-status.-error { color: $error; }
    DialogScreen #dialog-buttons { height: 1; margin: 1 0 0 0; }
    DialogScreen #dialog-buttons Button { margin: 0 1 0 0; width: auto; min-width: 10; }
    """

    def __init__(self, kind: Any, ocid: str, region: Any, title: str) -> None:
        super().__init__()
        self.kind = kind_of(kind)
        self.ocid = ocid
        self.region_id = getattr(region, "id", region)
        self.dialog_title = title
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(clean(self.dialog_title)), id="dialog-title", markup=False)
            with VerticalScroll(id="dialog-body", can_focus=False):
                yield from self.compose_body()
            yield Static("", id="dialog-status", markup=False)
            with Horizontal(id="dialog-buttons"):
                yield from self.compose_buttons()
                yield Static(Text(self.confirm_hint), classes="dialog-hint", id="dialog-hint", markup=False)

    def compose_body(self) -> ComposeResult:
        yield from ()

    def compose_buttons(self) -> ComposeResult:
        yield from ()

    def on_resize(self) -> None:
        # Let the body use the terminal's height (title, status, buttons and border take ~9 lines)
        # so that a form scrolls only on a small terminal.
        self.query_one("#dialog-body").styles.max_height = max(6, self.size.height - 9)

    def show_top(self) -> None:
        """Put the form back at its first line (after focusing a field, once it is laid out)."""
        body = self.query_one("#dialog-body", VerticalScroll)
        self.call_after_refresh(body.scroll_home, animate=False)

    def status(self, message: str, *, error: bool = False) -> None:
        """The status line (service names and error messages reach it: cleaned)."""
        widget = self.query_one("#dialog-status", Static)
        widget.update(Text(clean(message, multiline=True)))
        widget.set_class(error, "-error")

    def action_close(self) -> None:
        if self.busy:
            self.status("A request is in flight: wait for its answer (it cannot be undone).", error=True)
            return
        self.dismiss(None)

    def load(self, on_loaded) -> None:
        """Get the resource (data + etag) in a worker."""
        self.status("Loading…")
        genai = self.app.genai  # type: ignore[attr-defined]
        self.app.call(self, f"get {self.kind.noun}", genai.get, self.kind, self.ocid,  # type: ignore[attr-defined]
                      region=self.region_id, group="dialog-load", on_success=on_loaded,
                      on_error=lambda e: self.status(describe_error(e), error=True))
