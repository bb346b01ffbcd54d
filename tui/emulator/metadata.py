"""A stand-in for the instance metadata service (IMDS v2) at `/opc/v2`, which the SDK's instance
principal signers read through `OCI_METADATA_BASE_URL`.

They ask for the region (`/instance/region`), the instance's leaf certificate and key
(`/identity/cert.pem`, `/identity/key.pem`) and the intermediate (`/identity/intermediate.pem`), always
with `Authorization: Bearer Oracle`; the real service refuses a request without that header (it keeps
a server-side request forgery from reading the instance's key), and so does this one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .context import RawBody, Reply

if TYPE_CHECKING:
    from .federation import AuthService

__all__ = ["handle", "REQUIRED_AUTHORIZATION"]

REQUIRED_AUTHORIZATION = "Bearer Oracle"


def _text(value: str | bytes, status: int = 200) -> Reply:
    data = value.encode("utf-8") if isinstance(value, str) else value
    return Reply(status, RawBody(data))


def handle(service: "AuthService", method: str, path: str, headers: dict[str, str]) -> Reply:
    if headers.get("authorization") != REQUIRED_AUTHORIZATION:
        return Reply(401, {"code": "NotAuthenticated",
                           "message": "Instance metadata v2 requires the header 'Authorization: Bearer Oracle'"})
    if method not in ("GET", "HEAD"):
        return Reply(405, {"code": "MethodNotAllowed", "message": f"{method} is not allowed on {path}"})
    rest = path[len("/opc/v2"):].rstrip("/")
    document: dict[str, Any] = {
        "id": service.instance_id, "region": service.region, "canonicalRegionName": service.region,
        "compartmentId": service.compartment_id, "tenantId": service.tenancy_id,
        "displayName": "local-instance", "availabilityDomain": "LOCAL:AD-1",
    }
    if rest == "/instance":
        return Reply(200, document)
    if rest.startswith("/instance/") and rest[len("/instance/"):] in document:
        return _text(str(document[rest[len("/instance/"):]]))
    pki = service.pki
    files = {"/identity/cert.pem": pki.leaf_pem, "/identity/key.pem": pki.leaf_key_pem,
             "/identity/intermediate.pem": pki.intermediate_pem}
    if rest in files:
        return _text(files[rest])
    return Reply(404, {"code": "NotFound", "message": f"No such metadata path: {path}"})
