"""Who we are to OCI: profiles, the environment operators already set, and the request signer.

Operators arrive with an ``~/.oci/config`` and the environment variables they use for the OCI CLI, so
those are honoured exactly (profile, config file, region override, auth type, federation endpoint). Five
ways to sign in, as the CLI names them: ``api_key``, ``security_token`` (``oci session authenticate``),
``instance_principal`` (a compute instance), ``instance_obo_user`` (OCI Cloud Shell: an instance
principal acting on behalf of the user through a delegation token) and ``resource_principal``
(functions, jobs). The signer is the expensive part (parsing an RSA key costs ~45 ms; principals need
the network), so it is built once per profile, lazily for the principals, and shared by every regional
client.

Token files change under a running console (``oci session refresh``, Cloud Shell renewing its delegation
token): the signers here look at the file before each request (one ``stat``) and re-read it when it
changed. An expired session token fails before it is sent, and a 401 for a token mode comes back as a
``CloudError`` whose hint names the command that fixes it.
"""

from __future__ import annotations

import configparser
import logging
import os
import stat
import threading
import time
from pathlib import Path
from typing import Any, Callable

import oci
from oci.auth.signers.ephemeral_resource_principals_signer import EphemeralResourcePrincipalSigner

from tui.cloud.errors import CloudError, from_exception

__all__ = [
    "Profile",
    "load_profile",
    "profile_from_config",
    "list_profiles",
    "config_file_path",
    "choose_auth",
    "permission_warning",
    "AUTH_TYPES",
    "DEFAULT_CONFIG_FILE",
]

log = logging.getLogger(__name__)

AUTH_TYPES = ("api_key", "security_token", "instance_principal", "instance_obo_user", "resource_principal")
PRINCIPALS = ("instance_principal", "instance_obo_user", "resource_principal")
DEFAULT_CONFIG_FILE = "~/.oci/config"
_AUTH_ALIASES = {
    "api_key": "api_key", "apikey": "api_key", "key": "api_key",
    "security_token": "security_token", "session_token": "security_token", "session": "security_token",
    "instance_principal": "instance_principal", "instanceprincipal": "instance_principal",
    "instance_obo_user": "instance_obo_user", "delegation_token": "instance_obo_user",
    "cloud_shell": "instance_obo_user", "cloudshell": "instance_obo_user",
    "resource_principal": "resource_principal", "resourceprincipal": "resource_principal",
}
_CONFIG_HINT = "Fix the OCI config file or pick another profile (OCI_CLI_PROFILE / --profile)."
#: the CLI's variables (cli_constants.py)
FEDERATION_ENDPOINT_ENV = "OCI_CLI_FEDERATION_ENDPOINT"
DELEGATION_TOKEN_FILE_ENV = "OCI_CLI_DELEGATION_TOKEN_FILE"
SECURITY_TOKEN_FILE_ENV = "OCI_CLI_SECURITY_TOKEN_FILE"
SUPPRESS_PERMISSIONS_WARNING_ENV = "OCI_CLI_SUPPRESS_FILE_PERMISSIONS_WARNING"


def permission_warning(path: str | os.PathLike[str]) -> str | None:
    """The OCI CLI's warning for a secret file others can read (mode & 0o177), or None.

    Same test and same words as ``oci_cli.cli_util.FilePermissionChecker`` (and the same variable
    silences it), so an operator sees one message and one fix whichever tool they ran.
    """
    if os.environ.get(SUPPRESS_PERMISSIONS_WARNING_ENV) == "True":
        return None
    filepath = os.path.expanduser(os.fspath(path))
    try:
        mode = stat.S_IMODE(os.lstat(filepath).st_mode)
    except OSError:
        return None
    if not mode & 0o177:
        return None
    return (f"WARNING: Permissions on {filepath} are too open. \n"
            "To fix this please try executing the following command: \n"
            f"oci setup repair-file-permissions --file {filepath} \n"
            "Alternatively to hide this warning, you may set the environment variable, "
            f"{SUPPRESS_PERMISSIONS_WARNING_ENV}: \n"
            f"export {SUPPRESS_PERMISSIONS_WARNING_ENV}=True")


