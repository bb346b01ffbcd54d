"""API-key identities the SDK and the OCI CLI accept, and that the emulator verifies signatures with.

The SDK validates its config locally even for a loopback endpoint (OCID-like user and tenancy, a
lowercase-hex MD5 fingerprint, a real PEM key, a region), so tests and demo mode need a genuine key.

`--write-config DIR` reuses what DIR already holds (key, tenancy, user), so a console or CLI session
configured from DIR keeps working when the local service restarts; keys are written with O_NOFOLLOW (a
symlink planted at the key's path is refused, never followed). `write_sign_in` adds the other ways to
sign in: a `SESSION` profile (as `oci session authenticate` leaves it), a `CLOUDSHELL` profile with a
`delegation_token_file`, and environment files for instance and resource principals.
"""

from __future__ import annotations

import configparser
import errno
import hashlib
import os
import secrets
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

if TYPE_CHECKING:
    from .federation import AuthService

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class CredentialsError(OSError):
    """A credentials file the local service will not write or read (the message says which and why)."""


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


def write_private(path: Path, data: bytes) -> None:
    """Create or replace `path` with mode 0600, refusing (CredentialsError) when `path` is a symlink."""
    path = Path(path)
    if path.is_symlink():
        raise CredentialsError(errno.ELOOP, f"refusing to write {path}: it is a symbolic link")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _NOFOLLOW, 0o600)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # a symlink appeared between the check and the open
            raise CredentialsError(errno.ELOOP, f"refusing to write {path}: it is a symbolic link") from None
        raise
    with os.fdopen(fd, "wb") as fh:
        os.fchmod(fh.fileno(), 0o600)
        fh.write(data)


def _read_private(path: Path) -> bytes | None:
    """The bytes of an existing regular file (None when absent); a symlink is refused, never followed."""
    if path.is_symlink():
        raise CredentialsError(errno.ELOOP, f"refusing to use {path}: it is a symbolic link")
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW)
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as fh:
        return fh.read()


def _pem_of(key: rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                             serialization.NoEncryption())


def private_key_at(path: Path, *, reuse: bool = True) -> rsa.RSAPrivateKey:
    """The RSA key in `path` when `reuse` and it holds one; otherwise a new 2048-bit key written there (0600)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    existing = _read_private(path) if reuse else None
    if existing:
        try:
            key = serialization.load_pem_private_key(existing, password=None)
        except (ValueError, TypeError):
            key = None
        if isinstance(key, rsa.RSAPrivateKey):
            return key
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    write_private(path, _pem_of(key))
    return key


def _public_pem(key: rsa.RSAPrivateKey) -> str:
    return key.public_key().public_bytes(serialization.Encoding.PEM,
                                         serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")


def _existing_ids(config_file: Path, profile: str) -> tuple[str, str] | None:
    """(tenancy, user) of `profile` in an existing config file, when both look like OCIDs."""
    if config_file.is_symlink() or not config_file.is_file():
        return None
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(config_file)
    except (configparser.Error, UnicodeDecodeError):
        return None
    section = parser.defaults() if profile == "DEFAULT" else (parser[profile] if parser.has_section(profile) else {})
    tenancy, user = section.get("tenancy", ""), section.get("user", "")
    if tenancy.startswith("ocid1.tenancy.") and user.startswith("ocid1.user."):
        return tenancy, user
    return None


def make_identity(directory: Path, region: str = "us-chicago-1", profile: str = "DEFAULT", *,
                  reuse: bool = False) -> Identity:
    """Write `key.pem` (0600) and `config` into `directory`: a new 2048-bit key and new OCIDs, or with
    `reuse` the key, tenancy and user already there (the config is rewritten either way)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    key_file = directory / "key.pem"
    config_file = directory / "config"
    key = private_key_at(key_file, reuse=reuse)
    public_pem = _public_pem(key)
    ids = _existing_ids(config_file, profile) if reuse else None
    tenancy_id, user_id = ids or (f"ocid1.tenancy.oc1..aaaaaaaa{_unique()}", f"ocid1.user.oc1..aaaaaaaa{_unique()}")
    fingerprint = fingerprint_of(key.public_key())
    write_private(config_file, (
        f"[{profile}]\n"
        f"user={user_id}\n"
        f"fingerprint={fingerprint}\n"
        f"key_file={key_file}\n"
        f"tenancy={tenancy_id}\n"
        f"region={region}\n"
    ).encode("utf-8"))
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


# ------------------------------------------------------------------ the other ways to sign in

SESSION_PROFILE = "SESSION"
CLOUDSHELL_PROFILE = "CLOUDSHELL"


@dataclass(frozen=True)
class SignInFiles:
    """Where `write_sign_in` put each mode's material (all under the `--write-config` directory)."""

    config_file: Path
    session_token_file: Path
    session_key_file: Path
    delegation_token_file: Path
    rpst_file: Path
    rp_key_file: Path
    instance_env: Path
    resource_env: Path
    cloudshell_env: Path
    #: (file, how to issue a fresh token for it): what a keeper renews while the service runs
    renewals: tuple[tuple[Path, Callable[[], str]], ...] = ()


