"""Which dedicated AI clusters a console may offer for a fine-tune or an endpoint, and why not the rest.

A thin layer over the data-only ``tui.facts.clusters``: it reads SDK objects (clusters, models,
imported models) so that a picker can call one function per cluster and grey out the unsuitable
ones with the reason, the same rules the service (and the local service) apply. Unknown shapes
and models without facts are offered with a warning, never hidden.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable

from tui.facts import clusters as facts
from tui.facts.clusters import ClusterNeed, Fit

__all__ = ["ClusterChoice", "Subject", "subject_of", "judge_cluster", "judge_clusters", "free_capacity",
           "presets", "fit", "ClusterNeed", "Fit"]

presets = facts.presets
fit = facts.fit


@dataclass(frozen=True)
class Subject:
    """What a cluster must suit: a base model by name, or an imported model (by Hugging Face id if any)."""

    base_model_name: str | None = None
    imported: bool = False
    hugging_face_id: str | None = None
    model_state: str | None = None


@dataclass(frozen=True)
class ClusterChoice:
    """One cluster as a picker shows it: ``usable`` or greyed with ``reason``; ``warning`` either way."""

    cluster: Any
    usable: bool
    reason: str
    warning: str | None
    fit: Fit


def subject_of(model: Any, base_name_of: Callable[[str], str | None] | None = None) -> Subject:
    """The Subject for an SDK Model / ImportedModel (summary or full).

    A custom model suits what its base model suits: ``base_name_of(base_model_id)`` names it (the
    console has the base models listed already; without it the custom model's own name is used).
    """
    state = getattr(model, "lifecycle_state", None)
    source = getattr(model, "data_source", None)
    if source is not None or not hasattr(model, "base_model_id"):
        hf = getattr(source, "model_id", None) if getattr(source, "source_type", None) == "HUGGING_FACE_MODEL" else None
        return Subject(imported=True, hugging_face_id=hf, model_state=state)
    if getattr(model, "type", None) == "CUSTOM" and getattr(model, "base_model_id", None):
        name = base_name_of(model.base_model_id) if base_name_of is not None else None
        return Subject(base_model_name=name, model_state=state)
    return Subject(base_model_name=getattr(model, "display_name", None), model_state=state)


def free_capacity(cluster: Any) -> int | None:
    """Free endpoint slots of a HOSTING cluster; None when the cluster reports no capacity."""
    cap = getattr(cluster, "capacity", None)
    total = getattr(cap, "total_endpoint_capacity", None)
    used = getattr(cap, "used_endpoint_capacity", None)
    if not isinstance(total, int):
        return None
    return max(0, total - (used if isinstance(used, int) else 0))


def judge_cluster(cluster: Any, purpose: str, subject: Subject) -> ClusterChoice:
    """Whether ``cluster`` can take a fine-tune (``purpose`` FINE_TUNING) or an endpoint (HOSTING) of ``subject``."""
    want = purpose.strip().upper().replace("-", "_")
    shape = getattr(cluster, "unit_shape", None) or ""
    if subject.imported:
        f = facts.fit_imported(subject.hugging_face_id, shape)
    else:
        f = facts.fit(subject.base_model_name, shape, want, getattr(cluster, "unit_count", None))
    ctype, state = getattr(cluster, "type", None), getattr(cluster, "lifecycle_state", None)
    if ctype != want:
        return ClusterChoice(cluster, False, f"a {ctype} cluster; this needs a {want} cluster", f.warning, f)
    if state != "ACTIVE":
        return ClusterChoice(cluster, False, f"the cluster is {state}", f.warning, f)
    if want == facts.HOSTING and free_capacity(cluster) == 0:
        return ClusterChoice(cluster, False, "no free endpoint capacity", f.warning, f)
    if not f.suits:
        return ClusterChoice(cluster, False, f.reason, f.warning, f)
    return ClusterChoice(cluster, True, f.reason, f.warning, f)


def judge_clusters(clusters: Iterable[Any], purpose: str, subject: Subject) -> list[ClusterChoice]:
    """Every cluster judged, the usable ones first (the order within each group kept)."""
    judged = [judge_cluster(c, purpose, subject) for c in clusters]
    return [c for c in judged if c.usable] + [c for c in judged if not c.usable]
