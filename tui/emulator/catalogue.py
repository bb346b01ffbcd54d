"""The pretrained (BASE) model catalogue per region and the Hugging Face models accepted for import.

Data from /work/shared/reference/base-models.md (a snapshot). Regions are 3-letter keys; where the
docs give "OD+DAC" and "DAC only" lists, both count as "listed in that region". Versions and dates
the docs do not give are plausible defaults (UNCONFIRMED there, so here too).
Dates: (release, deprecated, on-demand retired, dedicated retired); None = not set.
"""

from __future__ import annotations

from dataclasses import dataclass

CORE5 = "ord gru fra kix lhr"


@dataclass(frozen=True)
class BaseModel:
    name: str
    vendor: str
    version: str
    capabilities: tuple[str, ...]
    regions: tuple[str, ...]
    released: str
    deprecated: str | None = None
    od_retired: str | None = None
    ded_retired: str | None = None
    details: str = "Base Model created"
    long_term: bool | None = False


def _m(name, vendor, version, caps, regions, released, deprecated=None, od=None, ded=None, details="Base Model created", lts=False):
    return BaseModel(name, vendor, version, tuple(caps.split()), tuple(regions.split()), released,
                     deprecated, od, ded, details, lts)


BASE_MODELS: tuple[BaseModel, ...] = (
    # Cohere chat
    _m("cohere.command-a-03-2025", "cohere", "1.0", "CHAT", "ord gru fra hyd kix ruh lhr iad dxb", "2025-05-14"),
    _m("cohere.command-a-reasoning", "cohere", "1.0", "CHAT", "iad ord phx gru fra hyd kix dxb lhr", "2026-01-21"),
    _m("cohere.command-a-vision", "cohere", "1.0", "CHAT IMAGE_TEXT_TO_TEXT", "ord iad phx", "2026-01-21"),
    _m("cohere.command-r-08-2024", "cohere", "1.7", "CHAT FINE_TUNE", CORE5 + " iad ruh", "2024-11-14"),
    _m("cohere.command-r-plus-08-2024", "cohere", "1.6", "CHAT", CORE5 + " iad ruh", "2024-11-14"),
    _m("cohere.command-r-plus-08-2024-tp4-64k", "cohere", "1.6", "CHAT", "dxb", "2024-11-14"),
    _m("cohere.command-r-16k", "cohere", "1.2", "CHAT FINE_TUNE", "ord gru fra lhr", "2024-06-04",
       "2024-11-14", "2025-01-16", "2025-08-07", "Created", None),
    _m("cohere.command-r-plus", "cohere", "1.2", "CHAT", "ord gru fra lhr", "2024-06-18",
       "2024-11-14", "2025-01-16", "2025-08-07", "Created BaseModel", None),
    _m("cohere.command", "cohere", "14.2", "TEXT_GENERATION FINE_TUNE", "ord", "2024-02-07",
       "2024-06-26", "2024-10-02", "2025-08-07", "BaseModel created", None),
    _m("cohere.command", "cohere", "15.6", "TEXT_GENERATION FINE_TUNE", "ord", "2024-02-07",
       "2024-06-26", "2024-10-02", "2025-08-07", "Base Model created", None),
    _m("cohere.command", "cohere", "15.6", "TEXT_SUMMARIZATION", "ord", "2024-02-07",
       "2024-06-26", "2024-10-02", "2025-08-07", "Creating Base Model", None),
    _m("cohere.command-light", "cohere", "15.6", "TEXT_GENERATION FINE_TUNE", "ord", "2024-02-07",
       "2024-06-26", "2024-10-02", "2025-08-07", "Created", None),
    # Cohere embed / rerank
    _m("cohere.embed-v4.0", "cohere", "4.0", "TEXT_EMBEDDINGS", "ord kix ruh gru fra hyd dxb lhr iad", "2025-07-03"),
    _m("cohere.embed-english-v3.0", "cohere", "3.0", "TEXT_EMBEDDINGS", "ord", "2024-02-07",
       "2025-07-10", "2026-09-30", "2026-09-30"),
    _m("cohere.embed-multilingual-v3.0", "cohere", "3.0", "TEXT_EMBEDDINGS", "ord gru fra kix dxb lhr ruh",
       "2024-02-07", "2025-07-10", "2026-09-30", "2026-09-30"),
    _m("cohere.embed-english-light-v3.0", "cohere", "3.0", "TEXT_EMBEDDINGS", "ord", "2024-02-07",
       "2025-07-10", "2026-09-30"),
    _m("cohere.embed-multilingual-light-v3.0", "cohere", "3.0", "TEXT_EMBEDDINGS", "ord", "2024-02-07",
       "2025-07-10", "2026-09-30"),
    _m("cohere.embed-english-image-v3.0", "cohere", "3.0", "TEXT_EMBEDDINGS", "iad ord", "2025-05-14",
       "2025-07-10", None, "2026-09-30"),
    _m("cohere.embed-multilingual-image-v3.0", "cohere", "3.0", "TEXT_EMBEDDINGS",
       "ord hyd gru fra kix dxb lhr iad", "2025-05-14", "2025-07-10", "2026-09-30", "2026-09-30"),
    _m("cohere.rerank.3-5", "cohere", "3.5", "TEXT_RERANK", "iad ord", "2025-05-14"),
    # Meta
    _m("meta.llama-4-maverick-17b-128e-instruct-fp8", "meta", "1.0", "CHAT IMAGE_TEXT_TO_TEXT",
       "ord gru hyd kix ruh lhr", "2025-05-14"),
    _m("meta.llama-4-scout-17b-16e-instruct", "meta", "1.0", "CHAT IMAGE_TEXT_TO_TEXT", "ord gru hyd kix ruh lhr",
       "2025-05-14"),
    _m("meta.llama-3.3-70b-instruct", "meta", "1.0", "CHAT FINE_TUNE", CORE5 + " hyd ruh", "2025-02-07"),
    _m("meta.llama-3.3-70b-instruct", "meta", "1.0", "CHAT", "str ltn", "2025-02-07"),
    _m("meta.llama-3.3-70b-instruct-fp8-dynamic", "meta", "1.0", "CHAT", "str ltn dxb", "2025-06-01"),
    _m("meta.llama-3.2-90b-vision-instruct", "meta", "1.0", "CHAT IMAGE_TEXT_TO_TEXT", "ord gru kix lhr ruh",
       "2024-11-14"),
    _m("meta.llama-3.2-11b-vision-instruct", "meta", "1.0", "CHAT IMAGE_TEXT_TO_TEXT", "ord", "2024-11-14"),
    _m("meta.llama-3.1-405b-instruct", "meta", "1.0", "CHAT", CORE5, "2024-09-19"),
    _m("meta.llama-3.1-70b-instruct", "meta", "1.0", "CHAT FINE_TUNE", CORE5, "2024-09-19",
       "2025-03-01", "2025-09-01", "2026-03-01"),
    _m("meta.llama-3-70b-instruct", "meta", "1.0", "CHAT FINE_TUNE", "ord gru fra lhr", "2024-06-04",
       "2024-09-19", "2024-12-19", "2025-06-19", "Created", None),
    _m("meta.llama-2-70b-chat", "meta", "1.0", "TEXT_GENERATION", "ord", "2024-01-05",
       "2024-06-04", "2024-07-04", "2024-12-04", "Created", None),
    # xAI (on-demand only)
    _m("xai.grok-4", "xai", "1.0", "CHAT IMAGE_TEXT_TO_TEXT", "iad ord phx", "2025-07-23"),
    _m("xai.grok-4-fast-reasoning", "xai", "1.0", "CHAT", "iad ord phx", "2025-10-01"),
    _m("xai.grok-4-fast-non-reasoning", "xai", "1.0", "CHAT", "iad ord phx", "2025-10-01"),
    _m("xai.grok-code-fast-1", "xai", "1.0", "CHAT", "iad ord phx", "2025-09-01"),
    _m("xai.grok-3", "xai", "1.0", "CHAT", "ord", "2025-05-14"),
    _m("xai.grok-3-mini", "xai", "1.0", "CHAT", "ord", "2025-05-14"),
    _m("xai.grok-3-mini-fast", "xai", "1.0", "CHAT", "ord", "2025-05-14"),
    # Google (external) and OpenAI open-weight
    _m("google.gemini-2.5-pro", "google", "2.5", "CHAT IMAGE_TEXT_TO_TEXT", "iad ord phx", "2025-08-29"),
    _m("google.gemini-2.5-flash", "google", "2.5", "CHAT IMAGE_TEXT_TO_TEXT", "iad ord phx", "2025-08-29"),
    _m("google.gemini-2.5-flash-lite", "google", "2.5", "CHAT IMAGE_TEXT_TO_TEXT", "iad ord phx", "2025-08-29"),
    _m("openai.gpt-oss-120b", "openai", "1.0", "CHAT", "ord fra kix str ltn", "2025-09-09"),
    _m("openai.gpt-oss-20b", "openai", "1.0", "CHAT", "ord fra kix", "2025-09-09"),
)

