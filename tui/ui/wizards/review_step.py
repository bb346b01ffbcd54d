"""The last step of every wizard: the exact request body and the OCI CLI equivalent, copyable.

Why it re-builds on every visit: the operator may go back and change a field; the review must show
the body that Submit will send, produced by the same builders, with secrets already masked.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Label, Static, TextArea

from tui.cloud.errors import CloudError
from tui.ui.text import clean
from tui.ui.wizards.base import Step


class ReviewStep(Step):
    title = "Review"
    DEFAULT_CSS = """
    ReviewStep .review-label { color: $text-muted; margin: 1 0 0 0; }
    ReviewStep .review-code { height: auto; max-height: 30; border: none; padding: 0 1; }
    ReviewStep .review-error { color: $error; }
    ReviewStep Horizontal { height: 1; margin: 1 0 0 0; }
    ReviewStep Horizontal Button { margin: 0 1 0 0; }
    """

    def __init__(self, render: Callable[[], tuple[str, str]]) -> None:
        """`render()` returns (body JSON, CLI command) or raises CloudError (BuilderError)."""
        super().__init__()
        self._make_review = render
        self.body = ""
        self.cli = ""
        self.error: str | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="review-error", classes="review-error", markup=False)
        yield Label("Request body (as the SDK sends it)", classes="review-label")
        yield TextArea("", id="review-body", classes="review-code", read_only=True, soft_wrap=True)
        yield Label("OCI CLI equivalent", classes="review-label")
        yield TextArea("", id="review-cli", classes="review-code", read_only=True, soft_wrap=True)
        with Horizontal():
            yield Button("Copy JSON (j)", id="copy-body", compact=True)
            yield Button("Copy CLI (c)", id="copy-cli", compact=True)

    def entered(self) -> None:
        try:
            self.body, self.cli = self._make_review()
            self.error = None
        except CloudError as exc:
            self.body, self.cli, self.error = "", "", f"✗ {exc.message}"
        self.query_one("#review-error", Static).update(Text(clean(self.error or "", multiline=True)))
        # shown cleaned (a TextArea paints raw); copied exactly (the builders refuse control characters)
        self.query_one("#review-body", TextArea).load_text(clean(self.body, multiline=True, limit=None))
        self.query_one("#review-cli", TextArea).load_text(clean(self.cli, multiline=True, limit=None))

    def check(self) -> str | None:
        return self.error

    def first_focus(self):
        return self.wizard.query_one("#wizard-submit")

    def action_copy_body(self) -> None:
        self._copy(self.body, "request body")

    def action_copy_cli(self) -> None:
        self._copy(self.cli, "CLI command")

    def _copy(self, text: str, what: str) -> None:
        if not text:
            return
        self.app.copy_to_clipboard(text)
        first = text.splitlines()[0] if text else ""
        self.app.notify(f"Copied the {what} ({len(text)} characters): {first[:60]}", markup=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "copy-body":
            event.stop()
            self.action_copy_body()
        elif event.button.id == "copy-cli":
            event.stop()
            self.action_copy_cli()
