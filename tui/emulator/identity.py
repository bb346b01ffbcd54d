"""Identity 20160918: ListCompartments (a bare JSON array), GetCompartment, GetTenancy.

Compartments are global: the same answer under any region prefix. `compartmentIdInSubtree=true`
is valid only when `compartmentId` is the tenancy (400 otherwise, as the real service does).
"""

from __future__ import annotations

from .context import Ctx, Reply
from .listing import page as paginate_by
from .wire import invalid, not_found

STATES = ("CREATING", "ACTIVE", "INACTIVE", "DELETING", "DELETED")


def list_compartments(ctx: Ctx) -> Reply:
    ids = ctx.identity
    parent = ctx.q_required("compartmentId")
    subtree = ctx.q_bool("compartmentIdInSubtree")
    ctx.q_enum("accessLevel", ("ANY", "ACCESSIBLE"), "ANY", fold=True)
    state = ctx.q_enum("lifecycleState", STATES, fold=True)
    sort_by = ctx.q_enum("sortBy", ("TIMECREATED", "NAME"), "TIMECREATED", fold=True)
    order = ctx.q_enum("sortOrder", ("ASC", "DESC"), "DESC" if sort_by == "TIMECREATED" else "ASC", fold=True)
    name = ctx.q("name")
    if parent not in ids.compartments:
        raise not_found("compartment", parent)
    if subtree and parent != ids.tenancy_id:
        raise invalid("compartmentIdInSubtree", "may be true only when compartmentId is the tenancy (root compartment)")
    items = ids.subtree(parent) if subtree else ids.children(parent)
    if state is not None:
        items = [c for c in items if c["lifecycleState"] == state]
    if name is not None:
        items = [c for c in items if c["name"] == name]
    field = "timeCreated" if sort_by == "TIMECREATED" else "name"
    page, headers = paginate_by(ctx, items, lambda c: (c[field], c["id"]), order == "DESC")
    return Reply(200, [dict(c) for c in page], headers)


def get_compartment(ctx: Ctx) -> Reply:
    comp = ctx.identity.compartments.get(ctx.params["compartmentId"])
    if comp is None:
        raise not_found("compartment", ctx.params["compartmentId"])
    return Reply(200, dict(comp), {"etag": f"{abs(hash(comp['id'] + comp['name'])):x}"})


def get_tenancy(ctx: Ctx) -> Reply:
    ids = ctx.identity
    if ctx.params["tenancyId"] != ids.tenancy_id:
        raise not_found("tenancy", ctx.params["tenancyId"])
    root = ids.compartments[ids.tenancy_id]
    return Reply(200, {"id": ids.tenancy_id, "name": root["name"], "description": root["description"],
                       "homeRegionKey": "ORD", "freeformTags": {}, "definedTags": {}})
