"""Security tokens the local service issues and checks, shaped like OCI's (RS256 JWTs).

Every way of signing in other than an API key ends in a token: a session token (`oci session
authenticate`), an instance principal's token from the federation endpoint, a resource principal
session token (RPST) and a Cloud Shell delegation token. The SDK reads a few claims without checking
the signature (`exp`, `iat`, `jwk`, `tenant`, `res_tenant`, `res_compartment`), so those are present;
the local service checks the signature, the expiry and, for request signing, the session public key in
`jwk`. Lifetimes are configurable so tests can watch tokens expire and the SDK refresh them.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import secrets
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

__all__ = [
    "TokenAuthority",
    "TokenError",
    "Claims",
    "jwk_of",
    "public_key_of_jwk",
    "write_token_file",
    "TokenFileKeeper",
    "DEFAULT_LIFETIME",
]

DEFAULT_LIFETIME = 3600.0
ISSUER = "authService.oracle.com"

#: What each kind of token is called in its `ptype` claim (as OCI's tokens say it).
PTYPES = {"session": "user", "instance": "instance", "resource": "resource", "delegation": "user"}


class TokenError(Exception):
    """Why a token is refused (the text goes into a 401 message)."""


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _int_b64(value: int) -> str:
    return _b64url(value.to_bytes((value.bit_length() + 7) // 8, "big"))


def jwk_of(public_key: rsa.RSAPublicKey, kid: str = "session") -> dict[str, str]:
    """The JWK of an RSA public key, as OCI puts it in a token's `jwk` claim."""
    numbers = public_key.public_numbers()
    return {"kid": kid, "n": _int_b64(numbers.n), "e": _int_b64(numbers.e), "kty": "RSA", "alg": "RS256",
            "use": "sig"}


def public_key_of_jwk(jwk: Any) -> rsa.RSAPublicKey:
    """The RSA public key in a `jwk` claim (a JSON string in OCI's tokens, or an object)."""
    try:
        data = json.loads(jwk) if isinstance(jwk, str) else jwk
        n = int.from_bytes(_unb64url(data["n"]), "big")
        e = int.from_bytes(_unb64url(data["e"]), "big")
        return rsa.RSAPublicNumbers(e, n).public_key()
    except (TypeError, ValueError, KeyError) as exc:
        raise TokenError("The security token carries no usable session key (jwk)") from exc


