"""The facts that distinguish one resource kind from another, written once as data.

Model, ImportedModel, DedicatedAiCluster and Endpoint differ in a handful of facts (enum sets, which operations are async, which
fields exist, SDK method names). Keeping them in one descriptor per kind lets a single generic set of
operations, one list screen and one detail pane serve both, the way k9s serves every Kubernetes kind
from a resource descriptor. Adding a fact here is preferred to branching on the kind anywhere else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from tui.cloud.builder_error import BuilderError
from tui.cloud.errors import CloudError

__all__ = [
    "Field",
    "ResourceKind",
    "MODEL",
    "IMPORTED_MODEL",
    "DEDICATED_AI_CLUSTER",
    "ENDPOINT",
    "KINDS",
    "kind_of",
    "normalize_capability",
    "normalize_capabilities",
    "normalize_lifecycle_state",
    "normalize_sort_by",
    "normalize_sort_order",
    "SORT_ORDERS",
    "IMPORTED_MODEL_PRIMARY_CAPABILITIES",
]


@dataclass(frozen=True)
class Field:
    """One attribute shown in a table column or the detail pane (``attr`` is the SDK snake_case name)."""

    attr: str
    label: str
    kind: str = "text"  # text | ocid | datetime | list | tags | state | nested


@dataclass(frozen=True)
class ResourceKind:
    key: str
    title: str
    plural: str
    ocid_type: str
    lifecycle_states: tuple[str, ...]
    transitional_states: tuple[str, ...]
    capabilities: tuple[str, ...]
    sort_fields: tuple[str, ...]
    async_ops: frozenset[str]
    has_type: bool
    # SDK method names on GenerativeAiClient
    list_method: str
    get_method: str
    create_method: str
    update_method: str
    change_compartment_method: str
    delete_method: str
    # OCI operation names (as in ServiceError.operation_name and the emulator's fault injection)
    operation_names: dict[str, str]
    # Work request operation types per async op
    work_request_types: dict[str, str]
    # SDK model class names in oci.generative_ai.models
    model_class: str
    summary_class: str
    create_details_class: str
    update_details_class: str
    change_compartment_details_class: str
    updatable_fields: tuple[str, ...]
    summary_fields: tuple[Field, ...]
    detail_fields: tuple[Field, ...]
    terminal_states: tuple[str, ...] = ("ACTIVE", "FAILED", "DELETED")
    extra: dict[str, Any] = field(default_factory=dict)
    #: the server-side list filters `GenAI.list_resources` accepts for this kind (others are refused, named)
    list_filters: tuple[str, ...] = ("vendor", "capability", "lifecycle_state", "display_name", "id")
    #: values of the `type` attribute (Model: BASE / CUSTOM; cluster: HOSTING / FINE_TUNING)
    type_values: tuple[str, ...] = ()
    #: states an operator must see as a warning (a cluster's NEEDS_ATTENTION)
    warning_states: tuple[str, ...] = ()

    def is_async(self, op: str) -> bool:
        """True when ``op`` (list/get/create/update/change_compartment/delete) returns a work request."""
        return op in self.async_ops

    def operation_name(self, op: str) -> str:
        return self.operation_names[op]

    def sdk_class(self, which: str) -> type:
        import oci.generative_ai.models as models

        return getattr(models, getattr(self, f"{which}_class"))

    def is_transitional(self, state: str | None) -> bool:
        return (state or "").upper() in self.transitional_states

    def is_warning(self, state: str | None) -> bool:
        return (state or "").upper() in self.warning_states

    def __str__(self) -> str:
        return self.key


_COMMON_SORT = ("displayName", "lifecycleState", "timeCreated")
SORT_ORDERS = ("ASC", "DESC")

_MODEL_CAPS = (
    "TEXT_GENERATION", "TEXT_SUMMARIZATION", "TEXT_EMBEDDINGS", "FINE_TUNE", "CHAT", "TEXT_RERANK",
    "TEXT_TO_IMAGE", "IMAGE_TEXT_TO_IMAGE", "IMAGE_TEXT_TO_TEXT", "IMAGE_TEXT_TO_VIDEO", "IMAGE_TO_IMAGE",
    "REALTIME", "AUDIO_TO_AUDIO", "AUDIO_TO_TEXT", "TEXT_TO_AUDIO", "TEXT_TO_VIDEO", "AUDIO_TEXT_TO_TEXT",
    "AUDIO_TRANSLATION", "VIDEO_TEXT_TO_TEXT",
)
_IMPORTED_CAPS = (
    "TEXT_TO_TEXT", "IMAGE_TEXT_TO_TEXT", "EMBEDDING", "RERANK",
    "TEXT_TO_IMAGE", "IMAGE_TEXT_TO_IMAGE", "IMAGE_TEXT_TO_VIDEO", "IMAGE_TO_IMAGE",
    "REALTIME", "AUDIO_TO_AUDIO", "AUDIO_TO_TEXT", "TEXT_TO_AUDIO", "TEXT_TO_VIDEO", "AUDIO_TEXT_TO_TEXT",
    "AUDIO_TRANSLATION", "VIDEO_TEXT_TO_TEXT",
)
#: An imported model supports exactly one of these (manage-imported-models.htm).
IMPORTED_MODEL_PRIMARY_CAPABILITIES = ("TEXT_TO_TEXT", "IMAGE_TEXT_TO_TEXT", "EMBEDDING", "RERANK")

_TAG_FIELDS = (
    Field("freeform_tags", "Freeform tags", "tags"),
    Field("defined_tags", "Defined tags", "tags"),
    Field("system_tags", "System tags", "tags"),
)

MODEL = ResourceKind(
    key="model",
    title="Model",
    plural="Models",
    ocid_type="generativeaimodel",
    lifecycle_states=("ACTIVE", "CREATING", "DELETING", "DELETED", "FAILED"),
    transitional_states=("CREATING", "DELETING"),
    capabilities=_MODEL_CAPS,
    sort_fields=_COMMON_SORT,
    async_ops=frozenset({"create", "delete"}),
    has_type=True,
    type_values=("BASE", "CUSTOM"),
    list_method="list_models",
    get_method="get_model",
    create_method="create_model",
    update_method="update_model",
    change_compartment_method="change_model_compartment",
    delete_method="delete_model",
    operation_names={
        "list": "ListModels", "get": "GetModel", "create": "CreateModel", "update": "UpdateModel",
        "change_compartment": "ChangeModelCompartment", "delete": "DeleteModel",
    },
    work_request_types={"create": "CREATE_MODEL", "delete": "DELETE_MODEL", "change_compartment": "MOVE_MODEL"},
    model_class="Model",
    summary_class="ModelSummary",
    create_details_class="CreateModelDetails",
    update_details_class="UpdateModelDetails",
    change_compartment_details_class="ChangeModelCompartmentDetails",
    updatable_fields=("display_name", "description", "vendor", "version", "freeform_tags", "defined_tags"),
    summary_fields=(
        Field("display_name", "Name"),
        Field("lifecycle_state", "State", "state"),
        Field("type", "Type"),
        Field("vendor", "Vendor"),
        Field("version", "Version"),
        Field("capabilities", "Capabilities", "list"),
        Field("time_created", "Created", "datetime"),
        Field("time_deprecated", "Deprecated", "datetime"),
    ),
    detail_fields=(
        Field("display_name", "Name"),
        Field("id", "OCID", "ocid"),
        Field("type", "Type"),
        Field("lifecycle_state", "State", "state"),
        Field("lifecycle_details", "State details"),
        Field("description", "Description"),
        Field("vendor", "Vendor"),
        Field("version", "Version"),
        Field("capabilities", "Capabilities", "list"),
        Field("compartment_id", "Compartment", "ocid"),
        Field("base_model_id", "Base model", "ocid"),
        Field("is_long_term_supported", "Long-term supported"),
        Field("time_created", "Created", "datetime"),
        Field("time_updated", "Updated", "datetime"),
        Field("time_deprecated", "Deprecated", "datetime"),
        Field("time_on_demand_retired", "On-demand retired", "datetime"),
        Field("time_dedicated_retired", "Dedicated retired", "datetime"),
        Field("fine_tune_details", "Fine-tune details", "nested"),
        Field("model_metrics", "Metrics", "nested"),
        *_TAG_FIELDS,
    ),
)

IMPORTED_MODEL = ResourceKind(
    key="imported_model",
    title="Imported model",
    plural="Imported models",
    ocid_type="generativeaiimportedmodel",
    lifecycle_states=("ACTIVE", "CREATING", "UPDATING", "DELETING", "DELETED", "FAILED"),
    transitional_states=("CREATING", "UPDATING", "DELETING"),
    capabilities=_IMPORTED_CAPS,
    sort_fields=_COMMON_SORT,
    async_ops=frozenset({"create", "update", "delete"}),
    has_type=False,
    list_method="list_imported_models",
    get_method="get_imported_model",
    create_method="create_imported_model",
    update_method="update_imported_model",
    change_compartment_method="change_imported_model_compartment",
    delete_method="delete_imported_model",
    operation_names={
        "list": "ListImportedModels", "get": "GetImportedModel", "create": "CreateImportedModel",
        "update": "UpdateImportedModel", "change_compartment": "ChangeImportedModelCompartment",
        "delete": "DeleteImportedModel",
    },
    work_request_types={
        "create": "CREATE_IMPORTED_MODEL", "update": "UPDATE_IMPORTED_MODEL", "delete": "DELETE_IMPORTED_MODEL",
    },
    model_class="ImportedModel",
    summary_class="ImportedModelSummary",
    create_details_class="CreateImportedModelDetails",
    update_details_class="UpdateImportedModelDetails",
    change_compartment_details_class="ChangeImportedModelCompartmentDetails",
    updatable_fields=("display_name", "description", "vendor", "version", "freeform_tags", "defined_tags"),
    summary_fields=(
        Field("display_name", "Name"),
        Field("lifecycle_state", "State", "state"),
        Field("vendor", "Vendor"),
        Field("version", "Version"),
        Field("capabilities", "Capabilities", "list"),
        Field("time_created", "Created", "datetime"),
    ),
    detail_fields=(
        Field("display_name", "Name"),
        Field("id", "OCID", "ocid"),
        Field("lifecycle_state", "State", "state"),
        Field("lifecycle_details", "State details"),
        Field("description", "Description"),
        Field("vendor", "Vendor"),
        Field("version", "Version"),
        Field("capabilities", "Capabilities", "list"),
        Field("compartment_id", "Compartment", "ocid"),
        Field("data_source", "Data source", "nested"),
        Field("time_created", "Created", "datetime"),
        Field("time_updated", "Updated", "datetime"),
        *_TAG_FIELDS,
    ),
)

_SERVING_STATES = ("ACTIVE", "CREATING", "UPDATING", "DELETING", "DELETED", "FAILED")
_SERVING_FILTERS = ("lifecycle_state", "display_name", "id")

DEDICATED_AI_CLUSTER = ResourceKind(
    key="dedicated_ai_cluster",
    title="Dedicated AI cluster",
    plural="Dedicated AI clusters",
    ocid_type="generativeaidedicatedaicluster",
    lifecycle_states=_SERVING_STATES + ("NEEDS_ATTENTION",),
    transitional_states=("CREATING", "UPDATING", "DELETING"),
    capabilities=(),
    sort_fields=("timeCreated", "displayName", "lifecycleState"),
    async_ops=frozenset({"create", "update", "delete"}),
    has_type=False,  # has a type (HOSTING / FINE_TUNING) but not the model's BASE / CUSTOM filter
    type_values=("HOSTING", "FINE_TUNING"),
    warning_states=("NEEDS_ATTENTION",),
    terminal_states=("ACTIVE", "FAILED", "DELETED", "NEEDS_ATTENTION"),
    list_filters=_SERVING_FILTERS,
    list_method="list_dedicated_ai_clusters",
    get_method="get_dedicated_ai_cluster",
    create_method="create_dedicated_ai_cluster",
    update_method="update_dedicated_ai_cluster",
    change_compartment_method="change_dedicated_ai_cluster_compartment",
    delete_method="delete_dedicated_ai_cluster",
    operation_names={
        "list": "ListDedicatedAiClusters", "get": "GetDedicatedAiCluster", "create": "CreateDedicatedAiCluster",
        "update": "UpdateDedicatedAiCluster", "change_compartment": "ChangeDedicatedAiClusterCompartment",
        "delete": "DeleteDedicatedAiCluster",
    },
    work_request_types={
        "create": "CREATE_DEDICATED_AI_CLUSTER", "update": "UPDATE_DEDICATED_AI_CLUSTER",
        "delete": "DELETE_DEDICATED_AI_CLUSTER", "change_compartment": "MOVE_DEDICATED_AI_CLUSTER",
    },
    model_class="DedicatedAiCluster",
    summary_class="DedicatedAiClusterSummary",
    create_details_class="CreateDedicatedAiClusterDetails",
    update_details_class="UpdateDedicatedAiClusterDetails",
    change_compartment_details_class="ChangeDedicatedAiClusterCompartmentDetails",
    updatable_fields=("display_name", "description", "unit_count", "freeform_tags", "defined_tags"),
    summary_fields=(
        Field("display_name", "Name"),
        Field("lifecycle_state", "State", "state"),
        Field("type", "Type"),
        Field("unit_shape", "Shape"),
        Field("unit_count", "Units"),
        Field("capacity", "Capacity", "nested"),
        Field("time_created", "Created", "datetime"),
    ),
    detail_fields=(
        Field("display_name", "Name"),
        Field("id", "OCID", "ocid"),
        Field("type", "Type"),
        Field("lifecycle_state", "State", "state"),
        Field("lifecycle_details", "State details"),
        Field("description", "Description"),
        Field("unit_shape", "Unit shape"),
        Field("unit_count", "Unit count"),
        Field("capacity", "Capacity", "nested"),
        Field("capacity_reservation_id", "Capacity reservation", "ocid"),
        Field("compartment_id", "Compartment", "ocid"),
        Field("time_created", "Created", "datetime"),
        Field("time_updated", "Updated", "datetime"),
        *_TAG_FIELDS,
    ),
)

ENDPOINT = ResourceKind(
    key="endpoint",
    title="Endpoint",
    plural="Endpoints",
    ocid_type="generativeaiendpoint",
    lifecycle_states=_SERVING_STATES,
    transitional_states=("CREATING", "UPDATING", "DELETING"),
    capabilities=(),
    sort_fields=("displayName", "timeCreated"),
    async_ops=frozenset({"create", "update", "delete"}),
    has_type=False,
    list_filters=_SERVING_FILTERS,
    list_method="list_endpoints",
    get_method="get_endpoint",
    create_method="create_endpoint",
    update_method="update_endpoint",
    change_compartment_method="change_endpoint_compartment",
    delete_method="delete_endpoint",
    operation_names={
        "list": "ListEndpoints", "get": "GetEndpoint", "create": "CreateEndpoint", "update": "UpdateEndpoint",
        "change_compartment": "ChangeEndpointCompartment", "delete": "DeleteEndpoint",
    },
    work_request_types={
        "create": "CREATE_ENDPOINT", "update": "UPDATE_ENDPOINT", "delete": "DELETE_ENDPOINT",
        "change_compartment": "MOVE_ENDPOINT",
    },
    model_class="Endpoint",
    summary_class="EndpointSummary",
    create_details_class="CreateEndpointDetails",
    update_details_class="UpdateEndpointDetails",
    change_compartment_details_class="ChangeEndpointCompartmentDetails",
    updatable_fields=("display_name", "description", "content_moderation_config", "prompt_injection_config",
                      "pii_detection_config", "generative_ai_private_endpoint_id", "freeform_tags", "defined_tags"),
    summary_fields=(
        Field("display_name", "Name"),
        Field("lifecycle_state", "State", "state"),
        Field("model_id", "Model", "ocid"),
        Field("dedicated_ai_cluster_id", "Cluster", "ocid"),
        Field("content_moderation_config", "Content moderation", "nested"),
        Field("time_created", "Created", "datetime"),
    ),
    detail_fields=(
        Field("display_name", "Name"),
        Field("id", "OCID", "ocid"),
        Field("lifecycle_state", "State", "state"),
        Field("lifecycle_details", "State details"),
        Field("description", "Description"),
        Field("model_id", "Model", "ocid"),
        Field("dedicated_ai_cluster_id", "Cluster", "ocid"),
        Field("content_moderation_config", "Content moderation", "nested"),
        Field("prompt_injection_config", "Prompt injection", "nested"),
        Field("pii_detection_config", "PII detection", "nested"),
        Field("generative_ai_private_endpoint_id", "Private endpoint", "ocid"),
        Field("compartment_id", "Compartment", "ocid"),
        Field("time_created", "Created", "datetime"),
        Field("time_updated", "Updated", "datetime"),
        *_TAG_FIELDS,
    ),
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
        f"{field_name} {value!r} is not valid for {kind.plural}; valid: {', '.join(valid)}",
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
