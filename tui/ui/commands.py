"""The `:` command language (k9s style) and its aliases, in one table.

`:models` / `:mo` / `:m`, `:imported` / `:im`, `:workrequests` / `:wr`, `:clusters` / `:dac` / `:cl`,
`:endpoints` / `:ep`, `:deploy` (the selected model, or pick one), `:region <r>|all`,
`:compartment <name>`, `:profile <name>`, `:theme <name>`, `:help`, `:q`. A command without its
argument opens the matching picker. Unknown commands say so and list the valid ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from tui.ui.completion import Sources

if TYPE_CHECKING:
    from tui.app import ConsoleApp

VIEW_ALIASES = {
    "models": "models", "model": "models", "mo": "models", "m": "models",
    "imported": "imported", "importedmodels": "imported", "imported-models": "imported", "im": "imported",
    "workrequests": "workrequests", "workrequest": "workrequests", "work-requests": "workrequests",
    "wr": "workrequests", "wrs": "workrequests",
    "clusters": "clusters", "cluster": "clusters", "dac": "clusters", "dacs": "clusters", "cl": "clusters",
    "dedicated-ai-clusters": "clusters",
    "endpoints": "endpoints", "endpoint": "endpoints", "ep": "endpoints", "eps": "endpoints",
}


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


COMMANDS: dict[str, Callable[["ConsoleApp", str], None]] = {
    **{alias: _view(view) for alias, view in VIEW_ALIASES.items()},
    "region": _region, "reg": _region, "r": _region,
    "compartment": _compartment, "comp": _compartment, "cmp": _compartment, "c": _compartment,
    "profile": _profile, "prof": _profile, "p": _profile,
    "theme": _theme,
    "deploy": _deploy,
    "mark": _mark,
    "unmark": lambda app, arg: _mark(app, "none"),
    "help": lambda app, arg: app.action_help(),
    "q": lambda app, arg: app.exit(),
    "quit": lambda app, arg: app.exit(),
    "q!": lambda app, arg: app.exit(),
}


def run_command(app: ConsoleApp, text: str) -> bool:
    """Run one `:` command line; False (and a toast) when it is not a command."""
    line = text.strip().lstrip(":").strip()
    if not line:
        return False
    word, _, arg = line.partition(" ")
    handler = COMMANDS.get(word.lower())
    if handler is None:
        app.notify(
            f"Unknown command :{word}. Try :models (:m), :imported (:im), :workrequests (:wr), "
            ":clusters (:cl), :endpoints (:ep), "
            ":region <r>|all, :compartment <name>, :profile <name>, :theme <name>, :q",
            severity="warning", markup=False,
        )
        return False
    handler(app, arg.strip())
    return True


def completion_sources(app: ConsoleApp) -> Sources:
    """What `:` Tab completes from, as the console knows it now (compartments once their names loaded)."""
    from tui.facts.regions import REGIONS
    from tui.ui.data.compartments import path_names
    from tui.ui.text import clean

    names: list[str] = []
    paths: list[str] = []
    for cid, compartment in app.compartments.items():
        names.append(clean(compartment.name))
        path = path_names(app.compartments, cid)
        if len(path) > 1:
            paths.append("/".join(clean(n) for n in path))
    return Sources(regions=[(r.id, r.key) for r in REGIONS], compartments=sorted(set(names)) + sorted(paths),
                   themes=app.our_themes)