@dataclass(frozen=True)
class Claims:
    """A verified token's claims."""

    data: dict[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return str(self.data.get("token_kind", ""))

    @property
    def expires(self) -> float:
        return float(self.data["exp"])

    @property
    def jti(self) -> str:
        return str(self.data.get("jti", ""))

    def session_key(self) -> rsa.RSAPublicKey:
        if "jwk" not in self.data:
            raise TokenError("The security token carries no session key (jwk)")
        return public_key_of_jwk(self.data["jwk"])


class TokenAuthority:
    """Issues and verifies the local service's tokens with one RSA key (its "auth service").

    `now` is the wall clock in epoch seconds (the SDK compares `exp` with `time.time()`), `lifetime`
    the default lifetime in seconds; `issue(..., lifetime=-5)` gives an already expired token.
    """

    def __init__(self, tenancy_id: str, *, key: rsa.RSAPrivateKey | None = None, lifetime: float = DEFAULT_LIFETIME,
                 now: Callable[[], float] = time.time) -> None:
        self.tenancy_id = tenancy_id
        self._key = key
        self.lifetime = float(lifetime)
        self.now = now
        self._lock = threading.Lock()
        #: claims of every token issued, oldest first (tests count refreshes with it)
        self.issued: list[dict[str, Any]] = []
        #: jti -> how many requests it signed
        self.used: dict[str, int] = {}

    @property
    def key(self) -> rsa.RSAPrivateKey:
        """The signing key, generated on first use (most local services never issue a token)."""
        if self._key is None:
            with self._lock:
                if self._key is None:
                    self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        return self._key

    @property
    def kid(self) -> str:
        return "local-auth-" + _b64url(hashlib.sha256(_int_b64(self.key.public_key().public_numbers().n).encode())
                                       .digest()[:6])

    # -- issuing ---------------------------------------------------------------------------------
    def issue(self, kind: str, *, subject: str, session_key: rsa.RSAPublicKey | None = None,
              lifetime: float | None = None, extra: dict[str, Any] | None = None, **claims: Any) -> str:
        """A signed token of `kind` ("session", "instance", "resource", "delegation")."""
        if kind not in PTYPES:
            raise ValueError(f"unknown token kind {kind!r}; valid: {', '.join(PTYPES)}")
        now = self.now()
        span = self.lifetime if lifetime is None else float(lifetime)
        payload: dict[str, Any] = {
            "iss": ISSUER, "aud": "oci", "sub": subject, "tenant": self.tenancy_id, "ptype": PTYPES[kind],
            "token_kind": kind, "iat": min(int(now), math.ceil(now + span) - 1),
            "exp": math.ceil(now + span), "jti": secrets.token_hex(12),
        }
        if session_key is not None:
            payload["jwk"] = json.dumps(jwk_of(session_key), separators=(",", ":"))
        if kind == "session":
            payload["sess_exp"] = payload["exp"]
        payload.update(extra or {})
        payload.update(claims)
        header = {"alg": "RS256", "typ": "JWT", "kid": self.kid}
        signing_input = (_b64url(json.dumps(header, separators=(",", ":")).encode())
                         + "." + _b64url(json.dumps(payload, separators=(",", ":")).encode()))
        signature = self.key.sign(signing_input.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
        with self._lock:
            self.issued.append(payload)
        return signing_input + "." + _b64url(signature)

    def issued_of(self, kind: str) -> list[dict[str, Any]]:
        with self._lock:
            return [c for c in self.issued if c.get("token_kind") == kind]

    # -- checking --------------------------------------------------------------------------------
    def verify(self, token: str, *, kinds: tuple[str, ...] | None = None, label: str = "security token") -> Claims:
        """The claims of a token this authority signed and that has not expired; TokenError otherwise
        (`label` names the token in the messages)."""
        parts = token.strip().split(".")
        if len(parts) != 3:
            raise TokenError(f"The {label} is malformed (not a JWT)")
        try:
            header = json.loads(_unb64url(parts[0]))
            payload = json.loads(_unb64url(parts[1]))
            signature = _unb64url(parts[2])
        except (ValueError, UnicodeDecodeError) as exc:
            raise TokenError(f"The {label} is malformed (not a JWT)") from exc
        if not isinstance(header, dict) or header.get("alg") != "RS256":
            raise TokenError(f"The {label} is not signed with RS256")
        try:
            self.key.public_key().verify(signature, (parts[0] + "." + parts[1]).encode("ascii"),
                                         padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature:
            raise TokenError(f"The {label}'s signature is invalid (tampered with, or issued by "
                             "another service)") from None
        if not isinstance(payload, dict) or "exp" not in payload:
            raise TokenError(f"The {label} has no expiry")
        claims = Claims(payload)
        if kinds is not None and claims.kind not in kinds:
            raise TokenError(f"A {claims.kind or 'unknown'} token cannot be used here")
        now = self.now()
        if now >= claims.expires:
            when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(claims.expires))
            raise TokenError(f"The {claims.kind or 'security'} token has expired (at {when})")
        if payload.get("tenant") != self.tenancy_id:
            raise TokenError(f"The {label} is for another tenancy")
        with self._lock:
            self.used[claims.jti] = self.used.get(claims.jti, 0) + 1
        return claims

    # -- persistence -----------------------------------------------------------------------------
    def key_pem(self) -> bytes:
        return self.key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                      serialization.NoEncryption())


def write_token_file(path: Path, token: str) -> None:
    """Replace `path` with `token` atomically (0600); a symlink at `path` is replaced, never followed."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(token)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


class TokenFileKeeper:
    """Keeps token files fresh the way the platform does (Cloud Shell, Functions, `oci session refresh`):
    each `(path, issue)` pair is rewritten with `issue()` every `every` seconds until `stop()`."""

    def __init__(self, files: list[tuple[Path, Callable[[], str]]], every: float) -> None:
        self.files = files
        self.every = max(0.05, float(every))
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="token-file-keeper", daemon=True)

    def start(self) -> "TokenFileKeeper":
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            for path, issue in self.files:
                try:
                    write_token_file(path, issue())
                except OSError:
                    continue

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=2)
