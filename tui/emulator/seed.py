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

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from tui.cloud import fine_tuning
from tui.cloud.regions import REGIONS, lookup_region

from . import lifecycle
from .catalogue import BASE_MODELS
from .clock import SEED_EPOCH
from .wire import Minter, iso

DEMO_REGIONS = ("us-chicago-1", "eu-frankfurt-1", "uk-london-1", "us-ashburn-1", "sa-saopaulo-1")


@dataclass
class SeedInfo:
    name: str
    tenancy_id: str
    compartments: dict[str, str] = field(default_factory=dict)
    models: dict[str, dict[str, str]] = field(default_factory=dict)
    imported_models: dict[str, dict[str, str]] = field(default_factory=dict)
    clusters: dict[str, dict[str, str]] = field(default_factory=dict)
    endpoints: dict[str, dict[str, str]] = field(default_factory=dict)
    work_requests: dict[str, dict[str, str]] = field(default_factory=dict)
    extras: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, key: str) -> str:
        return self.extras[key]


def at(days: float = 0.0, hours: float = 0.0) -> datetime:
    """`days` before the seed epoch (positive = earlier)."""
    return SEED_EPOCH - timedelta(days=days, hours=hours)


class Builder:
    """Adds seed resources to an emulator and records their ids in `info`."""

    def __init__(self, emu, name: str):
        self.emu = emu
        self.minter = Minter(f"seed:{name}")
        self.info = SeedInfo(name=name, tenancy_id=emu.tenancy_id)

    # -- identity -----------------------------------------------------------------------------
    def root(self, name: str = "tenancy") -> str:
        tid = self.emu.tenancy_id
        self.emu.identity.compartments[tid] = {
            "id": tid, "compartmentId": tid, "name": name, "description": "The root compartment",
            "timeCreated": iso(at(900)), "lifecycleState": "ACTIVE", "isAccessible": True,
            "freeformTags": {}, "definedTags": {},
        }
        self.info.compartments["tenancy"] = tid
        return tid

    def compartment(self, name: str, parent: str, description: str, days: float, **extra) -> str:
        cid = self.minter.global_("compartment")
        self.emu.identity.compartments[cid] = {
            "id": cid, "compartmentId": parent, "name": name, "description": description,
            "timeCreated": iso(at(days)), "lifecycleState": "ACTIVE", "isAccessible": True,
            "freeformTags": {}, "definedTags": {}, **extra,
        }
        self.info.compartments.setdefault(name, cid)
        return cid

    # -- generative AI ------------------------------------------------------------------------
    def catalogue(self) -> None:
        for bm in BASE_MODELS:
            for key in bm.regions:
                region = lookup_region(key).id
                mid = self.minter.regional("generativeaimodel", region)
                released = datetime.fromisoformat(bm.released + "T00:00:00+00:00")
                released += timedelta(minutes=self.minter.rng.randrange(0, 24 * 60))
                self.emu.store(region).add("model", {
                    "id": mid, "compartmentId": None, "capabilities": list(bm.capabilities),
                    "lifecycleState": "ACTIVE", "lifecycleDetails": bm.details, "description": None,
                    "displayName": bm.name, "vendor": bm.vendor, "version": bm.version,
                    "timeCreated": iso(released), "timeUpdated": iso(released), "baseModelId": None,
                    "type": "BASE", "fineTuneDetails": None, "modelMetrics": None,
                    "isLongTermSupported": bm.long_term,
                    "timeDeprecated": _date(bm.deprecated), "timeOnDemandRetired": _date(bm.od_retired),
                    "timeDedicatedRetired": _date(bm.ded_retired),
                    "freeformTags": {}, "definedTags": {}, "systemTags": {},
                })
                self.info.models.setdefault(region, {}).setdefault(bm.name, mid)

    def base_id(self, region: str, name: str) -> str | None:
        return self.info.models.get(region, {}).get(name)

    def _add(self, region: str, kind: str, data: dict, late: bool) -> None:
        """Store a seed resource. `late` ones (added after the original seed) take their etag from the
        seed's own RNG, so the runtime RNG, and every id minted at run time, is what it always was."""
        if late:
            from .store import Resource

            self.emu.store(region).table(kind)[data["id"]] = Resource(data=data, etag=self.minter.etag())
        else:
            self.emu.store(region).add(kind, data)

    def cluster(self, region, compartment, name, ctype, state="ACTIVE", shape="SMALL_COHERE_V2", units=8,
                days=200.0, details=None, *, per_unit: int = 50, late: bool = False, tags=None) -> str:
        cid = self.minter.regional("generativeaidedicatedaicluster", region)
        data = {
            "id": cid, "displayName": name, "description": f"{ctype.lower().replace('_', '-')} cluster",
            "type": ctype, "compartmentId": compartment, "timeCreated": iso(at(days)),
            "timeUpdated": iso(at(days)), "lifecycleState": state,
            "lifecycleDetails": details or ("Cluster is active" if state == "ACTIVE" else f"Cluster is {state.lower()}"),
            "unitCount": units, "unitShape": shape,
            "freeformTags": dict(tags or {}), "definedTags": {}, "systemTags": {},
        }
        if ctype == "HOSTING":  # usedEndpointCapacity is recounted from the endpoints in `finish`
            data["capacity"] = {"capacityType": "HOSTING_CAPACITY", "totalEndpointCapacity": per_unit * units,
                                "usedEndpointCapacity": 0}
        self._add(region, "cluster", data, late)
        self.info.clusters.setdefault(region, {})[name] = cid
        return cid

    def endpoint(self, region, compartment, name, model_id, cluster_id, state="ACTIVE", days=30.0, *,
                 guardrails: dict | None = None, late: bool = False, details=None) -> str:
        eid = self.minter.regional("generativeaiendpoint", region)
        data = {
            "id": eid, "displayName": name, "description": f"Serves {name}", "modelId": model_id,
            "compartmentId": compartment, "dedicatedAiClusterId": cluster_id,
            "timeCreated": iso(at(days)), "timeUpdated": iso(at(days)), "lifecycleState": state,
            "lifecycleDetails": details or ("Endpoint is active" if state == "ACTIVE" else f"Endpoint is {state.lower()}"),
            "contentModerationConfig": {"isEnabled": False},
            "freeformTags": {}, "definedTags": {}, "systemTags": {},
        }
        data.update(guardrails or {})
        self._add(region, "endpoint", data, late)
        self.info.endpoints.setdefault(region, {})[name] = eid
        return eid

    def custom_model(self, region, compartment, name, base_name, method, cluster_id, *, state="ACTIVE",
                     days=60.0, object_name="train.jsonl", failure=None, description=None, tags=None,
                     vendor=None, version="1.0", details=None, in_flight=False) -> str:
        store = self.emu.store(region)
        base_id = self.base_id(region, base_name)
        base = store.models[base_id].data
        mid = self.minter.regional("generativeaimodel", region)
        config = {"trainingConfigType": fine_tuning.TRAINING_CONFIG_TYPE[method]}
        config.update(_camel(fine_tuning.defaults(base_name, method)))
        created = at(days)
        rng = self.minter.rng
        data = {
            "id": mid, "compartmentId": compartment,
            "capabilities": [c for c in base["capabilities"] if c != "FINE_TUNE"],
            "lifecycleState": state, "lifecycleDetails": details or _details(state, failure),
            "description": description, "displayName": name, "vendor": vendor or base["vendor"],
            "version": version, "timeCreated": iso(created), "timeUpdated": iso(created + timedelta(hours=2)),
            "baseModelId": base_id, "type": "CUSTOM",
            "fineTuneDetails": {
                "trainingDataset": {"datasetType": "OBJECT_STORAGE", "namespaceName": "demo-namespace",
                                    "bucketName": "fine-tune-data", "objectName": object_name},
                "dedicatedAiClusterId": cluster_id, "trainingConfig": config,
            },
            "modelMetrics": None, "freeformTags": dict(tags or {}), "definedTags": {}, "systemTags": {},
        }
        if state in ("ACTIVE", "DELETED", "DELETING"):
            data["modelMetrics"] = {"modelMetricsType": "CHAT_MODEL_METRICS",
                                    "finalAccuracy": round(rng.uniform(0.72, 0.96), 4),
                                    "finalLoss": round(rng.uniform(0.05, 0.5), 4)}
        res = store.add("model", data)
        self.info.models.setdefault(region, {})[name] = mid
        outcome_fail = failure if state == "FAILED" else None
        ago = self.emu.durations["fine_tune"] / 8  # an eighth done (durations already follow the pace)
        start = self.emu.clock.now() - timedelta(seconds=ago) if in_flight else created
        wr = self._work_request(region, "CREATE_MODEL", compartment, mid, "model", "/20231130/models/",
                                start, self.emu.durations["fine_tune"], outcome_fail,
                                ["Validating training data", "Provisioning fine-tuning capacity", "Training",
                                 "Evaluating", "Storing model weights"], applied=not in_flight,
                                label=f"create {name}")
        if in_flight:
            wr.on_success = {"lifecycleState": "ACTIVE", "lifecycleDetails": "Fine-tuning completed",
                             "modelMetrics": {"modelMetricsType": "CHAT_MODEL_METRICS",
                                              "finalAccuracy": 0.9, "finalLoss": 0.2}}
            store.add_work_request(wr, res)
        if state in ("DELETED",):
            self._work_request(region, "DELETE_MODEL", compartment, mid, "model", "/20231130/models/",
                               created + timedelta(days=3), self.emu.durations["delete"], None,
                               ["Releasing model artifacts"], label=f"delete {name}")
        return mid

    def imported_model(self, region, compartment, name, source, capability, *, state="ACTIVE", days=40.0,
                       failure=None, vendor=None, version="1.0", description=None, details=None) -> str:
        iid = self.minter.regional("generativeaiimportedmodel", region)
        created = at(days)
        self.emu.store(region).add("imported", {
            "id": iid, "displayName": name, "description": description, "compartmentId": compartment,
            "capabilities": [capability], "lifecycleState": state,
            "lifecycleDetails": details or _details(state, failure, "Import completed"),
            "vendor": vendor, "version": version, "dataSource": dict(source),
            "timeCreated": iso(created), "timeUpdated": iso(created + timedelta(minutes=30)),
            "freeformTags": {}, "definedTags": {}, "systemTags": {},
        })
        self.info.imported_models.setdefault(region, {})[name] = iid
        self._work_request(region, "CREATE_IMPORTED_MODEL", compartment, iid, "importedModel",
                           "/20231130/importedModels/", created, self.emu.durations["import"],
                           failure if state == "FAILED" else None,
                           ["Downloading model artifacts", "Validating model configuration", "Registering model"],
                           label=f"create {name}")
        return iid

    def _work_request(self, region, op, compartment, resource_id, entity_type, uri, start, duration, failure,
                      steps, *, applied=True, label=None):
        wr = lifecycle.plan(
            wr_id=self.minter.regional("generativeaiworkrequest", region), operation_type=op,
            compartment_id=compartment, resource_id=resource_id, entity_type=entity_type,
            entity_uri=uri + resource_id, now=start, duration=duration, failure=failure, steps=steps,
            on_success={}, on_failure={},
        )
        wr.applied = applied
        if applied:
            self.emu.store(region).work_requests[wr.id] = wr
        self.info.work_requests.setdefault(region, {})[label or wr.id] = wr.id
        return wr

    def finish(self) -> SeedInfo:
        """What every seed ends with: a home-region Llama fine-tuning cluster (so a Llama fine-tune has a
        cluster whose shape suits it, §7.4) and the endpoint capacity recounted from the endpoints."""
        home = self.emu.home_region
        self.info.extras["ft_llama_cluster_id"] = self.cluster(
            home, self.emu.tenancy_id, "ft-llama-cluster", "FINE_TUNING", shape="LARGE_GENERIC", units=2, late=True)
        for region in {r for r in self.info.clusters}:
            self.emu.store(region).recount_capacity()
        return self.info

    def home_clusters(self, compartment: str) -> None:
        home = self.emu.home_region
        self.info.extras["ft_cluster_id"] = self.cluster(home, compartment, "ft-cluster", "FINE_TUNING")
        self.info.extras["hosting_cluster_id"] = self.cluster(home, compartment, "hosting-cluster", "HOSTING",
                                                              shape="LARGE_GENERIC", units=1)


def _date(day: str | None) -> str | None:
    return None if day is None else day + "T00:00:00.000Z"


def _camel(params: dict) -> dict:
    out = {}
    for k, v in params.items():
        parts = k.split("_")
        out[parts[0] + "".join(p.title() for p in parts[1:])] = v
    return out


def _details(state: str, failure, ok: str = "Fine-tuning completed") -> str:
    if state == "FAILED" and failure:
        return failure[1]
    return {"ACTIVE": ok, "CREATING": "Fine-tuning in progress", "DELETED": "Deleted",
            "DELETING": "Deleting", "UPDATING": "Updating"}.get(state, state.title())


def apply(emu, name: str) -> SeedInfo:
    from . import seed_demo, seed_hostile

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
