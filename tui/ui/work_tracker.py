"""Work requests the console started (or was told about), polled in the background until settled.

`app.track_work_request` lands here. One timer for all of them, a poll every few seconds (never
sub-second: it would hammer the API and the SSH link), one worker per tick. When one settles the
operator gets a toast and the affected list reloads, so a finished fine-tune appears by itself.
"""

from __future__ import annotations

import logging
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
        self._timer: Any = None

    def add(self, work_request_id: str, region: str, label: str) -> Tracked:
        item = self.tracked.get(work_request_id)
        if item is None:
            item = Tracked(work_request_id, getattr(region, "id", region) or "", label)
            self.tracked[work_request_id] = item
        if self._timer is None:
            self._timer = self.app.set_interval(self.app.poll_interval, self.poll)
        self.poll()
        return item

    def items(self) -> list[Tracked]:
        """Every tracked work request (id, region, label, latest WorkRequest), oldest first."""
        return list(self.tracked.values())

    def pending(self) -> list[Tracked]:
        return [t for t in self.tracked.values() if not t.settled]

    def poll(self) -> None:
        pending = self.pending()
        if not pending:
            return
        genai = self.app.genai

        def fetch() -> list[tuple[Tracked, Any]]:
            out = []
            for item in pending:
                try:
                    out.append((item, genai.work_requests.get(item.id, region=item.region or None).data))
                except CloudError as exc:
                    log.info("polling %s failed: %s", item.id, exc)
            return out

        self.app.call(self.app, "poll work requests", fetch, group="work-tracker", on_success=self._polled,
                      on_error=lambda e: log.info("work request poll failed: %s", e))

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
