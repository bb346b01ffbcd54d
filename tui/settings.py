"""Where the console's settings come from: flags > environment > the XDG config file > defaults.

Operators already carry an OCI profile and often a habit (a theme, read-only on production
bastions). Those habits belong in a config file, one-off choices on the command line, and the OCI
CLI's own environment variables are honoured so the console opens on the same profile and region
as `oci` would. The precedence lives here once; `--info` prints where everything is.
"""

from __future__ import annotations

import argparse
import configparser
import math
import os
import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

APP_DIR_NAME = "oci-genai-tui"

#: environment variable -> Settings field (the OCI CLI's names first, then the console's own)
ENV_VARS: dict[str, str] = {
    "OCI_CLI_PROFILE": "profile",
    "OCI_CLI_REGION": "region",
    "OCI_CONFIG_FILE": "config_file",
    "OCI_CLI_CONFIG_FILE": "config_file",  # listed after OCI_CONFIG_FILE so the CLI's name wins
    "OCI_CLI_AUTH": "auth",
    "OCI_CLI_FEDERATION_ENDPOINT": "federation_endpoint",
    "OCI_GENAI_TUI_COMPARTMENT": "compartment_id",
    "OCI_GENAI_TUI_THEME": "theme",
    "OCI_GENAI_TUI_READ_ONLY": "read_only",
    "OCI_GENAI_TUI_ENDPOINT_TEMPLATE": "endpoint_template",
    "OCI_GENAI_TUI_MOUSE": "mouse",
    "OCI_GENAI_TUI_LOG_FILE": "log_file",
    "OCI_GENAI_TUI_REFRESH": "refresh_interval",
}

#: keys accepted in config.toml (a few friendly aliases map onto the field names)
_FILE_KEYS = {
    "profile": "profile", "config_file": "config_file", "region": "region",
    "compartment": "compartment_id", "compartment_id": "compartment_id", "theme": "theme",
    "read_only": "read_only", "endpoint_template": "endpoint_template", "mouse": "mouse",
    "log_file": "log_file", "auth": "auth", "federation_endpoint": "federation_endpoint",
    "refresh_interval": "refresh_interval", "refresh": "refresh_interval",
}

#: how often the visible list refreshes by itself, in seconds (0 turns it off)
DEFAULT_REFRESH_INTERVAL = 15.0

_BOOL_FIELDS = {"read_only", "mouse", "demo"}


class SettingsError(ValueError):
    """A config file or value the console cannot use; the message says which and why."""


@dataclass
class Settings:
    """What the console was asked to do, after flags > environment > config file > defaults.

    Each attribute says where it can be set (flag, environment variable, config.toml key).
    """

    profile: str | None = None
    """OCI config profile: `--profile`, `OCI_CLI_PROFILE`, `profile`. None means DEFAULT."""
    config_file: str | None = None
    """OCI config file: `--config-file`, `OCI_CLI_CONFIG_FILE` / `OCI_CONFIG_FILE`, `config_file`.
    None means ~/.oci/config."""
    region: str | None = None
    """Region id or key to open on (`us-chicago-1`, `ord`): `--region`, `OCI_CLI_REGION`, `region`.
    None means the profile's region."""
    compartment_id: str | None = None
    """Compartment OCID to open on: `--compartment`, `OCI_GENAI_TUI_COMPARTMENT`, `compartment`.
    None means the tenancy root."""
    theme: str = "oci-dark"
    """Colour theme (shipped `oci-*` or a user theme file): `--theme`, `OCI_GENAI_TUI_THEME`, `theme`."""
    read_only: bool = False
    """Refuse every mutation (create, edit, move, delete are hidden and refused): `--read-only`,
    `OCI_GENAI_TUI_READ_ONLY`, `read_only`."""
    endpoint_template: str | None = None
    """Service endpoint with a `{region}` placeholder, instead of the SDK's (the local service in
    tests and demo mode): `--endpoint-template`, `OCI_GENAI_TUI_ENDPOINT_TEMPLATE`."""
    mouse: bool = True
    """Capture the mouse; `--no-mouse` leaves it to the terminal (select and copy text)."""
    demo: bool = False
    """`--demo`: start the local service as a child process and point the console at it."""
    log_file: str | None = None
    """Log file: `--log-file`, `OCI_GENAI_TUI_LOG_FILE`, `log_file`. None means
    $XDG_STATE_HOME/oci-genai-tui/console.log."""
    auth: str | None = None
    """How to sign requests (api_key, security_token, instance_principal, instance_obo_user,
    resource_principal): `--auth`, `OCI_CLI_AUTH`, `auth`. None: chosen as the OCI CLI does (OCI_CLI_AUTH,
    then the profile's security_token_file, then the API key); see tui.cloud.auth.choose_auth."""
    federation_endpoint: str | None = None
    """Instance-principal federation endpoint: `--federation-endpoint`, `OCI_CLI_FEDERATION_ENDPOINT`."""
    seed: str = "demo"
    """Demo data seed (demo, hostile, scale:N, empty): `--seed`, only with `--demo`."""
    refresh_interval: float = DEFAULT_REFRESH_INTERVAL
    """Seconds between automatic refreshes of the visible list (0 = off; transitional rows poll faster):
    `--refresh`, `OCI_GENAI_TUI_REFRESH`, `refresh_interval`."""
    keymap: dict[str, str] = field(default_factory=dict)
    """Binding id -> keys (comma-separated), from the config file's `[keymap]` table."""
    sources: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    """Where each value came from ("flag", "env OCI_CLI_REGION", "config", "default"): shown by --info."""


