"""The review of the serving wizards (create cluster, deploy): a plain summary, then the body and CLI.

Why here and not in review.py: the summary lines and the two `oci generative-ai` commands are the
serving wizards' own; the body and the step frame are the shared ones (`review.body_json`,
`ReviewStep`). The CLI flags are the OCI CLI 3.95.1 ones (`dedicated-ai-cluster create`,
`endpoint create`); complex values are JSON, as the CLI takes them.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from tui.cloud import builders
from tui.ui.text import clean
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


def summary_text(lines: Summary) -> Text:
    """`Label   value` lines, labels aligned; values cleaned (they may come from the service)."""
    width = max((len(label) for label, _ in lines), default=0)
    text = Text()
    for n, (label, value) in enumerate(lines):
        if n:
            text.append("\n")
        text.append(f"{label:<{width}}  ", style="dim")
        text.append(clean(value or "—", limit=200))
    return text


class SummaryReviewStep(ReviewStep):
    """The shared review step with a plain summary above the request body."""

    DEFAULT_CSS = ReviewStep.DEFAULT_CSS + """
    SummaryReviewStep #review-summary { height: auto; margin: 0 0 0 0; }
    """

    def __init__(self, render: Callable[[], tuple[str, str]], summary: Callable[[], Summary]) -> None:
        super().__init__(render)
        self._summary = summary
        self.summary: Summary = []

    def compose(self) -> ComposeResult:
        yield Static("", id="review-summary", markup=False)
        yield from super().compose()

    def entered(self) -> None:
        self.summary = self._summary()
        self.query_one("#review-summary", Static).update(summary_text(self.summary))
        super().entered()
