"""Load the OCI SDK without the two service clients its package imports and the console never uses.

`import oci` (which every `oci.<service>` import runs first) imports `oci.pagination`, whose helpers
import the DNS and Object Storage clients and models at module level: about a third of the SDK's
import time (~0.1 s of CPU here, on the path to the console's first row). `defer_unused_services`
puts a finder in front of `sys.meta_path` that gives those two packages a `LazyLoader`: they are
created empty and run on first attribute access, so anything that does use them (the pagination
helpers, a script calling `oci.object_storage.ObjectStorageClient`) still gets the real module.
Installed by `tui.cloud` on import (it costs nothing: the SDK itself is not imported here); once
`oci` has been imported whole there is nothing left to defer and it does nothing.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
from collections.abc import Sequence
from types import ModuleType

#: imported by oci.pagination.pagination_utils at module level, used by it only for DNS record and
#: Object Storage listings
DEFERRED = frozenset({"oci.dns", "oci.object_storage"})


class DeferredServices(importlib.abc.MetaPathFinder):
    """Finds `DEFERRED` packages like the path finder does, with their loader made lazy."""

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if fullname not in DEFERRED:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return spec
        spec.loader = importlib.util.LazyLoader(spec.loader)
        return spec


def defer_unused_services() -> None:
    if "oci" in sys.modules or any(isinstance(f, DeferredServices) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, DeferredServices())
