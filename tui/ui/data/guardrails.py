"""An endpoint's three guardrails as the console edits them: one word per guardrail, OFF / INFORM / BLOCK.

Why a pure module: the deploy wizard, the edit dialog and the edit conflict check (theirs vs yours)
all need the same answer to "what is this endpoint's content moderation?" and the same way back to
the request body, without Textual. The API's configs are `{isEnabled, mode, modelId}`; an operator
thinks "off, flag it, or block it". A mode the API holds that is neither (prompt injection and PII
modes are free strings) is kept as it is, never rewritten.
"""

from __future__ import annotations

from typing import Any, Callable

from tui.cloud import builders_serving

OFF = "OFF"
MODES = (OFF, "INFORM", "BLOCK")

#: (request field, label, builder) in the order the forms show them
GUARDRAILS: tuple[tuple[str, str, Callable[..., Any]], ...] = (
    ("content_moderation_config", "Content moderation", builders_serving.content_moderation_config),
    ("prompt_injection_config", "Prompt injection", builders_serving.prompt_injection_config),
    ("pii_detection_config", "PII detection", builders_serving.pii_detection_config),
)
FIELDS = tuple(name for name, _, _ in GUARDRAILS)
LABELS = {name: label for name, label, _ in GUARDRAILS}
#: what a new endpoint gets unless the operator changes it: harmful text blocked, the rest flagged
DEFAULTS: dict[str, str] = {"content_moderation_config": "BLOCK", "prompt_injection_config": "INFORM",
                            "pii_detection_config": "INFORM"}


def mode_of(config: Any) -> str:
    """OFF for a missing or disabled config, else its mode (INFORM when enabled without one)."""
    if config is None or not getattr(config, "is_enabled", False):
        return OFF
    mode = getattr(config, "mode", None)
    return str(mode).strip().upper() if isinstance(mode, str) and mode.strip() else "INFORM"


def modes_of(resource: Any) -> dict[str, str]:
    """The three modes of an SDK Endpoint; {} for a resource without guardrails (a model)."""
    if not any(hasattr(resource, name) for name in FIELDS):
        return {}
    return {name: mode_of(getattr(resource, name, None)) for name in FIELDS}


def configs(modes: dict[str, str], only: set[str] | None = None) -> dict[str, Any]:
    """The SDK config objects for `modes` (builder keyword → object); `only` limits the fields.

    Raises BuilderError naming the guardrail for a mode the builders refuse."""
    out: dict[str, Any] = {}
    for name, _label, build in GUARDRAILS:
        if name not in modes or (only is not None and name not in only):
            continue
        mode = modes[name]
        out[name] = build(False) if mode == OFF else build(True, mode)
    return out


def summary(modes: dict[str, str]) -> str:
    """`Content moderation BLOCK · Prompt injection INFORM · PII detection off`."""
    return " · ".join(f"{LABELS[n]} {'off' if modes.get(n, OFF) == OFF else modes[n]}" for n in FIELDS)
