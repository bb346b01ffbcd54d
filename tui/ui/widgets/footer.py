"""The footer of every screen: Textual's Footer, recomposed only when what it shows changes.

Textual's Footer unmounts and mounts every key whenever the screen's bindings are refreshed, and
they are refreshed on every focus change (each Tab in a form, each wizard step) and every
`refresh_bindings()`. Nearly always the keys it shows are the same as before: the recompose costs
a layout pass and a repainted footer line for nothing (measured on a fine-tune wizard walk, about a
tenth of the UI thread's time). `SteadyFooter` compares what it would show (key, label, action,
enabled, tooltip, key display) with what it shows and recomposes only when they differ.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


def shown_bindings(footer: Footer, screen: Screen[Any]) -> tuple[tuple[object, ...], ...]:
    """What the footer would show for `screen`, in order: enough to tell whether a recompose would
    change anything."""
    app = footer.app
    return tuple((binding.key, binding.action, binding.description, enabled, tooltip, binding.group,
                  app.get_key_display(binding))
                 for _node, binding, enabled, tooltip in screen.active_bindings.values() if binding.show)


class SteadyFooter(Footer):
    """A Footer that skips recomposing when its keys are unchanged."""

    _shown: tuple[tuple[object, ...], ...] | None = None

    def compose(self) -> ComposeResult:
        # recorded here, whatever asked for the recompose, so `_shown` is always what is on screen
        self._shown = shown_bindings(self, self.screen) if self._bindings_ready else None
        yield from super().compose()

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if (self._bindings_ready and screen.app.app_focus and self.is_attached and screen is self.screen
                and shown_bindings(self, screen) == self._shown):
            return
        super().bindings_changed(screen)
