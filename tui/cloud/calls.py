"""What every call into the service shares: the ``Result`` it returns, the region / client /
exception plumbing (``Caller``), OCID checks named after the operation, and the retry token.

``GenAI`` (operations.py) and ``WorkRequests`` (work_requests.py) both build on it; neither imports
the other's internals.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable, Generic, TypeVar

from tui.cloud import builders
from tui.cloud.clients import CloudSession, RetryPolicy
from tui.cloud.errors import CloudError, from_exception
from tui.cloud.pages import RawPage
from tui.cloud.tokens import new_retry_token
from tui.facts.regions import Region, UnknownRegionError, resolve_region

__all__ = ["Result", "Caller", "check_ocid", "new_retry_token"]

T = TypeVar("T")


@dataclass(frozen=True)
class Result(Generic[T]):
    """The data of a response plus the headers that matter to the caller."""

    data: T
    etag: str | None = None
    opc_request_id: str | None = None
    work_request_id: str | None = None
    region: str | None = None
    retry_token: str | None = None
    pages: int = 1
    #: HTTP attempts the call made (a retried mutation: 2).
    attempts: int = 1
    #: True when the call's own reply was a failure (or the retry's echo of the first attempt's effect)
    #: but a re-read showed the change applied: ``data`` / ``etag`` are then from that re-read.
    reconciled: bool = False

    @classmethod
    def from_response(cls, response: Any, region: Region | str | None, *, data: Any = None,
                      retry_token: str | None = None, pages: int = 1, attempts: int = 1) -> "Result[Any]":
        headers = getattr(response, "headers", None) or {}
        return cls(
            data=response.data if data is None else data,
            etag=headers.get("etag"),
            opc_request_id=getattr(response, "request_id", None) or headers.get("opc-request-id"),
            work_request_id=headers.get("opc-work-request-id"),
            region=str(getattr(region, "id", region)) if region is not None else None,
            retry_token=retry_token,
            pages=pages,
            attempts=max(1, attempts),
        )


class Caller:
    """Shared plumbing: region resolution, exception conversion and guarded pagination."""

    def __init__(self, session: CloudSession) -> None:
        self.session = session

    def _region(self, explicit: Any, ocid: str | None, operation: str) -> Region:
        try:
            return resolve_region(explicit, ocid, self.session.default_region)
        except UnknownRegionError as exc:
            raise from_exception(exc, operation, explicit) from None

    def _client(self, region: Region, background: bool, operation: str) -> Any:
        try:
            return self.session.client_for(region, background=background)
        except CloudError as exc:
            raise from_exception(exc, operation, region) from None

    def _invoke(self, operation: str, region: Region, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except Exception as exc:  # every failure leaves this layer as a CloudError
            raise from_exception(exc, operation, region) from None

    def _mutate(self, operation: str, region: Region, fn: Callable[..., Any], *args: Any,
                confirm: Callable[[], Result[Any] | None] | None = None, retry_token: str | None = None,
                **kwargs: Any) -> Result[Any]:
        """Make a mutating call whose attempts are recorded; see the module docstring for ``confirm``.

        ``confirm()`` re-reads the resource and returns the Result to report when the change is in
        place (None when it is not); it runs only when an attempt failed ambiguously and the call failed.
        """
        policy: RetryPolicy = self.session.retry_policy(background=False).recording()
        try:
            response = fn(*args, retry_strategy=policy, **kwargs)
        except Exception as exc:
            err = from_exception(exc, operation, region)
            if retry_token:
                err.retry_token = retry_token
            if confirm is not None and policy.ambiguous:
                try:
                    confirmed = confirm()
                except CloudError:  # cannot tell: say so rather than guess
                    err.hint = ("An earlier attempt failed without a clear answer and may have been applied; "
                                "reload to check before trying again.")
                    raise err from None
                if confirmed is not None:
                    return replace(confirmed, attempts=max(1, policy.attempts), reconciled=True,
                                   retry_token=retry_token, region=region.id)
            raise err from None
        return Result.from_response(response, region, retry_token=retry_token, attempts=policy.attempts)

    def _paginate(self, operation: str, region: Region, fn: Callable[..., Any], *args: Any,
                  max_pages: int = 1000, item_filter: Callable[[Any], bool] | None = None,
                  page_transform: Callable[[Any], list[Any]] | None = None,
                  **kwargs: Any) -> Result[list[Any]]:
        items: list[Any] = []
        seen: set[str] = set()
        page: str | None = None
        pages = 0
        response = None
        while True:
            if page is not None:
                kwargs["page"] = page
            response = self._invoke(operation, region, fn, *args, **kwargs)
            pages += 1
            data = response.data
            if isinstance(data, RawPage):  # a raw client: the body, parsed here or by page_transform
                items.extend(data.items() if page_transform is None else page_transform(data))
            else:
                batch = data if isinstance(data, list) else (getattr(data, "items", None) or [])
                items.extend(batch if page_transform is None else page_transform(batch))
            next_page = response.headers.get("opc-next-page") if response.headers else None
            if not next_page:  # absent (or an empty value, which would never end)
                break
            if next_page in seen:
                raise CloudError(
                    f"the service repeated page token {next_page!r} after {pages} pages",
                    code="PaginationLoop", operation=operation, region=region.id,
                    opc_request_id=response.request_id,
                    hint="The listing does not terminate; narrow it with filters or report it with the request id.",
                )
            if pages >= max_pages:
                raise CloudError(
                    f"gave up after {pages} pages (max_pages={max_pages})",
                    code="PaginationLimit", operation=operation, region=region.id,
                    opc_request_id=response.request_id,
                    hint="Narrow the listing with filters or raise max_pages.",
                )
            seen.add(next_page)
            page = next_page
        if item_filter is not None:
            items = [i for i in items if item_filter(i)]
        return Result.from_response(response, region, data=items, pages=pages)


def check_ocid(field: str, value: Any, operation: str) -> str:
    try:
        return builders.check_ocid(field, value)  # type: ignore[return-value]
    except builders.BuilderError as exc:
        exc.operation = operation
        raise
