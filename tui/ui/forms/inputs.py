"""`SafeInput`: the only text input the console uses. Whatever its value holds, the terminal never
receives a control character from it, and service text enters it only through `prefill`.

Why a subclass and not care at each call site: Textual's `Input` paints its value (and placeholder)
raw, so a description holding `ESC ] 52 ; c ; <base64> BEL` wrote the operator's clipboard the moment
an edit dialog opened (issue 10 §1). Here rendering goes through `tui.ui.text.clean`, whose one
character for one character replacement keeps the cursor and selection offsets right, so it holds for
anything in the value: prefilled, typed, pasted or set by code. A value the operator typed or pasted
stays as typed (so the form rules can refuse a control character and say so); a value from the
service is prefilled in its cleaned form, and the input remembers whether cleaning altered it, so a
form can say so and not send the altered text back as if the operator had typed it.
`tests/ui/test_hostile_inputs.py` checks that no module in tui/ui builds a bare `Input`.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.geometry import Size
from textual.widgets import Input

from tui.ui.text import clean


class SafeInput(Input):
    """An `Input` that renders its value and placeholder sanitised and knows what was prefilled."""

    def __init__(self, value: str | None = None, placeholder: str = "", *args: Any, **kwargs: Any) -> None:
        super().__init__(value, clean(placeholder, limit=None), *args, **kwargs)
        #: the value as the service sent it (None when nothing was prefilled)
        self.original: str | None = None
        #: what `prefill` put in the input (the cleaned original)
        self.prefilled: str = value or ""

    def prefill(self, value: str | None) -> None:
        """Show a value that came from the service: cleaned, and remembered as the starting point."""
        self.original = value or ""
        self.prefilled = clean(self.original, limit=None)
        self.value = self.prefilled

    @property
    def altered(self) -> bool:
        """True when the prefilled service value held control characters (what is shown differs)."""
        return self.original is not None and self.prefilled != self.original

    @property
    def untouched(self) -> bool:
        """True while the value is still what was prefilled (the operator has not changed it)."""
        return self.value == self.prefilled

    def _watch_value(self, value: str) -> None:
        """Textual's `Input` sets `virtual_size` on every change, and `Widget.virtual_size` is a layout
        reactive: each `/` keystroke re-laid out the whole screen (~28 ms with five list views, the
        largest part of a keystroke's UI time: tests/bench/filter_latency.py). An input's virtual size
        (how far its text scrolls) moves no other widget, so it is set without that pass; an input
        sized by its content still gets its layout from `Input._watch_value`."""
        size = Size(self.content_width, 1)
        if size != self.virtual_size and not self.styles.auto_dimensions:
            self.set_reactive(Input.virtual_size, size)
        super()._watch_value(value)

    @property
    def _value(self) -> Text:
        """The value as painted: every control character visible, never raw (see tui.ui.text)."""
        if self.password:
            return Text("•" * len(self.value), no_wrap=True, overflow="ignore", end="")
        text = Text(clean(self.value, limit=None), no_wrap=True, overflow="ignore", end="")
        if self.highlighter is not None:
            text = self.highlighter(text)
        return text

    def validate_placeholder(self, placeholder: str) -> str:
        """Placeholders are painted raw too; keep them clean whoever sets them."""
        return clean(placeholder, limit=None)

    def validate__suggestion(self, suggestion: str) -> str:
        """So is a suggester's completion (same length: the value's prefix still lines up)."""
        return clean(suggestion, limit=None)
