"""The API facts that distinguish one resource kind from another, written once as data.

Model, ImportedModel, DedicatedAiCluster and Endpoint differ in a handful of facts (enum sets, which
operations are async, which fields can be updated, which server filters a list takes); the SDK method,
class and operation names, the OCID type and the work request types follow from the kind's SDK name.
Keeping them in one descriptor per kind lets a single generic set of operations serve every kind, the
way k9s serves every Kubernetes kind from a resource descriptor. How a kind looks on screen (title,
columns, detail fields) is its presentation entry, in tui/ui/data/presentation.py: adding a kind is
one entry here plus one there. Adding a fact here is preferred to branching on the kind anywhere else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

from tui.cloud.builder_error import BuilderError
from tui.cloud.errors import CloudError
from tui.facts import models
from tui.facts.models import IMPORTED_MODEL_PRIMARY_CAPABILITIES

__all__ = [
    "ResourceKind",
    "MODEL",
    "IMPORTED_MODEL",
    "DEDICATED_AI_CLUSTER",
    "ENDPOINT",
    "KINDS",
    "kind_of",
    "kind_of_ocid",
    "normalize_capability",
    "normalize_capabilities",
    "normalize_lifecycle_state",
    "normalize_sort_by",
    "normalize_sort_order",
    "SORT_ORDERS",
    "IMPORTED_MODEL_PRIMARY_CAPABILITIES",
]

_OPS = ("list", "get", "create", "update", "change_compartment", "delete")
_SERVING_STATES = ("ACTIVE", "CREATING", "UPDATING", "DELETING", "DELETED", "FAILED")
_TAGS = ("freeform_tags", "defined_tags")


@dataclass(frozen=True)
class ResourceKind:
    """One resource kind as the API defines it; every name the SDK uses follows from ``sdk_name``."""

    #: snake_case name: the key in ``KINDS`` and the stem of the SDK's method names (``list_{key}s``)
    key: str
    #: the SDK's class name (``DedicatedAiCluster``): the stem of its model classes and operation names
    sdk_name: str
    #: how messages name one (``dedicated AI cluster``); ``nouns`` is the plural
    noun: str
    lifecycle_states: tuple[str, ...]
    updatable_fields: tuple[str, ...]
    transitional_states: tuple[str, ...] = ("CREATING", "UPDATING", "DELETING")
    capabilities: tuple[str, ...] = ()
    sort_fields: tuple[str, ...] = ("displayName", "lifecycleState", "timeCreated")
    #: the operations that answer with a work request
    async_ops: frozenset[str] = frozenset({"create", "update", "delete"})
    #: whether a change of compartment is tracked by a MOVE_<KIND> work request
    move_work_request: bool = True
    #: the server-side list filters `GenAI.list_resources` accepts for this kind (others are refused, named)
    list_filters: tuple[str, ...] = ("lifecycle_state", "display_name", "id")
    #: values of the `type` attribute (Model: BASE / CUSTOM; cluster: HOSTING / FINE_TUNING)
    type_values: tuple[str, ...] = ()

    @property
    def nouns(self) -> str:
        return f"{self.noun}s"

    @property
    def ocid_type(self) -> str:
        """The resource type segment of its OCIDs (``ocid1.generativeaimodel.…``)."""
        return f"generativeai{self.sdk_name.lower()}"

    # SDK method names on GenerativeAiClient
    @property
    def list_method(self) -> str:
        return f"list_{self.key}s"

    @property
    def get_method(self) -> str:
        return f"get_{self.key}"

    @property
    def create_method(self) -> str:
        return f"create_{self.key}"

    @property
    def update_method(self) -> str:
        return f"update_{self.key}"

    @property
    def change_compartment_method(self) -> str:
        return f"change_{self.key}_compartment"

    @property
    def delete_method(self) -> str:
        return f"delete_{self.key}"

    @property
    def work_request_types(self) -> dict[str, str]:
        """Work request operation type per async op (``CREATE_MODEL``, ``MOVE_ENDPOINT``…)."""
        upper = self.key.upper()
        types: dict[str, str] = {op: f"{op.upper()}_{upper}" for op in ("create", "update", "delete")
                                 if op in self.async_ops}
        if self.move_work_request:
            types["change_compartment"] = f"MOVE_{upper}"
        return types

    def is_async(self, op: str) -> bool:
        """True when ``op`` (list/get/create/update/change_compartment/delete) returns a work request."""
        return op in self.async_ops

    def operation_name(self, op: str) -> str:
        """The OCI operation name (as in ServiceError.operation_name and the emulator's fault injection)."""
        if op not in _OPS:
            raise KeyError(op)
        if op == "list":
            return f"List{self.sdk_name}s"
        if op == "change_compartment":
            return f"Change{self.sdk_name}Compartment"
        return f"{op.capitalize()}{self.sdk_name}"

    def sdk_class(self, which: str) -> type:
        """The SDK model class: ``model``, ``summary``, ``create_details``, ``update_details`` or
        ``change_compartment_details``."""
        import oci.generative_ai.models as models

        name = {
            "model": self.sdk_name, "summary": f"{self.sdk_name}Summary",
            "create_details": f"Create{self.sdk_name}Details", "update_details": f"Update{self.sdk_name}Details",
            "change_compartment_details": f"Change{self.sdk_name}CompartmentDetails",
        }[which]
        cls: type = getattr(models, name)
        return cls

    def is_transitional(self, state: str | None) -> bool:
        return (state or "").upper() in self.transitional_states

    def __str__(self) -> str:
        return self.key


SORT_ORDERS = ("ASC", "DESC")

_MODEL_FILTERS = ("vendor", "capability", "lifecycle_state", "display_name", "id")
_MODEL_UPDATABLE = ("display_name", "description", "vendor", "version", *_TAGS)

MODEL = ResourceKind(
    key="model", sdk_name="Model", noun="model",
    lifecycle_states=models.MODEL_STATES,
    transitional_states=("CREATING", "DELETING"),
    capabilities=models.MODEL_CAPABILITIES,
    async_ops=frozenset({"create", "delete"}),
    type_values=("BASE", "CUSTOM"),
    list_filters=_MODEL_FILTERS,
    updatable_fields=_MODEL_UPDATABLE,
)

IMPORTED_MODEL = ResourceKind(
    key="imported_model", sdk_name="ImportedModel", noun="imported model",
    lifecycle_states=models.IMPORTED_MODEL_STATES,
    capabilities=models.IMPORTED_MODEL_CAPABILITIES,
    move_work_request=False,
    list_filters=_MODEL_FILTERS,
    updatable_fields=_MODEL_UPDATABLE,
)

DEDICATED_AI_CLUSTER = ResourceKind(
    key="dedicated_ai_cluster", sdk_name="DedicatedAiCluster", noun="dedicated AI cluster",
    lifecycle_states=_SERVING_STATES + ("NEEDS_ATTENTION",),
    sort_fields=("timeCreated", "displayName", "lifecycleState"),
    type_values=("HOSTING", "FINE_TUNING"),
    updatable_fields=("display_name", "description", "unit_count", *_TAGS),
)

ENDPOINT = ResourceKind(
    key="endpoint", sdk_name="Endpoint", noun="endpoint",
    lifecycle_states=_SERVING_STATES,
    sort_fields=("displayName", "timeCreated"),
    updatable_fields=("display_name", "description", "content_moderation_config", "prompt_injection_config",
                      "pii_detection_config", "generative_ai_private_endpoint_id", *_TAGS),
)

KINDS: dict[str, ResourceKind] = {
    MODEL.key: MODEL, IMPORTED_MODEL.key: IMPORTED_MODEL,
    DEDICATED_AI_CLUSTER.key: DEDICATED_AI_CLUSTER, ENDPOINT.key: ENDPOINT,
}

_KIND_ALIASES = {
    "model": MODEL, "models": MODEL, "generativeaimodel": MODEL,
    "imported_model": IMPORTED_MODEL, "imported_models": IMPORTED_MODEL, "importedmodel": IMPORTED_MODEL,
    "importedmodels": IMPORTED_MODEL, "imported": IMPORTED_MODEL, "generativeaiimportedmodel": IMPORTED_MODEL,
    "dedicated_ai_cluster": DEDICATED_AI_CLUSTER, "dedicated_ai_clusters": DEDICATED_AI_CLUSTER,
    "dedicatedaicluster": DEDICATED_AI_CLUSTER, "cluster": DEDICATED_AI_CLUSTER, "clusters": DEDICATED_AI_CLUSTER,
    "dac": DEDICATED_AI_CLUSTER, "generativeaidedicatedaicluster": DEDICATED_AI_CLUSTER,
    "endpoint": ENDPOINT, "endpoints": ENDPOINT, "ep": ENDPOINT, "generativeaiendpoint": ENDPOINT,
}


def kind_of_ocid(ocid: str | None) -> ResourceKind | None:
    """The kind an OCID names, from its type segment (``ocid1.generativeaiendpoint.…``), or None."""
    parts = (ocid or "").split(".")
    if len(parts) > 2 and parts[0] == "ocid1":
        return next((k for k in KINDS.values() if k.ocid_type == parts[1]), None)
    return None


def kind_of(kind: ResourceKind | str) -> ResourceKind:
    """The descriptor for a ResourceKind or its key (``"model"``, ``"imported_model"``, or an alias)."""
    if isinstance(kind, ResourceKind):
        return kind
    if isinstance(kind, str):
        found = _KIND_ALIASES.get(kind.strip().lower().replace("-", "_").replace(" ", "_"))
        if found is not None:
            return found
    raise CloudError(
        f"unknown resource kind {kind!r}; valid: {', '.join(KINDS)}",
        code="InvalidKind",
        hint="Use 'model', 'imported_model', 'dedicated_ai_cluster' or 'endpoint'.",
    )


def _canon(value: str) -> str:
    """``text-generation`` / ``Text Generation`` / ``CAPABILITIES_TEXT_GENERATION`` → ``TEXT_GENERATION``."""
    text = value.strip()
    # a ':text-generation' keyword, an enum repr like 'Capability.TEXT_GENERATION'
    text = text.lstrip(":")
    if "." in text:
        text = text.rsplit(".", 1)[-1]
    text = re.sub(r"[\s\-]+", "_", text).upper()
    for prefix in ("CAPABILITIES_", "CAPABILITY_"):
        if text.startswith(prefix):
            text = text[len(prefix):]
    return text


def _invalid(field_name: str, value: object, valid: Iterable[str], kind: ResourceKind) -> Exception:
    return BuilderError(
        field_name,
        "choice",
        f"{field_name} {value!r} is not valid for {kind.nouns}; valid: {', '.join(valid)}",
    )


def normalize_capability(value: Any, kind: ResourceKind | str) -> str:
    """The wire value of one capability for ``kind``; raises BuilderError listing the valid ones."""
    k = kind_of(kind)
    if not isinstance(value, str) or not value.strip():
        raise _invalid("capability", value, k.capabilities, k)
    canon = _canon(value)
    if canon not in k.capabilities:
        raise _invalid("capability", value, k.capabilities, k)
    return canon


def normalize_capabilities(values: Any, kind: ResourceKind | str) -> list[str]:
    """A single capability or an iterable of them, normalised and de-duplicated in order."""
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    out: list[str] = []
    for v in values:
        c = normalize_capability(v, kind)
        if c not in out:
            out.append(c)
    return out


def normalize_lifecycle_state(value: Any, kind: ResourceKind | str) -> str:
    k = kind_of(kind)
    canon = _canon(value).replace("LIFECYCLE_STATE_", "") if isinstance(value, str) else ""
    if canon not in k.lifecycle_states:
        raise _invalid("lifecycle_state", value, k.lifecycle_states, k)
    return canon


_SORT_ALIASES = {
    "displayname": "displayName", "display_name": "displayName", "name": "displayName",
    "lifecyclestate": "lifecycleState", "lifecycle_state": "lifecycleState", "state": "lifecycleState",
    "timecreated": "timeCreated", "time_created": "timeCreated", "created": "timeCreated",
}


def normalize_sort_by(value: Any, kind: ResourceKind | str = MODEL) -> str:
    k = kind_of(kind)
    key = value.strip().lstrip(":").replace("-", "_").lower() if isinstance(value, str) else ""
    found = _SORT_ALIASES.get(key)
    if found is None or found not in k.sort_fields:
        raise _invalid("sort_by", value, k.sort_fields, k)
    return found


def normalize_sort_order(value: Any) -> str:
    text = value.strip().lstrip(":").upper() if isinstance(value, str) else ""
    text = {"ASCENDING": "ASC", "DESCENDING": "DESC"}.get(text, text)
    if text not in SORT_ORDERS:
        raise BuilderError("sort_order", "choice", f"sort_order {value!r} is not valid; valid: ASC, DESC")
    return text
