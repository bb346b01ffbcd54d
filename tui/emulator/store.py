"""In-memory state: one `RegionStore` per region, one `IdentityStore` (compartments are global).

Resources keep their wire form (camelCase dict) in `.data`, so a GET is a dict copy and a list is a
filter over dicts; `RegionStore.settle(now)` applies finished work requests before every request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .lifecycle import WorkRequest
from .wire import Minter, iso

TRANSITIONAL = frozenset({"CREATING", "UPDATING", "DELETING"})


@dataclass(slots=True)
class Resource:
    data: dict
    etag: str
    work_request_id: str | None = None

    @property
    def id(self) -> str:
        return self.data["id"]

    @property
    def state(self) -> str:
        return self.data["lifecycleState"]


@dataclass
class StoredReply:
    fingerprint: str
    status: int
    body: bytes
    headers: dict


class RegionStore:
    """Everything a region holds. Mutate only under the emulator's lock."""

    def __init__(self, region: str, minter: Minter):
        self.region = region
        self.minter = minter
        self.models: dict[str, Resource] = {}
        self.imported: dict[str, Resource] = {}
        self.clusters: dict[str, Resource] = {}
        self.endpoints: dict[str, Resource] = {}
        self.work_requests: dict[str, WorkRequest] = {}
        self.pending: list[WorkRequest] = []
        self.retry_tokens: dict[tuple[str, str], StoredReply] = {}

    def table(self, kind: str) -> dict[str, Resource]:
        return {"model": self.models, "imported": self.imported,
                "cluster": self.clusters, "endpoint": self.endpoints}[kind]

    def add(self, kind: str, data: dict) -> Resource:
        res = Resource(data=data, etag=self.minter.etag())
        self.table(kind)[data["id"]] = res
        return res

    def add_work_request(self, wr: WorkRequest, resource: Resource | None) -> None:
        self.work_requests[wr.id] = wr
        if not wr.applied:
            self.pending.append(wr)
            if resource is not None:
                resource.work_request_id = wr.id

    def find(self, ocid: str) -> Resource | None:
        return (self.models.get(ocid) or self.imported.get(ocid) or self.clusters.get(ocid)
                or self.endpoints.get(ocid))

    def holds_capacity(self, endpoint: Resource) -> bool:
        """An endpoint occupies a slot on its cluster unless it is gone, failed, or its create will fail."""
        if endpoint.state in ("FAILED", "DELETED"):
            return False
        wr = self.work_requests.get(endpoint.work_request_id or "")
        return not (wr is not None and wr.operation_type == "CREATE_ENDPOINT" and wr.outcome == "FAILED")

    def recount_capacity(self) -> None:
        """usedEndpointCapacity of every HOSTING cluster, from the endpoints that hold a slot on it.

        Computed, not incremented, so no path (create, failed create, delete, replay) can leak a slot.
        The etag is left alone: the count is the service's bookkeeping, not a change an operator made.
        """
        used: dict[str, int] = {}
        for ep in self.endpoints.values():
            if self.holds_capacity(ep):
                cid: str = ep.data.get("dedicatedAiClusterId") or ""
                used[cid] = used.get(cid, 0) + 1
        for cluster in self.clusters.values():
            cap = cluster.data.get("capacity")
            if isinstance(cap, dict) and cap.get("usedEndpointCapacity") != used.get(cluster.id, 0):
                cluster.data["capacity"] = {**cap, "usedEndpointCapacity": used.get(cluster.id, 0)}

    def settle(self, now: datetime) -> None:
        """Apply every work request that has finished by `now` to its resource."""
        if not self.pending:
            return
        still = []
        for wr in self.pending:
            if now < wr.finished:
                still.append(wr)
                continue
            wr.applied = True
            res = self.find(wr.resource_id)
            if res is None:
                continue
            res.data.update(wr.on_success if wr.outcome == "SUCCEEDED" else wr.on_failure)
            res.data["timeUpdated"] = iso(wr.finished)
            res.etag = self.minter.etag()
            if res.work_request_id == wr.id:
                res.work_request_id = None
        self.pending = still
        if self.endpoints:
            self.recount_capacity()


@dataclass
class IdentityStore:
    tenancy_id: str
    tenancy_name: str = "tenancy"
    compartments: dict[str, dict] = field(default_factory=dict)

    def children(self, parent: str) -> list[dict]:
        return [c for c in self.compartments.values() if c["compartmentId"] == parent and c["id"] != parent]

    def subtree(self, root: str) -> list[dict]:
        out: list[dict] = []
        frontier = [root]
        while frontier:
            nxt: list[str] = []
            for p in frontier:
                kids = self.children(p)
                out.extend(kids)
                nxt.extend(k["id"] for k in kids)
            frontier = nxt
        return out
