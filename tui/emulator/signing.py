"""Request-signature verification (OCI HTTP signatures, draft-cavage-08, RSA-SHA256).

Every failure is an `AuthError`, which the server answers with 401 `NotAuthenticated`. The signing
string is rebuilt from the raw request target exactly as received (path prefix and query included),
so a tampered path or query breaks the signature; body methods must also sign content-length,
content-type and x-content-sha256, and those are checked against the body actually received.

A keyId is either an API key ("tenancy/user/fingerprint") or `ST$<token>`: a security token the local
service issued (session, instance principal, resource principal), whose signature and expiry are checked
and whose session key (`jwk`) must verify the request. A request that carries `opc-obo-token` (the
delegation token of Cloud Shell) must sign that header, and the token must be valid.
"""

from __future__ import annotations

import base64
import hashlib
import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

from .tokens import Claims, TokenAuthority, TokenError

#: Signed headers each method class must carry (the docs' minima).
REQUIRED_HEADERS = {
    "GET": ("date", "(request-target)", "host"),
    "DELETE": ("date", "(request-target)", "host"),
    "HEAD": ("date", "(request-target)", "host"),
    "POST": ("date", "(request-target)", "host", "content-length", "content-type", "x-content-sha256"),
    "PUT": ("date", "(request-target)", "host", "content-length", "content-type", "x-content-sha256"),
    "PATCH": ("date", "(request-target)", "host", "content-length", "content-type", "x-content-sha256"),
}
MAX_SKEW_SECONDS = 300
_PARAM = re.compile(r'([a-zA-Z]+)="([^"]*)"')


class AuthError(Exception):
    """Why a request is not authenticated (the text goes into the 401 message)."""


class KeyRing:
    """Public keys by keyId ("tenancy/user/fingerprint"), and the token authority for `ST$` key ids."""

    def __init__(self) -> None:
        self._keys: dict[str, object] = {}
        self.tokens: TokenAuthority | None = None

    def token_claims(self, token: str, *, kinds: tuple[str, ...] | None = None,
                     label: str = "security token") -> Claims:
        if self.tokens is None:
            raise AuthError("Security tokens are not accepted by this service")
        try:
            return self.tokens.verify(token, kinds=kinds, label=label)
        except TokenError as exc:
            raise AuthError(str(exc)) from None

    def add(self, key_id: str, public_key_pem: str) -> None:
        self._keys[key_id] = serialization.load_pem_public_key(public_key_pem.encode("ascii"))

    def add_key_object(self, key_id: str, public_key: object) -> None:
        self._keys[key_id] = public_key

    def get(self, key_id: str):
        return self._keys.get(key_id)


def parse_authorization(value: str) -> dict[str, str]:
    if not value or not value.startswith("Signature "):
        raise AuthError("The Authorization header is missing or is not an OCI signature")
    params = dict(_PARAM.findall(value[len("Signature ") :]))
    for name in ("keyId", "signature", "headers"):
        if name not in params:
            raise AuthError(f"The Authorization header has no {name}")
    if params.get("algorithm", "rsa-sha256") != "rsa-sha256":
        raise AuthError("Only rsa-sha256 signatures are supported")
    return params


def verify_request(
    method: str,
    target: str,
    headers: dict[str, str],
    body: bytes,
    keys: KeyRing,
    wall_now: datetime | None = None,
    required_headers: tuple[str, ...] | None = None,
) -> str:
    """Verify one request; return its keyId. `headers` keys must be lowercase."""
    method = method.upper()
    params = parse_authorization(headers.get("authorization", ""))
    key_id = params["keyId"]
    if key_id.startswith("ST$"):
        key = keys.token_claims(key_id[3:], kinds=("session", "instance", "resource")).session_key()
    else:
        key = keys.get(key_id)
    if key is None:
        raise AuthError("The required information to complete authentication was not provided or was incorrect (unknown key id)")
    signed = params["headers"].lower().split()
    if "opc-obo-token" in headers:
        if "opc-obo-token" not in signed:
            raise AuthError("The opc-obo-token header is not covered by the request signature")
        keys.token_claims(headers["opc-obo-token"], kinds=("delegation",), label="delegation token (opc-obo-token)")
    if required_headers is None:
        required_headers = REQUIRED_HEADERS.get(method, ("date", "(request-target)", "host"))
    for required in required_headers:
        if required == "date" and "x-date" in signed:
            continue
        if required not in signed:
            raise AuthError(f"The signature does not cover the required header {required!r}")
    lines = []
    for name in signed:
        if name == "(request-target)":
            lines.append(f"(request-target): {method.lower()} {target}")
        elif name in headers:
            lines.append(f"{name}: {headers[name]}")
        else:
            raise AuthError(f"The signed header {name!r} is missing from the request")
    message = "\n".join(lines).encode("utf-8")
    try:
        signature = base64.b64decode(params["signature"], validate=True)
        key.verify(signature, message, padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError) as exc:
        raise AuthError("The signature does not match the request") from exc
    date_value = headers.get("x-date") if "x-date" in signed else headers.get("date")
    try:
        sent = parsedate_to_datetime(date_value or "")
    except (TypeError, ValueError) as exc:
        raise AuthError("The date header cannot be parsed") from exc
    if sent.tzinfo is None:
        sent = sent.replace(tzinfo=timezone.utc)
    now = wall_now or datetime.now(timezone.utc)
    if abs((now - sent).total_seconds()) > MAX_SKEW_SECONDS:
        raise AuthError("The request date is more than 5 minutes off the server clock (client clock skew)")
    if method in ("POST", "PUT", "PATCH"):
        digest = base64.b64encode(hashlib.sha256(body).digest()).decode("ascii")
        if headers.get("x-content-sha256") != digest:
            raise AuthError("x-content-sha256 does not match the request body")
        if headers.get("content-length") != str(len(body)):
            raise AuthError("content-length does not match the request body")
    return params["keyId"]
