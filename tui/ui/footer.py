"""The footer: Textual's, but it drops the least important keys first when the terminal is narrow.

Textual's Footer lays the keys out in binding order and lets the row run off the right edge, so at
80 columns `?` (an App binding, listed last) was cut off, and at 60 a key was cut in half. This one
keeps whole keys only: when they do not all fit, it drops them in reverse `PRIORITY` order (keys a
screen of its own adds, a wizard's or a dialog's, rank after `?`, `:` and `/` but before the list's
keys), and shows the rest in their usual order. `?` goes last of all, so help is always one key away.

Both footers here recompose only when what they show changes (`SteadyFooter`). Textual's Footer
unmounts and mounts every key whenever the screen's bindings are refreshed, and they are refreshed
on every focus change (each Tab in a form, each wizard step) and every `refresh_bindings()`; nearly
always the keys are the same as before, and the recompose costs a layout pass and a repainted footer
line for nothing (about a tenth of the UI thread's time on a fine-tune wizard walk).
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

#: binding ids (or actions when a binding has no id), most important first
PRIORITY = (
    "help", "command", "filter",
    # (a screen's own keys, not listed here, rank here)
    "detail", "wr-jump", "create", "delete", "copy-ocid", "server-filters", "sort", "refresh",
    "region", "compartment",
)
OWN_KEYS = PRIORITY.index("detail")  # where unlisted keys rank
PALETTE_WIDTH = 12  # "▏^p palette" docked on the right


def key_width(key_display: str, description: str) -> int:
    """Cells one compact FooterKey takes: key, a space, the description, a 1-cell margin."""
    return len(key_display) + (1 + len(description) if description else 0) + 1


def rank(binding: Binding, position: int) -> tuple[int, int]:
    name = binding.id or binding.action
    if name in PRIORITY:
        index = PRIORITY.index(name)
        return (index if index < OWN_KEYS else index + 1, position)
    return (OWN_KEYS, position)


def fitting(items: list[tuple[Binding, str]], width: int) -> set[int]:
    """Positions of the (binding, key display) items to keep within `width` cells, by priority."""
    keep: set[int] = set()
    used = 0
    for position in sorted(range(len(items)), key=lambda i: rank(items[i][0], i)):
        binding, display = items[position]
        need = key_width(display, binding.description)
        if used + need <= width:
            keep.add(position)
            used += need
    return keep


def shown_bindings(footer: Footer, screen: Screen[Any]) -> tuple[object, ...]:
    """What the footer would show for `screen` (key, label, action, enabled, tooltip, group, key
    display, in order) and at which width: enough to tell whether a recompose would change anything."""
    app = footer.app
    return (footer.size.width,
            *((binding.key, binding.action, binding.description, enabled, tooltip, binding.group,
               app.get_key_display(binding))
              for _node, binding, enabled, tooltip in screen.active_bindings.values() if binding.show))


class SteadyFooter(Footer):
    """Textual's Footer, recomposed only when the keys it shows change (see the module docstring)."""

    _shown: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        # recorded here, whatever asked for the recompose, so `_shown` is always what is on screen
        self._shown = shown_bindings(self, self.screen) if self._bindings_ready else None
        yield from self.compose_keys()

    def compose_keys(self) -> ComposeResult:
        yield from super().compose()

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if (self._bindings_ready and screen.app.app_focus and self.is_attached and screen is self.screen
                and shown_bindings(self, screen) == self._shown):
            return
        super().bindings_changed(screen)


class ConsoleFooter(SteadyFooter):
    """Footer(compact=True) that fits its width (see the module docstring)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(compact=True, **kwargs)
        self._laid_out_for = 0

    def compose_keys(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        width = self.size.width or self.app.size.width
        self._laid_out_for = width
        shown: list[tuple[Binding, bool, str]] = []
        seen: set[str] = set()
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                shown.append((binding, enabled, tooltip))
        palette = self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE and \
            self.app.COMMAND_PALETTE_BINDING in self.screen.active_bindings
        items = [(binding, self.app.get_key_display(binding)) for binding, _, _ in shown]
        keep = fitting(items, width - (PALETTE_WIDTH if palette else 0))
        if palette and not keep and width < PALETTE_WIDTH + 8:
            palette = False
            keep = fitting(items, width)
        # `?` last: always in the same place, at the end of the row
        order = sorted(range(len(shown)), key=lambda i: (shown[i][0].id == "help", i))
        for position in order:
            if position not in keep:
                continue
            binding, enabled, tooltip = shown[position]
            yield FooterKey(binding.key, items[position][1], binding.description, binding.action,
                            disabled=not enabled, tooltip=tooltip).data_bind(compact=Footer.compact)
        if palette:
            _node, binding, enabled, tooltip = self.screen.active_bindings[self.app.COMMAND_PALETTE_BINDING]
            yield FooterKey(binding.key, self.app.get_key_display(binding), binding.description, binding.action,
                            classes="-command-palette", disabled=not enabled,
                            tooltip=binding.tooltip or binding.description)

    def on_resize(self) -> None:
        if self._bindings_ready and self.size.width != self._laid_out_for:
            self.call_after_refresh(self.recompose)
