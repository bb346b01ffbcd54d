"""Keys go where the operator's focus is, however fast they arrive.

A terminal hands the console a paste, fast typing or an SSH link's packet as one burst of bytes;
Textual turns it into Key events all queued on the App at once. The App routes each key by posting
it to whatever has focus *now*, without waiting for the previous key to be handled. But a key that
moves focus (`:` opens the prompt, `e` opens a dialog, Tab moves to the next field) changes focus
only when its handler runs, later, often through `call_later`. So in `:region fra` the `r` and `e`
reached the list (refresh, *edit*) before the prompt had focus, and `abc<Tab>def` typed `def` into
the first field.

The fix, once for every prompt, dialog, wizard step and Tab: the App routes one input event at a
time. After routing a key it waits until the key has been handled all the way up the chain it
travels (the focused widget, each ancestor it bubbles through, the screen, the App, whose bindings
run last) and until whatever focus or screen change that caused has settled, and only then routes
the next. It waits by passing a callback through each of those message queues in order (a queue is
first-in first-out, so when the callback runs, everything posted before it has been handled): no
sleeps, no timing assumptions, so it holds on a loaded CPU too.

A handler that never returns (one that awaits a modal's answer) must not freeze the keyboard: each
wait is bounded, after which the next key is routed as Textual would have.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from typing import TYPE_CHECKING, Any

from textual import events
from textual.message_pump import MessagePump

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode

log = logging.getLogger(__name__)

#: how long one queue may take to hand our callback back before the next key goes anyway (seconds)
HOP_TIMEOUT = 2.0
#: rounds of settling after one key (a dialog that mounts, then focuses its first input, takes two)
MAX_ROUNDS = 8


async def _through(pump: MessagePump) -> None:
    """Return once every message `pump` had queued before this call has been handled."""
    loop = asyncio.get_running_loop()
    done: asyncio.Future[None] = loop.create_future()

    def release() -> None:
        if not done.done():
            done.set_result(None)

    if not pump.call_later(release):  # closed or closing: nothing left to wait for
        return
    try:
        await asyncio.wait_for(asyncio.shield(done), HOP_TIMEOUT)
    except asyncio.TimeoutError:
        log.debug("key order: %r did not answer within %.1f s", pump, HOP_TIMEOUT)


def _chain(node: DOMNode | None, app: App[Any]) -> list[MessagePump]:
    """The queues a key travels: the node, each ancestor it bubbles through, up to the App."""
    pumps: list[MessagePump] = []
    current: MessagePump | None = node
    while current is not None:
        pumps.append(current)
        current = current._parent
    if not pumps or pumps[-1] is not app:
        pumps.append(app)
    return pumps


class OrderedInput:
    """App mixin: route keys and pastes one at a time, each after the last one's focus changes."""

    _input_backlog: deque[events.Event]
    _input_task: asyncio.Task[None] | None = None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            backlog = self.__dict__.setdefault("_input_backlog", deque())
            backlog.append(event)
            if self._input_task is None or self._input_task.done():
                self._input_task = asyncio.create_task(self._route_backlog())
            return
        await super().on_event(event)  # type: ignore[misc]

    async def _route_backlog(self) -> None:
        app: App[Any] = self  # type: ignore[assignment]
        backlog = self._input_backlog
        while backlog:
            event = backlog.popleft()
            try:
                await super().on_event(event)  # type: ignore[misc]  # Textual's own routing
                await self._settle(app)
            except Exception:  # never lose the keyboard over one key
                log.exception("routing %r", event)

    async def _settle(self, app: App[Any]) -> None:
        """Wait until the routed key, and any focus or screen change it caused, has been handled."""
        for _round in range(MAX_ROUNDS):
            try:
                screen = app.screen
            except Exception:  # no screen (shutting down)
                return
            focused = app.focused
            for pump in _chain(focused or screen, app):
                await _through(pump)
            await _through(app)  # focus set through app.call_later lands here
            try:
                if app.screen is screen and app.focused is focused:
                    return
            except Exception:
                return
