"""The `:` command language (k9s style) and its aliases, in one table (`TABLE`).

Everything that names the commands reads `TABLE`: `run_command`, Tab completion
(tui/ui/completion.py), the prompt's suggestions and placeholder, the `?` help, the command palette
(tui/ui/palette.py) and the README's list (tests/ui/test_glance.py checks it against `readme_lines`).
A command without its argument opens the matching picker. Unknown commands say so and name the
valid ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from tui.app import ConsoleApp

def _view(view_id: str) -> Callable[["ConsoleApp", str], None]:
    return lambda app, arg: app.show_view(view_id)


def _region(app: ConsoleApp, arg: str) -> None:
    if not arg:
        app.action_pick_region()
    else:
        app.switch_region(arg)


def _compartment(app: ConsoleApp, arg: str) -> None:
    if not arg:
        app.action_pick_compartment()
    else:
        app.switch_compartment_by_name(arg)


def _profile(app: ConsoleApp, arg: str) -> None:
    if not arg:
        app.action_pick_profile()
    else:
        app.switch_profile(arg)


def _theme(app: ConsoleApp, arg: str) -> None:
    if not arg:
        app.action_change_theme()
    else:
        app.set_theme(arg)


def _deploy(app: ConsoleApp, arg: str) -> None:
    """`:deploy`: the selected custom / imported model if one is selected, else a model picker."""
    from tui.ui import actions

    view = app.main.current_view
    kind = getattr(view, "kind", None)
    table = getattr(view, "table", None)
    row = getattr(table, "current_row", None) if kind in actions.DEPLOYABLE else None
    if row is not None and getattr(row.obj, "type", None) != "BASE":
        actions.open_deploy(app, kind, row.obj)
    else:
        actions.open_deploy(app)


def _mark(app: ConsoleApp, arg: str) -> None:
    """`:mark all` marks what the filter shows; `:mark none` (or `:unmark`) clears the marks."""
    view = app.main.current_view
    if not hasattr(view, "marks"):
        app.notify("Marks work on the resource lists", severity="warning", markup=False)
    elif arg.lower() in ("", "all"):
        view.action_mark_all()
    elif arg.lower() in ("none", "clear"):
        view.clear_marks()
    else:
        app.notify(f"Unknown :mark {arg}; try :mark all or :mark none", severity="warning", markup=False)


@dataclass(frozen=True)
class Command:
    """One `:` command: the word Tab offers, the aliases that also run it, what it takes and does."""

    name: str
    aliases: tuple[str, ...]
    run: Callable[["ConsoleApp", str], None]
    help: str  # sentence case, no full stop: the help screen, the palette and the README show it
    argument: str = ""  # how the argument is written ("<r>|all"); "" when it takes none
    group: str = "Views"  # the help screen's section (Views, Navigate, Change, Global)
    mutates: bool = False  # read-only mode leaves it out of the help (as it disables the keys)

    @property
    def usage(self) -> str:
        """`:region <r>|all`"""
        return f":{self.name}" + (f" {self.argument}" if self.argument else "")

    @property
    def short(self) -> str:
        """The shortest alias (`:m`), or "" when the name is the shortest."""
        best = min(self.aliases, key=len, default="")
        return f":{best}" if best and len(best) < len(self.name) else ""


#: The one command table: run_command, Tab completion, the prompt's suggestions and placeholder,
#: the help screen, the command palette and the README's list are all generated from it.
TABLE: tuple[Command, ...] = (
    Command("models", ("model", "mo", "m"), _view("models"), "Models (custom and base)"),
    Command("imported", ("importedmodels", "imported-models", "im"), _view("imported"), "Imported models"),
    Command("workrequests", ("workrequest", "work-requests", "wr", "wrs"), _view("workrequests"), "Work requests"),
    Command("clusters", ("cluster", "dac", "dacs", "cl", "dedicated-ai-clusters"), _view("clusters"),
            "Dedicated AI clusters"),
    Command("endpoints", ("endpoint", "ep", "eps"), _view("endpoints"), "Endpoints"),
    Command("region", ("reg", "r"), _region, "Switch region (all: every region); alone: pick one",
            "<r>|all", "Navigate"),
    Command("compartment", ("comp", "cmp", "c"), _compartment, "Switch compartment by name or path; alone: pick one",
            "<name>", "Navigate"),
    Command("profile", ("prof", "p"), _profile, "Switch OCI profile; alone: pick one", "<name>", "Navigate"),
    Command("mark", (), _mark, "Mark every row the filter shows (none: clear the marks)", "all|none", "Change"),
    Command("unmark", (), lambda app, arg: _mark(app, "none"), "Clear the marks", "", "Change"),
    Command("deploy", (), _deploy, "Deploy the selected model on an endpoint (or pick one)", "", "Change", True),
    Command("theme", (), _theme, "Switch colour theme; alone: pick one", "<name>", "Global"),
    Command("help", (), lambda app, arg: app.action_help(), "Keys and commands (this list)", "", "Global"),
    Command("quit", ("q", "q!"), lambda app, arg: app.exit(), "Quit", "", "Global"),
)

#: every word typed after `:` (names and aliases) -> its command
BY_WORD: dict[str, Command] = {word: c for c in TABLE for word in (c.name, *c.aliases)}
COMMANDS: dict[str, Callable[["ConsoleApp", str], None]] = {word: c.run for word, c in BY_WORD.items()}
VIEW_ALIASES = {word: c.name for word, c in BY_WORD.items() if c.group == "Views"}


def names() -> list[str]:
    """The canonical command words, in table order."""
    return [c.name for c in TABLE]


def help_lines() -> list[tuple[str, str, str]]:
    """(group, `:usage  :short`, help) for every command: what `?` and the README list."""
    return [(c.group, c.usage + (f"  {c.short}" if c.short else ""), c.help) for c in TABLE]


def readme_lines() -> list[str]:
    """The README's command list (a test keeps README.md equal to this)."""
    return [f"- `{c.usage}`" + (f" (`{c.short}`)" if c.short else "") + f": {c.help}" for c in TABLE]


def run_command(app: ConsoleApp, text: str) -> bool:
    """Run one `:` command line; False (and a toast) when it is not a command."""
    line = text.strip().lstrip(":").strip()
    if not line:
        return False
    word, _, arg = line.partition(" ")
    handler = COMMANDS.get(word.lower())
    if handler is None:
        app.notify(f"Unknown command :{word}. Commands: {', '.join(names())} (? lists them)",
                   severity="warning", markup=False)
        return False
    handler(app, arg.strip())
    return True
