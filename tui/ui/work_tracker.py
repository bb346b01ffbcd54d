"""Work requests the console started (or was told about), polled in the background until settled.

`app.track_work_request` lands here. The console's `Refresher` polls them (its "work-requests"
job: every few seconds while one is pending, never sub-second: it would hammer the API and the SSH
link), one worker per round, a round's tick dropped while the previous one is in flight. The worker
returns the work requests; `_polled` applies them on the UI thread. When one settles the operator
gets a toast and the affected list reloads, so a finished fine-tune appears by itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tui.cloud.errors import CloudError
from tui.ui.data.work_request_rows import SETTLED

log = logging.getLogger(__name__)


@dataclass
class Tracked:
    id: str
    region: str
    label: str
    wr: Any = None  # the latest WorkRequest

    @property
    def settled(self) -> bool:
        return self.wr is not None and (self.wr.status or "").upper() in SETTLED


class WorkTracker:
    def __init__(self, app: Any) -> None:
        self.app = app
        self.tracked: dict[str, Tracked] = {}

    def add(self, work_request_id: str, region: str, label: str) -> Tracked:
        item = self.tracked.get(work_request_id)
        if item is None:
            item = Tracked(work_request_id, getattr(region, "id", region) or "", label)
            self.tracked[work_request_id] = item
        refresher = getattr(self.app, "refresher", None)
        if refresher is not None and "work-requests" in refresher.jobs:
            refresher.run_now("work-requests")  # at once; the refresher's job keeps polling it
        else:
            self.poll()
        return item

    def items(self) -> list[Tracked]:
        """Every tracked work request (id, region, label, latest WorkRequest), oldest first."""
        return list(self.tracked.values())

    def pending(self) -> list[Tracked]:
        return [t for t in self.tracked.values() if not t.settled]

    def poll(self, done: Callable[[CloudError | None], None] | None = None) -> bool:
        """One round over the pending work requests (False when none is pending)."""
        pending = self.pending()
        if not pending:
            return False
        finish = done or (lambda _error: None)
        genai = self.app.genai

        def fetch() -> list[tuple[Tracked, Any]]:
            out = []
            last_error: CloudError | None = None
            for item in pending:
                try:
                    out.append((item, genai.work_requests.get(item.id, region=item.region or None).data))
                except CloudError as exc:
                    log.info("polling %s failed: %s", item.id, exc)
                    last_error = exc
            if not out and last_error is not None:
                raise last_error  # nothing answered (throttled, unreachable): the refresher backs off
            return out

        def polled(results: list[tuple[Tracked, Any]]) -> None:
            self._polled(results)
            finish(None)

        def failed(error: CloudError) -> None:
            log.info("work request poll failed: %s", error)
            finish(error)

        self.app.call(self.app, "poll work requests", fetch, group="work-tracker", on_success=polled,
                      on_error=failed)
        return True

    def _polled(self, results: list[tuple[Tracked, Any]]) -> None:
        settled_now = []
        for item, wr in results:
            was_settled = item.settled
            item.wr = wr
            if item.settled and not was_settled:
                settled_now.append(item)
        self.app.work_requests_changed()
        for item in settled_now:
            status = (item.wr.status or "").upper()
            self.app.notify(f"{item.label}: {status}", title="Work request",
                            severity="information" if status == "SUCCEEDED" else "error", markup=False)
            self.app.reload_lists()