class Profile:
    """A loaded profile: its config dict and a signer built on first use and then shared.

    ``signer_factory`` is what will build the signer; for API keys and session tokens it has already
    run (so a bad key fails at load time, where the error is clearest). ``auth_source`` says where the
    auth mode came from (for ``--info``); ``warnings`` holds what the operator should see at start-up
    (key files others can read, an already expired session).
    """

    def __init__(self, name: str, config: dict[str, Any], *, auth: str, signer: Any = None,
                 signer_factory: Callable[[], Any] | None = None, tenancy_id: str | None = None,
                 region: str | None = None, config_file: str | None = None, auth_source: str = "argument",
                 warnings: list[str] | None = None) -> None:
        self.name = name
        self.config = config
        self.auth = auth
        self.auth_source = auth_source
        self.config_file = config_file
        self.warnings: list[str] = list(warnings or [])
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
                        err = from_exception(exc, f"Authenticate({self.auth})")
                        if err.hint is None or err.code == "ClientError":
                            err.hint = _principal_hint(self.auth)
                        raise err from exc
        return self._signer

    @property
    def tenancy_id(self) -> str | None:
        if self._tenancy_id is None and self.auth in PRINCIPALS:
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
        if self._region is None and self.auth in PRINCIPALS:
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
                         hint="Use " + ", ".join(AUTH_TYPES[:-1]) + " or " + AUTH_TYPES[-1] + ".")
    return found


def _region_override(region: str | None) -> str | None:
    return region or os.environ.get("OCI_CLI_REGION") or None


def _read_section(path: Path, profile_name: str) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path)
    except (configparser.Error, OSError, UnicodeDecodeError):
        return {}
    if profile_name == "DEFAULT":
        return dict(parser.defaults())
    return dict(parser[profile_name]) if parser.has_section(profile_name) else {}


def choose_auth(auth: str | None = None, *, name: str | None = None,
                config_file: str | os.PathLike[str] | None = None) -> tuple[str, str]:
    """(auth mode, where it came from), as the OCI CLI decides it: ``auth`` (``--auth``) > OCI_CLI_AUTH >
    a session token when the profile has ``security_token_file`` > the API key."""
    if auth:
        return _normalise_auth(auth) or "api_key", "argument"
    env = os.environ.get("OCI_CLI_AUTH")
    if env:
        return _normalise_auth(env) or "api_key", "env OCI_CLI_AUTH"
    profile_name = name or os.environ.get("OCI_CLI_PROFILE") or "DEFAULT"
    if os.environ.get(SECURITY_TOKEN_FILE_ENV):
        return "security_token", f"env {SECURITY_TOKEN_FILE_ENV}"
    if _read_section(config_file_path(config_file), profile_name).get("security_token_file"):
        return "security_token", f"profile {profile_name} has security_token_file"
    return "api_key", "default"


