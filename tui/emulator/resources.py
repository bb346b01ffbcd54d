"""Get / list / update / change-compartment / delete, shared by every resource kind.

The kinds (Model, ImportedModel, DedicatedAiCluster, Endpoint) differ only in data (`Spec`):
states, capability enum, list filters and sorts, whether update is async (ImportedModel, clusters
and endpoints go UPDATING with a work request; Model updates in place), OCID/URI names, and two
hooks: which fields an update applies now and on success, and what blocks a delete.
DELETED resources are hidden from lists unless `lifecycleState=DELETED` is asked for (the real
behaviour is UNCONFIRMED; this keeps deleted rows out of the console without losing them from GET).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from . import lifecycle, validate
from .context import Ctx, Reply
from .listing import sort_params, sorted_page
from .store import TRANSITIONAL, Resource
from .wire import ApiError, invalid, iso, not_found


@dataclass(frozen=True)
class Spec:
    kind: str  # store table
    label: str  # for messages
    param: str  # path parameter name
    states: tuple[str, ...]
    capabilities: tuple[str, ...]
    op_noun: str  # MODEL / IMPORTED_MODEL (work request operation types)
    entity_type: str
    uri: str
    update_async: bool
    sort_fields: tuple[str, ...] = validate.MODEL_SORT
    #: exact-match list filters: query parameter -> wire field
    filters: tuple[tuple[str, str], ...] = (("vendor", "vendor"), ("displayName", "displayName"), ("id", "id"))
    not_in_summary: tuple[str, ...] = ("description", "timeUpdated", "previousState")
    #: (ctx, resource) -> (fields applied at once, fields applied when the update's work request succeeds)
    prepare_update: Callable | None = None
    #: (ctx, resource) -> raises ApiError(409) naming what blocks the delete
    before_delete: Callable | None = None
    update_duration: str = "imported_update"
    move_status: int = 200
    steps: dict = field(default_factory=dict)


MODEL = Spec("model", "model", "modelId", validate.MODEL_STATES, validate.MODEL_CAPABILITIES,
             "MODEL", "model", "/20231130/models/", False)
IMPORTED = Spec("imported", "imported model", "importedModelId", validate.IMPORTED_STATES,
                validate.IMPORTED_CAPABILITIES, "IMPORTED_MODEL", "importedModel", "/20231130/importedModels/", True)


def summary(data: dict, spec: Spec = MODEL) -> dict:
    return {k: v for k, v in data.items() if k not in spec.not_in_summary}


def lookup(ctx: Ctx, spec: Spec) -> Resource:
    ocid = ctx.params[spec.param]
    res = ctx.store.table(spec.kind).get(ocid)
    if res is None:
        raise not_found(spec.label, ocid)
    return res


def check_if_match(ctx: Ctx, res: Resource) -> None:
    wanted = ctx.headers.get("if-match")
    if wanted is not None and wanted != res.etag:
        raise ApiError(412, "NoEtagMatch", f"The if-match etag {wanted!r} does not match the current etag of {res.id}")


def check_mutable(spec: Spec, res: Resource, action: str) -> None:
    if res.data.get("type") == "BASE":
        raise ApiError(400, "InvalidParameter", f"Invalid {spec.param}: base model {res.id} cannot be {action}")
    if res.state == "DELETED":
        raise not_found(spec.label, res.id)
    if res.state in TRANSITIONAL:
        raise ApiError(409, "IncorrectState",
                       f"The {spec.label} {res.id} is {res.state}; it cannot be {action} until that finishes")


def get_one(ctx: Ctx, spec: Spec) -> Reply:
    res = lookup(ctx, spec)
    return Reply(200, dict(res.data), {"etag": res.etag})


def list_all(ctx: Ctx, spec: Spec) -> Reply:
    compartment = ctx.q_required("compartmentId")
    state = ctx.q_enum("lifecycleState", spec.states)
    caps = ctx.q_all("capability")
    for c in caps:
        if c not in spec.capabilities:
            raise invalid("capability", f"{c!r} is not one of {', '.join(spec.capabilities)}")
    by, order = sort_params(ctx, spec.sort_fields, "timeCreated")
    wanted = [(wire, value) for param, wire in spec.filters if (value := ctx.q(param)) is not None]
    capset = set(caps)
    items = []
    for res in ctx.store.table(spec.kind).values():
        d = res.data
        cid = d["compartmentId"]
        if cid is not None and cid != compartment:
            continue
        s = d["lifecycleState"]
        if state is None:
            if s == "DELETED":
                continue
        elif s != state:
            continue
        if any(d.get(wire) != value for wire, value in wanted):
            continue
        if capset and not capset.intersection(d.get("capabilities") or ()):
            continue
        items.append(d)
    page, headers = sorted_page(ctx, items, by, order)
    return Reply(200, {"items": [summary(d, spec) for d in page]}, headers)


def update(ctx: Ctx, spec: Spec) -> Reply:
    res = lookup(ctx, spec)
    if spec.prepare_update is None:
        fields, later = validate.common_fields(ctx.body), {}
    else:
        fields, later = spec.prepare_update(ctx, res)
    check_if_match(ctx, res)
    check_mutable(spec, res, "updated")
    if not spec.update_async:
        res.data.update(fields)
        res.data["timeUpdated"] = iso(ctx.now)
        res.etag = ctx.minter.etag()
        return Reply(200, dict(res.data), {"etag": res.etag})
    previous_state = res.state
    res.data.update(fields)
    res.data["lifecycleState"] = "UPDATING"
    res.data["lifecycleDetails"] = f"Updating {spec.label}"
    res.data["timeUpdated"] = iso(ctx.now)
    res.etag = ctx.minter.etag()
    wr = _job(ctx, spec, res, "UPDATE", ctx.durations[spec.update_duration], None,
              spec.steps.get("update", ["Validating update", "Applying update"]),
              {"lifecycleState": previous_state, "lifecycleDetails": "Update completed", **later},
              {"lifecycleState": previous_state})
    return Reply(200, dict(res.data), {"etag": res.etag, "opc-work-request-id": wr.id})


def compartment_in(ctx: Ctx, body: dict) -> str:
    """The body's ``compartmentId``, which must name a compartment of the tenancy (else 404)."""
    cid = validate.ocid(body, "compartmentId", "compartmentId") or ""
    if cid not in ctx.identity.compartments:
        raise not_found("compartment", cid)
    return cid


