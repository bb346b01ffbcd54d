"""`?`: the keys that work right now, grouped, generated from the active bindings and the command table.

Built from the bindings of the screen and focused widget chain the operator was on when they
pressed `?` (so read-only mode, which disables the mutating keys, shows a shorter list) and from
the `:` command table (tui/ui/commands.py `TABLE`), never from a list written by hand.

Sections: the resource actions first (Inspect, Change), then Views, Navigate and Global; keys a
screen of its own adds (describe, a dialog, a wizard) come first, as "This screen". Each action has
one line and one label (sentence case): every key that runs it, and the `:` command that does the
same, are listed together. Textual's own scroll bindings are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.ui.commands import TABLE

#: the sections, in the order shown
GROUPS = ("This screen", "Inspect", "Change", "Views", "Navigate", "Global")

#: action (without its `app.` / `screen.` namespace) -> (section, label, the `:` command doing the same).
#: Order here is the order within a section. A label of None keeps the binding's tooltip/description.
ACTIONS: dict[str, tuple[str, str | None, str]] = {
    "toggle_detail": ("Inspect", "Show or hide the detail pane", ""),
    "jump": ("Inspect", "Show the resource in its own view", ""),
    "describe": ("Inspect", "Describe: YAML / JSON on a full screen", ""),
    "raw": ("Inspect", "Raw JSON of the selected resource", ""),
    "copy_ocid": ("Inspect", "Copy OCID", ""),
    "refresh": ("Inspect", "Refresh the list", ""),
    "create": ("Change", None, ""),
    "edit": ("Change", "Edit the selected resource", ""),
    "move": ("Change", "Move to another compartment", ""),
    "delete": ("Change", "Delete (the marked rows, else the selected one)", ""),
    "deploy": ("Change", None, "deploy"),
    "toggle_mark": ("Change", "Mark or unmark the row", ""),
    "mark_all": ("Change", "Mark every row the filter shows", "mark"),
    "view('models')": ("Views", None, "models"),
    "view('imported')": ("Views", None, "imported"),
    "view('workrequests')": ("Views", None, "workrequests"),
    "view('clusters')": ("Views", None, "clusters"),
    "view('endpoints')": ("Views", None, "endpoints"),
    "cursor": ("Navigate", "Move the cursor", ""),
    "page": ("Navigate", "Page up / down", ""),
    "edge": ("Navigate", "First / last row", ""),
    "prompt('filter')": ("Navigate", "Filter the loaded rows by text", ""),
    "back": ("Navigate", "Back: close the detail, clear the marks, then the filter", ""),
    "sort_next": ("Navigate", "Sort by the next column", ""),
    "sort_reverse": ("Navigate", "Reverse the sort order", ""),
    "server_filters": ("Navigate", None, ""),
    "go(-1)": ("Navigate", "Back to the previous view, region or compartment", ""),
    "go(1)": ("Navigate", "Forward again", ""),
    "pick_region": ("Navigate", None, "region"),
    "pick_compartment": ("Navigate", None, "compartment"),
    "pick_profile": ("Navigate", None, "profile"),
    "help": ("Global", None, "help"),
    "prompt('command')": ("Global", "Command prompt (Tab completes, ↑/↓ history)", ""),
    "quit": ("Global", "Quit", "quit"),
    "copy_or_quit": ("Global", "Copy the selected text, else quit", ""),
    "command_palette": ("Global", "Command palette: jump to a model, region, compartment, theme; copy OCID", ""),
}

#: lines for what is not a binding of its own: the `/` prompt's prefixes
EXTRA: tuple[tuple[str, str, str], ...] = (
    ("Navigate", "/ ~text", "Fuzzy filter on the visible columns, best matches first"),
    ("Navigate", "/ !text", "Rows that do not contain the text"),
)


@dataclass
class HelpLine:
    group: str
    keys: list[str] = field(default_factory=list)
    label: str = ""
    command: str = ""  # the `:` usage, when a command does the same
    order: float = 0

    @property
    def key_text(self) -> str:
        return "  ".join(part for part in (" ".join(self.keys), self.command) if part)


def sentence(text: str) -> str:
    """Sentence case: the first letter a capital, the rest as written (OCID, JSON stay)."""
    return text[:1].upper() + text[1:] if text else text


#: actions that are one line with another: the screen's ctrl+c (copy_text) shadows the app's
SAME_AS = {"copy_text": "copy_or_quit"}


def _base(action: str) -> str:
    action = action.split(".", 1)[1] if action.startswith(("app.", "screen.", "focused.")) else action
    action = SAME_AS.get(action, action)
    if action in ACTIONS:
        return action
    return action.split("(", 1)[0]  # cursor(-1) and cursor(1) are one line


def _framework(binding: Binding, action: str) -> bool:
    """Textual's own scroll / widget keys (scroll_up, scroll_home, ...): not the console's."""
    return action.startswith("scroll_") or action in FRAMEWORK


#: Textual's own keys on the console's widgets (horizontal scroll, focus cycling): not listed
FRAMEWORK = frozenset({"page_left", "page_right", "focus_next", "focus_previous", "toggle_dark"})


def _help_of(name: str) -> str:
    return next((c.help for c in TABLE if c.name == name), "")


def _usage(name: str) -> str:
    for command in TABLE:
        if command.name == name:
            return command.usage + (f" {command.short}" if command.short else "")
    return ""


def help_lines(screen: Screen) -> list[HelpLine]:
    """Every active key of `screen`, one line per action, plus every `:` command, grouped."""
    from tui.ui.screens.main import MainScreen

    main = isinstance(screen, MainScreen)
    lines: dict[str, HelpLine] = {}
    unknown = len(ACTIONS)
    for active in screen.active_bindings.values():
        binding: Binding = active.binding
        if not active.enabled or binding.system:
            continue
        action = _base(binding.action)
        if _framework(binding, action):
            continue
        # the console's names apply to the main screen's keys and the app's; a dialog's or a
        # wizard's own keys (its "back", its "copy") keep their own labels, under "This screen"
        known = action in ACTIONS and (main or active.node is screen.app)
        if not known:
            action = f"screen:{action}"
        display = screen.app.get_key_display(binding)
        line = lines.get(action)
        if line is None:
            group, label, command = ACTIONS[action] if known else ("This screen", None, "")
            if known:
                order = list(ACTIONS).index(action)
            else:
                unknown += 1
                order = unknown
            label = label or _help_of(command) or binding.tooltip or binding.description or action
            line = lines[action] = HelpLine(group, [], sentence(label), _usage(command), order)
        if display not in line.keys:
            line.keys.append(display)
    out = sorted(lines.values(), key=lambda line: line.order)
    shown = {line.command.split()[0] for line in out if line.command}
    for cmd in TABLE if main else ():  # the commands no key runs (or whose key is not active here)
        if cmd.usage.split()[0] not in shown and not (cmd.mutates and getattr(screen.app, "read_only", False)):
            out.append(HelpLine(cmd.group, [], sentence(cmd.help), _usage(cmd.name), 10_000))
    after_filter = list(ACTIONS).index("prompt('filter')")
    for n, (group, keys, label) in enumerate(EXTRA):  # right after `/`
        if main:
            out.append(HelpLine(group, [keys], label, "", after_filter + (n + 1) / 10))
    return sorted(out, key=lambda line: line.order)


def binding_lines(screen: Screen) -> list[tuple[str, str]]:
    """(keys, label) for every line of the help (what tests and the README compare)."""
    return [(line.key_text, line.label) for line in help_lines(screen)]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, source: Screen) -> None:
        super().__init__()
        self.help = help_lines(source)
        self.lines = [(line.key_text, line.label) for line in self.help]

    def groups(self) -> list[tuple[str, list[HelpLine]]]:
        return [(g, [line for line in self.help if line.group == g]) for g in GROUPS
                if any(line.group == g for line in self.help)]

    def compose(self):
        parts: list[Table | Text] = []
        # the key column: whole on a wide terminal; at 80 columns a long usage wraps, the labels keep room
        width = min(28 if self.app.size.width >= 100 else 18, max([len(line.key_text) for line in self.help] + [6]))
        for group, lines in self.groups():
            parts.append(Text(group, style="bold underline"))
            table = Table.grid(padding=(0, 2))
            table.add_column(width=width, no_wrap=False, style="bold")
            table.add_column(ratio=1)
            for line in lines:
                table.add_row(Text(line.key_text), Text(line.label))
            parts.append(table)
            parts.append(Text(""))
        parts.append(Text("esc, q or ? closes this help", style="dim"))
        with VerticalScroll(classes="picker picker-tall", id="help"):
            yield Static(Text("Keys and commands"), classes="picker-title", markup=False)
            yield Static(Group(*parts), markup=False, id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help").focus()

    def action_close(self) -> None:
        self.dismiss(None)
