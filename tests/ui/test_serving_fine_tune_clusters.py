"""The fine-tune wizard's cluster step offers only clusters that suit the chosen base model: the
others are listed greyed with the reason and cannot be picked (over the real local service)."""

from __future__ import annotations

from tests.helpers import next_step, open_fine_tune, ready, wait_until


async def _cluster_step(app, pilot, emu, base: str):
    await ready(app, pilot, emu)
    wizard = await open_fine_tune(app, pilot)
    assert wizard.steps[0].picker.select_where(lambda m: m.display_name == base)
    await next_step(pilot, wizard, 1)
    await next_step(pilot, wizard, 2)
    await next_step(pilot, wizard, 3)
    ds = wizard.steps[3].fields
    ds["namespace"].value, ds["bucket"].value, ds["object_name"].value = "demo-namespace", "training", "t.jsonl"
    await next_step(pilot, wizard, 4)
    step = wizard.steps[4]
    await wait_until(pilot, lambda: step.picker.loaded, what="clusters loaded")
    return wizard, step


async def test_llama_fine_tune_greys_cohere_clusters_with_the_reason(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        wizard, step = await _cluster_step(app, pilot, emu, "meta.llama-3.3-70b-instruct")
        by_name = {c.display_name: c for c in step.picker.items}
        assert by_name["ft-llama-chicago"].usable
        cohere = by_name["ft-cohere-chicago"]
        assert not cohere.usable and cohere.reason
        assert not by_name["ft-cohere-pending"].usable and "CREATING" in by_name["ft-cohere-pending"].reason
        assert step.picker.items[0].usable  # usable first
        ol = step.picker.option_list
        index = step.picker.shown.index(cohere)
        assert ol.get_option_at_index(index).disabled
        assert "✗" in str(ol.get_option_at_index(index).prompt)
        assert not step.picker.select_where(lambda c: c.display_name == "ft-cohere-chicago")
        assert "choose one" in (step.check() or "")
        assert step.picker.select_where(lambda c: c.display_name == "ft-llama-chicago")
        assert step.check() is None and wizard.draft.cluster_id == by_name["ft-llama-chicago"].id


async def test_cohere_fine_tune_never_offers_the_llama_cluster(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        wizard, step = await _cluster_step(app, pilot, emu, "cohere.command-r-08-2024")
        by_name = {c.display_name: c for c in step.picker.items}
        assert not by_name["ft-llama-chicago"].usable
        assert not step.picker.select_where(lambda c: c.display_name == "ft-llama-chicago")
