"""GetWorkRequest, ListWorkRequests, ListWorkRequestErrors, ListWorkRequestLogs."""

from __future__ import annotations

from . import validate
from .context import Ctx, Reply
from .listing import page, sort_params, sorted_page
from .wire import not_found


def _lookup(ctx: Ctx):
    wr = ctx.store.work_requests.get(ctx.params["workRequestId"])
    if wr is None:
        raise not_found("work request", ctx.params["workRequestId"])
    return wr


def get(ctx: Ctx) -> Reply:
    wr = _lookup(ctx)
    body = wr.render(ctx.now)
    headers = {"etag": f"{hash((wr.id, body['status'], body['percentComplete'])) & 0xFFFFFFFF:08x}"}
    if body["status"] in ("ACCEPTED", "IN_PROGRESS"):
        headers["retry-after"] = "1"
    return Reply(200, body, headers)


def list_all(ctx: Ctx) -> Reply:
    compartment = ctx.q_required("compartmentId")
    status = ctx.q_enum("status", validate.WR_STATUSES)
    wr_id, resource_id = ctx.q("workRequestId"), ctx.q("resourceId")
    by, order = sort_params(ctx, ("timeAccepted",), "timeAccepted")
    items = []
    for wr in ctx.store.work_requests.values():
        if wr.compartment_id != compartment:
            continue
        if wr_id is not None and wr.id != wr_id:
            continue
        if resource_id is not None and wr.resource_id != resource_id:
            continue
        body = wr.render(ctx.now)
        if status is not None and body["status"] != status:
            continue
        items.append(body)
    page, headers = sorted_page(ctx, items, by, order)
    return Reply(200, {"items": page}, headers)


def _entries(ctx: Ctx, entries: list[dict]) -> Reply:
    by, order = sort_params(ctx, ("timestamp",), "timestamp")
    # entries carry their emission index so equal timestamps keep their order across pages
    numbered = [(n, e) for n, e in enumerate(entries)]
    rows, headers = page(ctx, numbered, lambda p: (p[1]["timestamp"], p[0]), order == "DESC")
    return Reply(200, {"items": [e for _, e in rows]}, headers)


def errors(ctx: Ctx) -> Reply:
    return _entries(ctx, _lookup(ctx).visible_errors(ctx.now))


def logs(ctx: Ctx) -> Reply:
    return _entries(ctx, _lookup(ctx).visible_logs(ctx.now))


