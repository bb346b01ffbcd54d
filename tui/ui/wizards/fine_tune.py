"""The fine-tune wizard: base model → method → hyperparameters → dataset → cluster → name → review.

Submit creates a CUSTOM model through `GenAI.create` with the wizard's lifelong retry token; the work
request is handed to the console's tracker, which shows the model turning ACTIVE or FAILED.
"""

from __future__ import annotations

from typing import Any

from tui.cloud.resources import MODEL
from tui.ui.wizards import review
from tui.ui.wizards.base import Step, WizardScreen
from tui.ui.wizards.fine_tune_draft import FineTuneDraft
from tui.ui.wizards.fine_tune_steps import (
    BaseModelStep, ClusterStep, DatasetStep, HyperparametersStep, MethodStep, NameStep,
)
from tui.ui.wizards.review_step import ReviewStep


class FineTuneWizard(WizardScreen):
    TITLE_TEXT = "Fine-tune a base model (creates a custom model)"
    CREATES = MODEL
    CREATE_LABEL = "create model (fine-tune)"
    ACTION = "fine-tune"

    def __init__(self, **kwargs: Any) -> None:
        self.draft = FineTuneDraft()
        super().__init__(**kwargs)

    def make_steps(self) -> list[Step]:
        return [BaseModelStep(), MethodStep(), HyperparametersStep(), DatasetStep(), ClusterStep(), NameStep(),
                ReviewStep(self.render_review, summary=lambda: review.fine_tune_summary(self.draft))]

    def render_review(self) -> tuple[str, str]:
        details = self.build()
        return review.body_json(details), review.fine_tune_cli(details, self.region_id)

    def resource_label(self) -> str:
        return self.draft.display_name or "custom model"
