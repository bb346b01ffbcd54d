"""The local service's sign-in side: an instance's X.509 identity, the federation endpoint
(`POST /v1/x509`) that trades it for a security token, and the tokens for the other modes.

An OCI compute instance proves who it is with a leaf certificate (from instance metadata) whose subject
names its tenancy (`OU=opc-tenant:<tenancy>`, `OU=opc-instance:<id>`), issued under Oracle's
intermediate. The SDK's `X509FederationClient` posts that certificate, the intermediates and a fresh
session public key to the auth service, signing the request with the leaf key (keyId
`<tenancy>/fed-x509/<SHA-1 fingerprint>`); the answer is `{"token": <JWT>}` whose `jwk` is the session
key. Here a self-signed root and intermediate stand in for Oracle's, built on first use (key generation
costs ~0.1 s and most local services never need it).
"""

from __future__ import annotations

import base64
import binascii
import datetime as _dt
import json
import secrets
import threading
import warnings
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from tui.facts.regions import lookup_region

from .context import Reply
from .signing import AuthError, KeyRing, verify_request
from .tokens import DEFAULT_LIFETIME, TokenAuthority

__all__ = ["AuthService", "InstancePki", "FEDERATION_PATH", "METADATA_PREFIX"]

FEDERATION_PATH = "/v1/x509"
METADATA_PREFIX = "/opc/v2"
#: what the SDK's AuthTokenRequestSigner signs (no host header)
FEDERATION_SIGNED_HEADERS = ("date", "(request-target)", "content-length", "content-type", "x-content-sha256")


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def _name(*parts: tuple[Any, str]) -> x509.Name:
    return x509.Name([x509.NameAttribute(oid, value) for oid, value in parts])


def tenancy_of(cert: x509.Certificate) -> str | None:
    """The tenancy a leaf names (`opc-tenant:` or `opc-identity:` in its subject), as the SDK reads it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # the CN (an OCID) is longer than X.520's 64
        attributes = list(cert.subject)
    for attribute in attributes:
        value = attribute.value if isinstance(attribute.value, str) else attribute.value.decode()
        for prefix in ("opc-tenant:", "opc-identity:"):
            if value.startswith(prefix):
                return value[len(prefix):]
    return None


def sha1_fingerprint(cert: x509.Certificate) -> str:
    return ":".join(f"{b:02X}" for b in cert.fingerprint(hashes.SHA1()))


@dataclass(frozen=True)
class InstancePki:
    """A root CA, an intermediate and one instance's leaf certificate with its key (PEM bytes)."""

    root: x509.Certificate
    intermediate: x509.Certificate
    leaf: x509.Certificate
    leaf_key_pem: bytes

    @property
    def leaf_pem(self) -> bytes:
        return _pem(self.leaf)

    @property
    def intermediate_pem(self) -> bytes:
        return _pem(self.intermediate)

    @classmethod
    def create(cls, tenancy_id: str, instance_id: str, compartment_id: str,
               valid_for: _dt.timedelta = _dt.timedelta(days=365)) -> "InstancePki":
        now = _dt.datetime.now(_dt.timezone.utc) - _dt.timedelta(minutes=5)
        root_key, inter_key, leaf_key = _key(), _key(), _key()
        root_name = _name((NameOID.COMMON_NAME, "Local OCI Root CA"), (NameOID.ORGANIZATION_NAME, "oci-genai-tui"))
        inter_name = _name((NameOID.COMMON_NAME, "Local PKISVC Identity Intermediate"),
                           (NameOID.ORGANIZATION_NAME, "oci-genai-tui"))

        def build(subject: x509.Name, issuer: x509.Name, public: rsa.RSAPublicKey, signer: rsa.RSAPrivateKey,
                  ca: bool) -> x509.Certificate:
            builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(public)
                       .serial_number(x509.random_serial_number()).not_valid_before(now)
                       .not_valid_after(now + valid_for)
                       .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
            return builder.sign(signer, hashes.SHA256())

        root = build(root_name, root_name, root_key.public_key(), root_key, True)
        intermediate = build(inter_name, root_name, inter_key.public_key(), root_key, True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # OCI's CN is the instance OCID: longer than 64
            common_name = x509.NameAttribute(NameOID.COMMON_NAME, instance_id, _validate=False)
        leaf_subject = x509.Name([
            common_name,
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "opc-certtype:instance"),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, f"opc-compartment:{compartment_id}"),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, f"opc-instance:{instance_id}"),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, f"opc-tenant:{tenancy_id}"),
        ])
        leaf = build(leaf_subject, inter_name, leaf_key.public_key(), inter_key, False)
        leaf_key_pem = leaf_key.private_bytes(serialization.Encoding.PEM,
                                              serialization.PrivateFormat.TraditionalOpenSSL,
                                              serialization.NoEncryption())
        return cls(root, intermediate, leaf, leaf_key_pem)

    def check_chain(self, leaf: x509.Certificate, intermediates: list[x509.Certificate]) -> None:
        """AuthError unless `leaf` chains through one of `intermediates` to this root and all are valid now."""
        now = _dt.datetime.now(_dt.timezone.utc)
        issuer = next((c for c in intermediates if c.subject == leaf.issuer), None)
        if issuer is None:
            raise AuthError("The certificate's issuer is not among the intermediate certificates sent")
        for cert, parent in ((leaf, issuer), (issuer, self.root)):
            try:
                cert.verify_directly_issued_by(parent)
            except (ValueError, TypeError, Exception) as exc:
                raise AuthError(f"The certificate chain does not verify ({cert.subject.rfc4514_string()})") from exc
            if not (cert.not_valid_before_utc <= now <= cert.not_valid_after_utc):
                raise AuthError(f"The certificate {cert.subject.rfc4514_string()} is not valid now")


