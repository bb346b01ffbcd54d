"""Model and imported-model enums, as the API defines them (SDK 2.189.0 `Model` / `ImportedModel`).

The client validates filters and bodies against them (tui/cloud/resources.py) and the local service
does the same (tui/emulator/validate.py): one copy, so the two cannot drift.
"""

from __future__ import annotations

__all__ = [
    "MODEL_STATES", "IMPORTED_MODEL_STATES", "MODEL_CAPABILITIES", "IMPORTED_MODEL_CAPABILITIES",
    "IMPORTED_MODEL_PRIMARY_CAPABILITIES",
]

MODEL_STATES = ("ACTIVE", "CREATING", "DELETING", "DELETED", "FAILED")
IMPORTED_MODEL_STATES = ("ACTIVE", "CREATING", "UPDATING", "DELETING", "DELETED", "FAILED")

_MULTIMODAL = (
    "TEXT_TO_IMAGE", "IMAGE_TEXT_TO_IMAGE", "IMAGE_TEXT_TO_TEXT", "IMAGE_TEXT_TO_VIDEO", "IMAGE_TO_IMAGE",
    "REALTIME", "AUDIO_TO_AUDIO", "AUDIO_TO_TEXT", "TEXT_TO_AUDIO", "TEXT_TO_VIDEO", "AUDIO_TEXT_TO_TEXT",
    "AUDIO_TRANSLATION", "VIDEO_TEXT_TO_TEXT",
)
MODEL_CAPABILITIES = (
    "TEXT_GENERATION", "TEXT_SUMMARIZATION", "TEXT_EMBEDDINGS", "FINE_TUNE", "CHAT", "TEXT_RERANK",
) + _MULTIMODAL
#: An imported model supports exactly one of these (manage-imported-models.htm).
IMPORTED_MODEL_PRIMARY_CAPABILITIES = ("TEXT_TO_TEXT", "IMAGE_TEXT_TO_TEXT", "EMBEDDING", "RERANK")
IMPORTED_MODEL_CAPABILITIES = IMPORTED_MODEL_PRIMARY_CAPABILITIES + tuple(
    c for c in _MULTIMODAL if c != "IMAGE_TEXT_TO_TEXT"
)
