"""CreateModel (fine-tune) and CreateImportedModel: synchronous validation (400s naming the field),
then an async job that succeeds, or fails realistically the way the real service would:

- fine-tune: a method `tui.facts.fine_tuning.methods_for(base displayName)` does not allow, a
  cluster that is not an ACTIVE FINE_TUNING cluster, a cluster whose shape does not suit the base
  model (`tui.facts.clusters.fit`, §7.4), a dataset object that is not `.jsonl`;
- import: a Hugging Face id not on the supported-import list, an Object Storage prefix containing
  "missing" (stands for "no config.json under the prefix").
The Hugging Face `accessToken` is accepted and never stored or echoed.
"""

from __future__ import annotations

import re

from tui.facts import fine_tuning
from tui.facts.regions import UnknownRegionError, lookup_region
from tui.facts import clusters as cluster_facts

from . import validate
from .catalogue import SUPPORTED_IMPORTS
from .context import Ctx, Reply
from .resources import IMPORTED, MODEL, compartment_in, related_not_found, start_job
from .wire import invalid, iso


def create_model(ctx: Ctx) -> Reply:
    body = ctx.body
    compartment = compartment_in(ctx, body)
    base_id = validate.ocid(body, "baseModelId", "baseModelId")
    ftd = validate.obj(body, "fineTuneDetails", "fineTuneDetails", required=True)
    ds = validate.obj(ftd, "trainingDataset", "fineTuneDetails.trainingDataset", required=True)
    ds_type = validate.string(ds, "datasetType", "fineTuneDetails.trainingDataset.datasetType", required=True)
    if ds_type not in validate.DATASET_TYPES:
        raise invalid("fineTuneDetails.trainingDataset.datasetType", f"{ds_type!r} is not one of OBJECT_STORAGE")
    dataset = {"datasetType": ds_type}
    for key in ("namespaceName", "bucketName", "objectName"):
        dataset[key] = validate.string(ds, key, f"fineTuneDetails.trainingDataset.{key}", required=True)
    cluster_id = validate.ocid(ftd, "dedicatedAiClusterId", "fineTuneDetails.dedicatedAiClusterId")
    cfg_in = validate.obj(ftd, "trainingConfig", "fineTuneDetails.trainingConfig")
    config = validate.training_config(cfg_in, "fineTuneDetails.trainingConfig") if cfg_in is not None else None
    fields = validate.common_fields(body)

    base = ctx.store.models.get(base_id)
    if base is None or base.state == "DELETED":
        raise related_not_found("baseModelId", "base model", base_id)
    if base.data.get("type") != "BASE":
        raise invalid("baseModelId", f"{base_id} is a custom model; fine-tuning needs a base model")
    if "FINE_TUNE" not in (base.data.get("capabilities") or ()):
        raise invalid("baseModelId", f"base model {base.data.get('displayName')} does not support fine-tuning "
                                     "(no FINE_TUNE capability)")
    cluster = ctx.store.clusters.get(cluster_id)
    if cluster is None or cluster.state == "DELETED":
        raise related_not_found("fineTuneDetails.dedicatedAiClusterId", "dedicated AI cluster", cluster_id)

    base_name = base.data.get("displayName")
    allowed = fine_tuning.methods_for(base_name)
    if config is None:
        method = allowed[0] if allowed else "TFEW"
        config = {"trainingConfigType": fine_tuning.TRAINING_CONFIG_TYPE[method]}
    method = fine_tuning.METHOD_FOR_CONFIG_TYPE[config["trainingConfigType"]]
    failure = None
    if method not in allowed:
        failure = ("InvalidTrainingConfig",
                   f"The {fine_tuning.METHOD_LABELS[method]} method is not supported for base model {base_name}; "
                   f"supported: {', '.join(fine_tuning.METHOD_LABELS[m] for m in allowed) or 'none'}")
    elif cluster.data.get("type") != "FINE_TUNING" or cluster.state != "ACTIVE":
        failure = ("ClusterNotAvailable",
                   f"Dedicated AI cluster {cluster.data.get('displayName')} ({cluster_id}) is a "
                   f"{cluster.state} {cluster.data.get('type')} cluster; fine-tuning needs an ACTIVE FINE_TUNING cluster")
    elif not (fit := cluster_facts.fit(base_name, cluster.data.get("unitShape") or "",
                                       cluster_facts.FINE_TUNING)).suits:
        failure = ("ClusterShapeMismatch",
                   f"Dedicated AI cluster {cluster.data.get('displayName')} ({cluster_id}) does not suit "
                   f"fine-tuning {base_name}: {fit.reason}")
    elif not dataset["objectName"].endswith(".jsonl"):
        failure = ("InvalidTrainingData",
                   f"Training dataset object {dataset['objectName']!r} is not a .jsonl file")

    caps = [c for c in base.data.get("capabilities") or () if c != "FINE_TUNE"] or ["CHAT"]
    model_id = ctx.minter.regional("generativeaimodel", ctx.region)
    data = {
        "id": model_id,
        "compartmentId": compartment,
        "capabilities": caps,
        "lifecycleState": "CREATING",
        "lifecycleDetails": "Fine-tuning job accepted",
        "displayName": fields.pop("displayName", None) or f"generativeaimodel{ctx.now:%Y%m%d%H%M%S}",
        "vendor": fields.pop("vendor", None) or base.data.get("vendor"),
        "version": fields.pop("version", None) or "1.0",
        "description": fields.pop("description", None),
        "timeCreated": iso(ctx.now),
        "timeUpdated": iso(ctx.now),
        "baseModelId": base_id,
        "type": "CUSTOM",
        "fineTuneDetails": {"trainingDataset": dataset, "dedicatedAiClusterId": cluster_id,
                            "trainingConfig": config},
        "modelMetrics": None,
        "freeformTags": fields.get("freeformTags", {}),
        "definedTags": fields.get("definedTags", {}),
        "systemTags": {},
    }
    res = ctx.store.add("model", data)
    rng = ctx.minter.rng
    metrics = {"modelMetricsType": "CHAT_MODEL_METRICS",
               "finalAccuracy": round(rng.uniform(0.7, 0.97), 4), "finalLoss": round(rng.uniform(0.05, 0.6), 4)}
    wr = start_job(ctx, MODEL, res, "CREATE", ctx.durations["fine_tune"], failure,
                   ["Validating training data", "Provisioning fine-tuning capacity", "Training",
                    "Evaluating", "Storing model weights"],
                   {"lifecycleState": "ACTIVE", "lifecycleDetails": "Fine-tuning completed", "modelMetrics": metrics},
                   {"lifecycleState": "FAILED", "lifecycleDetails": failure[1] if failure else ""})
    return Reply(200, dict(res.data), {"etag": res.etag, "opc-work-request-id": wr.id})


