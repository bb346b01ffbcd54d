"""Which fields the generic edit dialog shows for each kind, and which builder makes the body.

Models and imported models edit name, description, vendor, version and tags; clusters and
endpoints have no vendor or version, a HOSTING cluster also scales (its unit count) and an endpoint
edits its three guardrails (`tui.ui.forms.guardrails.GuardrailsForm`, sent as the three configs).
Kept as data beside the dialog so a new kind is an entry here, not a new dialog.
"""

from __future__ import annotations

from typing import Any

from textual.dom import DOMNode
from textual.widget import Widget

from tui.cloud import builders, builders_serving
from tui.cloud.resources import DEDICATED_AI_CLUSTER, ENDPOINT, ResourceKind
from tui.ui.data import guardrails
from tui.ui.forms.field import FormField
from tui.ui.forms.guardrails import GuardrailsForm

SERVING_KEYS = {DEDICATED_AI_CLUSTER.key, ENDPOINT.key}
MAX_UNITS = 1000


def unit_count_rule(text: str) -> str | None:
    value = text.strip()
    if not value.isdigit() or not value.isascii():
        return "a whole number of units"
    if not 1 <= int(value) <= MAX_UNITS:
        return f"between 1 and {MAX_UNITS}"
    return None


def adapt_fields(kind: ResourceKind, fields: dict[str, FormField]) -> dict[str, FormField]:
    """The model field set, trimmed and extended for `kind` (same order: name, description, ...)."""
    if kind.key not in SERVING_KEYS:
        return fields
    out = {k: v for k, v in fields.items() if k not in ("vendor", "version")}
    if kind is DEDICATED_AI_CLUSTER:
        out["unit_count"] = FormField("Unit count (HOSTING clusters scale)", rule=unit_count_rule,
                                      id="edit-unit-count")
    return out


def extra_widgets(kind: ResourceKind) -> list[Widget]:
    """Widgets after the text fields: an endpoint's guardrails."""
    return [GuardrailsForm(id="edit-guardrails")] if kind is ENDPOINT else []


def _guardrails_form(root: DOMNode | None) -> GuardrailsForm | None:
    found = root.query(GuardrailsForm) if root is not None else None
    return found.first() if found else None


def extra_edits(root: DOMNode) -> dict[str, Any]:
    """The non-text fields the operator changed (`guardrails`: the three modes), for `edited()`."""
    form = _guardrails_form(root)
    if form is None or form.prefilled is None or form.untouched:
        return {}
    return {"guardrails": dict(form.values)}


def after_reload(root: DOMNode, theirs: dict[str, Any]) -> None:
    """After a 412 reload, guardrails the operator did not touch show the new values."""
    form = _guardrails_form(root)
    if form is not None and form.untouched:
        form.set_values(theirs.get("guardrails") or {}, prefill=True)


def after_load(kind: ResourceKind, fields: dict[str, FormField], resource: Any, root: DOMNode | None = None) -> None:
    """Prefill the guardrails; only HOSTING clusters scale: a FINE_TUNING cluster's unit count is read-only."""
    form = _guardrails_form(root)
    if form is not None:
        form.set_values(guardrails.modes_of(resource), prefill=True)
    field = fields.get("unit_count")
    if field is not None and (getattr(resource, "type", None) or "").upper() != "HOSTING":
        field.input.disabled = True
        field.rule = None
        field.input.validators = []


def update_body(kind: ResourceKind, changed: dict[str, Any], resource_type: str | None = None) -> Any:
    """The Update*Details for the changed fields (raises BuilderError, a CloudError)."""
    if kind.key not in SERVING_KEYS:
        return builders.update_details(kind, **changed)
    fields = dict(changed)
    if "guardrails" in fields:  # the three configs as the operator set them (if-match guards the rest)
        fields.update(guardrails.configs(fields.pop("guardrails")))
    if kind is DEDICATED_AI_CLUSTER and "unit_count" in fields:
        fields["cluster_type"] = resource_type
    return builders_serving.update_details_for(kind, **fields)
