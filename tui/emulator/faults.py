"""Fault injection per SDK operation, for tests of retries, error reporting and lost replies.

`inject("ListModels", status=429, retry_after=3, count=1)`; `operation="*"` matches every route.
`after=True` performs the operation first (its effects are committed), then fails or drops the
reply: the case where a client must not blindly retry a create without its retry token.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

_CODES = {429: "TooManyRequests", 500: "InternalServerError", 502: "BadGateway", 503: "ServiceUnavailable",
          504: "GatewayTimeout", 409: "Conflict", 404: "NotAuthorizedOrNotFound", 400: "InvalidParameter",
          401: "NotAuthenticated"}


def code_for(status: int) -> str:
    return _CODES.get(status, "InternalServerError")


@dataclass
class Fault:
    operation: str
    latency: float = 0.0
    status: int | None = None
    retry_after: float | None = None
    drop: bool = False
    count: int | None = None
    region: str | None = None
    after: bool = False
    hits: int = 0


class Faults:
    def __init__(self):
        self._rules: list[Fault] = []
        self._lock = threading.Lock()

    def inject(self, operation: str, *, latency: float = 0.0, status: int | None = None,
               retry_after: float | None = None, drop: bool = False, count: int | None = None,
               region: str | None = None, after: bool = False) -> Fault:
        if region is not None:
            from tui.facts.regions import lookup_region

            region = lookup_region(region).id
        fault = Fault(operation, latency, status, retry_after, drop, count, region, after)
        with self._lock:
            self._rules.append(fault)
        return fault

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    def take(self, operation: str | None, region: str) -> Fault | None:
        """The first live rule matching this request; consumes one of its `count`."""
        with self._lock:
            for fault in self._rules:
                if fault.operation not in ("*", operation):
                    continue
                if fault.region is not None and fault.region != region:
                    continue
                if fault.count is not None and fault.hits >= fault.count:
                    continue
                fault.hits += 1
                return fault
        return None
