"""The server-side filters of a list (what the API filters), kept apart from the `/` filter.

Capability, lifecycle state, vendor and display name go to the API; type (BASE/CUSTOM, HOSTING/
FINE_TUNING) has no API filter, so it is applied to the returned rows (for kinds that have a type).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from tui.cloud.resources import ResourceKind


@dataclass(frozen=True)
class ServerFilters:
    capability: str | None = None
    lifecycle_state: str | None = None
    vendor: str | None = None
    display_name: str | None = None
    model_type: str | None = None  # the kind's type_values: BASE | CUSTOM, HOSTING | FINE_TUNING (client-side)

    def api_kwargs(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.capability:
            out["capability"] = self.capability
        if self.lifecycle_state:
            out["lifecycle_state"] = self.lifecycle_state
        if self.vendor:
            out["vendor"] = self.vendor
        if self.display_name:
            out["display_name"] = self.display_name
        return out

    def keeps(self, obj: Any) -> bool:
        value = obj.get("type") if isinstance(obj, dict) else getattr(obj, "type", None)  # a raw item or a model
        if self.model_type and (value or "").upper() != self.model_type:
            return False
        return True

    def describe(self) -> str:
        parts = []
        for label, value in (("cap", self.capability), ("state", self.lifecycle_state), ("vendor", self.vendor),
                             ("name", self.display_name), ("type", self.model_type)):
            if value:
                parts.append(f"{label}={value}")
        return " ".join(parts)

    @property
    def active(self) -> bool:
        return bool(self.describe())

    def for_kind(self, kind: ResourceKind) -> "ServerFilters":
        """Drop what does not apply to `kind` (type on imported models, foreign enum values)."""
        out = self
        if self.model_type and self.model_type not in kind.type_values:
            out = replace(out, model_type=None)
        if out.vendor and "vendor" not in kind.list_filters:
            out = replace(out, vendor=None)
        if out.capability and out.capability not in kind.capabilities:
            out = replace(out, capability=None)
        if out.lifecycle_state and out.lifecycle_state not in kind.lifecycle_states:
            out = replace(out, lifecycle_state=None)
        return out
