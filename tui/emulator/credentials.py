"""API-key identities the SDK and the OCI CLI accept, and that the emulator verifies signatures with.

The SDK validates its config locally even for a loopback endpoint (OCID-like user and tenancy, a
lowercase-hex MD5 fingerprint, a real PEM key, a region), so tests and demo mode need a genuine key.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


@dataclass(frozen=True)
class Identity:
    tenancy_id: str
    user_id: str
    fingerprint: str
    key_file: Path
    config_file: Path
    public_key_pem: str
    region: str
    profile: str = "DEFAULT"

    @property
    def key_id(self) -> str:
        return f"{self.tenancy_id}/{self.user_id}/{self.fingerprint}"


def _unique(n: int = 52) -> str:
    alphabet = "abcdefghijklmnopqrstuvwxyz234567"
    return "".join(secrets.choice(alphabet) for _ in range(n))


def fingerprint_of(public_key) -> str:
    der = public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    digest = hashlib.md5(der).hexdigest()
    return ":".join(digest[i : i + 2] for i in range(0, 32, 2))


def make_identity(directory: Path, region: str = "us-chicago-1", profile: str = "DEFAULT") -> Identity:
    """Generate a 2048-bit RSA key and write `key.pem` (0600) and `config` into `directory`."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")
    key_file = directory / "key.pem"
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    os.chmod(key_file, 0o600)
    tenancy_id = f"ocid1.tenancy.oc1..aaaaaaaa{_unique()}"
    user_id = f"ocid1.user.oc1..aaaaaaaa{_unique()}"
    fingerprint = fingerprint_of(key.public_key())
    config_file = directory / "config"
    config_file.write_text(
        f"[{profile}]\n"
        f"user={user_id}\n"
        f"fingerprint={fingerprint}\n"
        f"key_file={key_file}\n"
        f"tenancy={tenancy_id}\n"
        f"region={region}\n"
    )
    os.chmod(config_file, 0o600)
    return Identity(
        tenancy_id=tenancy_id,
        user_id=user_id,
        fingerprint=fingerprint,
        key_file=key_file,
        config_file=config_file,
        public_key_pem=public_pem,
        region=region,
        profile=profile,
    )
