"""`app.call`: the current no-argument-callable form and the deprecated (label, fn, *args) form."""

from __future__ import annotations

from functools import partial

import pytest
from textual.app import App

from tui.cloud.errors import CloudError
from tui.ui.worker import WorkerClient, _name_of


class _App(WorkerClient, App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.errors: list[CloudError] = []

    def show_error(self, error: CloudError) -> None:
        self.errors.append(error)


def _add(a: int, b: int = 0) -> int:
    return a + b


def _fail() -> int:
    raise ValueError("boom")


async def test_the_current_form_runs_a_partial_and_delivers_on_the_ui_thread() -> None:
    app = _App()
    got: list[int] = []
    async with app.run_test() as pilot:
        worker = app.call(app, partial(_add, 2, b=3), label="add", on_success=got.append)
        await worker.wait()
        await pilot.pause()
        assert worker.name == "add"
    assert got == [5]


async def test_the_deprecated_form_still_binds_args_and_kwargs() -> None:
    app = _App()
    got: list[int] = []
    async with app.run_test() as pilot:
        worker = app.call(app, "add", _add, 4, b=5, group="g", on_success=got.append)
        await worker.wait()
        await pilot.pause()
        assert (worker.name, worker.group) == ("add", "g")
    assert got == [9]


async def test_a_failure_becomes_a_cloud_error_named_by_the_label() -> None:
    app = _App()
    async with app.run_test() as pilot:
        await app.call(app, _fail).wait()
        await pilot.pause()
    assert len(app.errors) == 1
    assert isinstance(app.errors[0], CloudError)
    assert app.errors[0].operation == "_fail"


def test_arguments_beside_a_callable_are_refused() -> None:
    app = _App()
    with pytest.raises(TypeError):
        app.call(app, _add, 1)  # type: ignore[call-overload]


def test_labels_default_to_the_function_name_through_partials() -> None:
    assert _name_of(partial(partial(_add, 1), b=2)) == "_add"
    assert _name_of(lambda: None) == "<lambda>"