def load_profile(name: str | None = None, config_file: str | os.PathLike[str] | None = None,
                 auth: str | None = None, *, region: str | None = None, federation_endpoint: str | None = None,
                 auth_source: str | None = None) -> Profile:
    """Load a profile the way the OCI CLI would.

    Profile: ``name`` > OCI_CLI_PROFILE > DEFAULT. Auth: see ``choose_auth``. Region: ``region`` >
    OCI_CLI_REGION > the profile (> instance metadata for the principals). Federation endpoint (instance
    principals, Cloud Shell): ``federation_endpoint`` > OCI_CLI_FEDERATION_ENDPOINT > the region's auth
    service. OCI_CLI_DELEGATION_TOKEN_FILE and OCI_CLI_SECURITY_TOKEN_FILE override the profile's
    values, as in the CLI. ``auth_source`` labels an explicit ``auth`` for ``Profile.auth_source``.
    """
    mode, source = choose_auth(auth, name=name, config_file=config_file)
    if auth and auth_source:
        source = auth_source
    override = _region_override(region)
    federation = (federation_endpoint or os.environ.get(FEDERATION_ENDPOINT_ENV) or "").strip() or None
    if mode == "instance_principal":
        return Profile(name or "instance_principal", {}, auth=mode, region=override, auth_source=source,
                       signer_factory=_instance_principal_factory(federation))
    if mode == "resource_principal":
        return Profile(name or "resource_principal", {}, auth=mode, auth_source=source,
                       region=override or os.environ.get("OCI_RESOURCE_PRINCIPAL_REGION"),
                       signer_factory=_resource_principal_signer)

    profile_name = name or os.environ.get("OCI_CLI_PROFILE") or "DEFAULT"
    path = config_file_path(config_file)
    if mode == "instance_obo_user" and not path.is_file() and os.environ.get(DELEGATION_TOKEN_FILE_ENV):
        config: dict[str, Any] = {}  # Cloud Shell without a config file: the token file comes from the environment
    else:
        config = _read_config(path, profile_name)
    for env, key in ((DELEGATION_TOKEN_FILE_ENV, "delegation_token_file"), (SECURITY_TOKEN_FILE_ENV, "security_token_file")):
        if os.environ.get(env):
            config[key] = os.environ[env]
    return profile_from_config(config, name=profile_name, auth=mode, region=override, config_file=str(path),
                               auth_source=source, federation_endpoint=federation)


def _read_config(path: Path, profile_name: str) -> dict[str, Any]:
    if not path.is_file():
        raise CloudError(
            f"OCI config file not found: {path}", code="ConfigFileNotFound",
            hint="Create it with 'oci setup config', or set OCI_CLI_CONFIG_FILE / --config-file; "
                 "or run with --demo.",
        )
    try:
        return dict(oci.config.from_file(str(path), profile_name))
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


def profile_from_config(config: dict[str, Any], *, name: str = "custom", auth: str | None = None,
                        region: str | None = None, config_file: str | None = None, auth_source: str = "argument",
                        federation_endpoint: str | None = None) -> Profile:
    """A Profile from a config dict (e.g. one holding ``key_content`` rather than ``key_file``)."""
    config = dict(config)
    mode = _normalise_auth(auth)
    if mode is None:
        mode = "security_token" if config.get("security_token_file") else "api_key"
        auth_source = "profile has security_token_file" if mode == "security_token" else "default"
    if region:
        config["region"] = region
    where = f" (profile {name}{' in ' + config_file if config_file else ''})"
    if mode in ("instance_principal", "resource_principal"):
        return load_profile(name, auth=mode, region=region, federation_endpoint=federation_endpoint,
                            auth_source=auth_source)
    if mode == "instance_obo_user":
        return _delegation_profile(config, name, where, config_file, auth_source, federation_endpoint)
    if mode == "security_token":
        return _session_token_profile(config, name, where, config_file, auth_source)
    try:
        oci.config.validate_config(config)
    except oci.exceptions.InvalidConfig as exc:
        err = from_exception(exc, "LoadProfile")
        err.message += where
        raise err from None
    try:
        signer = ApiKeySigner(
            tenancy=config["tenancy"], user=config["user"], fingerprint=config["fingerprint"],
            private_key_file_location=config.get("key_file"),
            pass_phrase=oci.config.get_config_value_or_default(config, "pass_phrase"),
            private_key_content=config.get("key_content"),
        )
    except Exception as exc:
        raise _key_error(exc, config, where) from None
    return Profile(name, config, auth="api_key", signer=signer, signer_factory=None,
                   tenancy_id=config["tenancy"], region=config.get("region"), config_file=config_file,
                   auth_source=auth_source, warnings=_file_warnings(config.get("key_file")))


