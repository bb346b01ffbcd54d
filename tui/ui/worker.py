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
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar, cast, overload

from textual.dom import DOMNode
from textual.worker import Worker, get_current_worker

from tui.cloud.errors import CloudError, from_exception

if TYPE_CHECKING:
    from textual.app import App

log = logging.getLogger(__name__)

T = TypeVar("T")


class WorkerClient:
    """Mixed into the App: `self.app.call(node, partial(fn, ...), label=..., ...)` from any widget or screen."""

    @overload
    def call(
        self,
        node: DOMNode,
        work: Callable[[], T],
        /,
        *,
        label: str | None = None,
        group: str = "default",
        exclusive: bool = True,
        on_success: Callable[[T], None] | None = None,
        on_error: Callable[[CloudError], None] | None = None,
    ) -> Worker[T | None]: ...

    @overload
    def call(
        self,
        node: DOMNode,
        label: str,
        fn: Callable[..., T],
        /,
        *args: Any,
        group: str = "default",
        exclusive: bool = True,
        on_success: Callable[[T], None] | None = None,
        on_error: Callable[[CloudError], None] | None = None,
        **kwargs: Any,
    ) -> Worker[T | None]: ...

    def call(self, node: DOMNode, /, *args: Any, **kwargs: Any) -> Worker[Any]:
        """Run `work()` in a thread worker owned by `node` (the current form, like `run_worker`).

        `work` takes no arguments: bind them with `functools.partial` (or a closure). `label` names
        the call in errors and logs; without it, the function's name. `on_success(result)` or
        `on_error(CloudError)` then runs on the UI thread, unless the worker was cancelled (a
        newer call in the same group, or `node` went away). Without `on_error`, the error goes to
        the app's `show_error`.

        Deprecated form, still accepted until every caller has moved:
        `call(node, label, fn, *args, **kwargs)` runs `fn(*args, **kwargs)`.
        """
        label: str | None = kwargs.pop("label", None) if not (args and isinstance(args[0], str)) else None
        options = {name: kwargs.pop(name) for name in ("group", "exclusive", "on_success", "on_error")
                   if name in kwargs}
        if args and isinstance(args[0], str):  # the deprecated (label, fn, *args, **kwargs) form
            if len(args) < 2:
                raise TypeError("call(node, label, fn, *args): no function")
            label, fn, *fn_args = args
            work: Callable[[], Any] = partial(fn, *fn_args, **kwargs)
        else:
            if len(args) != 1 or kwargs or not callable(args[0]):
                raise TypeError("call(node, work, *, label=...): work takes no arguments; use functools.partial")
            work = args[0]
        return self._run_call(node, work, label or _name_of(work), group=options.get("group", "default"),
                              exclusive=options.get("exclusive", True), on_success=options.get("on_success"),
                              on_error=options.get("on_error"))

    def _run_call(
        self,
        node: DOMNode,
        work: Callable[[], T],
        label: str,
        *,
        group: str,
        exclusive: bool,
        on_success: Callable[[T], None] | None,
        on_error: Callable[[CloudError], None] | None,
    ) -> Worker[T | None]:
        app = cast("App[Any]", self)  # the App this is mixed into
        show_error = self.show_error

        def deliver(callback: Callable[[Any], None], value: Any) -> None:
            if get_current_worker().is_cancelled:
                return
            try:
                app.call_from_thread(callback, value)
            except RuntimeError:  # the app is shutting down
                log.debug("dropped result of %s: app not running", label)

        def run() -> T | None:
            try:
                result = work()
            except Exception as exc:  # noqa: BLE001 - every failure becomes a CloudError
                error = exc if isinstance(exc, CloudError) else from_exception(exc, operation=label)
                log.info("%s failed: %s", label, error)
                deliver(on_error or show_error, error)
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


def _name_of(work: Callable[..., Any]) -> str:
    """A label for a call given none: the function's name, seen through partials."""
    while isinstance(work, partial):
        work = work.func
    return getattr(work, "__name__", None) or type(work).__name__