# ---------------------------------------------------------------- locations

def _xdg(var: str, fallback: str) -> Path:
    value = os.environ.get(var)
    return Path(value) if value else Path.home() / fallback


def config_dir() -> Path:
    return _xdg("XDG_CONFIG_HOME", ".config") / APP_DIR_NAME


def config_path() -> Path:
    """The console's own config file (OCI_GENAI_TUI_CONFIG overrides the XDG location)."""
    override = os.environ.get("OCI_GENAI_TUI_CONFIG")
    return Path(override) if override else config_dir() / "config.toml"


def state_dir() -> Path:
    return _xdg("XDG_STATE_HOME", ".local/state") / APP_DIR_NAME


def default_log_file() -> Path:
    return state_dir() / "console.log"


def user_themes_dir() -> Path:
    return config_dir() / "themes"


def theme_dirs() -> list[Path]:
    """Where themes are looked for, in load order (later ones override earlier ones).

    Here, not in tui/ui/themes.py, so that `--info` can list them without importing Textual and
    without settings and themes importing each other."""
    package_dir = Path(__file__).resolve().parent  # .../tui
    return [package_dir / "themes", package_dir.parent / "themes", user_themes_dir()]


# ---------------------------------------------------------------- parsing

def _to_bool(value: Any, name: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise SettingsError(f"{name}: expected true or false, got {value!r}")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="oci-genai-tui",
        description="A terminal console for OCI Generative AI models and imported models.",
        epilog="Precedence: flags > environment (OCI_CLI_PROFILE, OCI_CLI_REGION, OCI_CLI_CONFIG_FILE, "
        "OCI_GENAI_TUI_THEME, ...) > config file ($XDG_CONFIG_HOME/oci-genai-tui/config.toml).",
    )
    # every default is None so "not given" is distinguishable from "given the default"
    p.add_argument("--profile", help="OCI config profile (default: DEFAULT)")
    p.add_argument("--config-file", dest="config_file", help="OCI config file (default: ~/.oci/config)")
    p.add_argument("--region", help="region id or key, e.g. us-chicago-1 or ord")
    p.add_argument("--compartment", dest="compartment_id",
                   help="compartment OCID, name or path such as genai-prod/genai-prod-models (default: the root)")
    p.add_argument("--theme", help="oci-dark (default), oci-light, oci-ansi or a user theme")
    p.add_argument("--read-only", dest="read_only", action="store_const", const=True,
                   help="hide and disable every mutating action")
    p.add_argument("--auth", help="api_key, security_token, instance_principal, instance_obo_user (Cloud Shell) "
                   "or resource_principal (default: OCI_CLI_AUTH, else from the profile)")
    p.add_argument("--federation-endpoint", dest="federation_endpoint",
                   help="auth service for instance principals / Cloud Shell (default: OCI_CLI_FEDERATION_ENDPOINT)")
    p.add_argument("--endpoint-template", dest="endpoint_template",
                   help="e.g. http://127.0.0.1:8080/{region}: route every region there")
    p.add_argument("--no-mouse", dest="mouse", action="store_const", const=False,
                   help="do not capture the mouse (keeps native text selection over SSH)")
    p.add_argument("--demo", action="store_const", const=True,
                   help="open on a local demo service (no OCI account needed)")
    p.add_argument("--seed", help="demo data seed: demo (default), hostile, scale:N, empty (only with --demo)")
    p.add_argument("--log-file", dest="log_file", help="log file (default: $XDG_STATE_HOME/oci-genai-tui/console.log)")
    p.add_argument("--refresh", dest="refresh_interval", metavar="SECONDS",
                   help=f"refresh the visible list every SECONDS (default {DEFAULT_REFRESH_INTERVAL:g}; 0 = off)")
    p.add_argument("--info", action="store_true", help="print where config, logs and themes live, then exit")
    return p