def _file_warnings(*paths: Any) -> list[str]:
    """The CLI's permission warning for each secret file given (logged once here, shown by the console)."""
    found = []
    for path in paths:
        if path:
            warning = permission_warning(path)
            if warning:
                log.warning("%s", warning)
                found.append(warning)
    return found


class ApiKeySigner(oci.signer.Signer):
    """The SDK's API-key signer, its key loaded without the RSA consistency checks (~50 ms of CPU
    on the way to the first row). The checks (primality of p and q, ...) guard against keys from
    someone else; this is the operator's own signing key, and a damaged one fails as a 401 at the
    first call. Anything the quick load refuses (a wrong or missing pass phrase, a public key, an
    unreadable file) goes through the SDK's own loader, so its diagnosis is unchanged."""

    def __init__(self, tenancy: str, user: str, fingerprint: str, private_key_file_location: str | None,
                 pass_phrase: str | None = None, private_key_content: str | None = None) -> None:
        try:
            key = _load_trusted_key(private_key_file_location, pass_phrase, private_key_content)
        except Exception:
            super().__init__(tenancy, user, fingerprint, private_key_file_location, pass_phrase, private_key_content)
            return
        # what oci.signer.Signer.__init__ does after loading the key (SDK 2.189)
        self.api_key = tenancy + "/" + user + "/" + fingerprint
        self.private_key = key
        self.create_signers(self.api_key, self.private_key, ["date", "(request-target)", "host"],
                            ["content-length", "content-type", "x-content-sha256"])


def _load_trusted_key(location: str | None, pass_phrase: str | None, content: str | None) -> Any:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    if content:
        data = content.encode("ascii")
    elif location:
        data = Path(os.path.expanduser(location)).read_bytes()
    else:
        raise ValueError("no key")
    password = pass_phrase.encode("ascii") if pass_phrase else None
    key = serialization.load_pem_private_key(data, password, unsafe_skip_rsa_key_validation=True)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError("not an RSA private key")
    return key


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


# ---------------------------------------------------------------------------------- hints on 401

def session_hint(name: str, config_file: str | None = None) -> str:
    """What fixes an expired or refused session token of profile ``name``."""
    extra = ""
    if config_file and Path(os.path.expanduser(config_file)) != Path(os.path.expanduser(DEFAULT_CONFIG_FILE)):
        extra = f" --config-file {config_file}"
    return (f"Run 'oci session refresh --profile {name}{extra}' (or 'oci session authenticate --profile-name "
            f"{name}' once it can no longer be refreshed); the console picks up the new token without a restart.")


def _principal_hint(auth: str, detail: str = "") -> str:
    if auth == "instance_obo_user":
        return ("The Cloud Shell delegation token was refused or is missing" + detail + ": reopen Cloud Shell (it "
                "renews the token), or check delegation_token_file / OCI_CLI_DELEGATION_TOKEN_FILE; the console "
                "re-reads the file when it changes.")
    if auth == "instance_principal":
        return ("Instance principals work on an OCI compute instance (instance metadata, or OCI_METADATA_BASE_URL): "
                "check that the instance is in a dynamic group with a policy for Generative AI, and the federation "
                "endpoint (OCI_CLI_FEDERATION_ENDPOINT / --federation-endpoint).")
    if auth == "resource_principal":
        return ("Resource principals need OCI_RESOURCE_PRINCIPAL_VERSION, _RPST, _PRIVATE_PEM and _REGION (set by "
                "Functions, Jobs, ...); a token that keeps being refused means the resource's dynamic group or "
                "policies do not allow the call.")
    return _CONFIG_HINT


def _auth_error(response: Any, hint: str) -> CloudError:
    try:
        body = response.json()
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    return CloudError(str(body.get("message") or "The service refused the credentials (HTTP 401)"), status=401,
                      code=str(body.get("code") or "NotAuthenticated"),
                      opc_request_id=response.headers.get("opc-request-id"), hint=hint)


