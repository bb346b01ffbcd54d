"""Request-body validation: each failure is a 400 that names the field (dotted path) and the rule.

Enums are the SDK 2.189.0 values (reference §3). The display-name rule is the console's (reference
§7.5, UNCONFIRMED for the API) widened to allow '.', since base model names contain dots:
1-255 characters, a letter or underscore first, then letters, digits, '_', '-' or '.'.
"""

from __future__ import annotations

import re
from typing import Literal, overload

from tui.facts import models
from tui.facts.work_requests import STATUSES

from .wire import invalid, missing

MODEL_STATES = models.MODEL_STATES
IMPORTED_STATES = models.IMPORTED_MODEL_STATES
MODEL_CAPABILITIES = models.MODEL_CAPABILITIES
IMPORTED_CAPABILITIES = models.IMPORTED_MODEL_CAPABILITIES
IMPORTED_PRIMARY = models.IMPORTED_MODEL_PRIMARY_CAPABILITIES
MODEL_SORT = ("displayName", "lifecycleState", "timeCreated")
WR_STATUSES = STATUSES
TRAINING_CONFIG_TYPES = ("TFEW_TRAINING_CONFIG", "LORA_TRAINING_CONFIG", "VANILLA_TRAINING_CONFIG")
SOURCE_TYPES = ("HUGGING_FACE_MODEL", "OBJECT_STORAGE_OBJECT")
DATASET_TYPES = ("OBJECT_STORAGE",)

DISPLAY_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]{0,254}")
HF_MODEL_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*/[A-Za-z0-9][A-Za-z0-9_.\-]*")
OCID = re.compile(r"ocid1\.[a-z0-9]+\.[a-z0-9]+\.[a-z0-9\-]*\.[a-z0-9]+")
_INT_FIELDS = ("totalTrainingEpochs", "trainingBatchSize", "earlyStoppingPatience",
               "logModelMetricsIntervalInSteps", "loraR", "loraAlpha", "numOfLastLayers")
_NUM_FIELDS = ("learningRate", "earlyStoppingThreshold", "loraDropout")


# Each reader returns the value, or None when it is absent and not required: the overloads tell the
# type checker that `required=True` never returns None.
@overload
def string(obj: dict, key: str, path: str, *, required: Literal[True], max_len: int | None = None) -> str: ...
@overload
def string(obj: dict, key: str, path: str, *, required: bool = False, max_len: int | None = None) -> str | None: ...
def string(obj: dict, key: str, path: str, *, required: bool = False, max_len: int | None = None) -> str | None:
    value = obj.get(key)
    if value is None:
        if required:
            raise missing(path)
        return None
    if not isinstance(value, str):
        raise invalid(path, "must be a string")
    if required and not value.strip():
        raise invalid(path, "must not be empty")
    if max_len is not None and len(value) > max_len:
        raise invalid(path, f"must be at most {max_len} characters")
    return value


@overload
def obj(parent: dict, key: str, path: str, *, required: Literal[True]) -> dict: ...
@overload
def obj(parent: dict, key: str, path: str, *, required: bool = False) -> dict | None: ...
def obj(parent: dict, key: str, path: str, *, required: bool = False) -> dict | None:
    value = parent.get(key)
    if value is None:
        if required:
            raise missing(path)
        return None
    if not isinstance(value, dict):
        raise invalid(path, "must be an object")
    return value


@overload
def ocid(parent: dict, key: str, path: str, *, required: Literal[True] = True) -> str: ...
@overload
def ocid(parent: dict, key: str, path: str, *, required: bool) -> str | None: ...
def ocid(parent: dict, key: str, path: str, *, required: bool = True) -> str | None:
    value = string(parent, key, path, required=required)
    if value is not None and not OCID.fullmatch(value):
        raise invalid(path, f"{value!r} is not an OCID")
    return value


def display_name(body: dict, path: str = "displayName") -> str | None:
    value = string(body, "displayName", path)
    if value is not None and not DISPLAY_NAME.fullmatch(value):
        raise invalid(
            path,
            "must be 1-255 characters, start with a letter or underscore, and contain only "
            "letters, digits, '_', '-' or '.'",
        )
    return value


def tags(body: dict) -> dict:
    out = {}
    ff = body.get("freeformTags")
    if ff is not None:
        if not isinstance(ff, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in ff.items()):
            raise invalid("freeformTags", "must be an object of string keys to string values")
        out["freeformTags"] = dict(ff)
    dt = body.get("definedTags")
    if dt is not None:
        if not isinstance(dt, dict) or not all(isinstance(v, dict) for v in dt.values()):
            raise invalid("definedTags", "must be an object of namespaces to objects")
        out["definedTags"] = {k: dict(v) for k, v in dt.items()}
    return out


def common_fields(body: dict) -> dict:
    """displayName, description, vendor, version and tags: shared by create and update bodies."""
    out = {}
    name = display_name(body)
    if name is not None:
        out["displayName"] = name
    for key, limit in (("description", 400), ("vendor", 255), ("version", 255)):
        value = string(body, key, key, max_len=limit)
        if value is not None:
            out[key] = value
    out.update(tags(body))
    return out


def training_config(cfg: dict, path: str) -> dict:
    kind = string(cfg, "trainingConfigType", f"{path}.trainingConfigType", required=True)
    if kind not in TRAINING_CONFIG_TYPES:
        raise invalid(f"{path}.trainingConfigType", f"{kind!r} is not one of {', '.join(TRAINING_CONFIG_TYPES)}")
    out: dict[str, str | int | float] = {"trainingConfigType": kind}
    allowed = set(_INT_FIELDS[:4] + _NUM_FIELDS[:2])
    if kind == "LORA_TRAINING_CONFIG":
        allowed |= {"loraR", "loraAlpha", "loraDropout"}
    if kind == "VANILLA_TRAINING_CONFIG":
        allowed |= {"numOfLastLayers"}
    for key, value in cfg.items():
        if key == "trainingConfigType" or value is None:
            continue
        field = f"{path}.{key}"
        if key not in allowed:
            raise invalid(field, f"is not a field of {kind}")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise invalid(field, "must be a number")
        if key in _INT_FIELDS and not float(value).is_integer():
            raise invalid(field, "must be an integer")
        if value < 0:
            raise invalid(field, "must not be negative")
        if key in ("totalTrainingEpochs", "trainingBatchSize", "loraR", "loraAlpha", "numOfLastLayers") and value < 1:
            raise invalid(field, "must be at least 1")
        out[key] = int(value) if key in _INT_FIELDS else value
    return out


def capabilities_for_import(body: dict) -> list[str] | None:
    caps = body.get("capabilities")
    if caps is None:
        return None
    if not isinstance(caps, list) or not all(isinstance(c, str) for c in caps):
        raise invalid("capabilities", "must be a list of strings")
    for c in caps:
        if c not in IMPORTED_CAPABILITIES:
            raise invalid("capabilities", f"{c!r} is not one of {', '.join(IMPORTED_CAPABILITIES)}")
    primary = [c for c in caps if c in IMPORTED_PRIMARY]
    if len(primary) != 1:
        raise invalid("capabilities", f"must contain exactly one of {', '.join(IMPORTED_PRIMARY)}")
    return list(dict.fromkeys(caps))
