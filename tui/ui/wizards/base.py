"""The wizard frame: a step indicator, one step visible at a time, back / next / submit.

Why one Screen with a ContentSwitcher (not a screen per step): every step stays mounted, so going
back shows exactly what was typed, and the draft dataclass is only the hand-off to the builders.
Each step is validated before the next one is shown; submit is only reachable from the last step.
Subclasses supply the steps and `build()` / `submit_call()`.

A wizard works on the context it was opened in: its second line names profile, region and
compartment, and the console refuses region, compartment and profile switches while it is open
(`ConsoleApp.context_lock`). After a failed Next or Submit, focus goes to the first invalid field.
"""

from __future__ import annotations

import inspect
import logging
import time
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, ContentSwitcher, Input, Static

from tui.cloud.errors import CloudError
from tui.ui.console import console_app, read_only_reason
from tui.ui.dialogs.base import finish_after_success
from tui.ui.text import clean
from tui.ui.forms.focus import focus_first_invalid
from tui.ui.forms.submit import Submission, scrub
from tui.ui.footer import SteadyFooter

log = logging.getLogger(__name__)


class Step(Vertical):
    """One page of a wizard. Override `check()` (first broken rule, shown on the fields) and hooks."""

    title = "Step"
    #: the label in the step indicator (kept short: all steps must fit in 80 columns)
    short = ""
    DEFAULT_CSS = "Step { height: auto; padding: 0 1; }"

    _wizard: "WizardScreen"

    @property
    def wizard(self) -> "WizardScreen":
        return self._wizard

    def check(self) -> str | None:
        """Validate every field of this step, show each broken rule, return the first."""
        return None

    def entered(self) -> Any:
        """Called each time the step is shown (load pickers, refresh the review)."""

    def first_focus(self) -> Any:
        """The widget to focus when the step is shown."""
        return None


class StepIndicator(Static):
    """`1 Base › 2 Method › …` with the current step highlighted and the done ones ticked."""

    DEFAULT_CSS = "StepIndicator { height: 1; color: $text-muted; padding: 0 1; }"

    def show(self, titles: list[str], index: int) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        for n, title in enumerate(titles):
            if n:
                text.append(" › ", style="dim")
            label = f"{'✓' if n < index else n + 1} {title}"
            text.append(label, style="bold reverse" if n == index else ("" if n < index else "dim"))
        self.update(text)


