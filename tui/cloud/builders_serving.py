"""Validated constructors for the cluster and endpoint request bodies.

The serving half of ``builders``: the same contract (each field checked as the operator types,
``BuilderError(field, rule, message)`` naming what broke, SDK model objects on success), kept in
its own module so the fine-tune / import builders stay as they are. Shapes are free strings in the
API: a shape this console does not know is accepted (``tui.facts.clusters.is_known_shape`` tells a
form to warn), never refused.
"""

from __future__ import annotations

import re
from typing import Any

import oci.generative_ai.models as sdk

from tui.cloud.builders import (
    BuilderError,
    _defined_tags,
    _free_text,
    _freeform_tags,
    check_display_name,
    check_ocid,
)
from tui.cloud.resources import DEDICATED_AI_CLUSTER, ENDPOINT, IMPORTED_MODEL, MODEL, ResourceKind, kind_of
from tui.facts import clusters as facts

__all__ = [
    "CONTENT_MODERATION_MODES",
    "GUARDRAIL_MODES",
    "MAX_UNIT_COUNT",
    "content_moderation_config",
    "prompt_injection_config",
    "pii_detection_config",
    "create_cluster_details",
    "update_cluster_details",
    "create_endpoint_details",
    "update_endpoint_details",
    "update_details_for",
]

CONTENT_MODERATION_MODES = ("INFORM", "BLOCK")
#: The prompt-injection and PII modes are free strings in the API; these two are the sensible values.
GUARDRAIL_MODES = ("INFORM", "BLOCK")
MAX_UNIT_COUNT = 1000
SHAPE_RE = re.compile(r"[A-Z0-9][A-Z0-9_]{0,63}")
_MODE_RE = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,63}")


def _compartment(value: Any) -> str:
    return check_ocid("compartment_id", value, types=("compartment", "tenancy"))  # type: ignore[return-value]


