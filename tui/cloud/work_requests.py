"""Tracking the long-running operations (fine-tunes, imports, deletes) the API hands back.

Create / delete (and imported-model update) answer with a work request id and finish minutes later;
the wrapper this project replaces left callers to poll on their own. ``wait`` polls on the
long-retry background client, reports every poll to a callback (the console's progress bar), and can
be stopped from another thread through a ``threading.Event`` without leaving a call half-made.
"""

from __future__ import annotations

import threading
import time
from typing import Any, Callable

from tui.cloud.errors import CloudError
from tui.cloud.operations import Result, _Caller, _check_ocid

__all__ = ["WorkRequests", "TERMINAL_STATUSES"]

TERMINAL_STATUSES = ("SUCCEEDED", "FAILED", "CANCELED")


class WorkRequests(_Caller):
    def get(self, id: str, *, region: Any = None, interactive: bool = True) -> Result[Any]:
        op = "GetWorkRequest"
        _check_ocid("work_request_id", id, op)
        r = self._region(region, id, op)
        client = self._client(r, not interactive, op)
        return Result.from_response(self._invoke(op, r, client.get_work_request, id), r)

    def list(self, compartment_id: str, *, region: Any = None, resource_id: str | None = None,
             status: str | None = None, max_pages: int = 1000, page_size: int | None = None) -> Result[list[Any]]:
        op = "ListWorkRequests"
        _check_ocid("compartment_id", compartment_id, op)
        r = self._region(region, resource_id, op)
        client = self._client(r, False, op)
        kwargs: dict[str, Any] = {}
        if resource_id:
            kwargs["resource_id"] = resource_id
        if status:
            kwargs["status"] = status.upper()
        if page_size:
            kwargs["limit"] = page_size
        return self._paginate(op, r, client.list_work_requests, compartment_id, max_pages=max_pages, **kwargs)

    def errors(self, id: str, *, region: Any = None, max_pages: int = 1000) -> Result[list[Any]]:
        op = "ListWorkRequestErrors"
        _check_ocid("work_request_id", id, op)
        r = self._region(region, id, op)
        client = self._client(r, False, op)
        return self._paginate(op, r, client.list_work_request_errors, id, max_pages=max_pages)

    def logs(self, id: str, *, region: Any = None, max_pages: int = 1000) -> Result[list[Any]]:
        op = "ListWorkRequestLogs"
        _check_ocid("work_request_id", id, op)
        r = self._region(region, id, op)
        client = self._client(r, False, op)
        return self._paginate(op, r, client.list_work_request_logs, id, max_pages=max_pages)

    def wait(self, id: str, *, region: Any = None, on_progress: Callable[[Any], None] | None = None,
             stop: threading.Event | None = None, interval: float = 1.0, timeout: float | None = None) -> Any:
        """Poll until the work request ends (SUCCEEDED / FAILED / CANCELED) and return it.

        ``on_progress(work_request)`` runs after every poll. When ``stop`` is set the latest work request
        is returned as it is (possibly still IN_PROGRESS); ``timeout`` (seconds) raises a CloudError.
        """
        stop = stop or threading.Event()
        deadline = None if timeout is None else time.monotonic() + timeout
        wr = None
        while True:
            wr = self.get(id, region=region, interactive=False).data
            if on_progress is not None:
                on_progress(wr)
            if wr.status in TERMINAL_STATUSES or stop.is_set():
                return wr
            if deadline is not None and time.monotonic() >= deadline:
                raise CloudError(
                    f"work request still {wr.status} ({wr.percent_complete:g}%) after {timeout:g} s",
                    code="WaitTimeout", operation="GetWorkRequest",
                    region=self._region(region, id, "GetWorkRequest").id,
                    hint="It continues in the background; check it again later.",
                )
            pause = interval if deadline is None else max(0.0, min(interval, deadline - time.monotonic()))
            if stop.wait(pause):
                return wr
