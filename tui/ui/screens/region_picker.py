"""Pick one of the Generative AI regions, or "All regions" (the fan-out view).

Dismisses with a region id, "all", or None when cancelled.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui.facts.regions import REGIONS

ALL = "all"


class RegionPicker(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, current: str | None) -> None:
        super().__init__()
        self.current = current

    def compose(self):
        options = [Option(Text("All regions  (list the compartment everywhere)", style="bold"), id=ALL)]
        for region in REGIONS:
            label = Text()
            label.append(f"{region.id:<17}", style="bold" if region.id == self.current else "")
            label.append(f" {region.key}  ", style="dim")
            label.append(region.name)
            if region.id == self.current:
                label.append("  (current)", style="dim")
            options.append(Option(label, id=region.id))
        with Vertical(classes="picker"):
            yield Label("Region  (enter: switch, esc: cancel)", classes="picker-title", markup=False)
            yield OptionList(*options, id="region-options", markup=False)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        if self.current:
            options.highlighted = options.get_option_index(self.current)
        else:
            options.highlighted = 0

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
