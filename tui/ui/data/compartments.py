"""Compartment names and paths: what `:compartment <name>` and `--compartment <name|path>` mean.

Pure functions over the compartment cache (OCID -> Compartment with `.name` and `.compartment_id`),
so the command line, the `:` command and the palette resolve a name the same way, and tests need
no service. A path is names from the root (`genai-prod/genai-prod-models`, optionally starting with
`root/` or `/`); it also matches as a suffix of a deeper path when that is unambiguous.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ROOT_WORDS = ("root", "tenancy", "/")
_MAX_DEPTH = 20


def path_names(compartments: Mapping[str, Any], compartment_id: str) -> list[str]:
    """Names from just under the root down to `compartment_id` ([] for the root or an unknown id)."""
    names: list[str] = []
    current = compartments.get(compartment_id)
    while current is not None and len(names) < _MAX_DEPTH:
        names.append(str(current.name))
        current = compartments.get(current.compartment_id)
    return list(reversed(names))


def find(compartments: Mapping[str, Any], tenancy_id: str | None, query: str) -> list[str]:
    """OCIDs of the compartments `query` names: 'root', a path, an exact name, else a name substring."""
    wanted = query.strip()
    if wanted.lower() in ROOT_WORDS:
        return [tenancy_id] if tenancy_id else []
    if "/" in wanted.strip("/"):
        segments = [s.lower() for s in wanted.strip("/").split("/") if s]
        if segments and segments[0] in ("root", "tenancy"):
            segments = segments[1:]
        paths = {cid: [n.lower() for n in path_names(compartments, cid)] for cid in compartments}
        exact = [cid for cid, names in paths.items() if names == segments]
        if exact:
            return exact
        return [cid for cid, names in paths.items() if len(names) > len(segments) and names[-len(segments):] == segments]
    name = wanted.strip("/").lower()
    exact = [cid for cid, c in compartments.items() if str(c.name).lower() == name]
    if exact:
        return exact
    return [cid for cid, c in compartments.items() if name and name in str(c.name).lower()]
