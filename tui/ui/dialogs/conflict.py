"""What an edit sends and what changed under it: pure functions over the editable fields.

Why separate: the 412 path must tell the operator exactly which fields someone else changed
(theirs vs yours) and then re-apply only the operator's own changes on the new etag. Easy to get
wrong, easy to test without a UI.
"""

from __future__ import annotations

from typing import Any

from tui.ui.data import guardrails

EDITABLE = ("display_name", "description", "vendor", "version", "freeform_tags", "unit_count", "guardrails")
LABELS = {"display_name": "Name", "description": "Description", "vendor": "Vendor", "version": "Version",
          "freeform_tags": "Freeform tags", "unit_count": "Unit count", "guardrails": "Guardrails"}


def snapshot(resource: Any) -> dict[str, Any]:
    """The editable fields of an SDK Model / ImportedModel, normalised (None → '' or {})."""
    out: dict[str, Any] = {}
    for f in EDITABLE:
        value = getattr(resource, f, None)
        if f == "unit_count":  # clusters only; shown and compared as the text of the form field
            out[f] = "" if value is None else str(value)
            continue
        if f == "guardrails":  # endpoints only: OFF / INFORM / BLOCK per guardrail ({} for other kinds)
            out[f] = guardrails.modes_of(resource)
            continue
        out[f] = dict(value or {}) if f == "freeform_tags" else (value or "")
    return out


def changes(original: dict[str, Any], yours: dict[str, Any]) -> dict[str, Any]:
    """The fields the operator changed relative to `original` (what an update must send)."""
    return {f: yours[f] for f in EDITABLE if f in yours and yours[f] != original.get(f)}


def conflicts(original: dict[str, Any], theirs: dict[str, Any], yours: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(field, theirs, yours) for every field changed out of band since `original` was loaded."""
    return [(f, theirs.get(f), yours.get(f)) for f in EDITABLE if theirs.get(f) != original.get(f)]


def show(value: Any) -> str:
    if isinstance(value, dict) and value and set(value) <= set(guardrails.FIELDS):
        return guardrails.summary(value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items()) or "(none)"
    return repr(value) if value else "(empty)"
