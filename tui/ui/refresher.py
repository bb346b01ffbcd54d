"""One timer for everything the console refreshes by itself: the visible list, transitional rows,
tracked work requests.

Why one owner: three timers (list refresh, transitional polling, work-request tracking) used to
overlap, fire while the previous round was still in flight, and keep polling through a 429. Here each
kind of refresh is a `Job` with a period (asked for afresh every tick, so "poll faster while
something is CREATING" is just a shorter period) and a `run` that starts a worker and is handed a
`done` callback. While a job is busy its ticks are dropped, never queued; a failure backs the job
off (a 429 for as long as its Retry-After says). The refresher itself never touches the network
or a widget: workers compute, the UI thread applies, and the job calls `done` once it has.

Pure scheduling logic (`Job.due`, `Job.finished`) takes the time as an argument, so it is unit
tested without Textual; `Refresher` only adds the one `set_interval`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from tui.cloud.errors import CloudError

log = logging.getLogger(__name__)

#: Seconds a failing job waits at most between attempts (and the 429 fallback's ceiling).
MAX_BACKOFF = 120.0

Done = Callable[[CloudError | None], None]


@dataclass
class Job:
    """One kind of refresh: when it is due, how to start it, whether it is in flight."""

    name: str
    #: seconds between runs, asked every tick; None or <= 0 means "not now"
    period: Callable[[], float | None]
    #: start the work (a worker); return False when there was nothing to do. Call `done` when applied.
    run: Callable[[Done], bool]
    busy: bool = False
    last_run: float = field(default=-1e18)
    hold_until: float = 0.0
    failures: int = 0
    #: ticks dropped because the previous run was still in flight (a figure for tests and logs)
    dropped: int = 0
    runs: int = 0
    last_error: CloudError | None = None
    _token: int = 0

    def due(self, now: float) -> bool:
        """Whether a tick at `now` should start this job (a busy job's tick is dropped)."""
        if self.busy:
            self.dropped += 1
            return False
        if now < self.hold_until:
            return False
        period = self.period()
        if not period or period <= 0:
            return False
        return now - self.last_run >= period - 1e-6

    def finished(self, now: float, error: CloudError | None) -> None:
        """The run's result was applied (or failed): free the job, back off on failure."""
        self.busy = False
        self.last_error = error
        if error is None:
            self.failures = 0
            self.hold_until = 0.0
            return
        self.failures += 1
        self.hold_until = now + backoff(error, self.failures, self.period() or 1.0)


#: Error codes that mean "the console cannot talk to the service at all" (not a problem of one call).
CONNECTION_CODES = frozenset({
    "ConnectionRefused", "ConnectionError", "Timeout", "InvalidConfig", "ConfigFileNotFound", "ProfileNotFound",
    "InvalidPrivateKey", "InvalidKeyFilePath", "DemoFailed", "NotAuthenticated",
})


def is_connection_error(error: CloudError) -> bool:
    """Whether `error` says the console is not connected (the header shows it; `r` reconnects)."""
    return error.status == 401 or (error.code or "") in CONNECTION_CODES


def backoff(error: CloudError, failures: int, period: float) -> float:
    """Seconds to wait after the `failures`-th failure in a row: a 429's Retry-After when it has one,
    else doubling from the job's own period, capped at MAX_BACKOFF."""
    if error.status == 429 and error.retry_after is not None and error.retry_after > 0:
        return min(float(error.retry_after), MAX_BACKOFF)
    return min(max(period, 1.0) * (2 ** (failures - 1)), MAX_BACKOFF)


class _TimerOwner(Protocol):
    def set_interval(self, interval: float, callback: Callable[[], Any], *, name: str | None = None) -> Any: ...


class Refresher:
    """The console's one refresh timer; jobs are added by name and run when due."""

    def __init__(self, owner: _TimerOwner, *, tick: float = 0.5,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.owner = owner
        self.tick_seconds = tick
        self.clock = clock
        self.jobs: dict[str, Job] = {}
        self._timer: Any = None

    def add(self, name: str, *, period: Callable[[], float | None], run: Callable[[Done], bool]) -> Job:
        job = Job(name, period, run)
        self.jobs[name] = job
        return job

    def start(self) -> None:
        if self._timer is None:
            self._timer = self.owner.set_interval(self.tick_seconds, self.tick, name="refresher")

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def tick(self) -> None:
        now = self.clock()
        for job in list(self.jobs.values()):
            try:
                due = job.due(now)
            except Exception:  # noqa: BLE001 - e.g. the screen is gone while the app shuts down
                log.debug("refresh job %s: not due (error)", job.name, exc_info=True)
                continue
            if due:
                self._start(job, now)

    def run_now(self, name: str) -> bool:
        """Start `name` at once unless it is in flight (then the running round will do)."""
        job = self.jobs[name]
        if job.busy:
            job.dropped += 1
            return False
        return self._start(job, self.clock())

    def touch(self, name: str) -> None:
        """Something else just did this job's work (a manual reload): restart its period."""
        job = self.jobs.get(name)
        if job is not None:
            job.last_run = self.clock()

    def _start(self, job: Job, now: float) -> bool:
        job.last_run = now
        job._token += 1
        token = job._token

        def done(error: CloudError | None = None) -> None:
            if token != job._token or not job.busy:
                return  # a stale callback (the job was reset since)
            job.finished(self.clock(), error)
            if error is not None:
                log.info("refresh %s failed (%s); next try in %.0f s", job.name, error.status or error.code,
                         max(0.0, job.hold_until - self.clock()))

        job.busy = True
        try:
            started = job.run(done)
        except Exception:  # noqa: BLE001 - a broken job must not stop the others
            log.exception("refresh job %s", job.name)
            started = False
        if not started:
            job.busy = False
        else:
            job.runs += 1
        return started

    def release(self, name: str) -> None:
        """Forget an in-flight run whose result will never arrive (its worker was superseded)."""
        job = self.jobs.get(name)
        if job is not None and job.busy:
            job._token += 1
            job.busy = False
