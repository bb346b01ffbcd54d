"""The last step of every wizard: a plain summary, the exact request body and the OCI CLI equivalent.

Why it re-builds on every visit: the operator may go back and change a field; the review must show
the body that Submit will send, produced by the same builders, with secrets already masked.
Why Statics and not text areas: the step already scrolls (the wizard's step container), so the
summary, the body (indented by level, highlighted) and the command are one scrollable page; a
scroll area inside it would catch the wheel and the arrows half-way down.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Label, Static

from tui.cloud.errors import CloudError
from tui.ui.data.inspect_text import highlighted
from tui.ui.text import clean
from tui.ui.wizards.base import Step

SUMMARY_WIDTH = 12


def summary_text(lines: list[tuple[str, str]]) -> Text:
    """`label  value` lines, values aligned, every value cleaned."""
    out = Text()
    for label, value in lines:
        out.append(f"{label:<{SUMMARY_WIDTH}}", style="bold")
        out.append(clean(value) if value else "—", style="" if value else "dim")
        out.append("\n")
    out.rstrip()
    return out


class ReviewStep(Step):
    title = "Review"
    DEFAULT_CSS = """
    ReviewStep .review-label { color: $text-muted; margin: 1 0 0 0; }
    ReviewStep .review-code { height: auto; padding: 0 1; background: $surface; }
    ReviewStep #review-summary { height: auto; padding: 0 1; }
    ReviewStep .review-error { color: $error; }
    ReviewStep Horizontal { height: 1; margin: 1 0 0 0; }
    ReviewStep Horizontal Button { margin: 0 1 0 0; }
    """

    def __init__(self, render: Callable[[], tuple[str, str]],
                 summary: Callable[[], list[tuple[str, str]]] | None = None) -> None:
        """`render()` returns (body JSON, CLI command) or raises CloudError (BuilderError);
        `summary()` the plain (label, value) lines shown first."""
        super().__init__()
        self._make_review = render
        self._summary = summary
        self.body = ""
        self.cli = ""
        self.error: str | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="review-summary", markup=False)
        yield Static("", id="review-error", classes="review-error", markup=False)
        yield Label("Request body (as the SDK sends it)", classes="review-label")
        yield Static("", id="review-body", classes="review-code", markup=False)
        yield Label("OCI CLI equivalent", classes="review-label")
        yield Static("", id="review-cli", classes="review-code", markup=False)
        with Horizontal():
            yield Button("Copy JSON (j)", id="copy-body", compact=True)
            yield Button("Copy CLI (c)", id="copy-cli", compact=True)

    def entered(self) -> None:
        try:
            self.body, self.cli = self._make_review()
            self.error = None
        except CloudError as exc:
            self.body, self.cli, self.error = "", "", f"✗ {exc.message}"
        summary = summary_text(self._summary()) if self._summary is not None else Text()
        self.query_one("#review-summary", Static).update(summary)
        error = self.query_one("#review-error", Static)
        error.update(Text(clean(self.error or "", multiline=True)))
        error.display = bool(self.error)
        # shown cleaned and highlighted (literal Text); copied exactly (the builders refuse control characters)
        self.query_one("#review-body", Static).update(highlighted(self.body, "json") if self.body else Text())
        self.query_one("#review-cli", Static).update(Text(clean(self.cli, multiline=True, limit=None)))

    def shown_text(self) -> str:
        """Summary, body and command as shown, plain (for tests)."""
        parts = [self.query_one(f"#review-{n}", Static).render() for n in ("summary", "body", "cli")]
        return "\n".join(getattr(p, "plain", str(p)) for p in parts)

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
        self.app.notify(f"Copied the {what} ({len(text.splitlines())} lines)", markup=False, timeout=3)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "copy-body":
            event.stop()
            self.action_copy_body()
        elif event.button.id == "copy-cli":
            event.stop()
            self.action_copy_cli()
