"""The wizards' pickers work from the keyboard alone, as an operator on a bastion uses them."""

from __future__ import annotations

from tests.helpers import settle


async def test_base_model_picker_is_keyboard_driven(make_app):
    app, _emu = make_app("demo")
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        wizard = app.screen
        picker = wizard.steps[0].picker
        assert picker.loaded
        # Typing filters, ↓ leaves the filter for the list, enter picks and moves on.
        await pilot.press(*"llama-3.1")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert picker.selected is not None
        assert picker.selected.display_name == "meta.llama-3.1-70b-instruct"
        assert wizard.index == 1, "enter on a picked base model goes to the method step"


async def test_enter_in_the_filter_picks_the_only_match(make_app):
    app, _emu = make_app("demo")
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        picker = app.screen.steps[0].picker
        await pilot.press(*"3.3-70b", "enter")
        await settle(pilot)
        assert picker.selected.display_name == "meta.llama-3.3-70b-instruct"


async def test_esc_asks_before_discarding_a_draft_in_progress(make_app):
    from textual.widgets import Static

    from tui.ui.wizards.base import WizardScreen

    app, _emu = make_app("demo")
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"3.3-70b", "enter")
        await settle(pilot)
        wizard = app.screen
        assert isinstance(wizard, WizardScreen) and wizard.index == 1
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is wizard, "one esc keeps a draft that is past its first step"
        assert "esc again" in str(wizard.query_one("#wizard-status", Static).render())
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, WizardScreen)


async def test_esc_on_the_first_step_closes_at_once(make_app):
    from tui.ui.wizards.base import WizardScreen

    app, _emu = make_app("demo")
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, WizardScreen)
