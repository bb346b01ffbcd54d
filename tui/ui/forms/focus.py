"""After a failed check, put the cursor where the operator must look: the first field showing a broken rule.

Shared by the wizards (a step's check) and the edit dialog, so it lives with the form widgets.
"""

from __future__ import annotations

from textual.dom import DOMNode
from textual.widget import Widget

from tui.ui.forms.field import FormField


def focus_first_invalid(container: DOMNode) -> Widget | None:
    """Focus the first field under `container` that shows a broken rule (after a failed check).

    Returns the focused widget, or None when no field is marked invalid (the error is elsewhere,
    e.g. a picker with nothing chosen)."""
    for field in container.query(FormField):
        if field.has_class("-error") and field.display:
            field.focus()
            return field.input
    for widget in container.query("Input.-invalid"):
        if widget.display and widget.focusable:
            widget.focus()
            return widget
    return None
