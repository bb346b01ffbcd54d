"""One submission of a create: its retry token lives as long as the wizard, whatever happens.

Why a token per wizard (not per attempt): when an attempt times out, or the service committed but
the reply was lost, the operator presses submit again. With the same `opc-retry-token` the service
answers with the original result instead of creating a second model; with a fresh one it would
create two. The token is generated when the form opens and never rotated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tui.cloud.errors import CloudError
from tui.cloud.tokens import MASK, new_retry_token


@dataclass
class Submission:
    """The state of the create a form will send: token, attempts, in flight, result."""

    retry_token: str = field(default_factory=new_retry_token)
    attempts: int = 0
    in_flight: bool = False
    result: Any = None
    last_error: CloudError | None = None

    @property
    def done(self) -> bool:
        return self.result is not None

    def start(self) -> None:
        self.attempts += 1
        self.in_flight = True
        self.last_error = None

    def succeeded(self, result: Any) -> None:
        self.in_flight = False
        self.result = result

    def failed(self, error: CloudError) -> None:
        self.in_flight = False
        self.last_error = error


def scrub(error: CloudError, secrets: list[str]) -> CloudError:
    """A copy of `error` with every secret replaced by the mask (services may echo request values)."""
    def clean(text: str | None) -> str | None:
        if not text:
            return text
        for secret in secrets:
            if secret:
                text = text.replace(secret, MASK)
        return text

    if not any(s and s in (str(error.message) + str(error.hint or "")) for s in secrets):
        return error
    return CloudError(
        clean(error.message) or "",
        status=error.status, code=error.code, opc_request_id=error.opc_request_id,
        operation=error.operation, region=error.region, hint=clean(error.hint),
    )