class _HintOn401:
    """Mixin for token signers: a 401 leaves the SDK as a ``CloudError`` whose hint fits the auth mode.

    The principals' 401 is first retried by the SDK after ``refresh_security_token()`` (base_client);
    only the answer to that retry is converted, so a refresh that fixes things stays invisible.
    """

    auth_hint: str = ""
    sdk_refreshes_on_401: bool = False

    def __call__(self, request: Any, enforce_content_headers: bool = True) -> Any:
        signed = super().__call__(request, enforce_content_headers)  # type: ignore[misc]
        request.register_hook("response", self._on_response)
        return signed

    @property
    def _state(self) -> threading.local:
        state = self.__dict__.get("_hint_state")
        if state is None:
            state = self.__dict__.setdefault("_hint_state", threading.local())
        return state

    def _on_response(self, response: Any, *args: Any, **kwargs: Any) -> Any:
        refreshed = getattr(self._state, "refreshed", False)
        self._state.refreshed = False
        if response.status_code != 401 or (self.sdk_refreshes_on_401 and not refreshed):
            return response
        response.content  # noqa: B018  (read it all: the connection goes back to the pool)
        raise _auth_error(response, self.auth_hint)

    def refresh_security_token(self) -> Any:
        self._state.refreshed = True
        return super().refresh_security_token()  # type: ignore[misc]


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def _read_token(path: Path, what: str, hint: str) -> str:
    try:
        token = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise CloudError(f"{what} not readable: {path} ({type(exc).__name__})", code="InvalidConfig",
                         hint=hint) from None
    if not token:
        raise CloudError(f"{what} is empty: {path}", code="InvalidConfig", hint=hint)
    return token


def _token_expiry(token: str) -> float | None:
    """The `exp` claim of a JWT, read without checking it (None for anything that is not a JWT)."""
    import base64
    import json

    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
        return float(payload["exp"])
    except (ValueError, KeyError, TypeError):
        return None


