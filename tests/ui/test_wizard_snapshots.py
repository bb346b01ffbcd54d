"""How every wizard step looks at 80×24 and 120×40 (the fine-tune's seven, the import's four, and the
Object Storage variant of the import source). Deterministic: the demo seed on a ManualClock, the
default theme, no blinking cursor, pollers paused, toasts cleared before the capture."""

from __future__ import annotations


import pytest
from tests.helpers import WalkSnapshots, next_step, open_fine_tune, open_import, pick_radio, ready, wait_until
from tui.ui.forms.tags import TagsEditor

SIZES = [(80, 24), (120, 40)]
size_id = lambda s: f"{s[0]}x{s[1]}"  # noqa: E731


def _app(make_app, size):
    app, emu = make_app(size=size)
    app.poll_interval = 3600
    return app, emu


async def _walk_fine_tune(app, pilot, emu, shots):
    """Base, method, hyperparameters, dataset (empty), cluster, name (empty), review: one walk."""
    await ready(app, pilot, emu)
    wizard = await open_fine_tune(app, pilot)
    await shots.take(pilot, "base")
    assert wizard.steps[0].picker.select_where(lambda m: m.display_name == "meta.llama-3.3-70b-instruct")
    for n, name in ((1, "method"), (2, "hyper"), (3, "dataset")):
        await next_step(pilot, wizard, n)
        await shots.take(pilot, name)
    ds = wizard.steps[3].fields
    ds["namespace"].value, ds["bucket"].value, ds["object_name"].value = "demo-namespace", "training", "train.jsonl"
    await next_step(pilot, wizard, 4)
    await wait_until(pilot, lambda: wizard.steps[4].picker.loaded)
    await shots.take(pilot, "cluster")
    assert wizard.steps[4].picker.select_where(lambda c: c.display_name.startswith("ft-llama"))
    await next_step(pilot, wizard, 5)
    await shots.take(pilot, "name")
    wizard.steps[5].fields["display_name"].value = "snap_ft"
    editor = wizard.steps[5].query_one(TagsEditor)
    await editor.add_row("team", "qa")
    await pilot.pause()
    await next_step(pilot, wizard, 6)
    await shots.take(pilot, "review")


@pytest.mark.parametrize("size", SIZES, ids=size_id)
async def test_fine_tune_steps(snapshot, tmp_path, make_app, size):
    app, emu = _app(make_app, size)
    shots = WalkSnapshots(snapshot, tmp_path)
    async with app.run_test(size=size) as pilot:
        await _walk_fine_tune(app, pilot, emu, shots)
    shots.check()


@pytest.mark.parametrize("size", SIZES, ids=size_id)
async def test_import_steps(snapshot, tmp_path, make_app, size):
    """Object Storage source (with a bad prefix), then a Hugging Face walk: source, capability, details
    (with a bad name), review."""
    app, emu = _app(make_app, size)
    shots = WalkSnapshots(snapshot, tmp_path)
    async with app.run_test(size=size) as pilot:
        await ready(app, pilot, emu)
        wizard = await open_import(app, pilot)
        src = wizard.steps[0]
        await pick_radio(pilot, src, "src-os")
        src.os["os_namespace"].value, src.os["os_bucket"].value = "demo-namespace", "model-artifacts"
        src.os["os_prefix"].value = "bad prefix\x07"
        await shots.take(pilot, "source-os")
        await pilot.press("escape")  # the first step closes at once
        await wait_until(pilot, lambda: app.screen is not wizard, what="wizard closed")
        wizard = await open_import(app, pilot)
        src = wizard.steps[0]
        src.hf["hf_model_id"].value = "google/gemma-2-9b-it"
        src.hf["hf_token"].value = "hf_not_shown_anywhere"
        await shots.take(pilot, "source-hf")
        await next_step(pilot, wizard, 1)
        await shots.take(pilot, "capability")
        await pick_radio(pilot, wizard.steps[1], "cap-image_text_to_text")
        await next_step(pilot, wizard, 2)
        wizard.steps[2].fields["display_name"].value = "-bad-name"
        await shots.take(pilot, "details")
        wizard.steps[2].fields["display_name"].value = "gemma_snap"
        wizard.steps[2].fields["vendor"].value = "google"
        await next_step(pilot, wizard, 3)
        await shots.take(pilot, "review")
    shots.check()
