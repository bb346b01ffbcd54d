"""`?`: the keys that work right now, generated from the active bindings (never a stale list).

Built from the bindings of the screen and focused widget chain the operator was on when they
pressed `?`, so read-only mode (which hides the mutating keys) shows a shorter list.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

EXTRA = [
    (":", "command mode: models (m), imported (im), workrequests (wr), region <r>|all, "
          "compartment <name>, profile <name>, theme <name>, q"),
    ("/", "filter the loaded rows: text, !inverse, ~fuzzy; esc clears"),
    ("ctrl+p", "command palette: jump to model, region, compartment, theme, copy OCID"),
    ("1 2 3", "Models, Imported models, Work requests"),
]


def binding_lines(screen: Screen) -> list[tuple[str, str]]:
    seen: set[tuple[str, str]] = set()
    lines: list[tuple[str, str]] = []
    for active in screen.active_bindings.values():
        binding: Binding = active.binding
        if not active.enabled or binding.system:
            continue
        description = binding.tooltip or binding.description or binding.action
        display = screen.app.get_key_display(binding)
        item = (display, description)
        if item in seen or not description:
            continue
        seen.add(item)
        lines.append(item)
    return lines


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, source: Screen) -> None:
        super().__init__()
        self.lines = binding_lines(source)

    def compose(self):
        text = Text()
        text.append("Keys\n\n", style="bold underline")
        width = max([len(k) for k, _ in self.lines + EXTRA] + [6]) + 2
        for key, description in self.lines:
            text.append(f"{key:<{width}}", style="bold")
            text.append(f"{description}\n")
        text.append("\nMore\n\n", style="bold underline")
        for key, description in EXTRA:
            text.append(f"{key:<{width}}", style="bold")
            text.append(f"{description}\n")
        text.append("\nesc closes this help", style="dim")
        with VerticalScroll(classes="picker picker-tall", id="help"):
            yield Static(text, markup=False, id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help").focus()

    def action_close(self) -> None:
        self.dismiss(None)
