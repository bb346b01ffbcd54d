"""The fine-tune wizard's draft: what the operator chose, as typed, and how it becomes a request.

Why text, not numbers: a field keeps exactly what was typed (also when invalid, also after a failed
submit); only `build()` turns it into SDK objects, through the service-layer builders, which name the
field and rule of anything wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tui.cloud import builders


@dataclass
class FineTuneDraft:
    base_model_id: str = ""
    base_model_name: str = ""
    method: str = ""
    #: hyperparameter text per (base model name, method), so a detour keeps the values typed
    hyper: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    namespace: str = ""
    bucket: str = ""
    object_name: str = ""
    cluster_id: str = ""
    cluster_name: str = ""  # what the review's summary shows (empty for a pasted OCID)
    cluster_shape: str = ""
    display_name: str = ""
    version: str = ""
    description: str = ""
    freeform_tags: dict[str, str] = field(default_factory=dict)

    @property
    def hyper_key(self) -> tuple[str, str]:
        return (self.base_model_name, self.method)

    def hyperparameters(self) -> dict[str, str]:
        return self.hyper.get(self.hyper_key, {})

    def build(self, compartment_id: str) -> Any:
        """CreateModelDetails; raises BuilderError (field + rule) for anything invalid."""
        values: dict[str, Any] = {k: v for k, v in self.hyperparameters().items() if v.strip()}
        config = builders.training_config(self.method, base_model_name=self.base_model_name, **values)
        dataset = builders.object_storage_dataset(self.namespace, self.bucket, self.object_name)
        details = builders.fine_tune_details(dataset, self.cluster_id, config)
        return builders.create_model_details(
            compartment_id, self.base_model_id, details,
            display_name=self.display_name or None, description=self.description or None,
            version=self.version or None, freeform_tags=dict(self.freeform_tags) or None,
        )
