"""One page of a raw listing as the service sent it: bytes first, parsed only when someone needs the items.

A raw client (`CloudSession.client_for(raw=True)`) answers a list call with a `RawPage` instead of
the SDK's parsed JSON (`keep_bodies`). Its `digest` names the page's content without parsing it:
a quiet refresh of 130,000 rows is 130 pages the caller already has, and recognising them costs a
hash (hashlib releases the GIL over large buffers) instead of a `json.loads` that holds the GIL for
~15 ms a page and builds 1,000 dicts only to find nothing changed (tests/bench/scale.py).
`items()` parses exactly as the SDK's `deserialize_response_data` would (UTF-8, control characters
as the client allows them).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Callable

from tui.cloud.errors import CloudError

__all__ = ["RawPage", "keep_bodies"]


class RawPage:
    """The body of one successful list response."""

    __slots__ = ("body", "_strict", "_digest")

    def __init__(self, body: bytes, *, strict: bool = True) -> None:
        self.body = body
        self._strict = strict
        self._digest: bytes | None = None

    @property
    def digest(self) -> bytes:
        """16 bytes that change whenever the body does (BLAKE2b)."""
        if self._digest is None:
            self._digest = hashlib.blake2b(self.body, digest_size=16).digest()
        return self._digest

    def items(self) -> list[Any]:
        """The page's items: a collection's `items`, or the body itself when it is a JSON array."""
        try:
            data = json.loads(self.body.decode("utf-8"), strict=self._strict)
        except ValueError as exc:  # not UTF-8, not JSON, or a raw control character the client refuses
            raise CloudError(f"the service answered a list with a body that is not JSON ({exc})",
                             code="InvalidResponse", hint="Report it with the request id.") from None
        if isinstance(data, dict):
            return list(data.get("items") or [])
        if isinstance(data, list):
            return data
        raise CloudError(f"the service answered a list with {type(data).__name__} JSON, not a collection",
                         code="InvalidResponse", hint="Report it with the request id.")

    def __repr__(self) -> str:
        return f"RawPage({len(self.body)} bytes, digest {self.digest.hex()[:12]})"


def keep_bodies(base_client: Any) -> None:
    """Make a `skip_deserialization` SDK client (its `base_client`) return each successful response's
    body as a `RawPage`. Error bodies still go through the SDK's own parser (it reads the service's
    code and message from them: `response_type` "object")."""
    sdk_deserialize: Callable[..., Any] = base_client.deserialize_response_data

    def deserialize(response_data: Any, response_type: Any, allow_control_chars: Any = None) -> Any:
        if response_type == "object" or not isinstance(response_data, bytes):
            return sdk_deserialize(response_data, response_type, allow_control_chars)
        allow = bool(base_client.should_allow_control_chars(allow_control_chars))
        return RawPage(response_data, strict=not allow)

    base_client.deserialize_response_data = deserialize
