"""`?` help generated from the active bindings, and the command palette providers."""

from __future__ import annotations

from textual.command import CommandPalette

from tests.helpers import settle
from tui.ui.screens.help import HelpScreen


async def test_help_lists_the_active_bindings(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(f"{k} {d}" for k, d in app.screen.lines)
        for expected in ("Raw JSON", "Copy OCID", "Server-side filters", "Sort by the next column", "Switch region",
                         "Switch compartment", "Delete"):
            assert expected in text, expected
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main


async def test_help_in_read_only_has_no_mutations(make_app):
    app, emu = make_app(read_only=True)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = "\n".join(d for _, d in app.screen.lines)
        assert "Delete" not in text and "Move to another compartment" not in text


async def _palette(pilot, query: str):
    app = pilot.app
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*query)
    await pilot.pause(0.6)
    await pilot.press("enter")
    await settle(pilot)


async def test_palette_jumps_to_a_model_by_name(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await _palette(pilot, "legal-summ")
        row = app.main.current_view.table.current_row
        assert row is not None and row.name == "legal-summarizer"


async def test_palette_switches_region_and_theme(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await _palette(pilot, "Region: uk-london")
        assert app.context.region.id == "uk-london-1"
        await _palette(pilot, "Theme: oci-light")
        assert app.theme == "oci-light"


async def test_palette_switches_compartment_and_copies_ocid(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await _palette(pilot, "Compartment: root/genai-dev/sandbox-alice")
        assert app.context.compartment_id == emu.seed_info.compartments["sandbox-alice"]
        row = app.main.current_view.table.current_row
        await _palette(pilot, "Copy OCID")
        assert app.clipboard == row.ocid


def test_palette_hits_are_literal():
    from textual.fuzzy import Matcher

    from tui.ui.palette import literal_highlight

    content = literal_highlight(Matcher("click"), "[@click=app.quit]x[/]")
    assert content.plain == "[@click=app.quit]x[/]"
