"""The service layer: everything the console does to OCI Generative AI, usable without a terminal.

Scripts and the console share it so that what the console shows is exactly what a script would get;
it never imports Textual and returns plain data (SDK model objects and ``str``), never markup.

The names below are loaded on first use (PEP 562): importing the package must not pull in the
OCI SDK (~0.2 s), which the console loads in a worker
after its first paint and the local service never needs.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Profile": "auth", "list_profiles": "auth", "load_profile": "auth", "profile_from_config": "auth",
    "BuilderError": "builder_error",
    "CloudSession": "clients",
    "CloudError": "errors", "from_exception": "errors",
    "Result": "calls", "new_retry_token": "tokens",
    "GenAI": "operations",
    "IMPORTED_MODEL": "resources", "KINDS": "resources", "MODEL": "resources", "ResourceKind": "resources",
    "kind_of": "resources", "normalize_capability": "resources",
    "WorkRequests": "work_requests",
}

__all__ = sorted(_EXPORTS)

from tui.cloud.sdk_loading import defer_unused_services  # noqa: E402

defer_unused_services()  # before anything here imports the SDK (tui/cloud/sdk_loading.py)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'tui.cloud' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"tui.cloud.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
