"""Tracking the long-running operations (fine-tunes, imports, deletes) the API hands back.

Create / delete (and imported-model update) answer with a work request id and finish minutes later;
the wrapper this project replaces left callers to poll on their own. ``wait`` polls on the
long-retry background client, reports every poll to a callback (the console's progress bar), and can
be stopped from another thread through a ``threading.Event``.

A wait keeps its word on time: each poll runs in a helper thread and the waiting side gives up at the
deadline (or when stopped) even if that poll hangs on a silent server; the poll's own retries (a
single 500 or dropped reply is retried, waiting any Retry-After) are bounded by the same deadline.
An abandoned poll is a read, so nothing is left half-made.
"""

from __future__ import annotations

import threading
import time
from typing import Any, Callable

from tui.cloud.errors import CloudError, from_exception
from tui.cloud.calls import Caller, Result, check_ocid
from tui.facts.regions import Region
from tui.facts.work_requests import TERMINAL_STATUSES

__all__ = ["WorkRequests", "TERMINAL_STATUSES"]



class WorkRequests(Caller):
    def get(self, id: str, *, region: Any = None, interactive: bool = True) -> Result[Any]:
        op = "GetWorkRequest"
        check_ocid("work_request_id", id, op)
        r = self._region(region, id, op)
        client = self._client(r, not interactive, op)
        return Result.from_response(self._invoke(op, r, client.get_work_request, id), r)

    def list_work_requests(self, compartment_id: str, *, region: Any = None, resource_id: str | None = None,
                           status: str | None = None, max_pages: int = 1000,
                           page_size: int | None = None) -> Result[list[Any]]:
        op = "ListWorkRequests"
        check_ocid("compartment_id", compartment_id, op)
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
        check_ocid("work_request_id", id, op)
        r = self._region(region, id, op)
        client = self._client(r, False, op)
        return self._paginate(op, r, client.list_work_request_errors, id, max_pages=max_pages)

    def logs(self, id: str, *, region: Any = None, max_pages: int = 1000) -> Result[list[Any]]:
        op = "ListWorkRequestLogs"
        check_ocid("work_request_id", id, op)
        r = self._region(region, id, op)
        client = self._client(r, False, op)
        return self._paginate(op, r, client.list_work_request_logs, id, max_pages=max_pages)

    def wait(self, id: str, *, region: Any = None, on_progress: Callable[[Any], None] | None = None,
             stop: threading.Event | None = None, interval: float = 1.0, timeout: float | None = None) -> Any:
        """Poll until the work request ends (SUCCEEDED / FAILED / CANCELED) and return it.

        ``on_progress(work_request)`` runs after every poll. When ``stop`` is set the latest work request
        is returned as it is (possibly still IN_PROGRESS; None if no poll had answered yet). ``timeout``
        (seconds): a CloudError with code WaitTimeout within ``timeout`` plus one ``interval``, however
        slow the service is. A poll that fails after its retries raises its CloudError.
        """
        op = "GetWorkRequest"
        check_ocid("work_request_id", id, op)
        r = self._region(region, id, op)
        client = self._client(r, True, op)
        stop = stop or threading.Event()
        deadline = None if timeout is None else time.monotonic() + timeout
        wr = None
        while True:
            polled = self._poll(client, id, r, deadline, stop)
            if polled is None:  # stopped, or the deadline passed while the poll was under way
                if stop.is_set():
                    return wr
                raise self._timed_out(wr, timeout, r)
            wr = polled.data
            if on_progress is not None:
                on_progress(wr)
            if wr.status in TERMINAL_STATUSES or stop.is_set():
                return wr
            if deadline is not None and time.monotonic() >= deadline:
                raise self._timed_out(wr, timeout, r)
            pause = interval if deadline is None else max(0.0, min(interval, deadline - time.monotonic()))
            if stop.wait(pause):
                return wr

    def _poll(self, client: Any, id: str, region: Region, deadline: float | None,
              stop: threading.Event) -> Result[Any] | None:
        """One GetWorkRequest (with its retries) in a helper thread; None if stopped or past the deadline."""
        policy = self.session.retry_policy(background=True).recording(deadline=deadline, stop=stop)
        box: dict[str, Any] = {}
        done = threading.Event()

        def run() -> None:
            try:
                box["result"] = Result.from_response(client.get_work_request(id, retry_strategy=policy), region)
            except Exception as exc:  # handed to the waiting thread
                box["error"] = exc
            finally:
                done.set()

        threading.Thread(target=run, name="work-request-poll", daemon=True).start()
        while True:
            slice_ = 0.05 if deadline is None else max(0.0, min(0.05, deadline - time.monotonic()))
            if done.wait(slice_):
                break
            if stop.is_set() or (deadline is not None and time.monotonic() >= deadline):
                return None
        if "error" in box:
            if stop.is_set():  # the poll gave up its retries because it was stopped
                return None
            raise from_exception(box["error"], "GetWorkRequest", region) from None
        result: Result[Any] = box["result"]
        return result

    @staticmethod
    def _timed_out(wr: Any, timeout: float | None, region: Region) -> CloudError:
        where = (f"still {wr.status} ({wr.percent_complete or 0:g}%)" if wr is not None
                 else "not answered by the service")
        return CloudError(
            f"work request {where} after {timeout or 0:g} s",
            code="WaitTimeout", operation="GetWorkRequest", region=region.id,
            hint="It continues in the background; check it again later.",
        )
