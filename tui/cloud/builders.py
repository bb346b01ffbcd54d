"""Validated constructors for the polymorphic request bodies (fine-tune and import).

The SDK accepts any object and lets the service answer 400 after a round trip; a console form needs
the rule a field breaks *as the operator types*, named, without a network call. Each builder checks
every field (required, type, range, shape) and raises ``BuilderError(field, rule, message)``; on
success it returns the SDK's own model object, ready for ``GenAI.create``. Hugging Face access tokens
are marked redacted so the SDK's own ``repr`` (and ours) never prints them.
"""

from __future__ import annotations

import math
import re
from typing import Any, Iterable, Mapping

import oci.generative_ai.models as sdk
import oci.util

from tui.facts import fine_tuning
from tui.cloud.builder_error import BuilderError  # re-exported: its home moved to break a cycle
from tui.cloud.tokens import MASK  # re-exported
from tui.facts.regions import UnknownRegionError, lookup_region
from tui.cloud.resources import (
    DEDICATED_AI_CLUSTER,
    IMPORTED_MODEL_PRIMARY_CAPABILITIES,
    MODEL,
    ResourceKind,
    kind_of,
    normalize_capability,
)

__all__ = [
    "BuilderError",
    "object_storage_dataset",
    "tfew_training_config",
    "vanilla_training_config",
    "lora_training_config",
    "training_config",
    "object_storage_data_source",
    "hugging_face_data_source",
    "fine_tune_details",
    "create_model_details",
    "create_imported_model_details",
    "update_details",
    "change_compartment_details",
    "request_body",
    "to_wire",
    "parse_ocid",
    "check_display_name",
    "MASK",
]


DISPLAY_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
DISPLAY_NAME_MAX = 255
NAMESPACE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
BUCKET_RE = re.compile(r"^[A-Za-z0-9_.-]{1,256}$")
HF_PART = r"[A-Za-z0-9][A-Za-z0-9._-]{0,95}"
HF_MODEL_ID_RE = re.compile(rf"^{HF_PART}/{HF_PART}$")
HF_BRANCH_RE = re.compile(r"^[A-Za-z0-9._/-]{1,255}$")
HF_COMMIT_RE = re.compile(r"^[0-9a-fA-F]{7,64}$")
OCID_RE = re.compile(
    r"^ocid1\.(?P<type>[a-z0-9]+)\.(?P<realm>[a-z0-9]+)\.(?P<region>[a-z0-9-]*)(?:\.[a-z0-9-]*)?\.(?P<unique>[A-Za-z0-9_-]+)$"
)
#: What no text field may hold: C0 controls and DEL, C1 controls (U+0080-U+009F: an 8-bit CSI U+009B
#: acts on a terminal like ESC [), bidi embeddings / overrides / isolates / marks (they reorder what
#: a reader sees) and lone surrogates. Free text may keep newline and tab (`_free_text`).
CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ud800-\udfff]")
CONTROL_MESSAGE = "must not contain control characters (C0, C1 or bidi controls)"
_CONTROL = CONTROL_RE


# ------------------------------------------------------------------------------------------------
# field checks


def _required_str(field: str, value: Any, *, label: str | None = None) -> str:
    label = label or field
    if value is None or (isinstance(value, str) and not value.strip()):
        raise BuilderError(field, "required", f"{label} is required")
    if not isinstance(value, str):
        raise BuilderError(field, "type", f"{label} must be text, not {type(value).__name__}")
    return value.strip()


