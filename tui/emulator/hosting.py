"""Read-only dedicated AI clusters and endpoints (pickers, and the 409 on delete of a model in use).
`modelId` on ListEndpoints is an emulator extension (the SDK 2.189.0 method has no such kwarg).
Wire shapes: the SDK's DedicatedAiClusterSummary / EndpointSummary in `{items}` collections."""

from __future__ import annotations

from .context import Ctx, Reply
from .listing import sort_params, sorted_page
from .wire import not_found

CLUSTER_STATES = ("ACTIVE", "CREATING", "DELETING", "DELETED", "FAILED", "NEEDS_ATTENTION", "UPDATING")
ENDPOINT_STATES = ("ACTIVE", "CREATING", "DELETING", "DELETED", "FAILED", "UPDATING")
_NOT_IN_SUMMARY = ("timeUpdated",)


def _list(ctx: Ctx, kind: str, states: tuple[str, ...], extra: dict[str, str]) -> Reply:
    compartment = ctx.q_required("compartmentId")
    state = ctx.q_enum("lifecycleState", states)
    by, order = sort_params(ctx, ("timeCreated", "displayName", "lifecycleState"), "timeCreated")
    wanted = {"displayName": ctx.q("displayName"), "id": ctx.q("id")}
    wanted.update({field: ctx.q(param) for param, field in extra.items()})
    items = []
    for res in ctx.store.table(kind).values():
        d = res.data
        if d["compartmentId"] != compartment:
            continue
        if state is None and d["lifecycleState"] == "DELETED":
            continue
        if state is not None and d["lifecycleState"] != state:
            continue
        if any(v is not None and d.get(k) != v for k, v in wanted.items()):
            continue
        items.append(d)
    page, headers = sorted_page(ctx, items, by, order)
    return Reply(200, {"items": [dict(d) for d in page]}, headers)


def list_clusters(ctx: Ctx) -> Reply:
    return _list(ctx, "cluster", CLUSTER_STATES, {})


def list_endpoints(ctx: Ctx) -> Reply:
    return _list(ctx, "endpoint", ENDPOINT_STATES,
                 {"modelId": "modelId", "generativeAiPrivateEndpointId": "generativeAiPrivateEndpointId"})


def _get(ctx: Ctx, kind: str, param: str, label: str) -> Reply:
    res = ctx.store.table(kind).get(ctx.params[param])
    if res is None:
        raise not_found(label, ctx.params[param])
    return Reply(200, dict(res.data), {"etag": res.etag})


def get_cluster(ctx: Ctx) -> Reply:
    return _get(ctx, "cluster", "dedicatedAiClusterId", "dedicated AI cluster")


def get_endpoint(ctx: Ctx) -> Reply:
    return _get(ctx, "endpoint", "endpointId", "endpoint")