def read_config_file(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:  # the same one-line error as a syntax error, not a traceback
        raise SettingsError(f"{path}: not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset {exc.start})"
                            ) from exc
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"{path}: {exc}") from exc
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key == "keymap":
            out["keymap"] = _keymap(path, value)
            continue
        name = _FILE_KEYS.get(key)
        if name is None:
            raise SettingsError(f"{path}: unknown setting {key!r}; known: {', '.join(sorted(_FILE_KEYS))}")
        out[name] = value
    return out


def _keymap(path: Path, table: Any) -> dict[str, str]:
    """`[keymap]` maps binding ids to keys, e.g. `delete = "ctrl+x"` or `sort = "o,ctrl+o"`."""
    if not isinstance(table, dict):
        raise SettingsError(f"{path}: [keymap] must be a table of binding id = \"keys\"")
    keymap: dict[str, str] = {}
    for binding_id, keys in table.items():
        if not isinstance(keys, str) or not keys.strip():
            raise SettingsError(f"{path}: keymap.{binding_id} must be a non-empty string of keys")
        keymap[str(binding_id)] = keys.strip()
    return keymap


def load_settings(argv: list[str] | None = None) -> Settings:
    """Settings from the command line, then the environment, then the config file, then defaults."""
    args = build_parser().parse_args(argv if argv is not None else [])
    return resolve(vars(args), dict(os.environ), read_config_file(config_path()))


def resolve(flags: dict[str, Any], env: dict[str, str], file_values: dict[str, Any]) -> Settings:
    """Merge the three layers (pure: the tests drive it directly)."""
    settings = Settings()
    known = {f.name for f in fields(Settings)} - {"sources"}
    chosen: dict[str, tuple[Any, str]] = {}
    for name, value in file_values.items():
        chosen[name] = (value, "config")
    for var, name in ENV_VARS.items():
        if env.get(var) not in (None, ""):
            chosen[name] = (env[var], f"env {var}")
    for name, value in flags.items():
        if name in known and value is not None:
            chosen[name] = (value, "flag")
    for name, (value, source) in chosen.items():
        if name in _BOOL_FIELDS:
            value = _to_bool(value, name)
        elif name == "refresh_interval":
            value = parse_refresh(value)
        elif value is not None and name != "keymap":
            value = str(value)
        setattr(settings, name, value)
        settings.sources[name] = source
    if settings.sources.get("seed") and not settings.demo:
        raise SettingsError("--seed only applies with --demo")
    return settings


def parse_refresh(value: Any) -> float:
    """A refresh interval in seconds: a finite number >= 0 (0 turns auto-refresh off)."""
    try:
        seconds = float(value) if not isinstance(value, bool) else math.nan
    except (TypeError, ValueError):
        seconds = math.nan
    if not math.isfinite(seconds) or seconds < 0:
        raise SettingsError(f"refresh interval: expected a number of seconds >= 0 (0 = off), got {value!r}")
    return seconds


# ---------------------------------------------------------------- checks before the screen opens

#: a compartment name (OCI: letters, digits, period, hyphen, underscore), or a path of names
_NAME = r"[A-Za-z0-9._-]{1,100}"
COMPARTMENT_PATH_RE = re.compile(rf"/?{_NAME}(?:/{_NAME})*")
COMPARTMENT_OCID_RE = re.compile(
    r"ocid1\.(?:compartment|tenancy)\.[a-z0-9]+\.[a-z0-9-]*(?:\.[a-z0-9-]*)?\.[A-Za-z0-9_-]+")


def is_ocid(value: str) -> bool:
    return value.startswith("ocid1.")


def check_compartment(value: str) -> str | None:
    """Why `value` cannot name a compartment (an OCID, a name, or a path of names), or None."""
    if is_ocid(value):
        if COMPARTMENT_OCID_RE.fullmatch(value):
            return None
        return (f"--compartment {value!r} is not a compartment OCID "
                "(ocid1.compartment.<realm>..<id> or ocid1.tenancy.<realm>..<id>)")
    if COMPARTMENT_PATH_RE.fullmatch(value):
        return None
    return (f"--compartment {value!r} is neither an OCID nor a compartment name or path "
            "(names hold letters, digits, '.', '-' and '_'; paths join them with '/')")


