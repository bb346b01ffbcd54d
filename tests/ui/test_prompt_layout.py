"""A keystroke in the `:` / `/` prompt costs no layout pass of the screen (Pilot).

Textual's `Input` sets its `virtual_size` on every change and `virtual_size` is a layout reactive, so
each keystroke re-laid out every widget of the main screen (~28 ms with five list views: the
largest share of a `/` keystroke's UI time at 10,000 models, tests/bench/filter_latency.py).
`SafeInput` sets it without the layout pass; the text still scrolls within the input."""

from __future__ import annotations

from tests.helpers import settle
from tui.ui.forms.inputs import SafeInput


async def test_typing_in_the_prompt_lays_nothing_out(make_app):
    app, _emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("colon")  # command mode: the typing filters nothing, only the input changes
        await pilot.pause()
        prompt_input = app.main.query_one("#prompt-input", SafeInput)
        layouts: list[bool] = []
        original = prompt_input.refresh

        def refresh(*regions, repaint=True, layout=False, recompose=False):  # noqa: ANN001, ANN202
            layouts.append(layout)
            return original(*regions, repaint=repaint, layout=layout, recompose=recompose)

        prompt_input.refresh = refresh  # type: ignore[method-assign]
        typed = "compartment genai-prod-models-archive and more text than the prompt shows" * 2
        await pilot.press(*typed)
        await pilot.pause()
        assert prompt_input.value == typed
        assert layouts and not any(layouts)  # repainted on every key, laid out on none
        assert prompt_input.virtual_size.width >= len(typed)  # it still knows how far its text runs
        assert prompt_input.scroll_x > 0  # and scrolled to keep the cursor in view
