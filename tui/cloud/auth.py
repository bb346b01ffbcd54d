"""Who we are to OCI: profiles, the environment operators already set, and the request signer.

Operators arrive with an ``~/.oci/config`` and the environment variables they use for the OCI CLI, so
those are honoured exactly (profile, config file, region override, auth type). The signer is the
expensive part (parsing an RSA key costs ~45 ms) and, for instance / resource principals, needs the
network; it is therefore built once per profile, lazily for the principals, and shared by every
regional client.
"""

from __future__ import annotations

import configparser
import os
import threading
from pathlib import Path
from typing import Any, Callable

import oci

from tui.cloud.errors import CloudError, from_exception

__all__ = [
    "Profile",
    "load_profile",
    "profile_from_config",
    "list_profiles",
    "config_file_path",
    "AUTH_TYPES",
    "DEFAULT_CONFIG_FILE",
]

AUTH_TYPES = ("api_key", "security_token", "instance_principal", "resource_principal")
DEFAULT_CONFIG_FILE = "~/.oci/config"
_AUTH_ALIASES = {
    "api_key": "api_key", "apikey": "api_key", "key": "api_key",
    "security_token": "security_token", "session_token": "security_token", "session": "security_token",
    "instance_principal": "instance_principal", "instanceprincipal": "instance_principal",
    "resource_principal": "resource_principal", "resourceprincipal": "resource_principal",
}
_CONFIG_HINT = "Fix the OCI config file or pick another profile (OCI_CLI_PROFILE / --profile)."


class Profile:
    """A loaded profile: its config dict and a signer built on first use and then shared.

    ``signer_factory`` is what will build the signer; for API keys and session tokens it has already
    run (so a bad key fails at load time, where the error is clearest).
    """

    def __init__(self, name: str, config: dict[str, Any], *, auth: str, signer: Any = None,
                 signer_factory: Callable[[], Any] | None = None, tenancy_id: str | None = None,
                 region: str | None = None, config_file: str | None = None) -> None:
        self.name = name
        self.config = config
        self.auth = auth
        self.config_file = config_file
        self._signer = signer
        self.signer_factory = signer_factory
        self._tenancy_id = tenancy_id
        self._region = region
        self._lock = threading.Lock()

    @property
    def signer_built(self) -> bool:
        return self._signer is not None

    @property
    def signer(self) -> Any:
        if self._signer is None:
            with self._lock:
                if self._signer is None:
                    if self.signer_factory is None:
                        raise CloudError("no signer for this profile", code="InvalidConfig", hint=_CONFIG_HINT)
                    try:
                        self._signer = self.signer_factory()
                    except Exception as exc:  # network or environment problem for principals
                        raise from_exception(exc, f"Authenticate({self.auth})") from exc
        return self._signer

    @property
    def tenancy_id(self) -> str | None:
        if self._tenancy_id is None and self.auth in ("instance_principal", "resource_principal"):
            signer = self.signer
            self._tenancy_id = getattr(signer, "tenancy_id", None)
            if self._tenancy_id is None and hasattr(signer, "get_claim"):
                try:
                    self._tenancy_id = signer.get_claim("res_tenant") or signer.get_claim("tenant")
                except Exception:
                    self._tenancy_id = None
        return self._tenancy_id

    @property
    def region(self) -> str | None:
        if self._region is None and self.auth in ("instance_principal", "resource_principal"):
            self._region = getattr(self.signer, "region", None)
        return self._region

    def client_config(self, region_id: str) -> dict[str, Any]:
        """The config dict a regional SDK client needs for this profile."""
        if self.auth == "api_key":
            cfg = dict(self.config)
        else:
            cfg = {"tenancy": self.tenancy_id} if self.auth == "security_token" else {}
        cfg["region"] = region_id
        return cfg

    def __repr__(self) -> str:
        return f"Profile(name={self.name!r}, auth={self.auth!r}, region={self._region!r}, tenancy_id={self._tenancy_id!r})"


def config_file_path(config_file: str | os.PathLike[str] | None = None) -> Path:
    """Explicit > OCI_CLI_CONFIG_FILE > OCI_CONFIG_FILE > ~/.oci/config."""
    chosen = (
        config_file
        or os.environ.get("OCI_CLI_CONFIG_FILE")
        or os.environ.get("OCI_CONFIG_FILE")
        or DEFAULT_CONFIG_FILE
    )
    return Path(os.path.expanduser(os.fspath(chosen)))


def list_profiles(config_file: str | os.PathLike[str] | None = None) -> list[str]:
    """Profile names in the config file, DEFAULT first when present; [] when there is no file."""
    path = config_file_path(config_file)
    parser = configparser.ConfigParser(interpolation=None)
    try:
        if not parser.read(path):
            return []
    except configparser.Error:
        return []
    names = list(parser.sections())
    if parser.defaults() or "DEFAULT" in names:
        names = ["DEFAULT"] + [n for n in names if n != "DEFAULT"]
    return names


def _normalise_auth(auth: str | None) -> str | None:
    if auth is None:
        return None
    found = _AUTH_ALIASES.get(str(auth).strip().lower().replace("-", "_"))
    if found is None:
        raise CloudError(f"unknown auth type {auth!r}; valid: {', '.join(AUTH_TYPES)}", code="InvalidConfig",
                         hint="Use api_key, security_token, instance_principal or resource_principal.")
    return found


def _region_override(region: str | None) -> str | None:
    return region or os.environ.get("OCI_CLI_REGION") or None


