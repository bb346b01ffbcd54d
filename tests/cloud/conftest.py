"""Helpers for the service-layer tests: a real RSA key and config files written into tmp dirs."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

TENANCY = "ocid1.tenancy.oc1..aaaaaaaatenancyunit"
USER = "ocid1.user.oc1..aaaaaaaauserunit"


@pytest.fixture(scope="session")
def rsa_key():
    """(private PEM, fingerprint) of a freshly generated 2048-bit key."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                            serialization.NoEncryption()).decode()
    der = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    digest = hashlib.md5(der).hexdigest()
    fingerprint = ":".join(digest[i:i + 2] for i in range(0, 32, 2))
    return pem, fingerprint


@pytest.fixture
def write_config(tmp_path, rsa_key):
    """write_config({"DEFAULT": {...}, "other": {...}}) -> path; key_file/fingerprint filled in DEFAULT."""
    pem, fingerprint = rsa_key
    key_file = tmp_path / "key.pem"
    key_file.write_text(pem)
    key_file.chmod(0o600)

    def write(sections: dict[str, dict[str, str]] | None = None, *, name: str = "config",
              base: bool = True) -> Path:
        sections = {k: dict(v) for k, v in (sections or {"DEFAULT": {}}).items()}
        if base:
            d = sections.setdefault("DEFAULT", {})
            d.setdefault("user", USER)
            d.setdefault("fingerprint", fingerprint)
            d.setdefault("key_file", str(key_file))
            d.setdefault("tenancy", TENANCY)
            d.setdefault("region", "us-chicago-1")
        text = ""
        for section, values in sections.items():
            text += f"[{section}]\n" + "".join(f"{k}={v}\n" for k, v in values.items()) + "\n"
        path = tmp_path / name
        path.write_text(text)
        return path

    write.key_file = key_file  # type: ignore[attr-defined]
    write.pem = pem  # type: ignore[attr-defined]
    write.fingerprint = fingerprint  # type: ignore[attr-defined]
    return write