def authority_key(directory: Path) -> rsa.RSAPrivateKey:
    """The local service's token-signing key, kept in DIR so tokens stay valid across a restart."""
    return private_key_at(Path(directory) / "local-service" / "token-signing-key.pem")


def _env_file(path: Path, title: str, values: dict[str, str]) -> None:
    lines = [f"# {title}", "# source this file, then run the console or the OCI CLI"]
    lines += [f"export {name}={shlex.quote(value)}" for name, value in values.items()]
    write_private(path, ("\n".join(lines) + "\n").encode("utf-8"))


def read_env_file(path: Path) -> dict[str, str]:
    """The `export NAME=value` lines of an env file written here."""
    values: dict[str, str] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("export "):
            name, _, value = line[len("export "):].partition("=")
            values[name] = shlex.split(value)[0] if value else ""
    return values


def write_sign_in(directory: Path, identity: Identity, service: "AuthService", url: str, *,
                  config_file: Path | None = None) -> SignInFiles:
    """Add the SESSION and CLOUDSHELL profiles to DIR/config (or `config_file`), issue their tokens, and
    write DIR/instance-principal.env, DIR/resource-principal.env and DIR/cloudshell.env for the local
    service at `url`. Keys already in DIR are reused."""
    directory = Path(directory)
    config_file = Path(config_file) if config_file is not None else identity.config_file
    from .tokens import write_token_file

    session_dir = directory / "sessions" / SESSION_PROFILE
    session_key_file = session_dir / "oci_api_key.pem"
    session_key = private_key_at(session_key_file)
    write_private(session_dir / "oci_api_key_public.pem", _public_pem(session_key).encode("ascii"))
    session_token_file = session_dir / "token"
    delegation_token_file = directory / "cloudshell" / "delegation_token"
    rp_dir = directory / "resource-principal"
    rp_key_file = rp_dir / "private.pem"
    rp_key = private_key_at(rp_key_file)
    rpst_file = rp_dir / "rpst"

    def session() -> str:
        return service.session_token(identity.user_id, session_key.public_key())

    def delegation() -> str:
        return service.delegation_token(identity.user_id)

    def resource() -> str:
        return service.resource_token(rp_key.public_key())

    renewals = ((session_token_file, session), (delegation_token_file, delegation), (rpst_file, resource))
    for path, issue in renewals:
        write_token_file(path, issue())

    region = identity.region
    write_private(config_file, (
        f"[{identity.profile}]\n"
        f"user={identity.user_id}\nfingerprint={identity.fingerprint}\nkey_file={identity.key_file}\n"
        f"tenancy={identity.tenancy_id}\nregion={region}\n\n"
        f"[{SESSION_PROFILE}]\n"
        f"fingerprint={fingerprint_of(session_key.public_key())}\nkey_file={session_key_file}\n"
        f"tenancy={identity.tenancy_id}\nregion={region}\nsecurity_token_file={session_token_file}\n\n"
        f"[{CLOUDSHELL_PROFILE}]\n"
        f"tenancy={identity.tenancy_id}\nregion={region}\ndelegation_token_file={delegation_token_file}\n"
    ).encode("utf-8"))
    instance = {"OCI_METADATA_BASE_URL": f"{url}/opc/v2", "OCI_CLI_FEDERATION_ENDPOINT": f"{url}/v1/x509",
                "OCI_GENAI_TUI_ENDPOINT_TEMPLATE": url + "/{region}"}
    instance_env = directory / "instance-principal.env"
    _env_file(instance_env, "Instance principal (a compute instance) on the local service: --auth instance_principal",
              instance)
    resource_env = directory / "resource-principal.env"
    _env_file(resource_env, "Resource principal v2.2 (functions, jobs) on the local service: --auth resource_principal",
              {"OCI_RESOURCE_PRINCIPAL_VERSION": "2.2", "OCI_RESOURCE_PRINCIPAL_RPST": str(rpst_file),
               "OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM": str(rp_key_file), "OCI_RESOURCE_PRINCIPAL_REGION": region,
               "OCI_GENAI_TUI_ENDPOINT_TEMPLATE": url + "/{region}"})
    cloudshell_env = directory / "cloudshell.env"
    _env_file(cloudshell_env, "OCI Cloud Shell (delegation token) on the local service, as Cloud Shell sets it up",
              {"OCI_CLI_AUTH": "instance_obo_user", "OCI_CLI_CONFIG_FILE": str(config_file),
               "OCI_CLI_PROFILE": CLOUDSHELL_PROFILE, **instance})
    return SignInFiles(config_file, session_token_file, session_key_file, delegation_token_file, rpst_file,
                       rp_key_file, instance_env, resource_env, cloudshell_env, renewals)