def _optional_str(field: str, value: Any, *, max_len: int | None = None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise BuilderError(field, "type", f"{field} must be text, not {type(value).__name__}")
    if max_len is not None and len(value) > max_len:
        raise BuilderError(field, "length", f"{field} must be at most {max_len} characters")
    return value


def _shape(field: str, value: str, pattern: re.Pattern[str], what: str) -> str:
    if not pattern.fullmatch(value):
        raise BuilderError(field, "shape", f"{field} {value!r} is not {what}")
    return value


def parse_ocid(value: Any) -> dict[str, str] | None:
    """``{type, realm, region, unique}`` for a well-formed OCID, else None (region may be '')."""
    if not isinstance(value, str):
        return None
    m = OCID_RE.fullmatch(value)
    return m.groupdict() if m else None


def check_ocid(field: str, value: Any, *, types: Iterable[ResourceKind | str] | None = None,
               required: bool = True) -> str | None:
    """Validate an OCID's shape (and resource type, when ``types`` is given: resource kinds, whose
    descriptor names the OCID type, or the type itself for others such as ``compartment``)."""
    if value is None and not required:
        return None
    text = _required_str(field, value)
    parsed = parse_ocid(text)
    if parsed is None:
        raise BuilderError(field, "shape", f"{field} {text!r} is not an OCID (ocid1.<type>.<realm>.[region].<id>)")
    types = tuple(t.ocid_type if isinstance(t, ResourceKind) else t for t in types or ())
    if types and parsed["type"] not in types:
        raise BuilderError(field, "shape", f"{field} must be an OCID of type {' or '.join(types)}, not {parsed['type']}")
    return text


def check_display_name(value: Any, *, field: str = "display_name", required: bool = False) -> str | None:
    """Letter or underscore first, then letters, digits, ``-`` or ``_``; at most 255 characters."""
    if value is None or (isinstance(value, str) and value == "" and not required):
        if required:
            raise BuilderError(field, "required", f"{field} is required")
        return None
    if not isinstance(value, str):
        raise BuilderError(field, "type", f"{field} must be text, not {type(value).__name__}")
    if len(value) > DISPLAY_NAME_MAX:
        raise BuilderError(field, "length", f"{field} must be at most {DISPLAY_NAME_MAX} characters")
    if CONTROL_RE.search(value):
        raise BuilderError(field, "shape", f"{field} {CONTROL_MESSAGE}")
    if not DISPLAY_NAME_RE.fullmatch(value):
        raise BuilderError(
            field, "shape",
            f"{field} must start with a letter or underscore, then letters, digits, '-' or '_'",
        )
    return value


def _free_text(field: str, value: Any, max_len: int) -> str | None:
    text = _optional_str(field, value, max_len=max_len)
    if text is not None and CONTROL_RE.search(text.replace("\n", "").replace("\t", "")):
        raise BuilderError(field, "shape", f"{field} {CONTROL_MESSAGE}")
    return text


def _freeform_tags(value: Any) -> dict[str, str] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise BuilderError("freeform_tags", "type", "freeform_tags must be a mapping of text to text")
    for k, v in value.items():
        if not isinstance(k, str) or not k or not isinstance(v, str):
            raise BuilderError("freeform_tags", "type", "freeform_tags keys and values must be text (keys non-empty)")
        if len(k) > 100 or len(v) > 256:
            raise BuilderError("freeform_tags", "length", "freeform tag keys ≤ 100 and values ≤ 256 characters")
        if CONTROL_RE.search(k):
            raise BuilderError("freeform_tags", "shape", f"freeform tag keys {CONTROL_MESSAGE}")
        if CONTROL_RE.search(v):
            raise BuilderError("freeform_tags", "shape", f"freeform tag values {CONTROL_MESSAGE}")
    return dict(value)


def _defined_tags(value: Any) -> dict[str, dict[str, Any]] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping) or not all(
        isinstance(ns, str) and ns and isinstance(tags, Mapping) and all(isinstance(k, str) and k for k in tags)
        for ns, tags in value.items()
    ):
        raise BuilderError("defined_tags", "type", "defined_tags must map namespace → {key: value}")
    return {ns: dict(tags) for ns, tags in value.items()}


def _number(param: fine_tuning.HyperParameter, value: Any) -> int | float:
    field = param.name
    if isinstance(value, str):
        text = value.strip()
        try:
            value = int(text) if param.kind is int and re.fullmatch(r"[+-]?\d+", text) else float(text)
        except ValueError:
            raise BuilderError(field, "type",
                               f"{field} must be a {'whole number' if param.kind is int else 'number'}") from None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise BuilderError(field, "type", f"{field} must be a {'whole number' if param.kind is int else 'number'}")
    if isinstance(value, float) and not math.isfinite(value):
        raise BuilderError(field, "type", f"{field} must be a finite number")
    if param.kind is int:
        if isinstance(value, float):
            if not value.is_integer():
                raise BuilderError(field, "type", f"{field} must be a whole number")
            value = int(value)
    else:
        value = float(value)
    if param.confirmed:
        broken = param.check(value)
        if broken:
            raise BuilderError(field, "range", f"{field} {broken} ({param.range_text})")
    else:
        # An unconfirmed range is advice, not a rule; the structural floor still is.
        broken = param.check_floor(value)
        if broken:
            raise BuilderError(field, "range", f"{field} {broken}")
    return value