class AuthService:
    """What the local service does for sign-in: instance metadata, federation, tokens.

    `tokens` (a `TokenAuthority`) is also attached to the key ring, so `ST$` key ids and
    `opc-obo-token` headers verify on every API call. `lifetime` (seconds) applies to every token
    issued; tests set it short to watch the SDK refresh.
    """

    def __init__(self, tenancy_id: str, region: str, keys: KeyRing, *, lifetime: float = DEFAULT_LIFETIME,
                 authority_key: rsa.RSAPrivateKey | None = None) -> None:
        self.tenancy_id = tenancy_id
        self.region = lookup_region(region).id
        self.tokens = TokenAuthority(tenancy_id, key=authority_key, lifetime=lifetime)
        self._keys = keys
        keys.tokens = self.tokens
        key = lookup_region(region).key.lower()
        self.instance_id = f"ocid1.instance.oc1.{key}.{secrets.token_hex(26)}"
        self.compartment_id = tenancy_id
        self.resource_id = f"ocid1.datasciencejob.oc1.{key}.{secrets.token_hex(26)}"
        self._pki: InstancePki | None = None
        self._lock = threading.Lock()
        #: how many tokens the federation endpoint issued (tests count refreshes)
        self.federations = 0

    def use_authority_key(self, key: rsa.RSAPrivateKey) -> None:
        """Sign tokens with `key` (kept by the caller, e.g. in DIR, so tokens outlive a restart)."""
        self.tokens = TokenAuthority(self.tenancy_id, key=key, lifetime=self.tokens.lifetime)
        self._keys.tokens = self.tokens

    @property
    def lifetime(self) -> float:
        return self.tokens.lifetime

    @lifetime.setter
    def lifetime(self, seconds: float) -> None:
        self.tokens.lifetime = float(seconds)

    @property
    def pki(self) -> InstancePki:
        if self._pki is None:
            with self._lock:
                if self._pki is None:
                    self._pki = InstancePki.create(self.tenancy_id, self.instance_id, self.compartment_id)
        return self._pki

    # -- tokens for the file-based modes ---------------------------------------------------------
    def session_token(self, user_id: str, session_key: rsa.RSAPublicKey, *, lifetime: float | None = None) -> str:
        """What `oci session authenticate` leaves in `security_token_file`."""
        return self.tokens.issue("session", subject=user_id, session_key=session_key, lifetime=lifetime)

    def delegation_token(self, user_id: str, *, lifetime: float | None = None) -> str:
        """What Cloud Shell leaves in `delegation_token_file` (acts on behalf of `user_id`)."""
        return self.tokens.issue("delegation", subject=user_id, lifetime=lifetime)

    def resource_token(self, session_key: rsa.RSAPublicKey, *, lifetime: float | None = None) -> str:
        """A resource principal session token (RPST, resource principals v2.2)."""
        return self.tokens.issue("resource", subject=self.resource_id, session_key=session_key, lifetime=lifetime,
                                 res_tenant=self.tenancy_id, res_compartment=self.compartment_id,
                                 res_id=self.resource_id, res_type="datasciencejob")

    # -- HTTP ------------------------------------------------------------------------------------
    def handle(self, method: str, target: str, headers: dict[str, str], body: bytes) -> tuple[Reply, str] | None:
        """(reply, operation) for the sign-in paths; None for every other path (the regional API)."""
        path = target.partition("?")[0]
        if path == METADATA_PREFIX or path.startswith(METADATA_PREFIX + "/"):
            from . import metadata

            return metadata.handle(self, method, path, headers), "InstanceMetadata"
        if path == FEDERATION_PATH:
            return self.federate(method, target, headers, body), "X509Federation"
        return None

    def federate(self, method: str, target: str, headers: dict[str, str], body: bytes) -> Reply:
        if method != "POST":
            return _error(405, "MethodNotAllowed", f"{method} is not allowed on {FEDERATION_PATH}")
        try:
            request = json.loads(body or b"{}")
            leaf = x509.load_der_x509_certificate(base64.b64decode(request["certificate"], validate=True))
            intermediates = [x509.load_der_x509_certificate(base64.b64decode(c, validate=True))
                             for c in request.get("intermediateCertificates") or []]
            session_key = serialization.load_der_public_key(base64.b64decode(request["publicKey"], validate=True))
        except (ValueError, KeyError, TypeError, binascii.Error) as exc:
            return _error(400, "InvalidParameter", f"The federation request is malformed: {type(exc).__name__}")
        if not isinstance(session_key, rsa.RSAPublicKey):
            return _error(400, "InvalidParameter", "publicKey must be an RSA public key")
        tenancy = tenancy_of(leaf)
        if tenancy is None:
            return _error(401, "NotAuthenticated", "The certificate does not name a tenancy (opc-tenant)")
        key_id = f"{tenancy}/fed-x509/{sha1_fingerprint(leaf)}"
        ring = KeyRing()
        ring.add_key_object(key_id, leaf.public_key())
        try:
            verify_request(method, target, headers, body, ring, required_headers=FEDERATION_SIGNED_HEADERS)
            self.pki.check_chain(leaf, intermediates)
        except AuthError as exc:
            return _error(401, "NotAuthenticated", str(exc))
        if tenancy != self.tenancy_id:
            return _error(401, "NotAuthenticated", "The certificate is for another tenancy")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            instance = next((a.value for a in leaf.subject.get_attributes_for_oid(NameOID.COMMON_NAME)),
                            self.instance_id)
        token = self.tokens.issue("instance", subject=str(instance), session_key=session_key,
                                  extra={"opc-instance": str(instance), "opc-tenant": tenancy,
                                         "opc-compartment": self.compartment_id, "res_tenant": tenancy})
        with self._lock:
            self.federations += 1
        return Reply(200, {"token": token})


def _error(status: int, code: str, message: str) -> Reply:
    return Reply(status, {"code": code, "message": message})