def _bool(field: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise BuilderError(field, "type", f"{field} must be true or false")
    return value


def _guardrail(cls: type, field: str, enabled: Any, mode: Any, model_id: Any, *, modes: tuple[str, ...] | None
               ) -> Any:
    on = _bool(f"{field}.is_enabled", enabled)
    m = None
    if mode is not None and mode != "":
        if not isinstance(mode, str):
            raise BuilderError(f"{field}.mode", "type", f"{field}.mode must be text")
        m = mode.strip().upper() if modes else mode.strip()
        if modes is not None and m not in modes:
            raise BuilderError(f"{field}.mode", "choice", f"{field}.mode {mode!r} is not valid; valid: {', '.join(modes)}")
        if not _MODE_RE.fullmatch(m):
            raise BuilderError(f"{field}.mode", "shape", f"{field}.mode must be one word (letters, digits, '_')")
    mid = check_ocid(f"{field}.model_id", model_id, required=False) if model_id not in (None, "") else None
    return cls(is_enabled=on, mode=m, model_id=mid)


def content_moderation_config(is_enabled: Any, mode: Any = None, model_id: Any = None) -> sdk.ContentModerationConfig:
    """Content moderation guardrail: INFORM (flag) or BLOCK (refuse) harmful text."""
    return _guardrail(sdk.ContentModerationConfig, "content_moderation_config", is_enabled, mode, model_id,
                      modes=CONTENT_MODERATION_MODES)


def prompt_injection_config(is_enabled: Any, mode: Any = None, model_id: Any = None) -> sdk.PromptInjectionConfig:
    """Prompt-injection guardrail (the API's mode is a free string; INFORM / BLOCK are the usual values)."""
    return _guardrail(sdk.PromptInjectionConfig, "prompt_injection_config", is_enabled, mode, model_id,
                      modes=None)


def pii_detection_config(is_enabled: Any, mode: Any = None, model_id: Any = None) -> sdk.PiiDetectionConfig:
    """PII-detection guardrail (the API's mode is a free string; INFORM / BLOCK are the usual values)."""
    return _guardrail(sdk.PiiDetectionConfig, "pii_detection_config", is_enabled, mode, model_id,
                      modes=None)


def _cluster_type(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise BuilderError("cluster_type", "required", f"cluster_type is required: {' or '.join(facts.CLUSTER_TYPES)}")
    text = value.strip().upper().replace("-", "_").replace(" ", "_")
    if text not in facts.CLUSTER_TYPES:
        raise BuilderError("cluster_type", "choice",
                           f"cluster_type {value!r} is not valid; valid: {', '.join(facts.CLUSTER_TYPES)}")
    return text


def _unit_shape(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise BuilderError("unit_shape", "required", "unit_shape is required (e.g. SMALL_COHERE_V2, LARGE_GENERIC)")
    text = value.strip().upper()
    if not SHAPE_RE.fullmatch(text):
        raise BuilderError("unit_shape", "shape", f"unit_shape {value!r} is not a shape name (A-Z, 0-9, '_')")
    return text


def _unit_count(value: Any, *, required: bool) -> int | None:
    if value is None or value == "":
        if required:
            raise BuilderError("unit_count", "required", "unit_count is required")
        return None
    if isinstance(value, str) and re.fullmatch(r"\s*\d+\s*", value):
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise BuilderError("unit_count", "type", "unit_count must be a whole number")
    if not 1 <= value <= MAX_UNIT_COUNT:
        raise BuilderError("unit_count", "range", f"unit_count must be 1..{MAX_UNIT_COUNT}")
    return value


def create_cluster_details(compartment_id: Any, cluster_type: Any, unit_shape: Any, unit_count: Any, *,
                           display_name: Any = None, description: Any = None, capacity_reservation_id: Any = None,
                           freeform_tags: Any = None, defined_tags: Any = None
                           ) -> sdk.CreateDedicatedAiClusterDetails:
    """The body of CreateDedicatedAiCluster (``tui.facts.clusters.presets`` gives shape and count)."""
    return sdk.CreateDedicatedAiClusterDetails(
        compartment_id=_compartment(compartment_id), type=_cluster_type(cluster_type),
        unit_shape=_unit_shape(unit_shape), unit_count=_unit_count(unit_count, required=True),
        capacity_reservation_id=check_ocid("capacity_reservation_id", capacity_reservation_id, required=False)
        if capacity_reservation_id not in (None, "") else None,
        display_name=check_display_name(display_name), description=_free_text("description", description, 400),
        freeform_tags=_freeform_tags(freeform_tags), defined_tags=_defined_tags(defined_tags),
    )


def update_cluster_details(*, display_name: Any = None, description: Any = None, unit_count: Any = None,
                           freeform_tags: Any = None, defined_tags: Any = None,
                           cluster_type: Any = None) -> sdk.UpdateDedicatedAiClusterDetails:
    """UpdateDedicatedAiClusterDetails; pass ``cluster_type`` to refuse scaling a FINE_TUNING cluster here."""
    units = _unit_count(unit_count, required=False)
    if units is not None and cluster_type is not None and _cluster_type(cluster_type) != facts.HOSTING:
        raise BuilderError("unit_count", "conflict",
                           "a FINE_TUNING cluster's unit count is fixed by its base model; only HOSTING clusters scale")
    fields = dict(display_name=check_display_name(display_name), description=_free_text("description", description, 400),
                  unit_count=units, freeform_tags=_freeform_tags(freeform_tags),
                  defined_tags=_defined_tags(defined_tags))
    if all(v is None for v in fields.values()):
        raise BuilderError("display_name", "required", "nothing to update: set at least one field")
    return sdk.UpdateDedicatedAiClusterDetails(**fields)


def _config(field: str, value: Any, cls: type) -> Any:
    if value is None:
        return None
    if not isinstance(value, cls):
        raise BuilderError(field, "type", f"{field} must come from {field.removesuffix('_config')}_config()")
    return value


def _endpoint_fields(display_name: Any, description: Any, content_moderation_config: Any,
                     prompt_injection_config: Any, pii_detection_config: Any, generative_ai_private_endpoint_id: Any,
                     freeform_tags: Any, defined_tags: Any) -> dict[str, Any]:
    return dict(
        display_name=check_display_name(display_name), description=_free_text("description", description, 400),
        content_moderation_config=_config("content_moderation_config", content_moderation_config,
                                          sdk.ContentModerationConfig),
        prompt_injection_config=_config("prompt_injection_config", prompt_injection_config, sdk.PromptInjectionConfig),
        pii_detection_config=_config("pii_detection_config", pii_detection_config, sdk.PiiDetectionConfig),
        generative_ai_private_endpoint_id=check_ocid(
            "generative_ai_private_endpoint_id", generative_ai_private_endpoint_id,
            types=("generativeaiprivateendpoint",), required=False)
        if generative_ai_private_endpoint_id not in (None, "") else None,
        freeform_tags=_freeform_tags(freeform_tags), defined_tags=_defined_tags(defined_tags),
    )


def create_endpoint_details(compartment_id: Any, model_id: Any, dedicated_ai_cluster_id: Any, *,
                            display_name: Any = None, description: Any = None, content_moderation_config: Any = None,
                            prompt_injection_config: Any = None, pii_detection_config: Any = None,
                            generative_ai_private_endpoint_id: Any = None, freeform_tags: Any = None,
                            defined_tags: Any = None) -> sdk.CreateEndpointDetails:
    """The body of CreateEndpoint: serve a custom or imported model on a HOSTING cluster."""
    return sdk.CreateEndpointDetails(
        compartment_id=_compartment(compartment_id),
        model_id=check_ocid("model_id", model_id, types=(MODEL, IMPORTED_MODEL)),
        dedicated_ai_cluster_id=check_ocid("dedicated_ai_cluster_id", dedicated_ai_cluster_id,
                                           types=(DEDICATED_AI_CLUSTER,)),
        **_endpoint_fields(display_name, description, content_moderation_config, prompt_injection_config,
                           pii_detection_config, generative_ai_private_endpoint_id, freeform_tags, defined_tags),
    )


def update_endpoint_details(*, display_name: Any = None, description: Any = None,
                            content_moderation_config: Any = None, prompt_injection_config: Any = None,
                            pii_detection_config: Any = None, generative_ai_private_endpoint_id: Any = None,
                            freeform_tags: Any = None, defined_tags: Any = None) -> sdk.UpdateEndpointDetails:
    """UpdateEndpointDetails: name, description, guardrails, private endpoint, tags (at least one)."""
    fields = _endpoint_fields(display_name, description, content_moderation_config, prompt_injection_config,
                              pii_detection_config, generative_ai_private_endpoint_id, freeform_tags, defined_tags)
    if all(v is None for v in fields.values()):
        raise BuilderError("display_name", "required", "nothing to update: set at least one field")
    return sdk.UpdateEndpointDetails(**fields)


def update_details_for(kind: ResourceKind | str, **fields: Any) -> Any:
    """The Update*Details of a cluster or endpoint from a mapping of its updatable fields."""
    k = kind_of(kind)
    if k is DEDICATED_AI_CLUSTER:
        return update_cluster_details(**fields)
    if k is ENDPOINT:
        return update_endpoint_details(**fields)
    raise BuilderError("kind", "choice", f"{k.key} is not a serving kind; use builders.update_details")