# ------------------------------------------------------------------------------------------------
# builders


def object_storage_dataset(namespace_name: Any, bucket_name: Any, object_name: Any) -> sdk.ObjectStorageDataset:
    """The training data: one ``.jsonl`` object in an Object Storage bucket."""
    ns = _shape("namespace_name", _required_str("namespace_name", namespace_name), NAMESPACE_RE,
                "an Object Storage namespace (letters, digits, '-', '_'; at most 64)")
    bucket = _shape("bucket_name", _required_str("bucket_name", bucket_name), BUCKET_RE,
                    "a bucket name (letters, digits, '-', '_', '.'; at most 256)")
    obj = _required_str("object_name", object_name)
    if len(obj) > 1024:
        raise BuilderError("object_name", "length", "object_name must be at most 1024 characters")
    if _CONTROL.search(obj):
        raise BuilderError("object_name", "shape", "object_name must not contain control characters")
    if not obj.lower().endswith(".jsonl") or obj.lower() == ".jsonl" or obj.endswith("/.jsonl"):
        raise BuilderError("object_name", "shape", "object_name must name a .jsonl file (prompt/completion pairs)")
    return sdk.ObjectStorageDataset(namespace_name=ns, bucket_name=bucket, object_name=obj)


_CONFIG_CLASSES = {
    fine_tuning.TFEW: sdk.TFewTrainingConfig,
    fine_tuning.LORA: sdk.LoraTrainingConfig,
    fine_tuning.VANILLA: sdk.VanillaTrainingConfig,
}


def training_config(method: str, *, base_model_name: str | None = None, fill_defaults: bool = True,
                    **values: Any) -> sdk.TrainingConfig:
    """A training config for ``method`` (TFEW / LORA / VANILLA), ranges from the base model when known.

    Unset fields take the documented defaults for that base model and method (``fill_defaults``).
    """
    if not isinstance(method, str):
        raise BuilderError("method", "type", "method must be text")
    m = method.strip().upper().replace("-", "").replace("_TRAINING_CONFIG", "")
    if m not in fine_tuning.METHODS:
        raise BuilderError("method", "choice", f"method {method!r} is not valid; valid: {', '.join(fine_tuning.METHODS)}")
    if base_model_name is not None:
        _required_str("base_model_name", base_model_name)
        allowed = fine_tuning.methods_for(base_model_name)
        if allowed and m not in allowed:
            raise BuilderError(
                "method", "choice",
                f"method {fine_tuning.METHOD_LABELS[m]} is not offered for {base_model_name}; valid: "
                + ", ".join(fine_tuning.METHOD_LABELS[a] for a in allowed),
            )
    params = {p.name: p for p in fine_tuning.hyperparameters(base_model_name, m)}
    unknown = sorted(k for k in values if k not in params)
    if unknown:
        raise BuilderError(unknown[0], "choice",
                           f"{unknown[0]} is not a {fine_tuning.METHOD_LABELS[m]} setting; valid: {', '.join(params)}")
    kwargs: dict[str, Any] = {}
    for name, param in params.items():
        value = values.get(name)
        if value is None:
            if fill_defaults:
                kwargs[name] = param.default
            continue
        kwargs[name] = _number(param, value)
    return _CONFIG_CLASSES[m](**kwargs)