def _utc(epoch: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


class SessionTokenSigner(_HintOn401, oci.auth.signers.SecurityTokenSigner):
    """A session-token signer that follows its files: before each request it looks at
    ``security_token_file`` (and the key file) and re-reads what changed, so ``oci session refresh`` in
    another terminal takes effect at once; an expired token fails here, with the command that fixes it."""

    private_key: Any
    api_key: str

    def __init__(self, token_file: Path, *, profile: str, key_file: str | None = None,
                 key_content: str | None = None, pass_phrase: str | None = None,
                 config_file: str | None = None) -> None:
        self.token_file = token_file
        self.key_file = Path(os.path.expanduser(key_file)) if key_file else None
        self.profile_name = profile
        self.auth_hint = session_hint(profile, config_file)
        self._key_content = key_content
        self._pass_phrase = pass_phrase
        self._reload_lock = threading.Lock()
        self._token_stamp = _stamp(token_file)
        self._key_stamp = _stamp(self.key_file) if self.key_file else None
        token = _read_token(token_file, "session token file", self.auth_hint)
        self.expires = _token_expiry(token)
        super().__init__(token, self._load_key())

    def _load_key(self) -> Any:
        if self._key_content:
            return oci.signer.load_private_key(self._key_content, self._pass_phrase)
        return oci.signer.load_private_key_from_file(str(self.key_file), self._pass_phrase)

    def reload_if_changed(self) -> bool:
        """Re-read the token (and key) file when it changed since the last look; True when it did."""
        token_stamp = _stamp(self.token_file)
        key_stamp = _stamp(self.key_file) if self.key_file else None
        if token_stamp == self._token_stamp and key_stamp == self._key_stamp:
            return False
        with self._reload_lock:
            try:
                token = _read_token(self.token_file, "session token file", self.auth_hint)
                private_key: Any = self._load_key() if key_stamp != self._key_stamp else self.private_key
            except Exception as exc:  # a half-written file: keep what we have, try again next request
                log.info("session token reload deferred: %s", exc)
                return False
            self._token_stamp, self._key_stamp = token_stamp, key_stamp
            self.api_key = "ST$" + token
            self.private_key = private_key
            self.expires = _token_expiry(token)
            self._basic_signer.reset_signer(self.api_key, self.private_key)
            self._body_signer.reset_signer(self.api_key, self.private_key)
        log.info("session token of profile %s re-read from %s", self.profile_name, self.token_file)
        return True

    def __call__(self, request: Any, enforce_content_headers: bool = True) -> Any:
        self.reload_if_changed()
        if self.expires is not None and time.time() >= self.expires:
            raise CloudError(f"The session token of profile {self.profile_name} expired at {_utc(self.expires)}",
                             status=401, code="SessionExpired", hint=self.auth_hint)
        return super().__call__(request, enforce_content_headers)


def _session_token_profile(config: dict[str, Any], name: str, where: str, config_file: str | None,
                           auth_source: str = "argument") -> Profile:
    token_file = config.get("security_token_file")
    missing = [k for k in ("security_token_file", "region", "tenancy") if not config.get(k)]
    if not (config.get("key_file") or config.get("key_content")):
        missing.append("key_file")
    if missing:
        raise CloudError(f"Invalid OCI config: {', '.join(sorted(missing))} missing{where}", code="InvalidConfig",
                         hint="Run 'oci session authenticate' to create a session-token profile.")
    token_path = Path(os.path.expanduser(str(token_file)))
    if not token_path.is_file():
        raise CloudError(f"session token file not found: {token_path}{where}", code="InvalidConfig",
                         hint="Run 'oci session authenticate' (or 'oci session refresh') again.")
    try:
        signer = SessionTokenSigner(token_path, profile=name, key_file=config.get("key_file"),
                                    key_content=config.get("key_content"), pass_phrase=config.get("pass_phrase"),
                                    config_file=config_file)
    except CloudError:
        raise
    except Exception as exc:
        raise _key_error(exc, config, where) from None
    warnings = _file_warnings(config.get("key_file"), token_path)
    if signer.expires is not None and time.time() >= signer.expires:
        expired = f"The session token of profile {name} expired at {_utc(signer.expires)}. {signer.auth_hint}"
        log.warning("%s", expired)
        warnings.append(expired)
    return Profile(name, config, auth="security_token", signer=signer, tenancy_id=config.get("tenancy"),
                   region=config.get("region"), config_file=config_file, auth_source=auth_source, warnings=warnings)


# ---------------------------------------------------------------------------------- principals

class _InstanceSigner(_HintOn401, oci.auth.signers.InstancePrincipalsSecurityTokenSigner):
    """The SDK's instance-principal signer (it refreshes its token before expiry) with the 401 hint."""

    sdk_refreshes_on_401 = True
    auth_hint = _principal_hint("instance_principal")


class DelegationTokenSigner(_HintOn401, oci.auth.signers.InstancePrincipalsDelegationTokenSigner):
    """Cloud Shell's signer: an instance principal token plus the user's delegation token
    (``opc-obo-token``, signed). The delegation token file is re-read when it changes (Cloud Shell renews
    it) and before the SDK's retry of a 401."""

    sdk_refreshes_on_401 = True

    def __init__(self, token_file: Path, **kwargs: Any) -> None:
        self.token_file = token_file
        self.auth_hint = _principal_hint("instance_obo_user", f" ({token_file})")
        self._token_stamp = _stamp(token_file)
        super().__init__(delegation_token=_read_token(token_file, "delegation token file", self.auth_hint), **kwargs)

    def reload_if_changed(self, force: bool = False) -> bool:
        stamp = _stamp(self.token_file)
        if stamp == self._token_stamp and not force:
            return False
        try:
            self.delegation_token = _read_token(self.token_file, "delegation token file", self.auth_hint)
        except CloudError as exc:
            log.info("delegation token reload deferred: %s", exc)
            return False
        self._token_stamp = stamp
        return True

    def do_request_sign(self, request: Any, enforce_content_headers: bool = True) -> Any:
        self.reload_if_changed()
        return super().do_request_sign(request, enforce_content_headers)

    def refresh_security_token(self) -> Any:
        self.reload_if_changed(force=True)
        return super().refresh_security_token()


class _ResourceSigner(_HintOn401, EphemeralResourcePrincipalSigner):
    """Resource principals v2.2. With file paths in OCI_RESOURCE_PRINCIPAL_RPST / _PRIVATE_PEM the platform
    renews the files; the SDK re-reads them only after a 401, this signer also as soon as they change."""

    sdk_refreshes_on_401 = True
    auth_hint = _principal_hint("resource_principal")

    def __init__(self, **kwargs: Any) -> None:
        rpst = kwargs.get("session_token")
        self._rpst_file = Path(rpst) if rpst and os.path.isabs(rpst) else None
        self._rpst_stamp = _stamp(self._rpst_file) if self._rpst_file else None
        super().__init__(**kwargs)

    def __call__(self, request: Any, enforce_content_headers: bool = True) -> Any:
        if self._rpst_file is not None:
            stamp = _stamp(self._rpst_file)
            if stamp != self._rpst_stamp:
                self._rpst_stamp = stamp
                try:
                    EphemeralResourcePrincipalSigner.refresh_security_token(self)
                except Exception as exc:  # half-written: the SDK's 401 path re-reads again
                    log.info("resource principal token reload deferred: %s", exc)
        return super().__call__(request, enforce_content_headers)


def _instance_principal_factory(federation_endpoint: str | None) -> Callable[[], Any]:
    def _instance_principal_signer() -> Any:
        kwargs = {"federation_endpoint": federation_endpoint} if federation_endpoint else {}
        return _InstanceSigner(**kwargs)

    return _instance_principal_signer


def _resource_principal_signer() -> Any:
    env = os.environ
    if env.get("OCI_RESOURCE_PRINCIPAL_VERSION") == "2.2":
        return _ResourceSigner(session_token=env.get("OCI_RESOURCE_PRINCIPAL_RPST"),
                               private_key=env.get("OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM"),
                               private_key_passphrase=env.get("OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM_PASSPHRASE"),
                               region=env.get("OCI_RESOURCE_PRINCIPAL_REGION"))
    return oci.auth.signers.get_resource_principals_signer()


def _delegation_profile(config: dict[str, Any], name: str, where: str, config_file: str | None, auth_source: str,
                        federation_endpoint: str | None) -> Profile:
    token_file = config.get("delegation_token_file")
    if not token_file:
        raise CloudError(f"Invalid OCI config: delegation_token_file missing{where}", code="InvalidConfig",
                         hint="Cloud Shell sets it in its config; elsewhere set delegation_token_file in the profile "
                              f"or {DELEGATION_TOKEN_FILE_ENV}.")
    token_path = Path(os.path.expanduser(str(token_file)))
    if not token_path.is_file():
        raise CloudError(f"delegation_token_file not found: {token_path}{where}", code="InvalidConfig",
                         hint=_principal_hint("instance_obo_user"))

    def factory() -> Any:
        kwargs = {"federation_endpoint": federation_endpoint} if federation_endpoint else {}
        return DelegationTokenSigner(token_path, **kwargs)

    # the user's tenancy (the config's) before the instance's: Cloud Shell's instance lives elsewhere
    return Profile(name, config, auth="instance_obo_user", signer_factory=factory, region=config.get("region"),
                   tenancy_id=config.get("tenancy"), config_file=config_file, auth_source=auth_source,
                   warnings=_file_warnings(token_path))
