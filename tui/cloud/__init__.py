"""The service layer: everything the console does to OCI Generative AI, usable without a terminal.

Scripts and the console share it so that what the console shows is exactly what a script would get;
it never imports Textual and returns plain data (SDK model objects and ``str``), never markup.
"""

from tui.cloud.auth import Profile, list_profiles, load_profile, profile_from_config
from tui.cloud.builders import BuilderError
from tui.cloud.clients import CloudSession
from tui.cloud.errors import CloudError, from_exception
from tui.cloud.operations import GenAI, Result, new_retry_token
from tui.cloud.regions import (
    HOME_REGION_ID,
    REGIONS,
    Region,
    UnknownRegionError,
    lookup_region,
    region_from_ocid,
    resolve_region,
)
from tui.cloud.resources import IMPORTED_MODEL, KINDS, MODEL, ResourceKind, kind_of, normalize_capability
from tui.cloud.work_requests import WorkRequests

__all__ = [
    "BuilderError", "CloudError", "CloudSession", "GenAI", "HOME_REGION_ID", "IMPORTED_MODEL", "KINDS", "MODEL",
    "Profile", "REGIONS", "Region", "ResourceKind", "Result", "UnknownRegionError", "WorkRequests",
    "from_exception", "kind_of", "list_profiles", "load_profile", "lookup_region", "new_retry_token",
    "normalize_capability", "profile_from_config", "region_from_ocid", "resolve_region",
]
