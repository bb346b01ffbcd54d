"""Work requests and the resource transitions they drive, computed lazily from the clock.

A work request is accepted at `accepted`, starts at `started`, and ends at `finished` with
`outcome` SUCCEEDED or FAILED. Nothing runs in the background: `RegionStore.settle(now)` applies
finished transitions to their resource on every request, and `WorkRequest.render(now)` derives
status, percentComplete and the visible logs from the same `now`. So `ManualClock.advance()` is all
a test needs to move a fine-tune from CREATING to ACTIVE or FAILED.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .wire import iso

#: Default durations in emulated seconds (CONTRACTS.md). Keys accepted in `Emulator(durations=...)`.
DEFAULT_DURATIONS = {
    "fine_tune": 120.0,  # CreateModel
    "import": 60.0,  # CreateImportedModel
    "imported_update": 10.0,  # UpdateImportedModel
    "delete": 20.0,  # every Delete* (models, imported models, clusters, endpoints)
    "cluster_create": 90.0,  # CreateDedicatedAiCluster
    "cluster_update": 30.0,  # UpdateDedicatedAiCluster (scaling)
    "endpoint_create": 30.0,  # CreateEndpoint
    "endpoint_update": 10.0,  # UpdateEndpoint
}

#: Where a job stands when it fails, as a fraction of its duration (and its percentComplete).
FAIL_FRACTION = 0.3

FINAL_ACTION = {"CREATE": "CREATED", "UPDATE": "UPDATED", "DELETE": "DELETED"}


@dataclass
class WorkRequest:
    id: str
    operation_type: str  # CREATE_MODEL, DELETE_IMPORTED_MODEL, ...
    compartment_id: str
    resource_id: str
    entity_type: str  # "model" / "importedModel" (real strings UNCONFIRMED)
    entity_uri: str
    accepted: datetime
    started: datetime
    finished: datetime
    outcome: str = "SUCCEEDED"  # or FAILED
    errors: list[tuple[str, str]] = field(default_factory=list)  # (code, message)
    logs: list[tuple[float, str]] = field(default_factory=list)  # (seconds after accepted, message)
    on_success: dict = field(default_factory=dict)  # fields applied to the resource at the end
    on_failure: dict = field(default_factory=dict)
    applied: bool = False

    @property
    def verb(self) -> str:
        return self.operation_type.split("_", 1)[0]

    def status(self, now: datetime) -> str:
        if now < self.started:
            return "ACCEPTED"
        if now < self.finished:
            return "IN_PROGRESS"
        return self.outcome

    def percent(self, now: datetime) -> float:
        if now < self.started:
            return 0.0
        if now >= self.finished:
            return 100.0 if self.outcome == "SUCCEEDED" else round(FAIL_FRACTION * 100, 1)
        total = (self.finished - self.started).total_seconds() or 1.0
        done = (now - self.started).total_seconds() / total
        scale = 100.0 if self.outcome == "SUCCEEDED" else FAIL_FRACTION * 100
        return round(min(99.0, done * scale), 1)

    def render(self, now: datetime) -> dict:
        status = self.status(now)
        if status in ("ACCEPTED", "IN_PROGRESS"):
            action = "IN_PROGRESS"
        elif status == "FAILED":
            action = "FAILED"
        else:
            action = FINAL_ACTION.get(self.verb, "UPDATED")
        out = {
            "operationType": self.operation_type,
            "status": status,
            "id": self.id,
            "compartmentId": self.compartment_id,
            "resources": [
                {
                    "entityType": self.entity_type,
                    "actionType": action,
                    "identifier": self.resource_id,
                    "entityUri": self.entity_uri,
                }
            ],
            "percentComplete": self.percent(now),
            "timeAccepted": iso(self.accepted),
        }
        if now >= self.started:
            out["timeStarted"] = iso(self.started)
        if now >= self.finished:
            out["timeFinished"] = iso(self.finished)
        return out

    def visible_logs(self, now: datetime) -> list[dict]:
        return [
            {"message": msg, "timestamp": iso(self.accepted + timedelta(seconds=off))}
            for off, msg in self.logs
            if self.accepted + timedelta(seconds=off) <= now
        ]

    def visible_errors(self, now: datetime) -> list[dict]:
        if self.status(now) != "FAILED":
            return []
        return [{"code": c, "message": m, "timestamp": iso(self.finished)} for c, m in self.errors]


def plan(
    *,
    wr_id: str,
    operation_type: str,
    compartment_id: str,
    resource_id: str,
    entity_type: str,
    entity_uri: str,
    now: datetime,
    duration: float,
    failure: tuple[str, str] | None,
    steps: list[str],
    on_success: dict,
    on_failure: dict,
) -> WorkRequest:
    """A work request that starts shortly after `now` and succeeds, or fails with `failure`."""
    lead_in = min(1.0, duration / 10)
    started = now + timedelta(seconds=lead_in)
    run = duration * (FAIL_FRACTION if failure else 1.0)
    finished = started + timedelta(seconds=run)
    logs = [(0.0, f"{operation_type} accepted")]
    n = len(steps)
    for i, step in enumerate(steps):
        frac = (i + 1) / (n + 1)
        if failure and frac > FAIL_FRACTION:
            break
        logs.append((lead_in + run * (frac if not failure else frac / FAIL_FRACTION * FAIL_FRACTION), step))
    end_offset = lead_in + run
    if failure:
        logs.append((end_offset, f"{operation_type} failed: {failure[1]}"))
    else:
        logs.append((end_offset, f"{operation_type} succeeded"))
    return WorkRequest(
        id=wr_id,
        operation_type=operation_type,
        compartment_id=compartment_id,
        resource_id=resource_id,
        entity_type=entity_type,
        entity_uri=entity_uri,
        accepted=now,
        started=started,
        finished=finished,
        outcome="FAILED" if failure else "SUCCEEDED",
        errors=[failure] if failure else [],
        logs=logs,
        on_success=on_success,
        on_failure=on_failure,
    )
