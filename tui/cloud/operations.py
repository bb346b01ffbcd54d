"""The resource operations (models, imported models, clusters, endpoints), written once and driven
by the resource descriptors.

Every call resolves its region (explicit > the resource OCID's own region > the session default),
goes through the cached regional client, converts any failure into a ``CloudError`` and returns a
``Result`` carrying what the console needs besides the data: the ``etag`` (so an update can send
``if-match`` and lose nothing), the ``opc-request-id`` (for support) and the work request id of an
async operation. Lists paginate here, page by page, so a page token that never ends is caught
instead of looping forever.

Mutations tell the truth about retries: when an attempt failed in a way that may have been applied
(a 5xx or a lost reply) and the call then failed, the resource is re-read; if it shows the change in
place (the retry met its own effect: 409 IncorrectState while DELETING, 412 after the etag moved),
the call returns a ``Result`` with ``reconciled=True`` (and the work request of that change) instead
of the retry's error. A conflict that is real is still raised.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any, Callable

from tui.cloud import builders
from tui.cloud.calls import Caller, Result, check_ocid, new_retry_token
from tui.cloud.clients import CloudSession
from tui.cloud.errors import CloudError, from_exception
from tui.facts.regions import Region
from tui.cloud.work_requests import WorkRequests
from tui.cloud.resources import (
    DEDICATED_AI_CLUSTER,
    ENDPOINT,
    IMPORTED_MODEL,
    MODEL,
    ResourceKind,
    kind_of,
    normalize_capabilities,
    normalize_lifecycle_state,
    normalize_sort_by,
    normalize_sort_order,
)

__all__ = ["Result", "GenAI", "new_retry_token", "MAX_PAGE_SIZE"]

MAX_PAGE_SIZE = 1000


def _holds(details: Any, current: Any) -> bool:
    """Whether every field ``details`` sets has that value in ``current`` (an update is in place).

    Defined tags may gain tag defaults on the service side, so those compare as a subset.
    """
    for name in getattr(details, "attribute_map", {}):
        wanted = getattr(details, name, None)
        if wanted is None:
            continue
        have = getattr(current, name, None)
        if name == "defined_tags":
            have = have or {}
            for namespace, keys in wanted.items():
                got = have.get(namespace) or {}
                if any(got.get(key) != value for key, value in keys.items()):
                    return False
        elif have != wanted:
            return False
    return True


def _page_size(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_PAGE_SIZE:
        raise builders.BuilderError("page_size", "range", f"page_size must be a whole number 1..{MAX_PAGE_SIZE}")
    return value


class GenAI(Caller):
    """Models and imported models through one generic set of operations."""

    def __init__(self, session: CloudSession) -> None:
        super().__init__(session)

        self.work_requests = WorkRequests(session)

    # -- generic ---------------------------------------------------------------------------------

    def list_resources(self, kind: ResourceKind | str, compartment_id: str, *, region: Any = None,
                       vendor: str | None = None, capability: Any = None, lifecycle_state: str | None = None,
                       display_name: str | None = None, id: str | None = None, sort_by: str | None = None,
                       sort_order: str | None = None, page_size: int | None = None, max_pages: int = 1000,
                       interactive: bool = True, raw: bool = False,
                       page_transform: Callable[[Any], list[Any]] | None = None) -> Result[list[Any]]:
        """Every item of the listing (all pages); filters are exact matches as the API defines them.

        ``raw=True``: the items are the service's JSON objects (dicts, camelCase keys, times as
        ISO strings), not SDK models: about 3x faster for 10,000 models (tests/bench/list_path.py).
        ``summary_from_raw`` turns one into the SDK summary model when the full object is needed.
        The Result keeps its etag, opc-request-id and page count either way. ``page_transform`` turns
        each page into what the Result holds (rows): it is given the page's items, or with
        ``raw=True`` the page itself (a ``tui.cloud.pages.RawPage``: the body, its digest, ``items()``),
        so a big raw listing never holds more than one page of parsed JSON at a time and a page the
        caller has seen before need not be parsed at all."""
        k = kind_of(kind)
        op = k.operation_name("list")
        check_ocid("compartment_id", compartment_id, op)
        r = self._region(region, None, op)
        kwargs: dict[str, Any] = {}
        try:
            for name, value in (("vendor", vendor), ("capability", capability)):
                if value not in (None, [], ()) and name not in k.list_filters:
                    raise builders.BuilderError(name, "choice", f"{k.nouns} cannot be filtered by {name}; "
                                                                f"filters: {', '.join(k.list_filters)}")
            if vendor is not None:
                kwargs["vendor"] = vendor
            caps = normalize_capabilities(capability, k)
            if caps:
                kwargs["capability"] = caps
            if lifecycle_state is not None:
                kwargs["lifecycle_state"] = normalize_lifecycle_state(lifecycle_state, k)
            if display_name is not None:
                kwargs["display_name"] = display_name
            if id is not None:
                kwargs["id"] = id
            if sort_by is not None:
                kwargs["sort_by"] = normalize_sort_by(sort_by, k)
            if sort_order is not None:
                kwargs["sort_order"] = normalize_sort_order(sort_order)
            limit = _page_size(page_size)
            if limit is not None:
                kwargs["limit"] = limit
            if not isinstance(max_pages, int) or max_pages < 1:
                raise builders.BuilderError("max_pages", "range", "max_pages must be at least 1")
        except builders.BuilderError as exc:
            exc.operation, exc.region = op, r.id
            raise
        try:
            client = self.session.client_for(r, background=not interactive, raw=raw)
        except CloudError as exc:
            raise from_exception(exc, op, r) from None
        return self._paginate(op, r, getattr(client, k.list_method), compartment_id, max_pages=max_pages,
                              page_transform=page_transform, **kwargs)

    def summary_from_raw(self, kind: ResourceKind | str, item: dict[str, Any] | bytes) -> Any:
        """The SDK summary model (``kind.sdk_class("summary")``) of one item of a ``list(raw=True)`` (the dict,
        or its JSON bytes), built by the SDK's own deserialiser exactly as a plain ``list`` would have
        (enums, datetimes, nesting)."""
        k = kind_of(kind)
        client = self.session.client_for(None)
        data = item if isinstance(item, bytes) else json.dumps(item).encode()
        return client.base_client.deserialize_response_data(data, k.sdk_class("summary").__name__)

    def get(self, kind: ResourceKind | str, ocid: str, *, region: Any = None, interactive: bool = True) -> Result[Any]:
        k = kind_of(kind)
        op = k.operation_name("get")
        check_ocid("id", ocid, op)
        r = self._region(region, ocid, op)
        client = self._client(r, not interactive, op)
        return Result.from_response(self._invoke(op, r, getattr(client, k.get_method), ocid), r)

    def create(self, kind: ResourceKind | str, details: Any, *, region: Any = None,
               retry_token: str | None = None) -> Result[Any]:
        """Submit a create; pass the Result's ``retry_token`` back to re-submit without a duplicate."""
        k = kind_of(kind)
        op = k.operation_name("create")
        expected = k.sdk_class("create_details")
        if not isinstance(details, expected):
            raise CloudError(f"details must be {expected.__name__} (use tui.cloud.builders)", code="InvalidParameter",
                             operation=op, hint="Build the body with the builders module.")
        # A fine-tune runs where its base model lives; an endpoint where its cluster (or model) does.
        hint = next((v for a in ("base_model_id", "dedicated_ai_cluster_id", "model_id")
                     if isinstance(v := getattr(details, a, None), str)), None)
        r = self._region(region, hint, op)
        token = retry_token or new_retry_token()
        client = self._client(r, False, op)
        # The token makes every attempt (ours and a caller's resubmit with err.retry_token) one create.
        return self._mutate(op, r, getattr(client, k.create_method), details, retry_token=token,
                            opc_retry_token=token)

    def update(self, kind: ResourceKind | str, ocid: str, details: Any, *, if_match: str | None = None,
               region: Any = None) -> Result[Any]:
        """Update; ``details`` is an Update*Details or a mapping of the updatable fields."""
        k = kind_of(kind)
        op = k.operation_name("update")
        check_ocid("id", ocid, op)
        if isinstance(details, dict):
            unknown = sorted(set(details) - set(k.updatable_fields))
            if unknown:
                raise builders.BuilderError(unknown[0], "choice",
                                            f"{unknown[0]} cannot be updated; updatable: {', '.join(k.updatable_fields)}")
            if k in (DEDICATED_AI_CLUSTER, ENDPOINT):
                from tui.cloud.builders_serving import update_details_for

                details = update_details_for(k, **details)
            else:
                details = builders.update_details(k, **details)
        expected = k.sdk_class("update_details")
        if not isinstance(details, expected):
            raise CloudError(f"details must be {expected.__name__}", code="InvalidParameter", operation=op)
        r = self._region(region, ocid, op)
        client = self._client(r, False, op)
        kwargs = {"if_match": if_match} if if_match else {}

        def confirm() -> Result[Any] | None:
            current = self.get(k, ocid, region=r)
            if not _holds(details, current.data):
                return None
            state = getattr(current.data, "lifecycle_state", None)
            wr = self._latest_work_request(current.data, "UPDATE", r) if k.is_transitional(state) else None
            return replace(current, work_request_id=wr)

        return self._mutate(op, r, getattr(client, k.update_method), ocid, details, confirm=confirm, **kwargs)

    def change_compartment(self, kind: ResourceKind | str, ocid: str, compartment_id: str, *,
                           if_match: str | None = None, region: Any = None,
                           retry_token: str | None = None) -> Result[None]:
        k = kind_of(kind)
        op = k.operation_name("change_compartment")
        check_ocid("id", ocid, op)
        try:
            details = builders.change_compartment_details(k, compartment_id)
        except builders.BuilderError as exc:
            exc.operation = op
            raise
        r = self._region(region, ocid, op)
        token = retry_token or new_retry_token()
        client = self._client(r, False, op)
        kwargs: dict[str, Any] = {"opc_retry_token": token}
        if if_match:
            kwargs["if_match"] = if_match

        def confirm() -> Result[Any] | None:
            current = self.get(k, ocid, region=r)
            if getattr(current.data, "compartment_id", None) != compartment_id:
                return None
            return replace(current, data=None, etag=None)

        return self._mutate(op, r, getattr(client, k.change_compartment_method), ocid, details, confirm=confirm,
                            retry_token=token, **kwargs)

    def delete(self, kind: ResourceKind | str, ocid: str, *, if_match: str | None = None,
               region: Any = None) -> Result[None]:
        k = kind_of(kind)
        op = k.operation_name("delete")
        check_ocid("id", ocid, op)
        r = self._region(region, ocid, op)
        client = self._client(r, False, op)
        kwargs = {"if_match": if_match} if if_match else {}

        def confirm() -> Result[Any] | None:
            try:
                current = self.get(k, ocid, region=r)
            except CloudError as exc:
                if exc.status == 404:  # gone already
                    return Result(None, None, exc.opc_request_id, None, r.id)
                raise
            if getattr(current.data, "lifecycle_state", None) not in ("DELETING", "DELETED"):
                return None
            wr = self._latest_work_request(current.data, "DELETE", r)
            return replace(current, data=None, etag=None, work_request_id=wr)

        return self._mutate(op, r, getattr(client, k.delete_method), ocid, confirm=confirm, **kwargs)

    def _latest_work_request(self, resource: Any, verb: str, region: Region) -> str | None:
        """The newest work request of ``verb`` (DELETE, UPDATE, ...) on ``resource`` (None if there is none)."""
        compartment = getattr(resource, "compartment_id", None)
        if not compartment:
            return None
        try:
            found = self.work_requests.list_work_requests(compartment, region=region, resource_id=resource.id).data
        except CloudError:
            return None
        mine = [w for w in found if str(getattr(w, "operation_type", "")).startswith(f"{verb}_")
                and any(getattr(x, "identifier", None) == resource.id for x in (getattr(w, "resources", None) or []))]
        if not mine:
            return None
        return str(max(mine, key=lambda w: str(getattr(w, "time_accepted", "") or "")).id)

    # -- the twelve named operations ---------------------------------------------------------------

    def list_models(self, compartment_id: str, **kwargs: Any) -> Result[list[Any]]:
        return self.list_resources(MODEL, compartment_id, **kwargs)

    def get_model(self, model_id: str, **kwargs: Any) -> Result[Any]:
        return self.get(MODEL, model_id, **kwargs)

    def create_model(self, details: Any, **kwargs: Any) -> Result[Any]:
        return self.create(MODEL, details, **kwargs)

    def update_model(self, model_id: str, details: Any, **kwargs: Any) -> Result[Any]:
        return self.update(MODEL, model_id, details, **kwargs)

    def change_model_compartment(self, model_id: str, compartment_id: str, **kwargs: Any) -> Result[None]:
        return self.change_compartment(MODEL, model_id, compartment_id, **kwargs)

    def delete_model(self, model_id: str, **kwargs: Any) -> Result[None]:
        return self.delete(MODEL, model_id, **kwargs)

    def list_imported_models(self, compartment_id: str, **kwargs: Any) -> Result[list[Any]]:
        return self.list_resources(IMPORTED_MODEL, compartment_id, **kwargs)

    def get_imported_model(self, imported_model_id: str, **kwargs: Any) -> Result[Any]:
        return self.get(IMPORTED_MODEL, imported_model_id, **kwargs)

    def create_imported_model(self, details: Any, **kwargs: Any) -> Result[Any]:
        return self.create(IMPORTED_MODEL, details, **kwargs)

    def update_imported_model(self, imported_model_id: str, details: Any, **kwargs: Any) -> Result[Any]:
        return self.update(IMPORTED_MODEL, imported_model_id, details, **kwargs)

    def change_imported_model_compartment(self, imported_model_id: str, compartment_id: str,
                                          **kwargs: Any) -> Result[None]:
        return self.change_compartment(IMPORTED_MODEL, imported_model_id, compartment_id, **kwargs)

    def delete_imported_model(self, imported_model_id: str, **kwargs: Any) -> Result[None]:
        return self.delete(IMPORTED_MODEL, imported_model_id, **kwargs)

    # -- pickers -----------------------------------------------------------------------------------

    def list_compartments(self, parent: str | None = None, *, subtree: bool = True,
                          lifecycle_state: str | None = "ACTIVE", max_pages: int = 1000) -> Result[list[Any]]:
        """Compartments under ``parent`` (the tenancy when None); the whole tree when ``subtree``.

        The root itself is not included (get it with ``get_compartment``).
        """
        op = "ListCompartments"
        root = self.session.tenancy_id
        parent = parent or root
        check_ocid("compartment_id", parent, op)
        r = self.session.default_region
        client = self.session.identity_client()
        kwargs: dict[str, Any] = {"access_level": "ANY"}
        if lifecycle_state:
            kwargs["lifecycle_state"] = lifecycle_state.upper()
        if not subtree or parent == root:
            return self._paginate(op, r, client.list_compartments, parent, max_pages=max_pages,
                                  compartment_id_in_subtree=bool(subtree and parent == root), **kwargs)
        # compartmentIdInSubtree is only valid at the tenancy: walk the tree breadth-first.
        items: list[Any] = []
        frontier: list[str | None] = [parent]
        last: Result[list[Any]] | None = None
        pages = 0
        while frontier:
            nxt: list[str] = []
            for cid in frontier:
                last = self._paginate(op, r, client.list_compartments, cid, max_pages=max_pages, **kwargs)
                pages += last.pages
                items.extend(last.data)
                nxt.extend(c.id for c in last.data)
            frontier = list(nxt)
        assert last is not None
        return Result(items, None, last.opc_request_id, None, r.id, None, pages)

    def get_compartment(self, compartment_id: str) -> Result[Any]:
        op = "GetCompartment"
        check_ocid("compartment_id", compartment_id, op)
        r = self.session.default_region
        client = self.session.identity_client()
        return Result.from_response(self._invoke(op, r, client.get_compartment, compartment_id), r)

    # -- dedicated AI clusters and endpoints -------------------------------------------------------

    def list_dedicated_ai_clusters(self, compartment_id: str, *, cluster_type: str | None = None,
                                   **kwargs: Any) -> Result[list[Any]]:
        """Clusters through the generic ``list`` (same filters and sorts); ``cluster_type`` (FINE_TUNING /
        HOSTING) is filtered here: the API has no such filter."""
        result = self.list_resources(DEDICATED_AI_CLUSTER, compartment_id, **kwargs)
        if not cluster_type:
            return result
        wanted = cluster_type.strip().upper().replace("-", "_")
        return replace(result, data=[c for c in result.data if c.type == wanted])

    def get_dedicated_ai_cluster(self, cluster_id: str, **kwargs: Any) -> Result[Any]:
        return self.get(DEDICATED_AI_CLUSTER, cluster_id, **kwargs)

    def create_dedicated_ai_cluster(self, details: Any, **kwargs: Any) -> Result[Any]:
        return self.create(DEDICATED_AI_CLUSTER, details, **kwargs)

    def update_dedicated_ai_cluster(self, cluster_id: str, details: Any, **kwargs: Any) -> Result[Any]:
        return self.update(DEDICATED_AI_CLUSTER, cluster_id, details, **kwargs)

    def change_dedicated_ai_cluster_compartment(self, cluster_id: str, compartment_id: str,
                                                **kwargs: Any) -> Result[None]:
        return self.change_compartment(DEDICATED_AI_CLUSTER, cluster_id, compartment_id, **kwargs)

    def delete_dedicated_ai_cluster(self, cluster_id: str, **kwargs: Any) -> Result[None]:
        return self.delete(DEDICATED_AI_CLUSTER, cluster_id, **kwargs)

    def list_endpoints(self, compartment_id: str, *, model_id: str | None = None, region: Any = None,
                       **kwargs: Any) -> Result[list[Any]]:
        """Endpoints through the generic ``list``; ``model_id`` is filtered here and, when given, also
        picks the region (the SDK has no such filter)."""
        if model_id is not None:
            region = self._region(region, model_id, ENDPOINT.operation_name("list"))
        result = self.list_resources(ENDPOINT, compartment_id, region=region, **kwargs)
        if model_id is None:
            return result
        return replace(result, data=[e for e in result.data if e.model_id == model_id])

    def get_endpoint(self, endpoint_id: str, **kwargs: Any) -> Result[Any]:
        return self.get(ENDPOINT, endpoint_id, **kwargs)

    def create_endpoint(self, details: Any, **kwargs: Any) -> Result[Any]:
        return self.create(ENDPOINT, details, **kwargs)

    def update_endpoint(self, endpoint_id: str, details: Any, **kwargs: Any) -> Result[Any]:
        return self.update(ENDPOINT, endpoint_id, details, **kwargs)

    def change_endpoint_compartment(self, endpoint_id: str, compartment_id: str, **kwargs: Any) -> Result[None]:
        return self.change_compartment(ENDPOINT, endpoint_id, compartment_id, **kwargs)

    def delete_endpoint(self, endpoint_id: str, **kwargs: Any) -> Result[None]:
        return self.delete(ENDPOINT, endpoint_id, **kwargs)

    def list_dedicated_ai_clusters_allocatable_gpus(self, compartment_id: str, capacity_reservation_id: str, *,
                                                    compute_shape: str | None = None, region: Any = None,
                                                    page_size: int | None = None, max_pages: int = 1000,
                                                    interactive: bool = True) -> Result[list[Any]]:
        """GPU units per compute shape under a capacity reservation (``AllocatableGpuSummary`` items)."""
        op = "ListDedicatedAiClustersAllocatableGpus"
        check_ocid("compartment_id", compartment_id, op)
        check_ocid("capacity_reservation_id", capacity_reservation_id, op)
        r = self._region(region, None, op)
        kwargs: dict[str, Any] = {}
        try:
            limit = _page_size(page_size)
        except builders.BuilderError as exc:
            exc.operation, exc.region = op, r.id
            raise
        if limit is not None:
            kwargs["limit"] = limit
        if compute_shape:
            kwargs["compute_shape"] = compute_shape
        client = self._client(r, not interactive, op)
        return self._paginate(op, r, client.list_dedicated_ai_clusters_allocatable_gpus, compartment_id,
                              capacity_reservation_id, max_pages=max_pages, **kwargs)
