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
    _r("GET", GENAI + "/dedicatedAiClusters", "ListDedicatedAiClusters", _on(resources.list_all, CLUSTER)),
    _r("POST", GENAI + "/dedicatedAiClusters", "CreateDedicatedAiCluster", serving.create_cluster, True),
    _r("GET", GENAI + "/dedicatedAiClusters/allocatableGpus", "ListDedicatedAiClustersAllocatableGpus",
       serving.allocatable_gpus),
    _r("GET", GENAI + "/dedicatedAiClusters/{dedicatedAiClusterId}", "GetDedicatedAiCluster",
       _on(resources.get_one, CLUSTER)),
    _r("PUT", GENAI + "/dedicatedAiClusters/{dedicatedAiClusterId}", "UpdateDedicatedAiCluster",
       _on(resources.update, CLUSTER)),
    _r("DELETE", GENAI + "/dedicatedAiClusters/{dedicatedAiClusterId}", "DeleteDedicatedAiCluster",
       _on(resources.delete, CLUSTER)),
    _r("POST", GENAI + "/dedicatedAiClusters/{dedicatedAiClusterId}/actions/changeCompartment",
       "ChangeDedicatedAiClusterCompartment", _on(resources.change_compartment, CLUSTER), True),
    _r("GET", GENAI + "/endpoints", "ListEndpoints", _on(resources.list_all, ENDPOINT)),
    _r("POST", GENAI + "/endpoints", "CreateEndpoint", serving.create_endpoint, True),
    _r("GET", GENAI + "/endpoints/{endpointId}", "GetEndpoint", _on(resources.get_one, ENDPOINT)),
    _r("PUT", GENAI + "/endpoints/{endpointId}", "UpdateEndpoint", _on(resources.update, ENDPOINT)),
    _r("DELETE", GENAI + "/endpoints/{endpointId}", "DeleteEndpoint", _on(resources.delete, ENDPOINT)),
    _r("POST", GENAI + "/endpoints/{endpointId}/actions/changeCompartment", "ChangeEndpointCompartment",
       _on(resources.change_compartment, ENDPOINT), True),
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