class WizardScreen(Screen[Any]):
    """A multi-step form that ends in one create submitted with a lifelong retry token."""

    app = console_app()

    BINDINGS = [
        Binding("ctrl+n", "next", "Next", id="wizard-next"),
        Binding("ctrl+b", "back", "Back", id="wizard-back"),
        Binding("ctrl+s", "submit", "Submit", id="wizard-submit"),
        Binding("escape", "cancel", "Cancel"),
        Binding("j", "copy_body", "Copy JSON", id="wizard-copy-body"),
        Binding("c", "copy_cli", "Copy CLI", id="wizard-copy-cli"),
    ]
    DEFAULT_CSS = """
    WizardScreen { layout: vertical; }
    WizardScreen #wizard-title { height: 1; background: $panel; color: $text; padding: 0 1; text-style: bold; }
    WizardScreen #wizard-where { height: 1; color: $text-muted; padding: 0 1; }
    WizardScreen ContentSwitcher { height: 1fr; }
    WizardScreen ContentSwitcher > VerticalScroll { height: 1fr; }
    WizardScreen #wizard-status { height: auto; max-height: 4; padding: 0 1; color: $text-muted; }
    WizardScreen #wizard-status.-error { color: $error; }
    WizardScreen #wizard-buttons { height: 1; padding: 0 1; }
    WizardScreen #wizard-buttons Button { margin: 0 1 0 0; }
    """
    TITLE_TEXT = "Wizard"
    #: What a successful submit tracks in the Work requests view, e.g. "fine-tune".
    ACTION = "create"

    def __init__(self, *, region: Any, compartment_id: str, compartment_path: str = "") -> None:
        super().__init__()
        self.region_id = getattr(region, "id", region)
        self.compartment_id = compartment_id
        self.compartment_path = compartment_path or compartment_id
        self.submission = Submission()
        self.index = 0
        #: the index of the last step whose `entered()` finished (tests wait on it)
        self.entered_index = -1
        self._steps = self.make_steps()
        for step in self._steps:
            step._wizard = self

    # -- to override -------------------------------------------------------------------------------
    def make_steps(self) -> list[Step]:
        raise NotImplementedError

    def build(self) -> Any:
        """The SDK details for the create (raises BuilderError naming the field).

        Every step saves its fields into `self.draft` (set by the subclass), whose `build` calls
        the service layer's builders.
        """
        for step in self.steps:
            if hasattr(step, "save"):
                step.save()
        return self.draft.build(self.compartment_id)  # type: ignore[attr-defined]

    #: the kind every wizard creates, and the label its call is logged and tracked under
    CREATES: Any = None
    CREATE_LABEL = ""

    def submit_call(self, details: Any) -> tuple[str, Any, tuple, dict]:
        """(label, fn, args, kwargs) of the service-layer call for `details`: `genai.create` of
        `CREATES` in the wizard's region, with the submission's retry token (the same on a resubmit)."""
        return (self.CREATE_LABEL, self.app.genai.create, (self.CREATES, details),
                dict(region=self.region_id, retry_token=self.submission.retry_token))

    def secrets(self) -> list[str]:
        """Values never to be shown (masked out of any error text)."""
        return []

    def resource_label(self) -> str:
        return self.TITLE_TEXT

    # -- layout ------------------------------------------------------------------------------------
    @property
    def steps(self) -> list[Step]:
        return self._steps

    @property
    def step(self) -> Step:
        return self._steps[self.index]

    def where(self) -> str:
        """The context this wizard works on: profile · region · compartment path."""
        context = getattr(self.app, "context", None)
        profile = getattr(context, "profile", None)
        parts = [f"profile {profile}"] if profile else []
        return " · ".join([*parts, f"region {self.region_id}", f"compartment {self.compartment_path}"])

    def compose(self) -> ComposeResult:
        yield Static(Text(self.TITLE_TEXT), id="wizard-title", markup=False)
        yield Static(Text(clean(self.where()), no_wrap=True, overflow="ellipsis"), id="wizard-where", markup=False)
        yield StepIndicator(id="wizard-steps")
        with ContentSwitcher(initial="step-0"):
            for n, step in enumerate(self._steps):
                with VerticalScroll(id=f"step-{n}", can_focus=False):
                    yield step
        yield Static("", id="wizard-status", markup=False)
        with Horizontal(id="wizard-buttons"):
            yield Button("‹ Back", id="wizard-back", compact=True)
            yield Button("Next ›", id="wizard-next", variant="primary", compact=True)
            yield Button("Submit", id="wizard-submit", variant="success", compact=True)
            yield Button("Cancel", id="wizard-cancel", compact=True)
        yield SteadyFooter()

    def on_mount(self) -> None:
        self._show_step()

    def _show_step(self) -> None:
        self.entered_index = -1
        self.query_one(ContentSwitcher).current = f"step-{self.index}"
        self.query_one(StepIndicator).show([s.short or s.title for s in self._steps], self.index)
        last = self.index == len(self._steps) - 1
        self.query_one("#wizard-back", Button).disabled = self.index == 0
        self.query_one("#wizard-next", Button).display = not last
        submit = self.query_one("#wizard-submit", Button)
        submit.display = last
        submit.disabled = self.submission.in_flight or self.submission.done
        self.refresh_bindings()
        self.call_later(self._enter_step, self.step)

    async def _enter_step(self, step: Step) -> None:
        result = step.entered()
        if inspect.isawaitable(result):
            await result
        if step is not self.step:
            return
        self.entered_index = self.index
        if getattr(self, "_focus_invalid", False):
            self._focus_invalid = False
            step.check()
            if focus_first_invalid(step) is not None:
                return
        target = step.first_focus()
        if target is not None:
            target.focus()

    def status(self, message: str, *, error: bool = False) -> None:
        widget = self.query_one("#wizard-status", Static)
        widget.update(Text(clean(message, multiline=True)))
        widget.set_class(error, "-error")

    # -- navigation --------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        last = self.index == len(self._steps) - 1
        if action == "next":
            return not last
        if action == "back":
            return self.index > 0 or None
        if action == "submit":
            return last and not self.submission.in_flight and not self.submission.done
        if action in ("copy_body", "copy_cli"):
            return hasattr(self.step, f"action_{action}")
        return True

    def action_copy_body(self) -> None:
        if hasattr(self.step, "action_copy_body"):
            self.step.action_copy_body()

    def action_copy_cli(self) -> None:
        if hasattr(self.step, "action_copy_cli"):
            self.step.action_copy_cli()

    def action_next(self) -> None:
        if self.index >= len(self._steps) - 1:
            return
        broken = self.step.check()
        if broken:
            self.status(f"✗ {broken}", error=True)
            focus_first_invalid(self.step)
            return
        self.status("")
        self.index += 1
        self._show_step()

    def action_back(self) -> None:
        if self.index == 0:
            return
        self.status("")
        self.index -= 1
        self._show_step()

    def go_to(self, index: int) -> None:
        """Jump (tests and the review's "edit" links); only backwards or to checked steps."""
        while self.index < index:
            before = self.index
            self.action_next()
            if self.index == before:
                return
        while self.index > index:
            self.action_back()

    #: Seconds within which a second esc discards a draft the operator has already worked on.
    DISCARD_WINDOW = 3.0

    def action_cancel(self) -> None:
        if self.submission.in_flight:
            self.status("A submission is in flight: wait for its answer (it cannot be undone).", error=True)
            return
        now = time.monotonic()
        armed = getattr(self, "_discard_armed_at", None)
        if self.index > 0 and (armed is None or now - armed > self.DISCARD_WINDOW):
            self._discard_armed_at = now
            self.status("Press esc again to discard this draft; anything else keeps it.", error=True)
            return
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        actions = {"wizard-back": self.action_back, "wizard-next": self.action_next,
                   "wizard-submit": self.action_submit, "wizard-cancel": self.action_cancel}
        action = actions.get(event.button.id or "")
        if action is not None:
            event.stop()
            action()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    # -- submit ------------------------------------------------------------------------------------
    def action_submit(self) -> None:
        if self.index != len(self._steps) - 1 or self.submission.in_flight or self.submission.done:
            return
        if (refused := read_only_reason(self.app, "creating")):
            self.status(refused, error=True)
            return
        for n, step in enumerate(self._steps[:-1]):  # a field edited after review must still be valid
            broken = step.check()
            if broken:
                self.status(f"✗ step {n + 1} ({step.title}): {broken}", error=True)
                self.index = n  # show the step that holds it, focus on its first invalid field
                self._focus_invalid = True
                self._show_step()
                return
        try:
            details = self.build()
        except CloudError as exc:  # BuilderError: a rule the forms did not catch
            self.status(f"✗ {scrub(exc, self.secrets()).message}", error=True)
            return
        label, fn, args, kwargs = self.submit_call(details)
        self.submission.start()
        self.query_one("#wizard-submit", Button).disabled = True
        self.refresh_bindings()
        attempt = self.submission.attempts
        self.status(f"Submitting (attempt {attempt}, retry token …{self.submission.retry_token[-6:]})…")
        log.info("%s: submitting attempt %d", label, attempt)
        self.app.call(self, label, fn, *args, group="wizard-submit", on_success=self._submitted,
                      on_error=self._failed, **kwargs)

    def _submitted(self, result: Any) -> None:
        self.submission.succeeded(result)
        work_request_id = getattr(result, "work_request_id", None)
        # (the work request OCID is in the Work requests view, not in the toast)
        finish_after_success(self, result, label=f"{self.ACTION} {self.resource_label()}", region=self.region_id,
                             message=f"Submitted: {self.resource_label()}"
                             + ("; tracked in Work requests (3)" if work_request_id else ""),
                             title=self.TITLE_TEXT)

    def _failed(self, error: CloudError) -> None:
        error = scrub(error, self.secrets())
        self.submission.failed(error)
        self.query_one("#wizard-submit", Button).disabled = False
        self.refresh_bindings()
        code = " ".join(str(x) for x in (error.status, error.code) if x)
        lines = [f"✗ Submit failed{': ' + code if code else ''}: {error.message}"]
        if error.opc_request_id:
            lines.append(f"opc-request-id {error.opc_request_id}")
        from tui.ui.dialogs.base import retry_can_help

        if retry_can_help(error):
            lines.append("Every field is kept. Submit again reuses the same retry token, so a create that "
                         "already reached the service is not made twice.")
        else:
            lines.append("Every field is kept. The service refused this request as it stands: change what it "
                         "names before submitting again.")
        self.status("\n".join(lines), error=True)
