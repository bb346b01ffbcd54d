"""Seeds: the data an emulator starts with. All ids come from an RNG seeded by the seed name and all
timestamps are fixed offsets from `SEED_EPOCH` (2026-11-01T00:00:00Z), so two runs are identical
(snapshot tests depend on it). Only jobs still in flight in `demo` are placed relative to the
emulator clock, so that they finish a little after start-up.

Seeds
- `empty`: the tenancy (root compartment, named "tenancy"), the base-model catalogue in every
  region, and in the home region one ACTIVE FINE_TUNING cluster ("ft-cluster") and one ACTIVE
  HOSTING cluster ("hosting-cluster") in the root compartment, so a fine-tune can be created.
- `demo`: the catalogue, a compartment tree 3 levels deep (8 compartments), and in us-chicago-1,
  eu-frankfurt-1, uk-london-1, us-ashburn-1 and sa-saopaulo-1: clusters, custom models in several
  states (T-Few, LoRA and, in Chicago, Vanilla fine-tunes with metrics), imported models from both
  sources (one FAILED), endpoints (one ACTIVE on a custom model), finished work requests.
- `scale:N`: `empty` plus N custom models in compartment "scale" (child of the tenancy), home region.
- `scale:NxR`: the same, N custom models in each of R regions (the home region first, then the
  others in `REGIONS` order; R from 1 to 13): `scale:10000x13` is the all-regions fleet view.
- `hostile`: `empty` plus, in the home region, resources whose strings carry markup, escapes,
  control characters, very long, wide and right-to-left text (see `seed_hostile`).

Well-known ids are in `emu.seed_info` (a `SeedInfo`):
- `.compartments[name]` -> OCID ("tenancy" is the root; demo: "genai-prod", "genai-prod-models",
  "genai-prod-models-archive", "genai-prod-endpoints", "genai-dev", "sandbox-alice", "sandbox-bob",
  "shared-data"; scale: "scale"; hostile: the hostile name is in `.extras["hostile_compartment_id"]`).
- `.models[region][displayName]`, `.imported_models[region][displayName]`,
  `.clusters[region][displayName]`, `.endpoints[region][displayName]`, `.work_requests[region][label]`.
- `.extras` (also `seed_info["key"]`): "ft_cluster_id", "hosting_cluster_id" (home region, every seed);
  demo: "endpoint_model_id" (Chicago custom model an ACTIVE endpoint uses), "endpoint_id",
  "inactive_ft_cluster_id" (Chicago FINE_TUNING cluster not ACTIVE), "creating_model_id",
  "failed_model_id", "failed_work_request_id", "failed_imported_model_id", "active_imported_model_id",
  "models_compartment_id", "nearly_full_cluster_id", "imported_endpoint_id", "needs_attention_cluster_id"
  (see `seed_demo.serving`); every seed: "ft_llama_cluster_id" (home Llama fine-tuning cluster, added last by
  `Builder.finish`, which also recounts endpoint capacity); scale: "scale_compartment_id"; hostile: "hostile_model_id",
  "hostile_work_request_id", "hostile_compartment_id".
"""

from __future__ import annotations

from datetime import timedelta

from tui.facts.regions import REGIONS

from . import seed_demo, seed_hostile
from .clock import SEED_EPOCH
from .seed_builder import DEMO_REGIONS, Builder, SeedInfo, at
from .wire import iso

__all__ = ["DEMO_REGIONS", "Builder", "SeedInfo", "at", "apply", "parse_scale", "build_scale"]


def apply(emu, name: str) -> SeedInfo:
    if name == "empty":
        b = Builder(emu, name)
        b.home_clusters(b.root())
        b.catalogue()
        return b.finish()
    if name == "demo":
        return seed_demo.build(Builder(emu, name))
    if name == "hostile":
        return seed_hostile.build(Builder(emu, name))
    if name.startswith("scale:"):
        count, regions = parse_scale(name)
        return build_scale(Builder(emu, name), count, regions)
    raise ValueError(f"unknown seed {name!r}; valid: empty, demo, hostile, scale:N, scale:NxR")


def parse_scale(name: str) -> tuple[int, int]:
    """`scale:N` -> (N, 1); `scale:NxR` -> (N, R)."""
    spec = name.split(":", 1)[1].lower()
    count_text, _, regions_text = spec.partition("x")
    try:
        count = int(count_text)
        regions = int(regions_text) if regions_text else 1
    except ValueError:
        raise ValueError(f"scale seed needs a count, e.g. scale:1000 or scale:1000x13, got {name!r}") from None
    if count < 0:
        raise ValueError("scale count must not be negative")
    if not 1 <= regions <= len(REGIONS):
        raise ValueError(f"scale regions must be 1 to {len(REGIONS)}, got {regions}")
    return count, regions


def build_scale(b: Builder, count: int, regions: int = 1) -> SeedInfo:
    root = b.root()
    b.home_clusters(root)
    b.catalogue()
    home = b.emu.home_region
    scale = b.compartment("scale", root, f"{count} custom models for benchmarks", 100)
    b.info.extras["scale_compartment_id"] = scale
    ordered = [home] + [r.id for r in REGIONS if r.id != home]
    for region in ordered[:regions]:
        _scale_region(b, region, scale, count)
    return b.finish()


def _scale_region(b: Builder, region: str, scale: str, count: int) -> None:
    # A region whose catalogue has no base model (me-abudhabi-1) borrows the home region's: the
    # bench needs the rows, not a fine-tune that could really run there.
    home = b.emu.home_region
    base_id = (b.base_id(region, "cohere.command-r-08-2024") or next(iter(b.info.models.get(region, {}).values()), None)
               or b.base_id(home, "cohere.command-r-08-2024") or next(iter(b.info.models[home].values())))
    ftd = {"trainingDataset": {"datasetType": "OBJECT_STORAGE", "namespaceName": "bench",
                               "bucketName": "bench", "objectName": "train.jsonl"},
           "dedicatedAiClusterId": b.info.extras["ft_cluster_id"],
           "trainingConfig": {"trainingConfigType": "TFEW_TRAINING_CONFIG"}}
    metrics = {"modelMetricsType": "CHAT_MODEL_METRICS", "finalAccuracy": 0.9, "finalLoss": 0.2}
    table = b.emu.store(region).models
    etag = b.minter.etag
    unique = b.minter.unique
    prefix = f"ocid1.generativeaimodel.oc1.{region}.amaaaaaa"
    from .store import Resource

    for i in range(count):
        mid = prefix + unique()
        created = iso(SEED_EPOCH - timedelta(minutes=i + 1))
        failed = i % 10 == 9
        table[mid] = Resource({
            "id": mid, "compartmentId": scale, "capabilities": ["CHAT"],
            "lifecycleState": "FAILED" if failed else "ACTIVE",
            "lifecycleDetails": "Training data invalid" if failed else "Fine-tuning completed",
            "description": None, "displayName": f"scale-model-{i:05d}", "vendor": "cohere", "version": "1.0",
            "timeCreated": created, "timeUpdated": created, "baseModelId": base_id, "type": "CUSTOM",
            "fineTuneDetails": ftd, "modelMetrics": None if failed else metrics,
            "freeformTags": {}, "definedTags": {}, "systemTags": {},
        }, etag())
