"""The one way the console talks to OCI: blocking service-layer calls in Textual thread workers.

Why a single client: every call needs the same discipline (never on the event loop, exclusive
per group so a newer request supersedes an older one, failures converted to one error type and
shown the same way, results delivered on the UI thread, dropped when the caller has gone). A
cancelled thread worker still finishes its HTTP call, so nothing here is ever offered as an undo
for a mutation.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from textual.dom import DOMNode
from textual.worker import Worker, get_current_worker

from tui.cloud.errors import CloudError, from_exception

log = logging.getLogger(__name__)

T = TypeVar("T")


class WorkerClient:
    """Mixed into the App: `self.app.call(node, label, fn, ...)` from any widget or screen."""

    def call(
        self,
        node: DOMNode,
        label: str,
        fn: Callable[..., T],
        *args: Any,
        group: str = "default",
        exclusive: bool = True,
        on_success: Callable[[T], None] | None = None,
        on_error: Callable[[CloudError], None] | None = None,
        **kwargs: Any,
    ) -> Worker[T | None]:
        """Run `fn(*args, **kwargs)` in a thread worker owned by `node`.

        `on_success(result)` or `on_error(CloudError)` then runs on the UI thread, unless the
        worker was cancelled (a newer call in the same group, or `node` went away). Without
        `on_error`, the error goes to the app's `show_error`.
        """
        app = self  # the App this is mixed into

        def deliver(callback: Callable[[Any], None], value: Any) -> None:
            if get_current_worker().is_cancelled:
                return
            try:
                app.call_from_thread(callback, value)  # type: ignore[attr-defined]
            except RuntimeError:  # the app is shutting down
                log.debug("dropped result of %s: app not running", label)

        def run() -> T | None:
            try:
                result = fn(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - every failure becomes a CloudError
                error = exc if isinstance(exc, CloudError) else from_exception(exc, operation=label)
                log.info("%s failed: %s", label, error)
                deliver(on_error or app.show_error, error)  # type: ignore[attr-defined]
                return None
            if on_success is not None:
                deliver(on_success, result)
            return result

        return node.run_worker(
            run,
            name=label,
            group=group,
            description=label,  # never repr() the arguments: they may hold signers or tokens
            exclusive=exclusive,
            exit_on_error=False,
            thread=True,
        )

    def show_error(self, error: CloudError) -> None:  # pragma: no cover - the App overrides it
        raise NotImplementedError
