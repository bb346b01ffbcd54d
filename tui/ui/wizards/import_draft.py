"""The import wizard's draft. The Hugging Face token is a field that never prints itself.

Why `repr=False` on the token: a draft may end up in a log line, a traceback or a debugger; the
token must not. `build()` hands it to the builders, which mark it redacted in the SDK object too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tui.cloud import builders

HUGGING_FACE = "HUGGING_FACE_MODEL"
OBJECT_STORAGE = "OBJECT_STORAGE_OBJECT"


@dataclass
class ImportDraft:
    source: str = HUGGING_FACE
    hf_model_id: str = ""
    hf_branch: str = "main"
    hf_commit: str = ""
    hf_token: str = field(default="", repr=False)
    os_namespace: str = ""
    os_bucket: str = ""
    os_prefix: str = ""
    os_region: str = ""
    capability: str = ""
    display_name: str = ""
    vendor: str = ""
    version: str = ""
    description: str = ""
    freeform_tags: dict[str, str] = field(default_factory=dict)

    def data_source(self) -> Any:
        if self.source == HUGGING_FACE:
            return builders.hugging_face_data_source(
                self.hf_model_id, access_token=self.hf_token or None,
                branch=self.hf_branch or None, commit=self.hf_commit or None,
            )
        return builders.object_storage_data_source(
            self.os_namespace, self.os_bucket, self.os_prefix, region=self.os_region or None,
        )

    def build(self, compartment_id: str) -> Any:
        """CreateImportedModelDetails; raises BuilderError (field + rule) for anything invalid."""
        return builders.create_imported_model_details(
            compartment_id, self.data_source(), capability=self.capability or None,
            display_name=self.display_name or None, description=self.description or None,
            vendor=self.vendor or None, version=self.version or None,
            freeform_tags=dict(self.freeform_tags) or None,
        )
