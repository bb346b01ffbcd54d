"""The import wizard: source (Hugging Face or Object Storage) → capability → details → review.

The access token goes from the password field to the SDK call and nowhere else: the review, the CLI
equivalent and every error text show it masked, and the worker is described by its label only.
"""

from __future__ import annotations

from typing import Any

from tui.cloud.resources import IMPORTED_MODEL
from tui.ui.wizards import review
from tui.ui.wizards.base import Step, WizardScreen
from tui.ui.wizards.import_draft import ImportDraft
from tui.ui.wizards.import_steps import CapabilityStep, DetailsStep, SourceStep
from tui.ui.wizards.review_step import ReviewStep


class ImportWizard(WizardScreen):
    TITLE_TEXT = "Import a model (Hugging Face or Object Storage)"
    CREATES = IMPORTED_MODEL
    CREATE_LABEL = "create imported model"
    ACTION = "import"

    def __init__(self, **kwargs: Any) -> None:
        self.draft = ImportDraft()
        super().__init__(**kwargs)

    def make_steps(self) -> list[Step]:
        return [SourceStep(), CapabilityStep(), DetailsStep(), ReviewStep(self.render_review,
                                                                                 summary=lambda: review.import_summary(self.draft))]

    def render_review(self) -> tuple[str, str]:
        details = self.build()
        return review.body_json(details), review.import_cli(details, self.region_id)

    def secrets(self) -> list[str]:
        return [self.draft.hf_token] if self.draft.hf_token else []

    def resource_label(self) -> str:
        return self.draft.display_name or "imported model"
