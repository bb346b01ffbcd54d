"""Regional SDK clients that fail fast when used interactively and share one signer.

The SDK's defaults (8 attempts over up to 600 s, a circuit breaker, 10 s connect timeouts) are right
for batch jobs and wrong for a console: an unreachable endpoint would freeze a screen for ~95 s. Here
interactive clients get a short explicit retry budget and a short connect timeout, background clients
(pollers) a longer one, neither a circuit breaker. Clients are cached per (region, background) behind
a lock because the console calls from several worker threads at once. An endpoint template routes
every region to a proxy, a private endpoint or the local service.

Retries go through our own `RetryPolicy` (the SDK's strategy protocol) for two reasons the SDK's
strategies cannot serve: a 429 retry must wait at least the service's Retry-After, and a mutation
must learn afterwards whether an attempt failed *ambiguously* (5xx, lost reply: it may have been
applied), so that operations.py can re-read the resource instead of reporting the retry's echo of
its own effect (409 IncorrectState, 412 NoEtagMatch) as a failure.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, field, replace
from typing import Any, Callable

import oci
from oci.circuit_breaker import NoCircuitBreakerStrategy

from tui.cloud.auth import Profile, load_profile
from tui.cloud.errors import CloudError, from_exception
from tui.cloud.pages import keep_bodies
from tui.facts.regions import Region, UnknownRegionError, lookup_region

__all__ = [
    "CloudSession",
    "RetryPolicy",
    "FailedAttempt",
    "interactive_retry_strategy",
    "background_retry_strategy",
    "INTERACTIVE_TIMEOUT",
    "BACKGROUND_TIMEOUT",
]

#: (connect, read) seconds.
INTERACTIVE_TIMEOUT = (2.0, 30.0)
BACKGROUND_TIMEOUT = (10.0, 60.0)


@dataclass(frozen=True)
class FailedAttempt:
    """One attempt that raised: its HTTP status (None for a transport failure) and whether it may have
    been applied by the service (5xx, or a reply lost after the request was sent)."""

    status: int | None
    code: str | None
    ambiguous: bool
    error: BaseException = field(repr=False, compare=False)


def _transport_never_sent(exc: BaseException) -> bool:
    """A connect timeout or a refused connection: the request never reached the service."""
    from tui.cloud.errors import _is_refused

    req_exc = oci._vendor.requests.exceptions
    if isinstance(exc, (req_exc.ConnectTimeout, oci.exceptions.ConnectTimeout)):
        return True
    return _is_refused(exc)


def _is_ambiguous(exc: BaseException) -> bool:
    """Whether a failed attempt may still have been carried out by the service."""
    if isinstance(exc, oci.exceptions.ServiceError):
        return exc.status >= 500
    if isinstance(exc, (oci._vendor.requests.exceptions.RequestException, ConnectionError, TimeoutError)):
        return not _transport_never_sent(exc)
    return False


def _retry_after(exc: BaseException) -> float | None:
    headers = getattr(exc, "headers", None)
    try:
        value = headers.get("retry-after") if headers is not None else None
        return max(0.0, float(value)) if value not in (None, "") else None
    except (TypeError, ValueError, AttributeError):
        return None


@dataclass
class RetryPolicy:
    """A retry strategy the SDK accepts (``make_retrying_call``), honest about waits and outcomes.

    Retries timeouts and connection errors, 429 and 5xx (not 501), and 409 with a code in
    ``retry_409``. A retry happens only while fewer than ``max_attempts`` were made and the time since
    the first attempt is under ``total_elapsed`` (so a slow failure is not repeated); it waits a full-
    jitter backoff, and never less than a 429's Retry-After. A Retry-After above ``max_retry_after`` is
    not waited for: the 429 is raised at once (its CloudError carries ``retry_after``). ``deadline``
    (time.monotonic) and ``stop`` bound the waits of a caller that must finish in time.

    ``failures`` lists the attempts that raised, in order, when ``record`` is set; create one policy per
    call for that (``recording()``), since a client-wide one is shared by threads.
    """

    max_attempts: int
    total_elapsed: float
    base_sleep: float
    max_sleep: float
    max_retry_after: float
    retry_409: tuple[str, ...] = ()
    deadline: float | None = None
    stop: threading.Event | None = None
    record: bool = False
    failures: list[FailedAttempt] = field(default_factory=list)
    attempts: int = 0
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)

    def recording(self, *, deadline: float | None = None, stop: threading.Event | None = None) -> "RetryPolicy":
        """A fresh copy for one call that records its attempts (and may be bounded)."""
        return replace(self, record=True, failures=[], attempts=0, deadline=deadline, stop=stop)

    @property
    def ambiguous(self) -> bool:
        """Whether any failed attempt of this call may have been applied."""
        return any(f.ambiguous for f in self.failures)

    # -- the SDK's protocol --------------------------------------------------------------------------

    def add_circuit_breaker_callback(self, callback: Any) -> None:  # called by the SDK; no breaker here
        pass

    def make_retrying_call(self, func_ref: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        started = time.monotonic()
        attempt = 0
        while True:
            attempt += 1
            if self.record:
                self.attempts = attempt
            try:
                return func_ref(*args, **kwargs)
            except Exception as exc:
                if self.record:
                    self.failures.append(FailedAttempt(getattr(exc, "status", None), getattr(exc, "code", None),
                                                       _is_ambiguous(exc), exc))
                pause = self._pause(exc, attempt, time.monotonic() - started)
                if pause is None:
                    raise
                if self.stop is not None:
                    if self.stop.wait(pause):
                        raise
                else:
                    self.sleep(pause)

    def _pause(self, exc: BaseException, attempt: int, elapsed: float) -> float | None:
        """Seconds to wait before the next attempt, or None not to retry."""
        if attempt >= self.max_attempts or elapsed >= self.total_elapsed or not self._retryable(exc):
            return None
        pause = random.uniform(0.0, min(self.base_sleep * 2 ** attempt, self.max_sleep))
        retry_after = _retry_after(exc) if getattr(exc, "status", None) == 429 else None
        if retry_after is not None:
            if retry_after > self.max_retry_after:
                return None
            pause = max(pause, retry_after)
        if self.deadline is not None and time.monotonic() + pause >= self.deadline:
            return None
        return pause

    def _retryable(self, exc: BaseException) -> bool:
        if isinstance(exc, oci.exceptions.ServiceError):
            if exc.status == 429 or (exc.status >= 500 and exc.status != 501):
                return True
            return exc.status == 409 and exc.code in self.retry_409
        req_exc = oci._vendor.requests.exceptions
        return isinstance(exc, (req_exc.RequestException, ConnectionError, TimeoutError))


def interactive_retry_strategy() -> RetryPolicy:
    """Two attempts at most, and a retry only when the first failure came back fast.

    Worst case for an unreachable host: 0.5 s (elapsed cut-off) + 0.5 s backoff + 2 s connect timeout = 3 s.
    Retries timeouts/connection errors, 429 (waiting its Retry-After when that is at most 2 s) and 5xx
    (not 501); never 409.
    """
    return RetryPolicy(max_attempts=2, total_elapsed=0.5, base_sleep=0.25, max_sleep=0.5, max_retry_after=2.0)


def background_retry_strategy() -> RetryPolicy:
    """Pollers can afford patience: 5 attempts within 60 s, also retrying a transient 409."""
    return RetryPolicy(max_attempts=5, total_elapsed=60.0, base_sleep=1.0, max_sleep=10.0, max_retry_after=30.0,
                       retry_409=("IncorrectState", "LockConflict"))


class CloudSession:
    """A profile plus routing: the default region, an optional endpoint template and cached clients."""

    def __init__(self, profile: Profile | str | None = None, *, endpoint_template: str | None = None,
                 region: str | Region | None = None,
                 interactive_timeout: tuple[float, float] = INTERACTIVE_TIMEOUT,
                 background_timeout: tuple[float, float] = BACKGROUND_TIMEOUT) -> None:
        if not isinstance(profile, Profile):
            profile = load_profile(profile)
        self.profile = profile
        if endpoint_template is not None:
            if "{region}" not in endpoint_template:
                # One endpoint for every region (a proxy that routes itself): still valid.
                pass
            if not endpoint_template.startswith(("http://", "https://")):
                raise CloudError(f"endpoint template must start with http:// or https://: {endpoint_template!r}",
                                 code="InvalidConfig", hint="Example: http://127.0.0.1:8080/{region}")
        self.endpoint_template = endpoint_template
        try:
            self.default_region: Region = lookup_region(region or profile.region or "")
        except UnknownRegionError as exc:
            raise from_exception(exc, "LoadProfile") from None
        self.timeouts = {False: tuple(interactive_timeout), True: tuple(background_timeout)}  # (connect, read)
        self._clients: dict[tuple[str, bool, bool], Any] = {}
        self._identity: dict[bool, Any] = {}
        self._lock = threading.Lock()

    # -- facts -----------------------------------------------------------------------------------

    @property
    def tenancy_id(self) -> str | None:
        return self.profile.tenancy_id

    @property
    def signer(self) -> Any:
        return self.profile.signer

    def region(self, value: str | Region | None = None) -> Region:
        """``value`` as a Region (the default when None); CloudError listing valid ones if unknown."""
        if value is None:
            return self.default_region
        try:
            return lookup_region(value)
        except UnknownRegionError as exc:
            raise from_exception(exc) from None

    def endpoint_for(self, region: str | Region | None = None) -> str | None:
        """The service endpoint the template gives for ``region``; None means the SDK's regional default."""
        if self.endpoint_template is None:
            return None
        return self.endpoint_template.format(region=self.region(region).id)

    # -- clients ---------------------------------------------------------------------------------

    def retry_policy(self, *, background: bool = False) -> RetryPolicy:
        """The policy a client of that kind uses; ``.recording()`` on it gives a per-call copy."""
        return background_retry_strategy() if background else interactive_retry_strategy()

    def _client_kwargs(self, background: bool) -> dict[str, Any]:
        return {
            "signer": self.profile.signer,
            "retry_strategy": self.retry_policy(background=background),
            "circuit_breaker_strategy": NoCircuitBreakerStrategy(),
            "timeout": self.timeouts[bool(background)],
        }

    def client_for(self, region: str | Region | None = None, *, background: bool = False, raw: bool = False
                   ) -> oci.generative_ai.GenerativeAiClient:
        """The Generative AI client for ``region`` (cached, thread-safe).

        ``raw=True``: a client made with the SDK's own ``skip_deserialization`` option, whose
        ``response.data`` is the body itself (a ``RawPage``: bytes, parsed on demand) instead of SDK
        model objects; the same signer, retries, timeouts and headers (etag, opc-request-id). Lists
        use it: the SDK's per-attribute deserialisation is most of the time of listing 10,000
        models, and an unchanged page is recognised by its digest without being parsed."""
        r = self.region(region)
        key = (r.id, bool(background), bool(raw))
        client = self._clients.get(key)
        if client is not None:
            return client
        with self._lock:
            client = self._clients.get(key)
            if client is None:
                client = self._new_client(oci.generative_ai.GenerativeAiClient, r, background, raw=raw)
                self._clients[key] = client
        return client

    def _new_client(self, client_class: Any, region: Region, background: bool, *, raw: bool = False) -> Any:
        """One SDK client for `region`: the shared signer, the retry budget, the endpoint template."""
        kwargs = self._client_kwargs(background)
        if raw:
            kwargs["skip_deserialization"] = True
        endpoint = self.endpoint_for(region)
        if endpoint is not None:
            kwargs["service_endpoint"] = endpoint
        try:
            client = client_class(self.profile.client_config(region.id), **kwargs)
        except CloudError:
            raise
        except Exception as exc:
            raise from_exception(exc, "CreateClient", region) from None
        if raw:
            keep_bodies(client.base_client)
        return client

    def identity_client(self, *, background: bool = False) -> oci.identity.IdentityClient:
        """The Identity client (global service), reached through the default region / template."""
        client = self._identity.get(bool(background))
        if client is not None:
            return client
        with self._lock:
            client = self._identity.get(bool(background))
            if client is None:
                client = self._new_client(oci.identity.IdentityClient, self.default_region, background)
                self._identity[bool(background)] = client
        return client

    def __repr__(self) -> str:
        return (f"CloudSession(profile={self.profile.name!r}, region={self.default_region.id!r}, "
                f"endpoint_template={self.endpoint_template!r})")
