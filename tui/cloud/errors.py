"""One exception type for everything that can go wrong talking to OCI.

The console shows errors in a single toast/modal and scripts catch a single type, so every SDK,
transport and configuration failure is converted here, at the edge, into a ``CloudError`` that carries
the facts an operator needs (status, OCI code, opc-request-id for support) and a one-line hint that
says what to do next. Messages are plain ``str``: they come from the service and are never markup.
"""

from __future__ import annotations

import socket
from typing import Any

__all__ = ["CloudError", "from_exception", "hint_for"]


class CloudError(Exception):
    """A failed cloud call (or a local problem that prevents one), ready to show to an operator."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        code: str | None = None,
        opc_request_id: str | None = None,
        operation: str | None = None,
        region: str | None = None,
        hint: str | None = None,
        retry_after: float | None = None,
        retry_token: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.opc_request_id = opc_request_id
        self.operation = operation
        self.region = region
        self.retry_after = retry_after
        #: The opc-retry-token of a failed create / move: submit again with it and the service does
        #: the operation at most once (the reply to an attempt that was applied may have been lost).
        self.retry_token = retry_token
        self.hint = hint if hint is not None else hint_for(status, code, retry_after=retry_after)

    def __str__(self) -> str:
        head = []
        if self.operation:
            head.append(self.operation)
        if self.region:
            head.append(f"[{self.region}]")
        status = " ".join(str(x) for x in (self.status, self.code) if x is not None)
        text = " ".join(head)
        text = f"{text}: " if text else ""
        text += f"{status} {self.message}" if status else self.message
        if self.opc_request_id:
            text += f" (opc-request-id {self.opc_request_id})"
        return " ".join(text.split())  # one line, whatever the service sent

    def __repr__(self) -> str:
        return (
            f"CloudError(status={self.status!r}, code={self.code!r}, message={self.message!r}, "
            f"operation={self.operation!r}, region={self.region!r}, opc_request_id={self.opc_request_id!r})"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "code": self.code,
            "message": self.message,
            "opc_request_id": self.opc_request_id,
            "operation": self.operation,
            "region": self.region,
            "hint": self.hint,
        }


def hint_for(status: int | None, code: str | None = None, *, retry_after: float | None = None) -> str | None:
    """The one-line advice for a status/code pair (None when there is nothing useful to say)."""
    code = code or ""
    if status == 400:
        if code in ("InvalidParameter", "MissingParameter", "CannotParseRequest"):
            return "The request was rejected as invalid: check the field named in the message."
        if code in ("LimitExceeded", "QuotaExceeded"):
            return "A service limit or quota is exhausted: request a limit increase or free capacity."
        return "The request was rejected as invalid."
    if status == 401:
        return ("Not authenticated: check the API key and its fingerprint in the profile, that the key is "
                "uploaded for this user, and that the system clock is within 5 minutes.")
    if status == 403:
        return "Not allowed: the policies for this user do not permit the action."
    if status == 404:
        return ("Missing or not authorised: check that the OCID, compartment and region are right and that "
                "a policy lets you see it.")
    if status == 409:
        if code == "InvalidatedRetryToken":
            return "The retry token was already used for a different request: submit with a new token."
        if code == "IncorrectState":
            return "The resource is in a transitional state: wait until it settles, then try again."
        return ("Conflict: the resource is in use (for example by an endpoint) or in a state that does not "
                "allow this; free it or change it first.")
    if status == 412:
        return "The resource changed since you loaded it: reload it and apply your change again."
    if status == 429:
        if retry_after is not None:
            return f"Throttled: too many requests; retry after {retry_after:g} s."
        return "Throttled: too many requests; wait a few seconds and retry."
    if status is not None and status >= 500:
        return "The service failed or is unavailable: retry later; quote the opc-request-id to support."
    if code == "ConnectionRefused":
        return "Connection refused: check the endpoint (template), the region, proxy and network."
    if code == "Timeout":
        return "Timed out: the endpoint did not answer in time; check network, proxy or VPN and retry."
    if code == "ConnectionError":
        return "Cannot reach the endpoint: check network, proxy, DNS and the endpoint template."
    if code == "UnknownRegion":
        return None  # the message itself lists the valid regions
    if code in ("InvalidConfig", "ConfigFileNotFound", "ProfileNotFound", "InvalidPrivateKey", "InvalidKeyFilePath"):
        return ("Fix the OCI config file (see https://docs.oracle.com/iaas/Content/API/Concepts/sdkconfig.htm) "
                "or choose another profile.")
    return None


def _retry_after(headers: Any) -> float | None:
    try:
        value = headers.get("retry-after") if headers is not None else None
    except Exception:
        return None
    if value in (None, ""):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _is_refused(exc: BaseException) -> bool:
    seen: set[int] = set()
    stack: list[BaseException | Any] = [exc]
    while stack:
        e = stack.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        if isinstance(e, ConnectionRefusedError):
            return True
        if "Connection refused" in str(e) or "Errno 111" in str(e):
            return True
        stack.extend([getattr(e, "__cause__", None), getattr(e, "__context__", None), getattr(e, "reason", None)])
        stack.extend(a for a in getattr(e, "args", ()) if isinstance(a, BaseException))
    return False


def from_exception(exc: BaseException, operation: str | None = None, region: Any = None) -> CloudError:
    """Convert any exception raised while preparing or making a call into a CloudError."""
    import oci  # local: keep import of this module cheap

    region_id = getattr(region, "id", region)
    if isinstance(exc, CloudError):
        if operation and not exc.operation:
            exc.operation = operation
        if region_id and not exc.region:
            exc.region = region_id
        return exc

    if isinstance(exc, oci.exceptions.ServiceError):
        retry_after = _retry_after(exc.headers) if exc.status == 429 else None
        message = exc.message or f"The service returned HTTP {exc.status}"
        err = CloudError(
            str(message),
            status=exc.status,
            code=exc.code,
            opc_request_id=exc.request_id,
            operation=operation or exc.operation_name,
            region=region_id,
            retry_after=retry_after,
        )
        return err

    from tui.facts import regions as _regions

    if isinstance(exc, _regions.UnknownRegionError):
        return CloudError(str(exc), code="UnknownRegion", operation=operation, region=region_id)

    if isinstance(exc, oci.exceptions.InvalidConfig):
        errors = exc.args[0] if exc.args else {}
        if isinstance(errors, dict) and errors:
            detail = ", ".join(f"{k} {v}" for k, v in sorted(errors.items()))
            message = f"Invalid OCI config: {detail}"
        else:
            message = f"Invalid OCI config: {exc}"
        return CloudError(message, code="InvalidConfig", operation=operation, region=region_id)

    for cls_name in ("ConfigFileNotFound", "ProfileNotFound", "InvalidPrivateKey", "InvalidKeyFilePath",
                     "MissingPrivateKeyPassphrase"):
        cls = getattr(oci.exceptions, cls_name, None)
        if cls is not None and isinstance(exc, cls):
            code = "InvalidPrivateKey" if cls_name == "MissingPrivateKeyPassphrase" else cls_name
            return CloudError(str(exc), code=code, operation=operation, region=region_id)

    # The SDK wraps the transport's exception (oci.exceptions.RequestException(ReadTimeout(...))):
    # classify what actually happened, so a read timeout is a timeout and not "cannot reach".
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
    if isinstance(exc, oci.exceptions.RequestException) and inner is not None:
        exc = inner

    req_exc = oci._vendor.requests.exceptions
    timeout_types: tuple[type, ...] = (req_exc.Timeout, socket.timeout, TimeoutError)
    try:
        import requests as _requests  # type: ignore[import-untyped]  # the SDK may use the top-level package in some versions

        timeout_types += (_requests.exceptions.Timeout,)
        conn_types: tuple[type, ...] = (req_exc.ConnectionError, _requests.exceptions.ConnectionError)
    except ImportError:  # pragma: no cover
        conn_types = (req_exc.ConnectionError,)
    conn_types += (ConnectionError, oci.exceptions.RequestException)

    if isinstance(exc, req_exc.ConnectTimeout) or isinstance(exc, oci.exceptions.ConnectTimeout):
        return CloudError(f"Timed out connecting: {_short(exc)}", code="Timeout", operation=operation,
                          region=region_id)
    if isinstance(exc, timeout_types):
        return CloudError(f"Timed out waiting for the reply: {_short(exc)}", code="Timeout", operation=operation,
                          region=region_id)
    if isinstance(exc, conn_types):
        if _is_refused(exc):
            return CloudError(f"Connection refused: {_short(exc)}", code="ConnectionRefused",
                              operation=operation, region=region_id)
        return CloudError(f"Connection failed: {_short(exc)}", code="ConnectionError", operation=operation,
                          region=region_id)
    if isinstance(exc, (ValueError, TypeError)) and operation is not None:
        return CloudError(f"{type(exc).__name__}: {exc}", code="ClientError", operation=operation,
                          region=region_id, hint="The request could not be prepared; check the inputs.")
    return CloudError(f"{type(exc).__name__}: {exc}", code="ClientError", operation=operation, region=region_id)


def _short(exc: BaseException, limit: int = 300) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
