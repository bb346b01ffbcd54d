"""The dispatch table: (HTTP method, path pattern) -> (SDK operation name, handler).

Paths are matched after the optional `/{region}` prefix is removed. The operation names are the
SDK's, and they are what fault injection and `Emulator.requests` use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable
from urllib.parse import unquote

from . import create, identity, resources, serving, work_requests
from .resources import IMPORTED, MODEL
from .serving import CLUSTER, ENDPOINT

GENAI = "/20231130"
IAM = "/20160918"
_SEG = r"(?P<{}>[^/]+)"


@dataclass(frozen=True)
class Route:
    method: str
    pattern: re.Pattern
    operation: str
    handler: Callable
    retry_token: bool = False  # honours opc-retry-token


def _r(method: str, path: str, operation: str, handler: Callable, retry_token: bool = False) -> Route:
    regex = re.sub(r"\{(\w+)\}", lambda m: _SEG.format(m.group(1)), path)
    return Route(method, re.compile(regex + r"\Z"), operation, handler, retry_token)


def _on(fn, spec):
    return lambda ctx: fn(ctx, spec)


def _resource(collection: str, id_name: str, sdk_name: str, spec, create_handler: Callable,
              *extra: Route) -> tuple[Route, ...]:
    """The six routes of one resource kind (list, create, get, update, delete, change compartment),
    all but create through the generic handlers; ``extra`` routes go before the ``{id}`` ones."""
    many = f"{GENAI}/{collection}"
    one = f"{many}/{{{id_name}}}"
    return (
        _r("GET", many, f"List{sdk_name}s", _on(resources.list_all, spec)),
        _r("POST", many, f"Create{sdk_name}", create_handler, True),
        *extra,
        _r("GET", one, f"Get{sdk_name}", _on(resources.get_one, spec)),
        _r("PUT", one, f"Update{sdk_name}", _on(resources.update, spec)),
        _r("DELETE", one, f"Delete{sdk_name}", _on(resources.delete, spec)),
        _r("POST", one + "/actions/changeCompartment", f"Change{sdk_name}Compartment",
           _on(resources.change_compartment, spec), True),
    )


ROUTES: tuple[Route, ...] = (
    *_resource("models", "modelId", "Model", MODEL, create.create_model),
    *_resource("importedModels", "importedModelId", "ImportedModel", IMPORTED, create.create_imported),
    _r("GET", GENAI + "/workRequests", "ListWorkRequests", work_requests.list_all),
    _r("GET", GENAI + "/workRequests/{workRequestId}", "GetWorkRequest", work_requests.get),
    _r("GET", GENAI + "/workRequests/{workRequestId}/errors", "ListWorkRequestErrors", work_requests.errors),
    _r("GET", GENAI + "/workRequests/{workRequestId}/logs", "ListWorkRequestLogs", work_requests.logs),
    *_resource("dedicatedAiClusters", "dedicatedAiClusterId", "DedicatedAiCluster", CLUSTER, serving.create_cluster,
               _r("GET", GENAI + "/dedicatedAiClusters/allocatableGpus", "ListDedicatedAiClustersAllocatableGpus",
                  serving.allocatable_gpus)),
    *_resource("endpoints", "endpointId", "Endpoint", ENDPOINT, serving.create_endpoint),
    _r("GET", IAM + "/compartments", "ListCompartments", identity.list_compartments),
    _r("GET", IAM + "/compartments/{compartmentId}", "GetCompartment", identity.get_compartment),
    _r("GET", IAM + "/tenancies/{tenancyId}", "GetTenancy", identity.get_tenancy),
)


def match(method: str, path: str) -> tuple[Route, dict[str, str]] | None:
    for route in ROUTES:
        if route.method != method:
            continue
        m = route.pattern.match(path)
        if m:
            return route, {k: unquote(v) for k, v in m.groupdict().items()}
    return None


def path_exists(path: str) -> bool:
    return any(r.pattern.match(path) for r in ROUTES)
