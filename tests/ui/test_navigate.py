"""Find and move around (issue 9): `~` ranking, `:` history and Tab, `[` `]`, q / ctrl+c, sorting.

Each test drives the console with Pilot against the local service (real SDK over loopback).
"""

from __future__ import annotations

from tests.helpers import settle, wait_until
from tui.ui.data.sorting import version_key
from tui.ui.history import PromptHistory


def names(view) -> list[str]:
    return [r.name for r in view.table.rows]


def header(view) -> str:
    return "".join(segment.text for segment in view.table._render_header(200, view.table.rich_style))


async def test_fuzzy_ranks_visible_matches_first_and_version_sorts_as_versions(make_app):
    app, _emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        view = app.main.current_view
        assert "Created ▽" in header(view), "the service's order (newest first) is marked"
        await pilot.press("slash", *"~gem25fl")
        await settle(pilot)
        shown = names(view)
        assert shown and shown[0].startswith("google.gemini-2.5-flash"), shown
        assert "filter /~gem25fl" in view.status.plain
        await pilot.press("escape")
        await settle(pilot)
        version = [c.key for c in view.table.columns].index("version")
        view.sort_by(version)
        await settle(pilot)
        cells = [r.cells[version] for r in view.table.rows]
        assert cells == sorted(cells, key=version_key) and "15.6" in cells and "2.5" in cells
        assert cells.index("2.5") < cells.index("15.6"), "as strings 15.6 would sort first"
        assert "Version ▲" in header(view) and "Created ▽" not in header(view)


async def test_sort_is_kept_across_all_regions_and_compartment_changes(make_app):
    app, _emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        view = app.main.current_view
        await pilot.press("s", "s")  # Name, then State
        await settle(pilot)
        assert view.table.columns[view.sort.column].key == "lifecycle_state"
        await pilot.press("colon", *"region all", "enter")
        await wait_until(pilot, lambda: "all regions" in view.status.plain and view.loaded, what="all regions")
        await settle(pilot)
        assert view.table.columns[2].key == "region", "the region column moved State along"
        assert view.table.columns[view.sort.column].key == "lifecycle_state"
        states = [r.state for r in view.table.rows]
        assert states == sorted(states) and "sort State asc" in view.status.plain
        await pilot.press("colon", *"region ord", "enter")
        await settle(pilot)
        await pilot.press("colon", *"compartment genai-prod", "enter")
        await settle(pilot)
        assert view.table.columns[view.sort.column].key == "lifecycle_state"
        assert "State ▲" in header(view)


async def test_prompt_tab_completes_and_history_survives_a_restart(make_app, tmp_path):
    app, _emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        prompt = app.main.query_one("#prompt")
        await pilot.press("colon", *"reg", "tab")
        assert prompt.input.value == "region "
        await pilot.press(*"fra", "tab")
        assert prompt.input.value == "region eu-frankfurt-1"
        await pilot.press("enter")
        await settle(pilot)
        assert app.context.region.id == "eu-frankfurt-1"
        await pilot.press("colon", *"comp genai-prod/genai-prod-m", "tab")
        assert prompt.input.value == "comp genai-prod/genai-prod-models"
        await pilot.press("ctrl+u", *"theme oci-", "tab")  # several themes: the shared part, then cycle
        first = prompt.input.value
        await pilot.press("tab")
        second = prompt.input.value
        await pilot.press("tab")
        assert first.startswith("theme oci-") and second != prompt.input.value
        assert all(v.removeprefix("theme ") in app.available_themes for v in (second, prompt.input.value))
        await pilot.press("ctrl+u", *"models", "enter")
        await settle(pilot)
        await pilot.press("colon", "up")
        assert prompt.input.value == "models"
        await pilot.press("up")
        assert prompt.input.value == "region eu-frankfurt-1"
        await pilot.press("down", "down")
        assert prompt.input.value == "", "past the newest: the line being typed again"
        await pilot.press("escape")
    saved = PromptHistory(prompt.history.path)
    assert saved.lines[-2:] == ["region eu-frankfurt-1", "models"], "kept in the state folder"
    assert str(saved.path).startswith(str(tmp_path))

    again, _ = make_app()
    async with again.run_test() as pilot:
        await settle(pilot)
        await pilot.press("colon", "up")
        assert again.main.query_one("#prompt").input.value == "models"


async def test_back_and_forward_through_views_regions_and_compartments(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        start = app.context.compartment_id
        await pilot.press("3")  # Work requests
        await settle(pilot)
        await pilot.press("colon", *"region fra", "enter")
        await settle(pilot)
        await pilot.press("colon", *"compartment sandbox-alice", "enter")
        await settle(pilot)
        alice = app.context.compartment_id
        assert alice != start and app.context.region.id == "eu-frankfurt-1"
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert app.context.compartment_id == start and app.context.region.id == "eu-frankfurt-1"
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert app.context.region.id == "us-chicago-1" and app.main.current_view_id == "workrequests"
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert app.main.current_view_id == "models"
        await pilot.press("left_square_bracket")  # the start of the trail: stays, says so
        await settle(pilot)
        assert app.main.current_view_id == "models"
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await settle(pilot)
        assert app.context.compartment_id == alice and app.context.region.id == "eu-frankfurt-1"
        assert app.main.current_view_id == "workrequests"
        assert app.context.compartment_path == "root/genai-dev/sandbox-alice"


async def test_q_and_ctrl_c_quit_but_q_types_in_the_prompt(make_app):
    app, _emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("slash", "q")
        await settle(pilot)
        assert app.is_running and app.main.current_view.query_text == "q"
        await pilot.press("escape", "q")
        await pilot.pause()
    assert not app.is_running

    app, _emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
    assert not app.is_running


async def test_a_view_asked_for_before_the_first_list_mounts_shows_and_loads(make_app):
    """Only the first view is composed at start (tui/ui/screens/main.py): a number key pressed before
    the first rows land mounts that view, switches to it and lists it; the others stay unmounted."""
    app, _emu = make_app()
    async with app.run_test() as pilot:
        views = app.main.views
        assert [v for v, w in views.items() if w.is_mounted] == ["models"]
        await pilot.press("4")
        clusters = await wait_until(pilot, lambda: app.main.current_view_id == "clusters" and views["clusters"])
        await wait_until(pilot, lambda: clusters.rowset.rows)
        assert clusters.display and not views["models"].display
        assert not views["imported"].is_mounted and not views["endpoints"].is_mounted
        app.jump_to_row("imported", "")  # through show_view's then= once the view is mounted
        await wait_until(pilot, lambda: app.main.current_view_id == "imported" and views["imported"].rowset.rows)
        assert [v for v, w in views.items() if w.is_mounted and w.display] == ["imported"]