def tfew_training_config(*, base_model_name: str | None = None, fill_defaults: bool = True,
                         total_training_epochs: Any = None, learning_rate: Any = None,
                         training_batch_size: Any = None, early_stopping_patience: Any = None,
                         early_stopping_threshold: Any = None,
                         log_model_metrics_interval_in_steps: Any = None) -> sdk.TFewTrainingConfig:
    """T-Few (parameter-efficient) training config."""
    return training_config(
        fine_tuning.TFEW, base_model_name=base_model_name, fill_defaults=fill_defaults,
        total_training_epochs=total_training_epochs, learning_rate=learning_rate,
        training_batch_size=training_batch_size, early_stopping_patience=early_stopping_patience,
        early_stopping_threshold=early_stopping_threshold,
        log_model_metrics_interval_in_steps=log_model_metrics_interval_in_steps,
    )


def vanilla_training_config(*, base_model_name: str | None = None, fill_defaults: bool = True,
                            total_training_epochs: Any = None, learning_rate: Any = None,
                            training_batch_size: Any = None, early_stopping_patience: Any = None,
                            early_stopping_threshold: Any = None, log_model_metrics_interval_in_steps: Any = None,
                            num_of_last_layers: Any = None) -> sdk.VanillaTrainingConfig:
    """Vanilla (full-parameter, last N layers) training config."""
    return training_config(
        fine_tuning.VANILLA, base_model_name=base_model_name, fill_defaults=fill_defaults,
        total_training_epochs=total_training_epochs, learning_rate=learning_rate,
        training_batch_size=training_batch_size, early_stopping_patience=early_stopping_patience,
        early_stopping_threshold=early_stopping_threshold,
        log_model_metrics_interval_in_steps=log_model_metrics_interval_in_steps,
        num_of_last_layers=num_of_last_layers,
    )


def lora_training_config(*, base_model_name: str | None = None, fill_defaults: bool = True,
                         total_training_epochs: Any = None, learning_rate: Any = None,
                         training_batch_size: Any = None, early_stopping_patience: Any = None,
                         early_stopping_threshold: Any = None, log_model_metrics_interval_in_steps: Any = None,
                         lora_r: Any = None, lora_alpha: Any = None, lora_dropout: Any = None,
                         ) -> sdk.LoraTrainingConfig:
    """LoRA (low-rank adaptation) training config."""
    return training_config(
        fine_tuning.LORA, base_model_name=base_model_name, fill_defaults=fill_defaults,
        total_training_epochs=total_training_epochs, learning_rate=learning_rate,
        training_batch_size=training_batch_size, early_stopping_patience=early_stopping_patience,
        early_stopping_threshold=early_stopping_threshold,
        log_model_metrics_interval_in_steps=log_model_metrics_interval_in_steps,
        lora_r=lora_r, lora_alpha=lora_alpha, lora_dropout=lora_dropout,
    )


def object_storage_data_source(namespace_name: Any, bucket_name: Any, prefix_name: Any,
                               region: Any = None) -> sdk.ObjectStorageObject:
    """Model artifacts (Hugging Face layout, ``config.json`` included) under a bucket prefix."""
    ns = _shape("namespace_name", _required_str("namespace_name", namespace_name), NAMESPACE_RE,
                "an Object Storage namespace (letters, digits, '-', '_'; at most 64)")
    bucket = _shape("bucket_name", _required_str("bucket_name", bucket_name), BUCKET_RE,
                    "a bucket name (letters, digits, '-', '_', '.'; at most 256)")
    prefix = _required_str("prefix_name", prefix_name)
    if len(prefix) > 1024:
        raise BuilderError("prefix_name", "length", "prefix_name must be at most 1024 characters")
    if _CONTROL.search(prefix):
        raise BuilderError("prefix_name", "shape", "prefix_name must not contain control characters")
    region_id = None
    if region is not None:
        text = _required_str("region", region) if not hasattr(region, "id") else region.id
        try:
            region_id = lookup_region(text).id
        except UnknownRegionError as exc:
            raise BuilderError("region", "choice", str(exc)) from None
    return sdk.ObjectStorageObject(namespace_name=ns, bucket_name=bucket, prefix_name=prefix, region=region_id)


