"""Helpers every console test shares (imported as `tests.helpers`; not a test file, not a conftest).

Why one module: the console tests open the app on the local service, wait for it to settle, point it
at the demo compartment and walk the same wizard steps. Writing that once keeps each test about the
one behaviour it proves, and keeps one definition of each helper (one `wait_until`, one `settle`).

Also the hypothesis profile helper: `examples(ci=..., thorough=...)` is the example count of the
slow UI properties under the profile tests/conftest.py loaded (`dev.py test --thorough`).
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, Callable

from hypothesis import settings
from textual.worker import WorkerCancelled, WorkerFailed

from tui.ui import actions

#: the environment variable dev.py sets to choose the hypothesis profile ("ci" unless told)
PROFILE_ENV = "OCI_GENAI_TUI_HYPOTHESIS"


def examples(*, ci: int, thorough: int) -> int:
    """`max_examples` for a property whose examples are expensive (each one drives the live UI)."""
    return thorough if settings.get_current_profile_name() == "thorough" else ci


def default_compartment(emu: Any) -> str | None:
    """The compartment a seed's interesting data lives in (the demo's models compartment, ...)."""
    extras = getattr(emu.seed_info, "extras", {}) or {}
    for key in ("models_compartment_id", "scale_compartment_id", "hostile_compartment_id"):
        if extras.get(key):
            return str(extras[key])
    return None


def pending_debounce(app: Any, horizon: float = 0.5) -> bool:
    """Whether a one-shot timer of at most `horizon` seconds (a debounce: `set_timer(0.1, ...)`) is
    still to fire on any screen of the app. Repeating timers (refresh, polling, the screen's own
    update timer) and long ones (toast timeouts) do not count: they are not waiting to settle."""
    nodes: list[Any] = [app]
    for screen in app.screen_stack:
        nodes.append(screen)
        nodes.extend(screen.walk_children(with_self=False))
    for node in nodes:
        for timer in list(node._timers):
            task = timer._task
            if timer._repeat == 0 and timer._interval <= horizon and task is not None and not task.done():
                return True
    return False


async def _workers_done(app: Any) -> None:
    for _attempt in range(5):
        try:
            await app.workers.wait_for_complete()
            return
        except (WorkerCancelled, WorkerFailed):  # a newer call superseded one: wait for the rest
            continue


async def settle(pilot: Any, rounds: int = 3) -> None:
    """Let debounce timers fire and wait for every worker (and the UI updates they trigger).

    Condition-based: done once `rounds` checks in a row find no worker running and no debounce
    pending (a worker's result, applied on the UI thread, may start another worker or timer)."""
    app = pilot.app
    for _ in range(40):  # the compartment names load shortly after the first rows (header path)
        if app.compartments or not getattr(app, "connected", False) or app.last_error is not None:
            break
        await pilot.pause(0.05)
    calm = 0
    deadline = time.monotonic() + 20
    while calm < rounds and time.monotonic() < deadline:
        await pilot.pause()
        await _workers_done(app)
        await pilot.pause()
        if pending_debounce(app) or any(not w.is_finished for w in app.workers):
            calm = 0
            await asyncio.sleep(0.02)
        else:
            calm += 1


async def wait_until(pilot, predicate: Callable[[], Any], timeout: float = 10.0, what: str = "condition") -> Any:
    """Let the app run until `predicate()` is truthy (workers post back on the UI thread)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        await pilot.pause()
        value = predicate()
        if value:
            return value
        await asyncio.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def models_compartment(emu) -> str:
    return emu.seed_info.extras["models_compartment_id"]


async def ready(app, pilot, emu) -> None:
    """Wait for the console to connect (make_app points it at the demo models compartment)."""
    await wait_until(pilot, lambda: app.connected, what="console connected")
    assert app.context.compartment_id == models_compartment(emu)
    await pilot.pause()


async def open_fine_tune(app, pilot):
    from tui.ui.wizards.fine_tune import FineTuneWizard

    wizard = actions.open_create(app, "model")
    assert isinstance(wizard, FineTuneWizard)
    await wait_until(pilot, lambda: wizard.steps[0].picker.loaded, what="base models loaded")
    return wizard


async def open_import(app, pilot):
    from tui.ui.wizards.import_model import ImportWizard

    wizard = actions.open_create(app, "imported_model")
    assert isinstance(wizard, ImportWizard)
    await wait_until(pilot, lambda: wizard.is_mounted and app.screen is wizard, what="import wizard")
    return wizard


async def next_step(pilot, wizard, expect: int | None = None) -> None:
    before = wizard.index
    await pilot.press("ctrl+n")
    await pilot.pause()
    await wait_until(pilot, lambda: wizard.entered_index == wizard.index, what="step entered")
    if expect is not None:
        assert wizard.index == expect, status_of(wizard)
    else:
        assert wizard.index == before + 1, status_of(wizard)


def status_of(screen) -> str:
    from textual.widgets import Static

    found = screen.query("#wizard-status, #dialog-status")
    return str(found.first(Static).render()) if found else ""


async def fine_tune_to_review(pilot, wizard, *, base="meta.llama-3.3-70b-instruct", cluster_prefix="ft-llama",
                              cluster_ocid: str | None = None, name="my_ft_model", hyper: dict | None = None,
                              object_name="train.jsonl", tags: dict | None = None) -> None:
    """Walk every step with valid input (overrides for the values a test cares about)."""
    assert wizard.steps[0].picker.select_where(lambda m: m.display_name == base)
    await next_step(pilot, wizard, 1)
    await next_step(pilot, wizard, 2)
    for key, value in (hyper or {}).items():
        wizard.steps[2].fields[key].value = value
    await next_step(pilot, wizard, 3)
    ds = wizard.steps[3].fields
    ds["namespace"].value, ds["bucket"].value, ds["object_name"].value = "demo-namespace", "training", object_name
    await next_step(pilot, wizard, 4)
    cluster_step = wizard.steps[4]
    if cluster_ocid:
        cluster_step.pasted.value = cluster_ocid
    else:
        await wait_until(pilot, lambda: cluster_step.picker.loaded, what="clusters loaded")
        assert cluster_step.picker.select_where(lambda c: c.display_name.startswith(cluster_prefix))
    await next_step(pilot, wizard, 5)
    wizard.steps[5].fields["display_name"].value = name
    if tags:
        from tui.ui.forms.tags import TagsEditor

        editor = wizard.steps[5].query_one(TagsEditor)
        for k, v in tags.items():
            await editor.add_row(k, v)
    await pilot.pause()
    await next_step(pilot, wizard, 6)


async def import_hf_to_review(pilot, wizard, *, model_id="google/gemma-2-9b-it", token="", name="gemma_import",
                              capability="TEXT_TO_TEXT", branch="main", commit="") -> None:
    src = wizard.steps[0]
    src.hf["hf_model_id"].value = model_id
    src.hf["hf_branch"].value = branch
    src.hf["hf_commit"].value = commit
    src.hf["hf_token"].value = token
    await next_step(pilot, wizard, 1)
    await pick_radio(pilot, wizard.steps[1], f"cap-{capability.lower()}")
    await next_step(pilot, wizard, 2)
    wizard.steps[2].fields["display_name"].value = name
    wizard.steps[2].fields["vendor"].value = "google"
    await next_step(pilot, wizard, 3)


async def pick_radio(pilot, container, button_id: str) -> None:
    from textual.widgets import RadioButton

    button = container.query_one(f"#{button_id}", RadioButton)
    button.value = True
    await pilot.pause()


def count(emu, region: str, kind: str, name: str) -> int:
    """Resources named `name` in the emulator's store (kind 'models' or 'imported')."""
    store = emu.store(region)
    table = getattr(store, kind)
    return sum(1 for r in table.values() if r.data.get("displayName") == name)


class WalkSnapshots:
    """Several snapshots taken along one walk through the app, compared at the end.

    `snap_compare` runs a whole app per screenshot, so a snapshot of a wizard's seventh step walked
    the six before it again; a test that walks once and calls `await shots.take(pilot, "step")` at
    each screen compares the same screens for a fraction of the cost. Each shot is its own SVG file
    (`<test>[<size>][<name>].svg`) in the same `__snapshots__` folder, updated by `--snapshot-update`.
    Every shot is compared even after one differs; the assertion names all that differ and where
    their actual SVG was written."""

    def __init__(self, snapshot: Any, tmp_path: Any) -> None:
        from pytest_textual_snapshot import SVGImageExtension

        self._snapshot = snapshot.use_extension(SVGImageExtension)
        self._out = tmp_path
        self.mismatched: list[str] = []

    async def take(self, pilot: Any, name: str, *, clear_notifications: bool = True) -> None:
        app = pilot.app
        if clear_notifications:
            app.clear_notifications()
        await pilot.pause()  # the same settling as textual._doc.take_svg_screenshot
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        svg = app.export_screenshot(title=app.title, simplify=True)
        if not self._snapshot(name=name) == svg:
            path = self._out / f"{name}.svg"
            path.write_text(svg)
            self.mismatched.append(f"{name} (actual: {path})")

    def check(self) -> None:
        assert not self.mismatched, "snapshots differ: " + ", ".join(self.mismatched)
