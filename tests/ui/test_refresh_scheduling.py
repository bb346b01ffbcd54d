"""The refresher's scheduling, as plain logic: a busy job drops its ticks, a failure backs off
(429: for as long as Retry-After says), a stale `done` is ignored. No Textual, no service."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.cloud.errors import CloudError
from tui.ui.refresher import MAX_BACKOFF, Job, Refresher, backoff, is_connection_error


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class NoTimers:
    def set_interval(self, interval, callback, *, name=None):  # noqa: ANN001 - a stand-in owner
        raise AssertionError("the tests tick by hand")


def make(period: float = 1.0):
    clock = FakeClock()
    refresher = Refresher(NoTimers(), tick=0.1, clock=clock)
    pending: list = []

    def run(done) -> bool:  # noqa: ANN001
        pending.append(done)
        return True

    job = refresher.add("list", period=lambda: period, run=run)
    return refresher, job, clock, pending


def test_a_busy_job_drops_its_ticks_instead_of_running_twice():
    refresher, job, clock, pending = make()
    refresher.tick()
    assert len(pending) == 1 and job.busy
    for _ in range(5):
        clock.now += 1.0
        refresher.tick()
    assert len(pending) == 1  # never twice at once
    assert job.dropped == 5
    pending[0](None)
    assert not job.busy
    refresher.tick()
    assert len(pending) == 2  # due again (its period passed long ago)


def test_a_429_waits_for_its_retry_after():
    refresher, job, clock, pending = make(period=1.0)
    refresher.tick()
    pending[0](CloudError("slow down", status=429, code="TooManyRequests", retry_after=30))
    for _ in range(29):
        clock.now += 1.0
        refresher.tick()
    assert len(pending) == 1
    clock.now += 1.5
    refresher.tick()
    assert len(pending) == 2


def test_other_failures_back_off_doubling_and_success_resets():
    refresher, job, clock, pending = make(period=2.0)
    refresher.tick()
    pending[-1](CloudError("refused", code="ConnectionRefused"))
    assert job.hold_until - clock.now == 2.0
    clock.now = job.hold_until
    refresher.tick()
    pending[-1](CloudError("refused", code="ConnectionRefused"))
    assert job.hold_until - clock.now == 4.0
    clock.now = job.hold_until
    refresher.tick()
    pending[-1](None)
    assert job.failures == 0 and job.hold_until == 0.0


def test_a_stale_done_does_not_free_a_newer_run():
    refresher, job, clock, pending = make()
    refresher.tick()
    refresher.release("list")  # its worker was superseded
    clock.now += 2
    refresher.tick()
    pending[0](None)  # the old round's callback arrives late
    assert job.busy  # the new round still holds the job
    pending[1](None)
    assert not job.busy


def test_a_job_with_nothing_to_do_stays_free():
    refresher = Refresher(NoTimers(), clock=FakeClock())
    job = refresher.add("idle", period=lambda: 1.0, run=lambda done: False)
    refresher.tick()
    assert not job.busy and job.runs == 0


def test_a_job_without_a_period_never_runs():
    refresher = Refresher(NoTimers(), clock=FakeClock())
    ran: list = []
    refresher.add("off", period=lambda: 0, run=lambda done: ran.append(done) or True)
    refresher.add("none", period=lambda: None, run=lambda done: ran.append(done) or True)
    refresher.tick()
    assert ran == []


@given(st.integers(min_value=1, max_value=50), st.floats(min_value=0.1, max_value=600))
def test_backoff_is_bounded_and_grows(failures, period):
    error = CloudError("x", status=503)
    delay = backoff(error, failures, period)
    assert 0 < delay <= MAX_BACKOFF
    assert delay <= backoff(error, failures + 1, period)


def test_connection_errors_are_told_apart_from_call_errors():
    assert is_connection_error(CloudError("x", code="ConnectionRefused"))
    assert is_connection_error(CloudError("x", status=401, code="NotAuthenticated"))
    assert not is_connection_error(CloudError("x", status=404, code="NotAuthorizedOrNotFound"))
    assert not is_connection_error(CloudError("x", status=429))


def test_job_due_reads_its_period_every_time():
    periods = [None, 5.0]
    job = Job("fast", period=lambda: periods[0], run=lambda done: True)
    assert not job.due(0.0)
    periods[0] = 5.0
    assert job.due(0.0)
