"""Work request statuses, as the API defines them (WorkRequest.status in the SDK 2.189.0 enum).

One definition for the client (`WorkRequests.wait` stops on a terminal status), the console (a
settled row, the status filter) and the local service (the values it accepts as a filter).
"""

from __future__ import annotations

__all__ = ["STATUSES", "TERMINAL_STATUSES"]

STATUSES = ("ACCEPTED", "IN_PROGRESS", "WAITING", "FAILED", "SUCCEEDED", "CANCELING", "CANCELED")
#: a work request in one of these will not change again
TERMINAL_STATUSES = ("SUCCEEDED", "FAILED", "CANCELED")
