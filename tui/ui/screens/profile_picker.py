"""Pick another profile of the OCI config file; the console then rebuilds its session on it.

Choosing the current profile reloads it from disk (a rotated key or a changed region takes effect
without a restart).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui.ui.text import clean


class ProfilePicker(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, config_file: str | None, current: str) -> None:
        super().__init__()
        self.config_file = config_file
        self.current = current

    def compose(self):
        with Vertical(classes="picker"):
            yield Label("Profile  (enter: switch or reload, esc: cancel)", classes="picker-title", markup=False)
            yield OptionList(id="profile-options", markup=False)

    def on_mount(self) -> None:
        from tui.cloud.auth import list_profiles

        try:
            names = list_profiles(self.config_file)
        except Exception as exc:  # noqa: BLE001 - an unreadable config is shown, not raised
            names = []
            self.app.notify(f"Cannot read profiles: {clean(exc)}", severity="error", markup=False)
        options = self.query_one(OptionList)
        for name in names:
            label = Text(clean(name), style="bold" if name == self.current else "")
            if name == self.current:
                label.append("  (current: enter reloads it)", style="dim")
            options.add_option(Option(label, id=name))
        if not names:
            options.add_option(Option(Text("No profiles found", style="dim"), disabled=True))
        options.focus()
        if self.current in names:
            options.highlighted = names.index(self.current)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