def load_profile(name: str | None = None, config_file: str | os.PathLike[str] | None = None,
                 auth: str | None = None, *, region: str | None = None) -> Profile:
    """Load a profile the way the OCI CLI would.

    Profile: ``name`` > OCI_CLI_PROFILE > DEFAULT. Auth: ``auth`` > OCI_CLI_AUTH > session token when the
    profile has ``security_token_file`` > API key. Region: ``region`` > OCI_CLI_REGION > the profile.
    """
    auth = _normalise_auth(auth or os.environ.get("OCI_CLI_AUTH"))
    override = _region_override(region)
    if auth == "instance_principal":
        return Profile(name or "instance_principal", {}, auth=auth, region=override,
                       signer_factory=_instance_principal_signer)
    if auth == "resource_principal":
        return Profile(name or "resource_principal", {}, auth=auth,
                       region=override or os.environ.get("OCI_RESOURCE_PRINCIPAL_REGION"),
                       signer_factory=_resource_principal_signer)

    profile_name = name or os.environ.get("OCI_CLI_PROFILE") or "DEFAULT"
    path = config_file_path(config_file)
    if not path.is_file():
        raise CloudError(
            f"OCI config file not found: {path}", code="ConfigFileNotFound",
            hint="Create it with 'oci setup config', or set OCI_CLI_CONFIG_FILE / --config-file; "
                 "or run with --demo.",
        )
    try:
        config = oci.config.from_file(str(path), profile_name)
    except oci.exceptions.ProfileNotFound:
        available = list_profiles(path) or ["(none)"]
        raise CloudError(
            f"profile {profile_name!r} not found in {path}; available: {', '.join(available)}",
            code="ProfileNotFound", hint=_CONFIG_HINT,
        ) from None
    except (configparser.Error, ValueError) as exc:
        raise CloudError(f"cannot read OCI config {path}: {exc}", code="InvalidConfig", hint=_CONFIG_HINT) from None
    except Exception as exc:
        raise from_exception(exc, "LoadProfile") from None
    return profile_from_config(config, name=profile_name, auth=auth, region=override, config_file=str(path))


def profile_from_config(config: dict[str, Any], *, name: str = "custom", auth: str | None = None,
                        region: str | None = None, config_file: str | None = None) -> Profile:
    """A Profile from a config dict (e.g. one holding ``key_content`` rather than ``key_file``)."""
    config = dict(config)
    auth = _normalise_auth(auth) or ("security_token" if config.get("security_token_file") else "api_key")
    if region:
        config["region"] = region
    where = f" (profile {name}{' in ' + config_file if config_file else ''})"
    if auth in ("instance_principal", "resource_principal"):
        return load_profile(name, auth=auth, region=region)
    if auth == "security_token":
        return _session_token_profile(config, name, where, config_file)
    try:
        oci.config.validate_config(config)
    except oci.exceptions.InvalidConfig as exc:
        err = from_exception(exc, "LoadProfile")
        err.message += where
        raise err from None
    try:
        signer = oci.signer.Signer(
            tenancy=config["tenancy"], user=config["user"], fingerprint=config["fingerprint"],
            private_key_file_location=config.get("key_file"),
            pass_phrase=oci.config.get_config_value_or_default(config, "pass_phrase"),
            private_key_content=config.get("key_content"),
        )
    except Exception as exc:
        raise _key_error(exc, config, where) from None
    return Profile(name, config, auth="api_key", signer=signer, signer_factory=None,
                   tenancy_id=config["tenancy"], region=config.get("region"), config_file=config_file)


def _key_error(exc: Exception, config: dict[str, Any], where: str) -> CloudError:
    key = config.get("key_file") or "key_content"
    if isinstance(exc, oci.exceptions.MissingPrivateKeyPassphrase):
        msg = f"the private key {key} is encrypted: set pass_phrase{where}"
    elif isinstance(exc, (FileNotFoundError, oci.exceptions.InvalidKeyFilePath)):
        msg = f"private key file not found: {key}{where}"
    else:
        msg = f"cannot load the private key {key}: {exc}{where}"
    return CloudError(msg, code="InvalidPrivateKey",
                      hint="Point key_file at the PEM private key whose public half is uploaded for this user.")


def _session_token_profile(config: dict[str, Any], name: str, where: str, config_file: str | None) -> Profile:
    token_file = config.get("security_token_file")
    missing = [k for k in ("security_token_file", "region", "tenancy") if not config.get(k)]
    if not (config.get("key_file") or config.get("key_content")):
        missing.append("key_file")
    if missing:
        raise CloudError(f"Invalid OCI config: {', '.join(sorted(missing))} missing{where}", code="InvalidConfig",
                         hint="Run 'oci session authenticate' to create a session-token profile.")
    token_path = Path(os.path.expanduser(str(token_file)))
    try:
        token = token_path.read_text().strip()
    except OSError:
        raise CloudError(f"session token file not found: {token_path}{where}", code="InvalidConfig",
                         hint="Run 'oci session authenticate' (or 'oci session refresh') again.") from None
    try:
        if config.get("key_content"):
            private_key = oci.signer.load_private_key(config["key_content"], config.get("pass_phrase"))
        else:
            private_key = oci.signer.load_private_key_from_file(config["key_file"], config.get("pass_phrase"))
    except Exception as exc:
        raise _key_error(exc, config, where) from None
    signer = oci.auth.signers.SecurityTokenSigner(token, private_key)
    return Profile(name, config, auth="security_token", signer=signer, tenancy_id=config.get("tenancy"),
                   region=config.get("region"), config_file=config_file)


def _instance_principal_signer() -> Any:
    return oci.auth.signers.InstancePrincipalsSecurityTokenSigner()


def _resource_principal_signer() -> Any:
    return oci.auth.signers.get_resource_principals_signer()
