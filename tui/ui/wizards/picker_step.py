"""A wizard step built around one ResourcePicker (a base model, a model to host, a cluster).

Picking a row saves the draft and moves to the next step; before the list has loaded, focus goes to
the picker's search input. Written once here for the fine-tune, cluster and deploy wizards' picker
steps, which override `save()` (what the pick puts in the draft) and, where they differ,
`first_focus()` or `picker` (a PresetPicker).

Put it last among a step's bases (`class BaseModelStep(FineTuneStep, PickerStep)`): Textual breaks CSS
ties by the position of each class in the MRO, so a mixin placed first would demote the step's own
DEFAULT_CSS (the deploy cluster step lost its "Other compartment…" row that way).
"""

from __future__ import annotations

from typing import Any

from tui.ui.wizards.base import Step
from tui.ui.wizards.picker import ResourcePicker


class PickerStep(Step):
    """A Step whose one ResourcePicker chooses what the draft holds."""

    @property
    def picker(self) -> ResourcePicker:
        return self.query_one(ResourcePicker)

    def save(self) -> None:
        """Put the picked row into the draft (each step says how)."""

    def first_focus(self) -> Any:
        return self.picker.option_list if self.picker.loaded else self.picker.query_one("Input")

    def on_resource_picker_picked(self, event: ResourcePicker.Picked) -> None:
        event.stop()
        self.save()
        if event.chosen:
            self.wizard.action_next()
