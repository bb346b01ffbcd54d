"""Binding ids: the names operators use in the config file's `[keymap]` table to remap keys.

Collected from the classes that declare them, so the list in error messages and `--info` can never
drift from the code. The App class is passed in (the app imports this module, not the other way).
Imported only when a keymap is configured (it pulls in the wizard modules).

`check_keymap` refuses, at start-up and by name, what Textual would take silently: a key name no
terminal sends (`ctlr+x`), and a key that two bindings active at the same time would share
(`sort = "ctrl+q"` would take quit's key; `sort = "e"` edit's). Clashes are checked against every
binding (with or without an id, Textual's own included) of the classes whose bindings are live
together: the app, the main screen, the list view or work-requests view, and the table; the app and
a wizard; the app and the delete dialog.
"""

from __future__ import annotations

import unicodedata

from textual.binding import Binding
from textual.keys import Keys, key_to_character

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
NAMED_KEYS = frozenset(k.value for k in Keys if "+" not in k.value and not k.value.startswith("<"))


def _bindings_of(cls: type) -> list[Binding]:
    out = []
    for item in getattr(cls, "BINDINGS", []):
        if isinstance(item, Binding):
            out.append(item)
    return out


def _mro_bindings(cls: type) -> list[Binding]:
    """Every Binding the class has, inherited ones included (as Textual merges them)."""
    out: list[Binding] = []
    for base in reversed(cls.__mro__):
        out.extend(_bindings_of(base) if "BINDINGS" in vars(base) else [])
    return out


def key_problem(key: str) -> str | None:
    """Why `key` (one key, e.g. `ctrl+x`, `f5`, `?`, `question_mark`) is not a key name, or None."""
    *mods, base = key.split("+")
    if not base:
        return "is empty"
    bad = [m for m in mods if m not in MODIFIERS]
    if bad:
        return f"has an unknown modifier {bad[0]!r} (known: {', '.join(sorted(MODIFIERS))})"
    if len(base) == 1:
        return None if base.isprintable() and not unicodedata.category(base).startswith("C") else "is not printable"
    if base in NAMED_KEYS or key_to_character(base) is not None:
        return None
    return "is not a key name (e.g. ctrl+x, f5, pageup, question_mark or one character)"


def _normal(key: str) -> str:
    from textual.keys import _character_to_key

    return _character_to_key(key) if len(key) == 1 else key


def scopes(app: type) -> list[tuple[str, list[type]]]:
    """(name, classes) of the binding sets live at the same time under the App class ``app``."""
    from tui.ui.dialogs.delete import DeleteDialog
    from tui.ui.screens.main import MainScreen
    from tui.ui.widgets.resource_list import ResourceListView
    from tui.ui.widgets.virtual_table import VirtualTable
    from tui.ui.widgets.work_requests_view import WorkRequestsView
    from tui.ui.wizards.base import WizardScreen

    return [("list views", [app, MainScreen, ResourceListView, VirtualTable]),
            ("work requests view", [app, MainScreen, WorkRequestsView, VirtualTable]),
            ("wizards", [app, WizardScreen]),
            ("delete dialog", [app, DeleteDialog])]


def check_keymap(keymap: dict[str, str], app: type) -> tuple[dict[str, str], list[str]]:
    """(the usable part of `keymap`, one problem line per refused entry), for the App class ``app``.

    Refused: unknown binding ids, key names that are not keys, and keys that would clash with another
    binding live at the same time (the remapped binding keeps its default key).
    """
    known = set(binding_ids(app))
    problems: list[str] = []
    usable: dict[str, str] = {}
    unknown = sorted(set(keymap) - known)
    if unknown:
        problems.append(f"keymap: unknown binding id(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    for binding_id, keys in keymap.items():
        if binding_id not in known:
            continue
        broken = [(k, key_problem(k)) for k in (part.strip() for part in keys.split(","))]
        bad = [(k, why) for k, why in broken if why]
        if bad:
            problems.append(f"keymap: {binding_id} = {keys!r}: {bad[0][0]!r} {bad[0][1]}")
            continue
        usable[binding_id] = ",".join(_normal(part.strip()) for part in keys.split(","))
    for name, classes in scopes(app):
        owners: dict[str, list[str]] = {}  # key -> the bindings on it, after the keymap
        for cls in classes:
            for b in _mro_bindings(cls):
                keys = usable.get(b.id, b.key) if b.id else b.key
                label = b.id or b.action
                for k in {_normal(x.strip()) for x in keys.split(",")}:
                    if label not in owners.setdefault(k, []):
                        owners[k].append(label)
        for binding_id in list(usable):
            if binding_id not in {b.id for cls in classes for b in _mro_bindings(cls)}:
                continue
            for k in usable[binding_id].split(","):
                others = [o for o in owners.get(k, []) if o != binding_id]
                if others and binding_id in usable:
                    problems.append(f"keymap: {binding_id} = {keymap[binding_id]!r} clashes with "
                                    f"{', '.join(others)} on {k!r} ({name}); keeping its default key")
                    del usable[binding_id]
    return usable, problems


def binding_ids(app: type) -> list[str]:
    """Every binding id of the App class ``app`` (ConsoleApp passes itself) and the console's classes."""
    from tui.ui.dialogs.delete import DeleteDialog
    from tui.ui.screens.main import MainScreen
    from tui.ui.widgets.resource_list import ResourceListView
    from tui.ui.widgets.virtual_table import VirtualTable
    from tui.ui.widgets.work_requests_view import WorkRequestsView
    from tui.ui.wizards.base import WizardScreen

    ids = {
        b.id
        for cls in (app, MainScreen, ResourceListView, WorkRequestsView, VirtualTable, WizardScreen,
                    DeleteDialog)
        for b in _bindings_of(cls)
        if b.id
    }
    return sorted(ids)