#: Hugging Face ids accepted for import, with their capability (base-models.md §5).
SUPPORTED_IMPORTS: dict[str, str] = {
    "meta-llama/Llama-2-7b-chat-hf": "TEXT_TO_TEXT",
    "meta-llama/Llama-2-13b-chat-hf": "TEXT_TO_TEXT",
    "meta-llama/Llama-2-70b-chat-hf": "TEXT_TO_TEXT",
    "meta-llama/Meta-Llama-3-8B-Instruct": "TEXT_TO_TEXT",
    "meta-llama/Meta-Llama-3-70B-Instruct": "TEXT_TO_TEXT",
    "meta-llama/Llama-3.1-8B-Instruct": "TEXT_TO_TEXT",
    "meta-llama/Llama-3.1-70B-Instruct": "TEXT_TO_TEXT",
    "meta-llama/Llama-3.1-405B-Instruct-FP8": "TEXT_TO_TEXT",
    "meta-llama/Llama-3.2-1B-Instruct": "TEXT_TO_TEXT",
    "meta-llama/Llama-3.2-3B-Instruct": "TEXT_TO_TEXT",
    "meta-llama/Llama-3.2-11B-Vision-Instruct": "IMAGE_TEXT_TO_TEXT",
    "RedHatAI/Llama-3.2-90B-Vision-Instruct-FP8-dynamic": "IMAGE_TEXT_TO_TEXT",
    "meta-llama/Llama-3.3-70B-Instruct": "TEXT_TO_TEXT",
    "meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8": "IMAGE_TEXT_TO_TEXT",
    "meta-llama/Llama-4-Scout-17B-16E-Instruct": "IMAGE_TEXT_TO_TEXT",
    "google/gemma-2-9b-it": "TEXT_TO_TEXT",
    "google/gemma-3-27b-it": "IMAGE_TEXT_TO_TEXT",
    "openai/gpt-oss-20b": "TEXT_TO_TEXT",
    "openai/gpt-oss-120b": "TEXT_TO_TEXT",
}