_HF_BRANCH = re.compile(r"[A-Za-z0-9_.\-/]{1,255}")


def create_imported(ctx: Ctx) -> Reply:
    body = ctx.body
    compartment = compartment_in(ctx, body)
    src = validate.obj(body, "dataSource", "dataSource", required=True)
    st = validate.string(src, "sourceType", "dataSource.sourceType", required=True)
    if st not in validate.SOURCE_TYPES:
        raise invalid("dataSource.sourceType", f"{st!r} is not one of {', '.join(validate.SOURCE_TYPES)}")
    caps = validate.capabilities_for_import(body)
    fields = validate.common_fields(body)
    failure = None
    if st == "HUGGING_FACE_MODEL":
        hf_id = validate.string(src, "modelId", "dataSource.modelId", required=True)
        if not validate.HF_MODEL_ID.fullmatch(hf_id):
            raise invalid("dataSource.modelId", f"{hf_id!r} is not a Hugging Face id of the form org/model-name")
        source = {"sourceType": st, "modelId": hf_id}
        for key in ("branch", "commit"):
            value = validate.string(src, key, f"dataSource.{key}")
            if value is not None:
                if not _HF_BRANCH.fullmatch(value):
                    raise invalid(f"dataSource.{key}", "contains characters a git ref cannot have")
                source[key] = value
        validate.string(src, "accessToken", "dataSource.accessToken")  # type-checked, never stored
        if "commit" not in source:
            source.setdefault("branch", "main")
        if hf_id not in SUPPORTED_IMPORTS:
            failure = ("UnsupportedModel", f"Hugging Face model {hf_id} is not supported for import")
        vendor_default = hf_id.split("/")[0]
        derived_cap = SUPPORTED_IMPORTS.get(hf_id, "TEXT_TO_TEXT")
    else:
        source = {"sourceType": st}
        for key in ("namespaceName", "bucketName", "prefixName"):
            source[key] = validate.string(src, key, f"dataSource.{key}", required=True)
        region = validate.string(src, "region", "dataSource.region")
        if region is not None:
            try:
                source["region"] = lookup_region(region).id
            except UnknownRegionError:
                raise invalid("dataSource.region", f"{region!r} is not a Generative AI region id") from None
        if "missing" in source["prefixName"]:
            failure = ("ModelArtifactsNotFound",
                       f"No config.json found under oci://{source['bucketName']}@{source['namespaceName']}/"
                       f"{source['prefixName']}")
        vendor_default = None
        derived_cap = "TEXT_TO_TEXT"
    stamp = f"{ctx.now:%Y%m%d%H%M%S}"
    data = {
        "id": ctx.minter.regional("generativeaiimportedmodel", ctx.region),
        "displayName": fields.pop("displayName", None) or f"generativeaiimportedmodel{stamp}",
        "description": fields.pop("description", None),
        "compartmentId": compartment,
        "capabilities": caps or [derived_cap],
        "lifecycleState": "CREATING",
        "lifecycleDetails": "Import accepted",
        "vendor": fields.pop("vendor", None) or vendor_default,
        "version": fields.pop("version", None) or f"v{stamp}",
        "dataSource": source,
        "timeCreated": iso(ctx.now),
        "timeUpdated": iso(ctx.now),
        "freeformTags": fields.get("freeformTags", {}),
        "definedTags": fields.get("definedTags", {}),
        "systemTags": {},
    }
    res = ctx.store.add("imported", data)
    wr = start_job(ctx, IMPORTED, res, "CREATE", ctx.durations["import"], failure,
                   ["Downloading model artifacts", "Validating model configuration", "Registering model"],
                   {"lifecycleState": "ACTIVE", "lifecycleDetails": "Import completed"},
                   {"lifecycleState": "FAILED", "lifecycleDetails": failure[1] if failure else ""})
    return Reply(200, dict(res.data), {"etag": res.etag, "opc-work-request-id": wr.id})
