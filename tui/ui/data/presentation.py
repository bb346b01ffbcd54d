"""How each resource kind looks on screen, kept as data: one `Presentation` entry per kind.

The API facts of a kind are its descriptor (tui/cloud/resources.py); its presentation is here: the
title, the summary fields (one list column each, shown as text), the detail pane's fields, and, for
kinds that need a cell computed from several fields or from other resources, custom columns with
renderers: a cluster's "shape × units" and capacity gauge, an endpoint's model and cluster by name
and its guardrails in a few characters. Entries are keyed by `ResourceKind.key` in `PRESENTATIONS`;
adding a kind to the console is one descriptor plus one entry here, not a new screen.

Renderers run in the loading worker (never per keystroke) and return the cell text (already cleaned)
and the value to sort by. `resolve_names` runs there too, before the rows are built, so an endpoint
row names its model and cluster without a request per paint.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from tui.cloud.errors import CloudError
from tui.cloud.resources import MODEL, ResourceKind, kind_of, kind_of_ocid
from tui.ui.data.columns import Column, Field, columns_for
from tui.ui.text import clean

log = logging.getLogger(__name__)

Names = Mapping[str, str]
Renderer = Callable[[Any, Names], tuple[str, Any]]

GAUGE_WIDTH = 4
MAX_NAME_LOOKUPS = 50  # unknown model ids resolved per listing (one GET each); the rest show the OCID


def capacity_gauge(used: int | None, total: int | None, width: int = GAUGE_WIDTH) -> str:
    """`██░░ 3/4`: used over total endpoint slots; an unknown total shows only the count."""
    used_n = max(0, int(used or 0))
    if not total or total <= 0:
        return f"{used_n}/?"
    filled = min(width, round(used_n / total * width))
    if used_n and not filled:
        filled = 1  # one endpoint on a large cluster still shows
    return "█" * filled + "░" * (width - filled) + f" {used_n}/{total}"


def free_slots(cluster: Any) -> int | None:
    cap = getattr(cluster, "capacity", None)
    total = getattr(cap, "total_endpoint_capacity", None)
    if total is None:
        return None
    return int(total) - int(getattr(cap, "used_endpoint_capacity", 0) or 0)


def _cluster_state(obj: Any, names: Names) -> tuple[str, Any]:
    state = clean(getattr(obj, "lifecycle_state", None) or "")
    text = f"⚠ {state}" if state.upper() == "NEEDS_ATTENTION" else state
    return text, state.lower()


def _shape_units(obj: Any, names: Names) -> tuple[str, Any]:
    shape = clean(getattr(obj, "unit_shape", None) or "?")
    units = getattr(obj, "unit_count", None)
    return f"{shape} × {units if units is not None else '?'}", (shape.lower(), units or 0)


def _capacity(obj: Any, names: Names) -> tuple[str, Any]:
    if (getattr(obj, "type", None) or "").upper() != "HOSTING":
        return "", (1, 0.0)
    cap = getattr(obj, "capacity", None)
    used = getattr(cap, "used_endpoint_capacity", None)
    total = getattr(cap, "total_endpoint_capacity", None)
    ratio = (used or 0) / total if total else 0.0
    return capacity_gauge(used, total), (0, ratio)


def _by_name(attr: str) -> Renderer:
    def render(obj: Any, names: Names) -> tuple[str, Any]:
        ocid = getattr(obj, attr, None) or ""
        text = clean(names.get(ocid) or ocid, limit=200)
        return text, text.lower()

    return render


_GUARDRAILS = (("content_moderation_config", "mod"), ("prompt_injection_config", "inj"),
               ("pii_detection_config", "pii"))


def guardrails_summary(obj: Any) -> str:
    """`mod:B inj:I pii:B` (enabled ones, mode initial), or `none`."""
    parts: list[str] = []
    for attr, label in _GUARDRAILS:
        cfg = getattr(obj, attr, None)
        if cfg is None or not getattr(cfg, "is_enabled", False):
            continue
        mode = clean(getattr(cfg, "mode", None) or "")
        parts.append(f"{label}:{mode[:1].upper()}" if mode else label)
    return " ".join(parts) or "none"


def _guardrails(obj: Any, names: Names) -> tuple[str, Any]:
    text = guardrails_summary(obj)
    return text, text


@dataclass(frozen=True)
class Presentation:
    """How one kind looks: its title, list fields, detail fields and (optionally) computed columns."""

    title: str
    #: the main screen's view that lists this kind (its tab and `jump_to_row` target)
    view_id: str
    detail_fields: tuple[Field, ...]
    #: one list column each (kinds without computed columns)
    summary_fields: tuple[Field, ...] = ()
    #: computed columns, used instead of the summary fields (clusters, endpoints)
    columns: tuple[Column, ...] = ()


CLUSTER_COLUMNS = (
    Column("display_name", "Name", 24, priority=0, flex=True),
    Column("lifecycle_state", "State", 17, priority=0, kind="state", render=_cluster_state),
    Column("type", "Type", 11, priority=1),
    Column("shape_units", "Shape × units", 22, priority=2, render=_shape_units),
    Column("capacity", "Capacity", 12, priority=1, render=_capacity),
    Column("time_created", "Created", 16, priority=4, kind="datetime"),
)

ENDPOINT_COLUMNS = (
    Column("display_name", "Name", 24, priority=0, flex=True),
    Column("lifecycle_state", "State", 10, priority=0, kind="state"),
    Column("model", "Model", 22, priority=1, render=_by_name("model_id")),
    Column("cluster", "Cluster", 20, priority=2, render=_by_name("dedicated_ai_cluster_id")),
    Column("guardrails", "Guardrails", 17, priority=3, render=_guardrails),
    Column("time_created", "Created", 16, priority=4, kind="datetime"),
)

_TAG_FIELDS = (
    Field("freeform_tags", "Freeform tags", "tags"),
    Field("defined_tags", "Defined tags", "tags"),
    Field("system_tags", "System tags", "tags"),
)
_MODEL_FIELDS = (Field("vendor", "Vendor"), Field("version", "Version"),
                 Field("capabilities", "Capabilities", "list"))


def _detail_fields(*own: Field, typed: bool = False, after_compartment: tuple[Field, ...] = (),
                   dates: tuple[Field, ...] = (), nested: tuple[Field, ...] = ()) -> tuple[Field, ...]:
    """The detail pane's fields in the order every kind shares: name, OCID, (type), state, its
    details and the description; the kind's own; compartment; created, updated; dates; nested; tags."""
    return (
        Field("display_name", "Name"),
        Field("id", "OCID", "ocid"),
        *((Field("type", "Type"),) if typed else ()),
        Field("lifecycle_state", "State", "state"),
        Field("lifecycle_details", "State details"),
        Field("description", "Description"),
        *own,
        Field("compartment_id", "Compartment", "ocid"),
        *after_compartment,
        Field("time_created", "Created", "datetime"),
        Field("time_updated", "Updated", "datetime"),
        *dates,
        *nested,
        *_TAG_FIELDS,
    )


