"""Binding ids: the names operators use in the config file's `[keymap]` table to remap keys.

Collected from the classes that declare them, so the list in error messages and `--info` can never
drift from the code. Imported only when a keymap is configured (it pulls in the wizard modules).
"""

from __future__ import annotations

from textual.binding import Binding


def _bindings_of(cls: type) -> list[Binding]:
    out = []
    for item in getattr(cls, "BINDINGS", []):
        if isinstance(item, Binding):
            out.append(item)
    return out


def binding_ids() -> list[str]:
    from tui.app import ConsoleApp
    from tui.ui.dialogs.delete import DeleteDialog
    from tui.ui.screens.main import MainScreen
    from tui.ui.widgets.resource_list import ResourceListView
    from tui.ui.widgets.virtual_table import VirtualTable
    from tui.ui.widgets.work_requests_view import WorkRequestsView
    from tui.ui.wizards.base import WizardScreen

    ids = {
        b.id
        for cls in (ConsoleApp, MainScreen, ResourceListView, WorkRequestsView, VirtualTable, WizardScreen,
                    DeleteDialog)
        for b in _bindings_of(cls)
        if b.id
    }
    return sorted(ids)