def hugging_face_data_source(model_id: Any, access_token: Any = None, branch: Any = None,
                             commit: Any = None) -> sdk.HuggingFaceModel:
    """A Hugging Face repository ``org/name``; a commit wins over the branch (default ``main``)."""
    mid = _shape("model_id", _required_str("model_id", model_id), HF_MODEL_ID_RE,
                 "a Hugging Face model id 'org/name'")
    token = None
    if access_token is not None and access_token != "":
        if not isinstance(access_token, str):
            raise BuilderError("access_token", "type", "access_token must be text")
        token = access_token.strip()
        if not token or _CONTROL.search(token) or " " in token or len(token) > 512:
            raise BuilderError("access_token", "shape", "access_token must be one token without spaces")
    br = None
    if branch is not None and branch != "":
        br = _shape("branch", _required_str("branch", branch), HF_BRANCH_RE, "a branch name")
        if ".." in br or br.startswith("/") or br.endswith("/"):
            raise BuilderError("branch", "shape", f"branch {br!r} is not a branch name")
    cm = None
    if commit is not None and commit != "":
        cm = _shape("commit", _required_str("commit", commit), HF_COMMIT_RE, "a commit hash (7-64 hex digits)")
    if br is None and cm is None:
        br = "main"
    source = sdk.HuggingFaceModel(model_id=mid, access_token=token, branch=br, commit=cm)
    # The SDK's own repr/to_dict honours this and prints <redacted> instead of the token.
    source._redacted_field_paths = [["access_token"]]
    return source


def fine_tune_details(training_dataset: Any, dedicated_ai_cluster_id: Any,
                      training_config: Any = None) -> sdk.FineTuneDetails:
    """Dataset + fine-tuning cluster + optional training config."""
    if training_dataset is None:
        raise BuilderError("training_dataset", "required", "training_dataset is required")
    if not isinstance(training_dataset, sdk.Dataset):
        raise BuilderError("training_dataset", "type", "training_dataset must come from object_storage_dataset()")
    cluster = check_ocid("dedicated_ai_cluster_id", dedicated_ai_cluster_id, types=(DEDICATED_AI_CLUSTER,))
    if training_config is not None and not isinstance(training_config, sdk.TrainingConfig):
        raise BuilderError("training_config", "type", "training_config must come from a *_training_config() builder")
    return sdk.FineTuneDetails(training_dataset=training_dataset, dedicated_ai_cluster_id=cluster,
                               training_config=training_config)


def _compartment(value: Any) -> str:
    return check_ocid("compartment_id", value, types=("compartment", "tenancy"))  # type: ignore[return-value]


def create_model_details(compartment_id: Any, base_model_id: Any, fine_tune_details: Any, *,
                         display_name: Any = None, description: Any = None, vendor: Any = None,
                         version: Any = None, freeform_tags: Any = None,
                         defined_tags: Any = None) -> sdk.CreateModelDetails:
    """The body of CreateModel: fine-tune ``base_model_id`` into a custom model."""
    comp = _compartment(compartment_id)
    base = check_ocid("base_model_id", base_model_id, types=(MODEL,))
    if fine_tune_details is None:
        raise BuilderError("fine_tune_details", "required", "fine_tune_details is required")
    if not isinstance(fine_tune_details, sdk.FineTuneDetails):
        raise BuilderError("fine_tune_details", "type", "fine_tune_details must come from fine_tune_details()")
    return sdk.CreateModelDetails(
        compartment_id=comp, base_model_id=base, fine_tune_details=fine_tune_details,
        display_name=check_display_name(display_name), description=_free_text("description", description, 400),
        vendor=_free_text("vendor", vendor, 255), version=_free_text("version", version, 255),
        freeform_tags=_freeform_tags(freeform_tags), defined_tags=_defined_tags(defined_tags),
    )