_MODEL_SUMMARY = (
    Field("display_name", "Name"),
    Field("lifecycle_state", "State", "state"),
    Field("type", "Type"),
    *_MODEL_FIELDS,
    Field("time_created", "Created", "datetime"),
    Field("time_deprecated", "Deprecated", "datetime"),
)

PRESENTATIONS: dict[str, Presentation] = {
    "model": Presentation(
        title="Model",
        view_id="models",
        summary_fields=_MODEL_SUMMARY,
        detail_fields=_detail_fields(
            *_MODEL_FIELDS, typed=True,
            after_compartment=(Field("base_model_id", "Base model", "ocid"),
                               Field("is_long_term_supported", "Long-term supported")),
            dates=(Field("time_deprecated", "Deprecated", "datetime"),
                   Field("time_on_demand_retired", "On-demand retired", "datetime"),
                   Field("time_dedicated_retired", "Dedicated retired", "datetime")),
            nested=(Field("fine_tune_details", "Fine-tune details", "nested"),
                    Field("model_metrics", "Metrics", "nested")),
        ),
    ),
    "imported_model": Presentation(
        title="Imported model",
        view_id="imported",
        summary_fields=tuple(f for f in _MODEL_SUMMARY if f.attr not in ("type", "time_deprecated")),
        detail_fields=_detail_fields(*_MODEL_FIELDS, after_compartment=(Field("data_source", "Data source", "nested"),)),
    ),
    "dedicated_ai_cluster": Presentation(
        title="Dedicated AI cluster",
        view_id="clusters",
        detail_fields=_detail_fields(
            Field("unit_shape", "Unit shape"),
            Field("unit_count", "Unit count"),
            Field("capacity", "Capacity", "nested"),
            Field("capacity_reservation_id", "Capacity reservation", "ocid"),
            typed=True,
        ),
        columns=CLUSTER_COLUMNS,
    ),
    "endpoint": Presentation(
        title="Endpoint",
        view_id="endpoints",
        detail_fields=_detail_fields(
            Field("model_id", "Model", "ocid"),
            Field("dedicated_ai_cluster_id", "Cluster", "ocid"),
            Field("content_moderation_config", "Content moderation", "nested"),
            Field("prompt_injection_config", "Prompt injection", "nested"),
            Field("pii_detection_config", "PII detection", "nested"),
            Field("generative_ai_private_endpoint_id", "Private endpoint", "ocid"),
        ),
        columns=ENDPOINT_COLUMNS,
    ),
}


def presentation(kind: ResourceKind | str) -> Presentation:
    """The presentation entry of a kind (a descriptor, its key or an alias)."""
    return PRESENTATIONS[kind_of(kind).key]


def list_columns(kind: ResourceKind, *, with_region: bool = False) -> list[Column]:
    """The list columns of `kind`: its computed columns if it has any, else one per summary field."""
    p = presentation(kind)
    return columns_for(p.summary_fields, with_region=with_region, custom=p.columns)


def resolve_names(genai: Any, kind_key: str, compartment_id: str, region: str, objs: list[Any],
                  known: Callable[[str], str | None] | None = None) -> dict[str, str]:
    """Names of the resources `objs` point at (endpoints: their models and clusters).

    Names the console already lists come from `known`; clusters come from one list of the
    compartment; models still unknown are fetched one by one (bounded). Failures only cost the name.
    """
    if kind_key != "endpoint" or not objs:
        return {}
    names: dict[str, str] = {}

    def ids(attr: str) -> set[str]:
        return {str(v) for o in objs if (v := getattr(o, attr, None))}

    model_ids, cluster_ids = ids("model_id"), ids("dedicated_ai_cluster_id")
    if known is not None:
        for ocid in model_ids | cluster_ids:
            if (name := known(ocid)):
                names[ocid] = name
    if cluster_ids - names.keys():
        try:
            for c in genai.list_resources("dedicated_ai_cluster", compartment_id, region=region).data:
                names[str(c.id)] = str(c.display_name or c.id)
        except CloudError as exc:
            log.info("cluster names for endpoints: %s", exc)
    for ocid in sorted(model_ids - names.keys())[:MAX_NAME_LOOKUPS]:
        kind = kind_of_ocid(ocid) or MODEL
        try:
            model = genai.get(kind, ocid, region=region).data
        except CloudError as exc:
            log.info("model name for %s: %s", ocid, exc)
            continue
        names[ocid] = str(model.display_name or ocid)
    return names
