"""Clocks that drive lifecycles.

Every state a resource or a work request shows is computed from `clock.now()` when it is read, so a
test moves the world forward with `ManualClock.advance(seconds)` and nothing else; standalone and
demo mode use `RealClock(speed)` so a 120-second fine-tune finishes in a few real seconds.

`RealClock` keeps timestamps honest: `now()` is the wall clock, always (a compressed clock once ran
ahead of it, and the demo showed resources created in the future). The pace only shortens how long
jobs take: `duration(seconds)` is what the emulator schedules with.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta, timezone

#: Seeds are stamped relative to this fixed instant (never now()), so demo data is identical across
#: runs; `ManualClock()` starts here too so resources created in tests sort after the seed's.
SEED_EPOCH = datetime(2026, 11, 1, 0, 0, 0, tzinfo=timezone.utc)


class ManualClock:
    """A clock that only moves when told to (`advance`)."""

    def __init__(self, start: datetime | None = None):
        start = start or SEED_EPOCH
        if start.tzinfo is None:
            start = start.replace(tzinfo=timezone.utc)
        self._now = start.astimezone(timezone.utc)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> datetime:
        if seconds < 0:
            raise ValueError("a clock does not run backwards")
        with self._lock:
            self._now += timedelta(seconds=seconds)
            return self._now

    @staticmethod
    def duration(seconds: float) -> float:
        """Jobs take their nominal time: tests advance the clock by exactly that much."""
        return seconds


class RealClock:
    """Wall time; `speed` (the pace) makes jobs `speed` times shorter, never the clock faster."""

    def __init__(self, speed: float = 1.0):
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.speed = float(speed)
        self._offset = timedelta(0)
        self._start_wall = datetime.now(timezone.utc)
        self._start_mono = time.monotonic()

    def now(self) -> datetime:
        # monotonic elapsed time on the start instant: wall time that never steps backwards
        return self._start_wall + timedelta(seconds=time.monotonic() - self._start_mono) + self._offset

    def duration(self, seconds: float) -> float:
        """How long a job of nominal `seconds` takes on this clock."""
        return seconds / self.speed

    def advance(self, seconds: float) -> datetime:
        """Jump ahead (useful in demos and tests of a finished job)."""
        if seconds < 0:
            raise ValueError("a clock does not run backwards")
        self._offset += timedelta(seconds=seconds)
        return self.now()
