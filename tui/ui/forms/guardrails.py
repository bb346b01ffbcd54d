"""The guardrails form: one row of Off / Inform / Block per guardrail, shared by the deploy wizard
and the edit endpoint dialog.

Why one widget: creating an endpoint and editing one must offer the same choices with the same
words, and both hand the result to `tui.ui.data.guardrails.configs` (the builders). A mode the
service holds that is not one of the three (a free-string mode) gets its own button, so editing
another field never rewrites it.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Label, RadioButton, RadioSet

from tui.ui.data import guardrails
from tui.ui.text import clean


def _button_id(field: str, mode: str) -> str:
    return f"gr-{field.split('_')[0]}-{''.join(c for c in mode.lower() if c.isalnum()) or 'x'}"


class GuardrailsForm(Vertical):
    """`values` maps each guardrail field to OFF / INFORM / BLOCK (or a mode the service sent)."""

    DEFAULT_CSS = """
    GuardrailsForm { height: auto; }
    GuardrailsForm > Horizontal { height: auto; }
    GuardrailsForm .guardrail-label { width: 20; padding: 0 1 0 0; color: $text-muted; }
    GuardrailsForm RadioSet { layout: horizontal; height: auto; border: none; padding: 0; width: auto; }
    GuardrailsForm RadioSet > RadioButton { width: auto; margin: 0 2 0 0; }
    /* away from the keyboard, only the chosen mode (the dot) shows: no stale cursor highlight */
    GuardrailsForm RadioSet:blur > RadioButton.-selected > .toggle--label { background: transparent; }
    """

    class Changed(Message):
        def __init__(self, form: "GuardrailsForm") -> None:
            super().__init__()
            self.form = form

    def __init__(self, values: dict[str, str] | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.values: dict[str, str] = dict(values or guardrails.DEFAULTS)
        #: the values as prefilled from the service (None until `prefill`)
        self.prefilled: dict[str, str] | None = None

    def compose(self) -> ComposeResult:
        for field, label, _build in guardrails.GUARDRAILS:
            current = self.values.get(field, guardrails.OFF)
            modes = list(guardrails.MODES) + ([current] if current not in guardrails.MODES else [])
            with Horizontal():
                yield Label(Text(label), classes="guardrail-label", markup=False)
                yield RadioSet(*[
                    RadioButton(Text(clean(m.capitalize())), value=m == current, name=m, id=_button_id(field, m))
                    for m in modes
                ], id=f"gr-{field.split('_')[0]}", name=field, compact=True)

    def set_values(self, values: dict[str, str], *, prefill: bool = False) -> None:
        """Show `values` (the modes the three RadioSets select); `prefill` marks them as the service's."""
        self.values = {**self.values, **values}
        if prefill:
            self.prefilled = dict(self.values)
        for radio_set in self.query(RadioSet):
            mode = self.values.get(radio_set.name or "", guardrails.OFF)
            for button in radio_set.query(RadioButton):
                if button.name == mode:
                    button.value = True

    @property
    def untouched(self) -> bool:
        return self.prefilled is not None and self.values == self.prefilled

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        field = event.radio_set.name or ""
        if field in guardrails.FIELDS and event.pressed.name:
            self.values[field] = event.pressed.name
            self.post_message(self.Changed(self))
