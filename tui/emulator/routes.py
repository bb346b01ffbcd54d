"""The dispatch table: (HTTP method, path pattern) -> (SDK operation name, handler).

Paths are matched after the optional `/{region}` prefix is removed. The operation names are the
SDK's, and they are what fault injection and `Emulator.requests` use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable
from urllib.parse import unquote

from . import create, hosting, identity, resources, work_requests
from .resources import IMPORTED, MODEL

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


ROUTES: tuple[Route, ...] = (
    _r("GET", GENAI + "/models", "ListModels", _on(resources.list_all, MODEL)),
    _r("POST", GENAI + "/models", "CreateModel", create.create_model, True),
    _r("GET", GENAI + "/models/{modelId}", "GetModel", _on(resources.get_one, MODEL)),
    _r("PUT", GENAI + "/models/{modelId}", "UpdateModel", _on(resources.update, MODEL)),
    _r("DELETE", GENAI + "/models/{modelId}", "DeleteModel", _on(resources.delete, MODEL)),
    _r("POST", GENAI + "/models/{modelId}/actions/changeCompartment", "ChangeModelCompartment",
       _on(resources.change_compartment, MODEL), True),
    _r("GET", GENAI + "/importedModels", "ListImportedModels", _on(resources.list_all, IMPORTED)),
    _r("POST", GENAI + "/importedModels", "CreateImportedModel", create.create_imported, True),
    _r("GET", GENAI + "/importedModels/{importedModelId}", "GetImportedModel", _on(resources.get_one, IMPORTED)),
    _r("PUT", GENAI + "/importedModels/{importedModelId}", "UpdateImportedModel", _on(resources.update, IMPORTED)),
    _r("DELETE", GENAI + "/importedModels/{importedModelId}", "DeleteImportedModel",
       _on(resources.delete, IMPORTED)),
    _r("POST", GENAI + "/importedModels/{importedModelId}/actions/changeCompartment",
       "ChangeImportedModelCompartment", _on(resources.change_compartment, IMPORTED), True),
    _r("GET", GENAI + "/workRequests", "ListWorkRequests", work_requests.list_all),
    _r("GET", GENAI + "/workRequests/{workRequestId}", "GetWorkRequest", work_requests.get),
    _r("GET", GENAI + "/workRequests/{workRequestId}/errors", "ListWorkRequestErrors", work_requests.errors),
    _r("GET", GENAI + "/workRequests/{workRequestId}/logs", "ListWorkRequestLogs", work_requests.logs),
    _r("GET", GENAI + "/dedicatedAiClusters", "ListDedicatedAiClusters", hosting.list_clusters),
    _r("GET", GENAI + "/dedicatedAiClusters/{dedicatedAiClusterId}", "GetDedicatedAiCluster", hosting.get_cluster),
    _r("GET", GENAI + "/endpoints", "ListEndpoints", hosting.list_endpoints),
    _r("GET", GENAI + "/endpoints/{endpointId}", "GetEndpoint", hosting.get_endpoint),
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