def related_not_found(field: str, what: str, ocid: str) -> ApiError:
    """The 400 the service answers when a body names another resource it cannot find."""
    return ApiError(400, "RelatedResourceNotAuthorizedOrNotFound",
                    f"Invalid {field}: {what} {ocid} was not found in this region or is not authorized")


def change_compartment(ctx: Ctx, spec: Spec) -> Reply:
    res = lookup(ctx, spec)
    target = compartment_in(ctx, ctx.body)
    check_if_match(ctx, res)
    check_mutable(spec, res, "moved")
    res.data["compartmentId"] = target
    res.data["timeUpdated"] = iso(ctx.now)
    res.etag = ctx.minter.etag()
    return Reply(spec.move_status, None, {})


def endpoints_using(ctx: Ctx, model_id: str) -> list[dict]:
    return [e.data for e in ctx.store.endpoints.values()
            if e.data.get("modelId") == model_id and e.data["lifecycleState"] == "ACTIVE"]


def delete(ctx: Ctx, spec: Spec) -> Reply:
    res = lookup(ctx, spec)
    check_if_match(ctx, res)
    check_mutable(spec, res, "deleted")
    if spec.before_delete is not None:
        spec.before_delete(ctx, res)
    users = endpoints_using(ctx, res.id) if spec.kind in ("model", "imported") else []
    if users:
        names = "; ".join(f"{e.get('displayName')} ({e['id']})" for e in users)
        raise ApiError(409, "Conflict",
                       f"The {spec.label} {res.id} cannot be deleted: it is used by active endpoint(s): {names}")
    res.data["lifecycleState"] = "DELETING"
    res.data["lifecycleDetails"] = "Deleting"
    res.data["timeUpdated"] = iso(ctx.now)
    res.etag = ctx.minter.etag()
    wr = _job(ctx, spec, res, "DELETE", ctx.durations["delete"], None,
              spec.steps.get("delete", ["Releasing model artifacts"]),
              {"lifecycleState": "DELETED", "lifecycleDetails": "Deleted"}, {})
    return Reply(202, None, {"opc-work-request-id": wr.id})


def _job(ctx, spec, res, verb, duration, failure, steps, on_success, on_failure):
    wr = lifecycle.plan(
        wr_id=ctx.minter.regional("generativeaiworkrequest", ctx.region),
        operation_type=f"{verb}_{spec.op_noun}",
        compartment_id=res.data["compartmentId"],
        resource_id=res.id,
        entity_type=spec.entity_type,
        entity_uri=spec.uri + res.id,
        now=ctx.now,
        duration=duration,
        failure=failure,
        steps=steps,
        on_success=on_success,
        on_failure=on_failure,
    )
    ctx.store.add_work_request(wr, res)
    return wr


start_job = _job  # create.py starts its jobs the same way
