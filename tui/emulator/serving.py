"""Dedicated AI clusters and endpoints: the serving half of the control plane, with its rules.

Get / list / update / move / delete go through the generic handlers in `resources` (these two
`Spec`s are all that differs); this module adds the creates and the rules of the reference
(oci-genai-control-plane.md §4):

- capacity: a HOSTING cluster serves `ENDPOINTS_PER_UNIT` endpoints per unit (UNCONFIRMED);
  `usedEndpointCapacity` is recounted from the endpoints (`RegionStore.recount_capacity`);
- a cluster with endpoints (any not DELETED) or models being fine-tuned on it refuses delete, 409
  naming them;
- an endpoint create is accepted (201) and its work request FAILS, saying which rule broke, when
  the cluster is not an ACTIVE HOSTING cluster, has no free capacity, or does not suit the model
  (`tui.facts.clusters.fit`), or when the model is not ACTIVE;
- `unitCount` changes only on HOSTING clusters (400 otherwise) and never below what the attached
  endpoints need (409).
`modelId` on ListEndpoints is an emulator extension (the SDK 2.189.0 method has no such kwarg).
"""

from __future__ import annotations

from tui.facts import clusters as facts

from . import validate
from .context import Ctx, Reply
from .resources import Spec, compartment_in, related_not_found, start_job
from .store import Resource
from .wire import ApiError, invalid, iso

CLUSTER_STATES = ("ACTIVE", "CREATING", "DELETING", "DELETED", "FAILED", "NEEDS_ATTENTION", "UPDATING")
ENDPOINT_STATES = ("ACTIVE", "CREATING", "DELETING", "DELETED", "FAILED", "UPDATING")
CONTENT_MODERATION_MODES = ("INFORM", "BLOCK")
GUARDRAILS = ("contentModerationConfig", "promptInjectionConfig", "piiDetectionConfig")
_TAG_KEYS = ("freeformTags", "definedTags")


# -- update hooks ------------------------------------------------------------------------------------


def _name_description_tags(body: dict) -> dict:
    out: dict = {}
    name = validate.display_name(body)
    if name is not None:
        out["displayName"] = name
    desc = validate.string(body, "description", "description", max_len=400)
    if desc is not None:
        out["description"] = desc
    out.update(validate.tags(body))
    return out


def _unit_count(body: dict, path: str = "unitCount", *, required: bool = False) -> int | None:
    value = body.get("unitCount")
    if value is None:
        if required:
            raise ApiError(400, "MissingParameter", f"Missing required parameter: {path}")
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid(path, "must be an integer")
    if not 1 <= value <= 1000:
        raise invalid(path, "must be between 1 and 1000")
    return value


