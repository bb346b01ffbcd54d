"""The review of the serving wizards (create cluster, deploy): a plain summary, then the body and CLI.

Why here and not in review.py: the summary lines and the two `oci generative-ai` commands are the
serving wizards' own; the body and the step frame are the shared ones (`review.body_json`,
`ReviewStep`). The CLI flags are the OCI CLI 3.95.1 ones (`dedicated-ai-cluster create`,
`endpoint create`); complex values are JSON, as the CLI takes them.
"""

from __future__ import annotations

from collections.abc import Callable


from tui.cloud import builders
from tui.ui.wizards import review
from tui.ui.wizards.review_step import ReviewStep

Summary = list[tuple[str, str]]


def cluster_cli(details: object, region: str | None) -> str:
    """`oci generative-ai dedicated-ai-cluster create ...` for CreateDedicatedAiClusterDetails."""
    body = builders.request_body(details, mask_secrets=True)
    parts = [
        ("--compartment-id", body.get("compartmentId")),
        ("--type", body.get("type")),
        ("--unit-shape", body.get("unitShape")),
        ("--unit-count", body.get("unitCount")),
        ("--capacity-reservation-id", body.get("capacityReservationId")),
        ("--display-name", body.get("displayName")),
        ("--description", body.get("description")),
        ("--freeform-tags", body.get("freeformTags")),
        ("--defined-tags", body.get("definedTags")),
    ]
    return review._cli(parts, review._head(region, "dedicated-ai-cluster", "create"))


def endpoint_cli(details: object, region: str | None) -> str:
    """`oci generative-ai endpoint create ...` for CreateEndpointDetails (guardrails as JSON)."""
    body = builders.request_body(details, mask_secrets=True)
    parts = [
        ("--compartment-id", body.get("compartmentId")),
        ("--model-id", body.get("modelId")),
        ("--dedicated-ai-cluster-id", body.get("dedicatedAiClusterId")),
        ("--content-moderation-config", body.get("contentModerationConfig")),
        ("--prompt-injection-config", body.get("promptInjectionConfig")),
        ("--pii-detection-config", body.get("piiDetectionConfig")),
        ("--generative-ai-private-endpoint-id", body.get("generativeAiPrivateEndpointId")),
        ("--display-name", body.get("displayName")),
        ("--description", body.get("description")),
        ("--freeform-tags", body.get("freeformTags")),
        ("--defined-tags", body.get("definedTags")),
    ]
    return review._cli(parts, review._head(region, "endpoint", "create"))


class SummaryReviewStep(ReviewStep):
    """The shared review step (its summary above the body); keeps the lines it showed in `.summary`."""

    def __init__(self, render: Callable[[], tuple[str, str]], summary: Callable[[], Summary]) -> None:
        self.summary: Summary = []

        def lines() -> Summary:
            self.summary = summary()
            return self.summary

        super().__init__(render, lines)