def oci_config_path(settings: Settings, env: dict[str, str] | None = None) -> Path:
    env = dict(os.environ) if env is None else env
    raw = settings.config_file or env.get("OCI_CLI_CONFIG_FILE") or env.get("OCI_CONFIG_FILE") or "~/.oci/config"
    return Path(os.path.expanduser(raw))


def check_profile(settings: Settings) -> str | None:
    """Why the chosen profile is not in the OCI config file (read as INI: no SDK import), or None.

    Only a profile given by flag or environment is checked; a missing config file is left to the
    connection (which says so in the header) because instance and resource principals need none."""
    if settings.demo or not settings.profile or settings.auth in ("instance_principal", "resource_principal"):
        return None
    path = oci_config_path(settings)
    if not path.is_file():
        return None
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except (OSError, configparser.Error, UnicodeDecodeError):
        return None  # the connection reports a broken file with the SDK's own words
    names = ["DEFAULT", *parser.sections()] if parser.defaults() else parser.sections()
    if settings.profile == "DEFAULT" and parser.defaults():
        return None
    if settings.profile in parser.sections():
        return None
    return f"unknown profile {settings.profile!r} in {path}; profiles there: {', '.join(names) or 'none'}"


def check_settings(settings: Settings, theme_names: list[str] | None = None) -> None:
    """Raise SettingsError (one line) for a flag the console could only fail on later.

    An unknown region, profile or theme and a malformed compartment end the program before the
    screen opens (exit code 2), instead of a console pointed somewhere the operator did not ask."""
    from tui.facts.regions import REGIONS, is_region  # data only: never loads the OCI SDK

    if settings.region and not is_region(settings.region):
        valid = ", ".join(r.id for r in REGIONS)
        raise SettingsError(f"unknown region {settings.region!r}; valid: {valid} (or their 3-letter keys)")
    if settings.compartment_id:
        problem = check_compartment(settings.compartment_id)
        if problem:
            raise SettingsError(problem)
    problem = check_profile(settings)
    if problem:
        raise SettingsError(problem)
    if theme_names is not None and settings.theme and settings.theme not in theme_names:
        raise SettingsError(f"unknown theme {settings.theme!r}; available: {', '.join(sorted(theme_names))}")


def info_text(settings: Settings, keymap_problems: list[str] | None = None) -> str:
    """What `--info` prints: every location the console reads or writes, and the effective settings.

    `keymap_problems` are the `[keymap]` entries the console would refuse (unknown binding ids, bad
    key names): tui/__main__.py checks them, since that needs the console's bindings (Textual)."""
    oci_config = Path(os.path.expanduser(settings.config_file or "~/.oci/config"))
    themes = [d for d in theme_dirs() if d.is_dir()]
    profile_source = settings.sources.get("profile", "default")
    lines = [
        f"config file : {config_path()}{'' if config_path().is_file() else '  (not present)'}",
        f"log file    : {settings.log_file or default_log_file()}",
        "themes      : " + ("\n              ".join(str(d) for d in themes) or "(no theme folder exists)"),
        f"OCI config  : {oci_config}{'' if oci_config.is_file() else '  (not present)'}",
        f"profile     : {settings.profile or 'DEFAULT'}  ({profile_source})",
        f"auth mode   : {_auth_line(settings)}",
    ]
    lines += [f"keymap      : {problem.removeprefix('keymap: ')}" for problem in keymap_problems or []]
    lines += ["", "effective settings:"]
    for f in fields(Settings):
        if f.name == "sources":
            continue
        source = settings.sources.get(f.name, "default")
        lines.append(f"  {f.name:<18} = {getattr(settings, f.name)!r:<40} ({source})")
    return "\n".join(lines)


def _auth_line(settings: Settings) -> str:
    """The auth mode the console will use and where that choice came from (as the OCI CLI decides)."""
    try:
        from tui.cloud.auth import choose_auth

        mode, source = choose_auth(settings.auth, name=settings.profile, config_file=settings.config_file)
    except Exception as exc:  # an unknown mode: say so, --info must not fail
        return f"{settings.auth!r}: {getattr(exc, 'message', exc)}"
    if settings.auth:
        source = settings.sources.get("auth", "flag")
    return f"{mode}  ({source})"