def _per_unit(cluster: dict) -> int:
    cap = cluster.get("capacity") or {}
    units = cluster.get("unitCount") or 1
    total = cap.get("totalEndpointCapacity")
    return max(1, total // units) if isinstance(total, int) and total > 0 else facts.ENDPOINTS_PER_UNIT


def _cluster_update(ctx: Ctx, res: Resource) -> tuple[dict, dict]:
    body = ctx.body
    now = _name_description_tags(body)
    units = _unit_count(body)
    later: dict = {}
    if units is not None and units != res.data.get("unitCount"):
        if res.data.get("type") != facts.HOSTING:
            raise invalid("unitCount", f"dedicated AI cluster {res.id} is a {res.data.get('type')} cluster; its unit "
                                       "count is fixed by its base model (only HOSTING clusters scale)")
        total = _per_unit(res.data) * units
        used = (res.data.get("capacity") or {}).get("usedEndpointCapacity", 0)
        if total < used:
            raise ApiError(409, "IncorrectState",
                           f"Cannot scale dedicated AI cluster {res.id} to {units} unit(s): {used} endpoint(s) need "
                           f"more than the {total} it would serve; delete endpoints first")
        later = {"unitCount": units, "capacity": {**(res.data.get("capacity") or {}),
                                                  "capacityType": "HOSTING_CAPACITY", "totalEndpointCapacity": total}}
    if not now and not later and units is None:
        raise invalid("body", "set at least one of displayName, description, unitCount, freeformTags, definedTags")
    return now, later


def _guardrail(body: dict, key: str) -> dict | None:
    cfg = validate.obj(body, key, key)
    if cfg is None:
        return None
    enabled = cfg.get("isEnabled")
    if not isinstance(enabled, bool):
        raise invalid(f"{key}.isEnabled", "is required and must be true or false")
    out: dict = {"isEnabled": enabled}
    mode = validate.string(cfg, "mode", f"{key}.mode", max_len=64)
    if mode is not None:
        if key == "contentModerationConfig" and mode not in CONTENT_MODERATION_MODES:
            raise invalid(f"{key}.mode", f"{mode!r} is not one of {', '.join(CONTENT_MODERATION_MODES)}")
        out["mode"] = mode
    model_id = validate.ocid(cfg, "modelId", f"{key}.modelId", required=False)
    if model_id is not None:
        out["modelId"] = model_id
    return out


def _endpoint_fields(body: dict) -> dict:
    out = _name_description_tags(body)
    for key in GUARDRAILS:
        cfg = _guardrail(body, key)
        if cfg is not None:
            out[key] = cfg
    pe = validate.ocid(body, "generativeAiPrivateEndpointId", "generativeAiPrivateEndpointId", required=False)
    if pe is not None:
        out["generativeAiPrivateEndpointId"] = pe
    return out


def _endpoint_update(ctx: Ctx, res: Resource) -> tuple[dict, dict]:
    fields = _endpoint_fields(ctx.body)
    if not fields:
        raise invalid("body", "set at least one of displayName, description, the guardrail configs, tags")
    return fields, {}


# -- delete hooks ------------------------------------------------------------------------------------


def attachments(ctx: Ctx, cluster_id: str) -> list[str]:
    """What keeps a cluster from being deleted: its endpoints and the fine-tunes running on it."""
    found = [f"endpoint {e.data.get('displayName')} ({e.id}, {e.state})" for e in ctx.store.endpoints.values()
             if e.data.get("dedicatedAiClusterId") == cluster_id and e.state != "DELETED"]
    found += [f"model {m.data.get('displayName')} ({m.id}, fine-tuning)" for m in ctx.store.models.values()
              if m.state == "CREATING"
              and (m.data.get("fineTuneDetails") or {}).get("dedicatedAiClusterId") == cluster_id]
    return found


def _cluster_before_delete(ctx: Ctx, res: Resource) -> None:
    found = attachments(ctx, res.id)
    if found:
        raise ApiError(409, "Conflict", f"The dedicated AI cluster {res.id} cannot be deleted while "
                                        f"{len(found)} resource(s) use it: {'; '.join(found)}")


CLUSTER = Spec("cluster", "dedicated AI cluster", "dedicatedAiClusterId", CLUSTER_STATES, (),
               "DEDICATED_AI_CLUSTER", "dedicatedAiCluster", "/20231130/dedicatedAiClusters/", True,
               sort_fields=("timeCreated", "displayName", "lifecycleState"),
               filters=(("displayName", "displayName"), ("id", "id"),
                        ("capacityReservationId", "capacityReservationId")),
               not_in_summary=("previousState",), prepare_update=_cluster_update,
               before_delete=_cluster_before_delete, update_duration="cluster_update", move_status=202,
               steps={"update": ["Validating update", "Resizing the cluster"], "delete": ["Releasing units"]})
ENDPOINT = Spec("endpoint", "endpoint", "endpointId", ENDPOINT_STATES, (),
                "ENDPOINT", "endpoint", "/20231130/endpoints/", True,
                sort_fields=("displayName", "timeCreated"),
                filters=(("displayName", "displayName"), ("id", "id"), ("modelId", "modelId"),
                         ("generativeAiPrivateEndpointId", "generativeAiPrivateEndpointId")),
                not_in_summary=("previousState",), prepare_update=_endpoint_update,
                update_duration="endpoint_update", move_status=202,
                steps={"update": ["Validating update", "Applying guardrails"], "delete": ["Releasing capacity"]})


# -- creates -------------------------------------------------------------------------------------------


def create_cluster(ctx: Ctx) -> Reply:
    body = ctx.body
    compartment = compartment_in(ctx, body)
    ctype = validate.string(body, "type", "type", required=True)
    if ctype not in facts.CLUSTER_TYPES:
        raise invalid("type", f"{ctype!r} is not one of {', '.join(facts.CLUSTER_TYPES)}")
    shape = validate.string(body, "unitShape", "unitShape", required=True, max_len=64)
    units = _unit_count(body, required=True)
    reservation = validate.ocid(body, "capacityReservationId", "capacityReservationId", required=False)
    fields = _name_description_tags(body)
    data = {
        "id": ctx.minter.regional("generativeaidedicatedaicluster", ctx.region),
        "displayName": fields.pop("displayName", None) or f"generativeaidedicatedaicluster{ctx.now:%Y%m%d%H%M%S}",
        "description": fields.pop("description", None),
        "type": ctype, "compartmentId": compartment,
        "timeCreated": iso(ctx.now), "timeUpdated": iso(ctx.now),
        "lifecycleState": "CREATING", "lifecycleDetails": "Provisioning capacity",
        "unitCount": units, "unitShape": shape, "capacityReservationId": reservation,
        "freeformTags": fields.get("freeformTags", {}), "definedTags": fields.get("definedTags", {}),
        "systemTags": {},
    }
    if ctype == facts.HOSTING:
        data["capacity"] = {"capacityType": "HOSTING_CAPACITY",
                            "totalEndpointCapacity": facts.ENDPOINTS_PER_UNIT * units,  # type: ignore[operator]
                            "usedEndpointCapacity": 0}
    res = ctx.store.add("cluster", data)
    wr = start_job(ctx, CLUSTER, res, "CREATE", ctx.durations["cluster_create"], None,
                   ["Reserving GPU units", "Provisioning the cluster", "Verifying capacity"],
                   {"lifecycleState": "ACTIVE", "lifecycleDetails": "Cluster is active"},
                   {"lifecycleState": "FAILED"})
    return Reply(201, dict(res.data), {"etag": res.etag, "opc-work-request-id": wr.id})


def _model(ctx: Ctx, model_id: str) -> tuple[Resource, str]:
    for table, label in ((ctx.store.models, "model"), (ctx.store.imported, "imported model")):
        res = table.get(model_id)
        if res is not None and res.state != "DELETED":
            return res, label
    raise related_not_found("modelId", "model", model_id)


def model_fit(ctx: Ctx, model: Resource, label: str, shape: str) -> facts.Fit:
    """Whether a hosting cluster of `shape` suits `model` (custom: its base model; imported: its HF id)."""
    if label == "imported model":
        source = model.data.get("dataSource") or {}
        hf_id = source.get("modelId") if source.get("sourceType") == "HUGGING_FACE_MODEL" else None
        return facts.fit_imported(hf_id, shape)
    name = model.data.get("displayName")
    if model.data.get("type") == "CUSTOM":
        base = ctx.store.models.get(model.data.get("baseModelId") or "")
        name = base.data.get("displayName") if base is not None else None
    return facts.fit(name, shape, facts.HOSTING)


def _endpoint_failure(ctx: Ctx, cluster: Resource, model: Resource, label: str) -> tuple[str, str] | None:
    c = cluster.data
    name = f"{c.get('displayName')} ({cluster.id})"
    if c.get("type") != facts.HOSTING or cluster.state != "ACTIVE":
        return ("ClusterNotAvailable", f"Dedicated AI cluster {name} is a {cluster.state} {c.get('type')} cluster; "
                                       "an endpoint needs an ACTIVE HOSTING cluster")
    cap = c.get("capacity") or {}
    used, total = cap.get("usedEndpointCapacity", 0), cap.get("totalEndpointCapacity", 0)
    if used >= total:
        return ("ClusterCapacityExceeded", f"Dedicated AI cluster {name} has no free endpoint capacity "
                                           f"({used} of {total} used); scale it or choose another cluster")
    if model.state != "ACTIVE":
        return ("ModelNotAvailable", f"The {label} {model.data.get('displayName')} ({model.id}) is {model.state}; "
                                     "an endpoint needs an ACTIVE model")
    fit = model_fit(ctx, model, label, c.get("unitShape") or "")
    if not fit.suits:
        return ("ClusterShapeMismatch", f"Dedicated AI cluster {name} does not suit the {label} "
                                        f"{model.data.get('displayName')}: {fit.reason}")
    return None


def create_endpoint(ctx: Ctx) -> Reply:
    body = ctx.body
    compartment = compartment_in(ctx, body)
    model_id = validate.ocid(body, "modelId", "modelId")
    cluster_id = validate.ocid(body, "dedicatedAiClusterId", "dedicatedAiClusterId")
    fields = _endpoint_fields(body)
    cluster = ctx.store.clusters.get(cluster_id)
    if cluster is None or cluster.state == "DELETED":
        raise related_not_found("dedicatedAiClusterId", "dedicated AI cluster", cluster_id)
    model, label = _model(ctx, model_id)
    failure = _endpoint_failure(ctx, cluster, model, label)
    data = {
        "id": ctx.minter.regional("generativeaiendpoint", ctx.region),
        "displayName": fields.pop("displayName", None) or f"generativeaiendpoint{ctx.now:%Y%m%d%H%M%S}",
        "description": fields.pop("description", None),
        "modelId": model_id, "compartmentId": compartment, "dedicatedAiClusterId": cluster_id,
        "generativeAiPrivateEndpointId": fields.pop("generativeAiPrivateEndpointId", None),
        "timeCreated": iso(ctx.now), "timeUpdated": iso(ctx.now),
        "lifecycleState": "CREATING", "lifecycleDetails": "Deploying the model",
        "contentModerationConfig": fields.pop("contentModerationConfig", None) or {"isEnabled": False},
        "freeformTags": fields.get("freeformTags", {}), "definedTags": fields.get("definedTags", {}),
        "systemTags": {},
    }
    for key in GUARDRAILS[1:]:
        if key in fields:
            data[key] = fields[key]
    res = ctx.store.add("endpoint", data)
    wr = start_job(ctx, ENDPOINT, res, "CREATE", ctx.durations["endpoint_create"], failure,
                   ["Checking the cluster", "Loading model weights", "Starting the endpoint"],
                   {"lifecycleState": "ACTIVE", "lifecycleDetails": "Endpoint is active"},
                   {"lifecycleState": "FAILED", "lifecycleDetails": failure[1] if failure else ""})
    ctx.store.recount_capacity()
    return Reply(201, dict(res.data), {"etag": res.etag, "opc-work-request-id": wr.id})


# -- ListDedicatedAiClustersAllocatableGpus -----------------------------------------------------------


def allocatable_gpus(ctx: Ctx) -> Reply:
    """GPU units per compute shape under a capacity reservation (UNCONFIRMED figures: 64 per shape)."""
    from .listing import page

    ctx.q_required("compartmentId")
    reservation = ctx.q_required("capacityReservationId")
    wanted = ctx.q("computeShape")
    used: dict[str, int] = {}
    for c in ctx.store.clusters.values():
        if c.data.get("capacityReservationId") == reservation and c.state not in ("DELETED", "FAILED"):
            shape = c.data.get("unitShape") or ""
            used[shape] = used.get(shape, 0) + (c.data.get("unitCount") or 0)
    shapes = sorted(set(used) | {"A100_80G_X1", "H100_X1", "H100_X8", "H200_X8"})
    items = []
    for shape in shapes:
        if wanted is not None and shape != wanted:
            continue
        total, taken = 64, used.get(shape, 0)
        free = max(0, total - taken)
        items.append({"computeShape": shape, "totalAvailableGpuUnits": total, "totalUsedGpuUnits": taken,
                      "maxAllocatableGpuUnits": free,
                      "gpuAllocations": [{"usedGpus": taken, "availableGpus": free}]})
    rows, headers = page(ctx, items, lambda i: (i["computeShape"],), False)
    return Reply(200, {"items": rows}, headers)
