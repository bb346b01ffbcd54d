"""Regional SDK clients that fail fast when used interactively and share one signer.

The SDK's defaults (8 attempts over up to 600 s, a circuit breaker, 10 s connect timeouts) are right
for batch jobs and wrong for a console: an unreachable endpoint would freeze a screen for ~95 s. Here
interactive clients get a short explicit retry budget and a short connect timeout, background clients
(pollers) a longer one, neither a circuit breaker. Clients are cached per (region, background) behind
a lock because the console calls from several worker threads at once. An endpoint template routes
every region to a proxy, a private endpoint or the local service.
"""

from __future__ import annotations

import threading
from typing import Any

import oci
from oci.circuit_breaker import NoCircuitBreakerStrategy
from oci.retry import BACKOFF_FULL_JITTER_VALUE, RetryStrategyBuilder

from tui.cloud.auth import Profile, load_profile
from tui.cloud.errors import CloudError, from_exception
from tui.cloud.regions import Region, UnknownRegionError, lookup_region

__all__ = [
    "CloudSession",
    "interactive_retry_strategy",
    "background_retry_strategy",
    "INTERACTIVE_TIMEOUT",
    "BACKGROUND_TIMEOUT",
]

#: (connect, read) seconds.
INTERACTIVE_TIMEOUT = (2.0, 30.0)
BACKGROUND_TIMEOUT = (10.0, 60.0)


def interactive_retry_strategy() -> Any:
    """Two attempts at most, and a retry only when the first failure came back fast.

    Worst case for an unreachable host: 0.5 s (elapsed cut-off) + 0.5 s backoff + 2 s connect timeout = 3 s.
    Retries timeouts/connection errors, 429 and 5xx (not 501); never 409.
    """
    return RetryStrategyBuilder(
        backoff_type=BACKOFF_FULL_JITTER_VALUE,
        retry_base_sleep_time_seconds=0.25,
        retry_max_wait_between_calls_seconds=0.5,
    ).add_max_attempts(max_attempts=2).add_total_elapsed_time(
        total_elapsed_time_seconds=0.5
    ).add_service_error_check(
        service_error_retry_config={-1: [], 429: []}, service_error_retry_on_any_5xx=True
    ).get_retry_strategy()


def background_retry_strategy() -> Any:
    """Pollers can afford patience: 5 attempts within 60 s, also retrying a transient 409."""
    return RetryStrategyBuilder(
        backoff_type=BACKOFF_FULL_JITTER_VALUE,
        retry_base_sleep_time_seconds=1,
        retry_max_wait_between_calls_seconds=10,
    ).add_max_attempts(max_attempts=5).add_total_elapsed_time(
        total_elapsed_time_seconds=60
    ).add_service_error_check(
        service_error_retry_config={-1: [], 409: ["IncorrectState", "LockConflict"], 429: []},
        service_error_retry_on_any_5xx=True,
    ).get_retry_strategy()


class CloudSession:
    """A profile plus routing: the default region, an optional endpoint template and cached clients."""

    def __init__(self, profile: Profile | str | None = None, *, endpoint_template: str | None = None,
                 region: str | Region | None = None) -> None:
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
        self._clients: dict[tuple[str, bool], Any] = {}
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

    def _client_kwargs(self, background: bool) -> dict[str, Any]:
        return {
            "signer": self.profile.signer,
            "retry_strategy": background_retry_strategy() if background else interactive_retry_strategy(),
            "circuit_breaker_strategy": NoCircuitBreakerStrategy(),
            "timeout": BACKGROUND_TIMEOUT if background else INTERACTIVE_TIMEOUT,
        }

    def client_for(self, region: str | Region | None = None, *, background: bool = False
                   ) -> oci.generative_ai.GenerativeAiClient:
        """The Generative AI client for ``region`` (cached, thread-safe)."""
        r = self.region(region)
        key = (r.id, bool(background))
        client = self._clients.get(key)
        if client is not None:
            return client
        with self._lock:
            client = self._clients.get(key)
            if client is None:
                client = self._new_client(oci.generative_ai.GenerativeAiClient, r, background)
                self._clients[key] = client
        return client

    def _new_client(self, client_class: Any, region: Region, background: bool) -> Any:
        """One SDK client for `region`: the shared signer, the retry budget, the endpoint template."""
        kwargs = self._client_kwargs(background)
        endpoint = self.endpoint_for(region)
        if endpoint is not None:
            kwargs["service_endpoint"] = endpoint
        try:
            return client_class(self.profile.client_config(region.id), **kwargs)
        except CloudError:
            raise
        except Exception as exc:
            raise from_exception(exc, "CreateClient", region) from None

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
