"""Dedicated AI cluster facts: the unit shapes, and which shape and unit count suit which model.

Sources: the SDK 2.189.0 enum on ``DedicatedAiCluster.unit_shape`` (the 124 shapes below), the API
reference §7.4 ("Matching Base Models to Clusters", limitations.htm) and §7.5 (recommended shapes
for imported models). A client must show any shape it receives and never refuse one it does not
know, so an unknown shape is answered with ``suits=True`` and a warning, never with a refusal.

``fit(model, shape, purpose)`` is the one question both the local service (to fail a mismatched
fine-tune or endpoint the way the service does) and the console (to grey out a cluster with the
reason) ask; ``presets(model, purpose)`` gives the shape and unit count to pre-fill a create form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "CLUSTER_TYPES", "HOSTING", "FINE_TUNING", "UNIT_SHAPES", "ENDPOINTS_PER_UNIT", "ClusterNeed", "Rule",
    "RULES", "IMPORTED_RECOMMENDED", "Fit", "is_known_shape", "is_gpu_shape", "rule_for", "presets", "fit",
    "fit_imported",
]

HOSTING = "HOSTING"
FINE_TUNING = "FINE_TUNING"
CLUSTER_TYPES = (HOSTING, FINE_TUNING)

#: Endpoints one hosting unit serves (UNCONFIRMED: the reference's sensible default).
ENDPOINTS_PER_UNIT = 50

UNIT_SHAPES: tuple[str, ...] = (
    "LARGE_COHERE", "LARGE_COHERE_V2", "SMALL_COHERE", "SMALL_COHERE_V2", "SMALL_COHERE_4", "EMBED_COHERE",
    "LLAMA2_70", "LARGE_GENERIC", "LARGE_COHERE_V2_2", "LARGE_GENERIC_4", "SMALL_GENERIC_V2",
    "LARGE_GENERIC_2", "LARGE_GENERIC_V2", "LARGE_GENERIC_V3", "LARGE_GENERIC_V4", "LARGE_GENERIC_V5",
    "COHERE_H100_X1", "COHERE_A100_80G_X1", "COHERE_A100_40G_X1", "COHERE_A10_X1", "COHERE_A100_40G_X2",
    "COHERE_A100_40G_X4", "COHERE_A100_40G_X8", "COHERE_A100_80G_X2", "COHERE_A100_80G_X4",
    "COHERE_A100_80G_X8", "COHERE_H100_X2", "COHERE_H100_X4", "COHERE_H100_X8", "COHERE_H200_X1",
    "COHERE_H200_X2", "COHERE_H200_X4", "COHERE_H200_X8", "COHERE_B200_X1", "COHERE_B200_X2",
    "COHERE_B200_X4", "COHERE_B200_X8", "META_A100_40G_X1", "META_A100_40G_X2", "META_A100_40G_X4",
    "META_A100_40G_X8", "META_A100_80G_X1", "META_A100_80G_X2", "META_A100_80G_X4", "META_A100_80G_X8",
    "META_H100_X1", "META_H100_X2", "META_H100_X4", "META_H100_X8", "META_H200_X1", "META_H200_X2",
    "META_H200_X4", "META_H200_X8", "META_B200_X1", "META_B200_X2", "META_B200_X4", "META_B200_X8",
    "COHERE_B300_X1", "META_B300_X1", "OAI_B300_X1", "LARGE_COHERE_V3", "RERANK_COHERE", "SMALL_GENERIC_V1",
    "MEDIUM_GENERIC_V1", "LARGE_GENERIC_V1", "A10_X1", "A10_X2", "A10_X4", "A100_40G_X1", "A100_40G_X2",
    "A100_40G_X4", "A100_40G_X8", "A100_80G_X1", "A100_80G_X2", "A100_80G_X4", "A100_80G_X8", "H100_X1",
    "H100_X2", "H100_X4", "H100_X8", "H100_X16", "H100_X32", "H200_X1", "H200_X2", "H200_X4", "H200_X8",
    "OAI_H100_X4", "OAI_A10_X2", "OAI_H100_X1", "OAI_H100_X2", "OAI_H200_X1", "OAI_A100_80G_X1",
    "OAI_A100_80G_X2", "OAI_A100_40G_X1", "OAI_A100_40G_X4", "B200_X1", "B200_X2", "B200_X4", "B200_X8",
    "OAI_B200_X1", "OAI_B200_X2", "OAI_B200_X4", "OAI_B200_X8", "SB_B200_X1", "B200_X16", "B200_X32",
    "B300_X1", "B300_X2", "B300_X4", "B300_X8", "B300_X16", "B300_X32", "L40S_X1", "L40S_X2", "L40S_X4",
    "L40S_X8", "L40S_X16", "L40S_X32", "MI300X_X1", "MI300X_X2", "MI300X_X4", "MI300X_X8", "MI300X_X16",
    "MI300X_X32",
)
_KNOWN = frozenset(UNIT_SHAPES)
_GPU = re.compile(r"(?:(?:COHERE|META|OAI|SB)_)?(?:A10|A100_40G|A100_80G|H100|H200|B200|B300|L40S|MI300X)_X\d+")


@dataclass(frozen=True)
class ClusterNeed:
    """A shape and unit count; ``fixed`` when the service fixes the count (fine-tuning clusters)."""

    shape: str
    unit_count: int
    fixed: bool = False


@dataclass(frozen=True)
class Rule:
    """One row of the §7.4 table. ``confirmed`` is False for rows inferred from a sibling model."""

    base_models: tuple[str, ...]
    fine_tuning: ClusterNeed
    hosting: ClusterNeed
    confirmed: bool = True


RULES: tuple[Rule, ...] = (
    Rule(("cohere.command-r-16k", "cohere.command-r-08-2024"),
         ClusterNeed("SMALL_COHERE_V2", 8, True), ClusterNeed("SMALL_COHERE_V2", 1)),
    Rule(("meta.llama-3-70b-instruct", "meta.llama-3.1-70b-instruct"),
         ClusterNeed("LARGE_GENERIC", 2, True), ClusterNeed("LARGE_GENERIC", 1)),
    # Llama 3.3 70B is LoRA-tunable like 3 / 3.1 (§7.2); the table predates it.
    Rule(("meta.llama-3.3-70b-instruct",),
         ClusterNeed("LARGE_GENERIC", 2, True), ClusterNeed("LARGE_GENERIC", 1), confirmed=False),
    Rule(("cohere.command",), ClusterNeed("LARGE_COHERE", 2, True), ClusterNeed("LARGE_COHERE", 1)),
    Rule(("cohere.command-light",), ClusterNeed("SMALL_COHERE", 2, True), ClusterNeed("SMALL_COHERE", 1)),
)
_BY_NAME = {name: rule for rule in RULES for name in rule.base_models}

#: Hugging Face ids with the shape the docs recommend for hosting them once imported (§7.5).
IMPORTED_RECOMMENDED: dict[str, str] = {
    "google/gemma-2-9b-it": "A100_80G_X1",
    "google/gemma-3-27b-it": "A100_80G_X2",
    "openai/gpt-oss-20b": "H100_X1",
    "openai/gpt-oss-120b": "H100_X2",
}


@dataclass(frozen=True)
class Fit:
    """The answer for one (model, shape, purpose).

    ``suits`` is False only when the facts say the shape does not suit; ``warning`` is set when the
    answer is not certain (unknown shape, model without facts, an inferred row, a unit count other
    than the documented one); ``reason`` is one line for the operator either way.
    """

    suits: bool
    known_shape: bool
    reason: str
    warning: str | None = None
    need: ClusterNeed | None = None


def is_known_shape(shape: str) -> bool:
    return shape in _KNOWN


def is_gpu_shape(shape: str) -> bool:
    """A plain or vendor-prefixed GPU shape (A10 … MI300X), the kind imported models run on."""
    return bool(_GPU.fullmatch(shape))


def rule_for(base_model_name: str | None) -> Rule | None:
    return _BY_NAME.get((base_model_name or "").strip())


def _purpose(purpose: str) -> str:
    p = purpose.strip().upper().replace("-", "_")
    if p not in CLUSTER_TYPES:
        raise ValueError(f"purpose {purpose!r} is not one of {', '.join(CLUSTER_TYPES)}")
    return p


def presets(base_model_name: str | None, purpose: str) -> tuple[ClusterNeed, ...]:
    """The shape(s) and unit count to pre-fill a create-cluster form with; () when no fact is known."""
    rule = rule_for(base_model_name)
    if rule is None:
        return ()
    return (rule.fine_tuning if _purpose(purpose) == FINE_TUNING else rule.hosting,)


def fit(base_model_name: str | None, shape: str, purpose: str, unit_count: int | None = None) -> Fit:
    """Whether a cluster of ``shape`` (× ``unit_count``) suits ``base_model_name`` for ``purpose``."""
    p = _purpose(purpose)
    known = is_known_shape(shape)
    rule = rule_for(base_model_name)
    if rule is None:
        return Fit(True, known, f"no cluster facts for {base_model_name or 'this model'}",
                   f"no documented cluster shape for {base_model_name or 'this model'}; check before using it")
    need = rule.fine_tuning if p == FINE_TUNING else rule.hosting
    use = "fine-tuning" if p == FINE_TUNING else "hosting"
    if not known:
        return Fit(True, False, f"unknown shape {shape}",
                   f"shape {shape} is not one this console knows; {base_model_name} {use} uses {need.shape}", need)
    if shape != need.shape:
        return Fit(False, True, f"{base_model_name} {use} needs {need.shape}, not {shape}", None, need)
    warning = None if rule.confirmed else f"inferred: the docs do not list {base_model_name}"
    if unit_count is not None and p == FINE_TUNING and unit_count != need.unit_count:
        warning = f"{base_model_name} fine-tuning uses {need.unit_count} units, this cluster has {unit_count}"
    return Fit(True, True, f"{shape} suits {base_model_name} {use}", warning, need)


def fit_imported(hugging_face_id: str | None, shape: str) -> Fit:
    """Whether ``shape`` suits hosting an imported model (identified by its Hugging Face id, if any)."""
    known = is_known_shape(shape)
    recommended = IMPORTED_RECOMMENDED.get((hugging_face_id or "").strip())
    need = ClusterNeed(recommended, 1) if recommended else None
    if not known:
        return Fit(True, False, f"unknown shape {shape}",
                   f"shape {shape} is not one this console knows; imported models run on GPU shapes", need)
    if not is_gpu_shape(shape):
        return Fit(False, True, f"imported models run on GPU shapes (A10 … MI300X), not {shape}", None, need)
    if recommended is None:
        return Fit(True, True, f"{shape} is a GPU shape", "no recommended shape documented for this model", need)
    if shape != recommended:
        return Fit(True, True, f"{shape} is a GPU shape", f"the docs recommend {recommended}", need)
    return Fit(True, True, f"{shape} is the recommended shape", None, need)
