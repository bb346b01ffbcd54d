"""How every wizard step looks at 80×24 and 120×40 (the fine-tune's seven, the import's four, and the
Object Storage variant of the import source). Deterministic: the demo seed on a ManualClock, the
default theme, no blinking cursor, pollers paused, toasts cleared before the capture."""

from __future__ import annotations


import pytest
from tests.helpers import (
    fine_tune_to_review, import_hf_to_review, next_step, open_fine_tune, open_import, pick_radio, ready,
    wait_until,
)

SIZES = [(80, 24), (120, 40)]
size_id = lambda s: f"{s[0]}x{s[1]}"  # noqa: E731


def _app(make_app, size):
    app, emu = make_app(size=size)
    app.poll_interval = 3600
    return app, emu


async def _fine_tune_at(app, pilot, emu, step: int):
    await ready(app, pilot, emu)
    wizard = await open_fine_tune(app, pilot)
    if step == 6:
        await fine_tune_to_review(pilot, wizard, name="snap_ft", tags={"team": "qa"})
    elif step > 0:
        assert wizard.steps[0].picker.select_where(lambda m: m.display_name == "meta.llama-3.3-70b-instruct")
        for n in range(1, step + 1):
            if n == 4:
                ds = wizard.steps[3].fields
                ds["namespace"].value, ds["bucket"].value, ds["object_name"].value = "demo-ns", "training", "t.jsonl"
            if n == 5:
                await wait_until(pilot, lambda: wizard.steps[4].picker.loaded)
                assert wizard.steps[4].picker.select_where(lambda c: c.display_name.startswith("ft-llama"))
            await next_step(pilot, wizard, n)
    if step == 4:
        await wait_until(pilot, lambda: wizard.steps[4].picker.loaded)
    app.clear_notifications()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=size_id)
@pytest.mark.parametrize("step", range(7), ids=["base", "method", "hyper", "dataset", "cluster", "name", "review"])
def test_fine_tune_step(snap_compare, make_app, size, step):
    app, emu = _app(make_app, size)

    async def run_before(pilot):
        await _fine_tune_at(app, pilot, emu, step)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=size_id)
@pytest.mark.parametrize("step", ["source-hf", "source-os", "capability", "details", "review"])
def test_import_step(snap_compare, make_app, size, step):
    app, emu = _app(make_app, size)

    async def run_before(pilot):
        await ready(app, pilot, emu)
        wizard = await open_import(app, pilot)
        src = wizard.steps[0]
        if step == "source-hf":
            src.hf["hf_model_id"].value = "google/gemma-2-9b-it"
            src.hf["hf_token"].value = "hf_not_shown_anywhere"
        elif step == "source-os":
            await pick_radio(pilot, src, "src-os")
            src.os["os_namespace"].value, src.os["os_bucket"].value = "demo-namespace", "model-artifacts"
            src.os["os_prefix"].value = "bad prefix\x07"
        elif step == "review":
            await import_hf_to_review(pilot, wizard, token="hf_not_shown_anywhere", name="gemma_snap")
        else:
            src.hf["hf_model_id"].value = "google/gemma-2-9b-it"
            await next_step(pilot, wizard, 1)
            if step == "details":
                await pick_radio(pilot, wizard.steps[1], "cap-image_text_to_text")
                await next_step(pilot, wizard, 2)
                wizard.steps[2].fields["display_name"].value = "-bad-name"
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
