"""Clocks that drive lifecycles.

Every state a resource or a work request shows is computed from `clock.now()` when it is read, so a
test moves the world forward with `ManualClock.advance(seconds)` and nothing else; standalone and
demo mode use `RealClock(speed)` so a 120-emulated-second fine-tune finishes in a few real seconds.
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


class RealClock:
    """Wall time, compressed: `speed` emulated seconds pass per real second."""

    def __init__(self, speed: float = 1.0):
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.speed = float(speed)
        self._start_wall = datetime.now(timezone.utc)
        self._start_mono = time.monotonic()

    def now(self) -> datetime:
        elapsed = (time.monotonic() - self._start_mono) * self.speed
        return self._start_wall + timedelta(seconds=elapsed)

    def advance(self, seconds: float) -> datetime:
        """Jump ahead (useful in demos); the compression continues from there."""
        if seconds < 0:
            raise ValueError("a clock does not run backwards")
        self._start_wall += timedelta(seconds=seconds)
        return self.now()
