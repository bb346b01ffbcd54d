"""What the review step shows: the exact request body and the equivalent OCI CLI command.

Pure functions of the SDK details object (no Textual), so tests can compare them with what the SDK
actually sends. Secrets are masked here, at the source, so no widget, clipboard copy or export can
ever hold the Hugging Face token.
"""

from __future__ import annotations

import json
import shlex
from typing import Any

from tui.cloud import builders, tokens

MASK = tokens.MASK


def body_json(details: Any) -> str:
    """The camelCase JSON body the SDK sends (None fields omitted), token masked, pretty-printed."""
    return json.dumps(builders.request_body(details, mask_secrets=True), indent=2, ensure_ascii=False)


def fine_tune_summary(draft: Any) -> list[tuple[str, str]]:
    """The plain lines above a fine-tune's body: what an operator checks before submitting."""
    cluster = draft.cluster_name or draft.cluster_id
    if draft.cluster_name and draft.cluster_shape:
        cluster = f"{draft.cluster_name} ({draft.cluster_shape})"
    dataset = "/".join(p for p in (draft.namespace, draft.bucket, draft.object_name) if p)
    return [("Base model", draft.base_model_name or draft.base_model_id), ("Method", draft.method),
            ("Cluster", cluster), ("Dataset", f"oci://{dataset}" if dataset else ""),
            ("Name", draft.display_name)]


def import_summary(draft: Any) -> list[tuple[str, str]]:
    """The plain lines above an import's body: source, capability, name."""
    if draft.source == "HUGGING_FACE_MODEL":
        source = f"Hugging Face {draft.hf_model_id}" + (f" @ {draft.hf_branch}" if draft.hf_branch else "")
    else:
        path = "/".join(p for p in (draft.os_namespace, draft.os_bucket, draft.os_prefix) if p)
        source = f"Object Storage oci://{path}" + (f" ({draft.os_region})" if draft.os_region else "")
    return [("Source", source), ("Capability", draft.capability), ("Name", draft.display_name)]


def _cli(parts: list[tuple[str, Any]], head: list[str]) -> str:
    words = list(head)
    for flag, value in parts:
        if value is None or value == {} or value == "":
            continue
        if isinstance(value, (dict, list)):
            value = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
        words.append(f"{flag} {shlex.quote(str(value))}")
    return " \\\n  ".join(words)


def _common_flags(body: dict[str, Any], version_flag: str) -> list[tuple[str, Any]]:
    return [
        ("--display-name", body.get("displayName")),
        ("--description", body.get("description")),
        ("--vendor", body.get("vendor")),
        (version_flag, body.get("version")),
        ("--freeform-tags", body.get("freeformTags")),
        ("--defined-tags", body.get("definedTags")),
    ]


def _head(region: str | None, *command: str) -> list[str]:
    base = ["oci"]
    if region:
        base.append(f"--region {shlex.quote(region)}")
    return [" ".join([*base, "generative-ai", *command])]


def fine_tune_cli(details: Any, region: str | None) -> str:
    """`oci generative-ai model create ...` (the CLI renames --version: it clashes with the global flag)."""
    body = builders.request_body(details, mask_secrets=True)
    parts = [
        ("--compartment-id", body.get("compartmentId")),
        ("--base-model-id", body.get("baseModelId")),
        ("--fine-tune-details", body.get("fineTuneDetails")),
        *_common_flags(body, "--version-parameterconflict"),
    ]
    return _cli(parts, _head(region, "model", "create"))


def import_cli(details: Any, region: str | None) -> str:
    """`oci generative-ai imported-model create-from-huggingface|create-from-objectstorage ...`, token masked."""
    body = builders.request_body(details, mask_secrets=True)
    source = body.get("dataSource") or {}
    caps = body.get("capabilities") or []
    if source.get("sourceType") == "HUGGING_FACE_MODEL":
        command = "create-from-huggingface"
        src = [
            ("--model-id", source.get("modelId")),
            ("--branch", source.get("branch")),
            ("--commit", source.get("commit")),
            ("--access-token", MASK if source.get("accessToken") else None),
        ]
    else:
        command = "create-from-objectstorage"
        src = [
            ("--namespace", source.get("namespaceName")),
            ("--bucket-name", source.get("bucketName")),
            ("--prefix-name", source.get("prefixName")),
            ("--region", source.get("region")),
        ]
    parts = [("--compartment-id", body.get("compartmentId")), *src]
    parts += [("--capabilities", c) for c in caps]
    parts += _common_flags(body, "--version")
    # The global --region (before the service name) picks the API region; the object-storage
    # command's own --region (after it) is the bucket's region. Click keeps the two apart.
    return _cli(parts, _head(region, "imported-model", command))
