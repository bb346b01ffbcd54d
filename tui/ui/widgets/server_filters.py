"""Compatibility path: `ServerFilters` is data, so it lives in tui/ui/data/server_filters.py.

Kept so that code written against the old location keeps importing; new code imports from
tui.ui.data.server_filters (ui/data must not import ui/widgets, an import-linter contract).
"""

from __future__ import annotations

from tui.ui.data.server_filters import ServerFilters

__all__ = ["ServerFilters"]
