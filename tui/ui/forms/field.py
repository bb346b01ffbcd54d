"""A labelled input whose rule is checked as the operator types, the broken rule shown under it.

Why a widget: every wizard step and dialog needs label + input + message, with the same behaviour
(validate on change, say which rule broke, warn without blocking for advisory ranges, never render
the value or the message as markup). `check()` lets a step validate everything before moving on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from tui.ui.forms.inputs import SafeInput
from tui.ui.forms.rules import Rule
from tui.ui.text import clean
from tui.ui.forms.validators import RuleValidator

Warn = Callable[[str], "str | None"]


class FormField(Vertical):
    """Label, Input and a message line (error in red, warning in yellow, help dim)."""

    DEFAULT_CSS = """
    FormField { height: auto; margin: 0 0 0 0; }
    FormField > .field-label { color: $text-muted; height: 1; }
    FormField > Input { width: 1fr; background: $panel; }
    FormField > Input:focus { background: $boost; }
    FormField > Input.-invalid { background: $error 20%; }
    FormField > .field-message { height: auto; color: $text-muted; padding: 0 1; }
    FormField.-error > .field-message { color: $error; }
    FormField.-warning > .field-message { color: $warning; }
    """

    def __init__(
        self,
        label: str,
        *,
        rule: Rule | None = None,
        warn: Warn | None = None,
        value: str = "",
        placeholder: str = "",
        password: bool = False,
        help: str = "",
        max_length: int = 0,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.label = label
        self.rule = rule
        self.warn = warn
        self.help = help
        self._input = SafeInput(
            value=value,
            placeholder=placeholder,
            password=password,
            max_length=max_length,
            validators=[RuleValidator(rule)] if rule else [],
            validate_on=("changed", "blur", "submitted"),
            id=f"{id}-input" if id else None,
            compact=True,
        )
        self._message = Static(Text(help), classes="field-message", markup=False)
        self._touched = False

    def compose(self) -> ComposeResult:
        yield Label(Text(self.label), classes="field-label", markup=False)
        yield self._input
        yield self._message

    @property
    def input(self) -> SafeInput:
        return self._input

    @property
    def value(self) -> str:
        return self._input.value

    @value.setter
    def value(self, text: str) -> None:
        """Set the value as if typed (a draft's text, a test). Service text goes through `prefill`."""
        self._input.value = text

    def prefill(self, value: str | None) -> None:
        """Start from a value the service sent: shown cleaned (see `SafeInput.prefill`)."""
        self._input.prefill(value)

    @property
    def altered(self) -> bool:
        """The prefilled service value held control characters, so what is shown differs from it."""
        return self._input.altered

    @property
    def untouched(self) -> bool:
        """The value is still what was prefilled."""
        return self._input.untouched

    @property
    def error(self) -> str | None:
        """The rule the current value breaks (None when it is acceptable)."""
        return self.rule(self.value) if self.rule else None

    def check(self) -> str | None:
        """Validate now (also an untouched field), show the result, return the error."""
        self._touched = True
        return self._show()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is self._input:
            self._touched = True
            self._show()

    def _show(self) -> str | None:
        error = self.error
        warning = None if error else (self.warn(self.value) if self.warn else None)
        self.set_class(bool(error), "-error")
        self.set_class(bool(warning), "-warning")
        if error:
            text = Text(clean(f"✗ {self.label}: {error}"))
        elif warning:
            text = Text(clean(f"! {self.label}: {warning}"))
        else:
            text = Text(clean(self.help))
        self._message.update(text)
        self._input.set_class(bool(error), "-invalid")
        return error

    def focus(self, scroll_visible: bool = True) -> "FormField":
        self._input.focus(scroll_visible)
        return self


def first_broken(fields: "Iterable[FormField]") -> str | None:
    """`Label: rule` of the first field that breaks its rule (every field is checked, so each shows
    its own message), or None when all hold."""
    first = None
    for f in fields:
        broken = f.check()
        if broken and first is None:
            first = f"{f.label}: {broken}"
    return first