def create_imported_model_details(compartment_id: Any, data_source: Any, *, capability: Any = None,
                                  capabilities: Any = None, display_name: Any = None, description: Any = None,
                                  vendor: Any = None, version: Any = None, freeform_tags: Any = None,
                                  defined_tags: Any = None) -> sdk.CreateImportedModelDetails:
    """The body of CreateImportedModel; exactly one of the four primary capabilities is required."""
    comp = _compartment(compartment_id)
    if data_source is None:
        raise BuilderError("data_source", "required", "data_source is required")
    if not isinstance(data_source, sdk.ModelDataSource):
        raise BuilderError("data_source", "type",
                           "data_source must come from hugging_face_data_source() or object_storage_data_source()")
    caps_in: list[Any] = []
    if capability is not None:
        caps_in.append(capability)
    if capabilities is not None:
        if isinstance(capabilities, str) or not isinstance(capabilities, (list, tuple, set, frozenset)):
            raise BuilderError("capability", "type", "capabilities must be a list")
        caps_in.extend(capabilities)
    if not caps_in:
        raise BuilderError("capability", "required",
                           f"capability is required: one of {', '.join(IMPORTED_MODEL_PRIMARY_CAPABILITIES)}")
    caps: list[str] = []
    for c in caps_in:
        try:
            n = normalize_capability(c, "imported_model")
        except BuilderError:
            raise BuilderError("capability", "choice",
                               f"capability {c!r} is not valid; valid: {', '.join(IMPORTED_MODEL_PRIMARY_CAPABILITIES)}") from None
        if n not in caps:
            caps.append(n)
    primary = [c for c in caps if c in IMPORTED_MODEL_PRIMARY_CAPABILITIES]
    if len(primary) != 1 or len(caps) != 1:
        raise BuilderError("capability", "choice",
                           f"exactly one capability of {', '.join(IMPORTED_MODEL_PRIMARY_CAPABILITIES)} is required")
    return sdk.CreateImportedModelDetails(
        compartment_id=comp, data_source=data_source, capabilities=caps,
        display_name=check_display_name(display_name), description=_free_text("description", description, 400),
        vendor=_free_text("vendor", vendor, 255), version=_free_text("version", version, 255),
        freeform_tags=_freeform_tags(freeform_tags), defined_tags=_defined_tags(defined_tags),
    )


def update_details(kind: ResourceKind | str, *, display_name: Any = None, description: Any = None,
                   vendor: Any = None, version: Any = None, freeform_tags: Any = None,
                   defined_tags: Any = None) -> Any:
    """UpdateModelDetails / UpdateImportedModelDetails; at least one field must be set."""
    k = kind_of(kind)
    fields = dict(
        display_name=check_display_name(display_name), description=_free_text("description", description, 400),
        vendor=_free_text("vendor", vendor, 255), version=_free_text("version", version, 255),
        freeform_tags=_freeform_tags(freeform_tags), defined_tags=_defined_tags(defined_tags),
    )
    if all(v is None for v in fields.values()):
        raise BuilderError("display_name", "required", "nothing to update: set at least one field")
    return k.sdk_class("update_details")(**fields)


def change_compartment_details(kind: ResourceKind | str, compartment_id: Any) -> Any:
    k = kind_of(kind)
    return k.sdk_class("change_compartment_details")(compartment_id=_compartment(compartment_id))


def _mask(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: (MASK if k in ("accessToken", "access_token") and v else _mask(v)) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_mask(v) for v in obj]
    return obj


def to_wire(obj: Any) -> Any:
    """The camelCase JSON form of an SDK model (None fields omitted), as the SDK serialises it."""
    import datetime as _dt

    if obj is None or isinstance(obj, (str, bool, int, float)):
        return obj
    if isinstance(obj, (list, tuple)):
        return [to_wire(v) for v in obj]
    if isinstance(obj, dict):
        return {k: to_wire(v) for k, v in obj.items()}
    if isinstance(obj, _dt.datetime):
        if obj.tzinfo is None:
            obj = obj.replace(tzinfo=_dt.timezone.utc)
        return obj.astimezone(_dt.timezone.utc).isoformat().replace("+00:00", "Z")
    if isinstance(obj, _dt.date):
        return obj.isoformat()
    if hasattr(obj, "swagger_types"):
        return {obj.attribute_map[a]: to_wire(getattr(obj, a)) for a in obj.swagger_types
                if getattr(obj, a) is not None}
    return str(obj)


def request_body(details: Any, *, mask_secrets: bool = True) -> dict[str, Any]:
    """The camelCase JSON body the SDK will send for ``details`` (secrets masked by default).

    For the wizard's review step and the OCI CLI equivalent: the exact wire form, never the token.
    """
    body = to_wire(details)
    return _mask(body) if mask_secrets else body


def _redacted_repr(details: Any) -> str:
    return oci.util.formatted_flat_dict(details)
