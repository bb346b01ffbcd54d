"""Clusters as a wizard picker offers them: judged for one model and purpose, unusable ones greyed.

The fine-tune wizard (and later the deploy wizard) must not offer a cluster that cannot take the job
(wrong type, not ACTIVE, full, or a shape that does not suit the base model): those stay listed,
dimmed and with the reason, so the operator sees why their cluster is not choosable. Judging is
`tui.cloud.suitability`; this module only lists, judges (in the worker) and describes.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from tui.cloud.suitability import ClusterChoice, Subject, judge_clusters
from tui.ui.text import clean


class Judged:
    """A cluster with its verdict; reads like the cluster (`.id`, `.display_name`) for pickers and tests."""

    def __init__(self, choice: ClusterChoice) -> None:
        self.choice = choice
        self.cluster = choice.cluster
        self.usable = choice.usable
        self.reason = choice.reason
        self.warning = choice.warning

    def __getattr__(self, name: str) -> Any:
        return getattr(self.__dict__["cluster"], name)


def judged_clusters(genai: Any, compartment_id: str, purpose: str, subject: Subject, *,
                    region: str | None = None) -> list[Judged]:
    """Every cluster of the compartment and region (not DELETED), judged for `purpose`; usable first."""
    clusters = genai.list_dedicated_ai_clusters(compartment_id, region=region).data
    return [Judged(c) for c in judge_clusters(clusters, purpose, subject)]


def describe_choice(choice: Judged) -> Text:
    c = choice.cluster
    text = Text(no_wrap=True, overflow="ellipsis")
    style = "" if choice.usable else "dim strike"
    text.append(clean(c.display_name), style="bold" if choice.usable else "dim")
    shape = getattr(c, "unit_shape", None) or ""
    count = getattr(c, "unit_count", None)
    text.append(f"  {clean(shape)}{f' × {count}' if count else ''}  ", style="dim")
    text.append(clean(c.lifecycle_state), style=style)
    if not choice.usable:
        text.append(f"  ✗ {clean(choice.reason)}", style="dim italic")
    elif choice.warning:
        text.append(f"  ⚠ {clean(choice.warning)}", style="yellow")
    return text


def search_text(choice: Judged) -> str:
    return f"{choice.cluster.display_name} {choice.cluster.id}"


def usable(choice: Any) -> bool:
    return bool(getattr(choice, "usable", True))
