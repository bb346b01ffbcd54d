"""The generic list view: tabs, `:` commands, `/` filter, sorting, server-side filters, detail, JSON,
copy OCID, read-only. Against the demo seed over loopback HTTP."""

from __future__ import annotations

from tests.helpers import settle


def names(view) -> list[str]:
    return [r.name for r in view.table.rows]


async def test_models_view_lists_base_and_custom_models(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        view = app.main.current_view
        assert view.id == "models"
        assert "support-bot-v1" in names(view)
        types = {r.obj.type for r in view.table.rows}
        assert types == {"BASE", "CUSTOM"}
        assert "models in us-chicago-1" in view.status.plain
        assert "updated just now · every 15 s" in view.status.plain  # age on the ManualClock, interval


async def test_tabs_and_number_keys_switch_views(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert app.main.current_view_id == "imported"
        assert "gemma-2-9b-it" in names(app.main.current_view)
        await pilot.press("3")
        await settle(pilot)
        assert app.main.current_view_id == "workrequests"
        assert app.main.current_view.table.row_count > 0
        await pilot.press("1")
        assert app.main.current_view_id == "models"
        await pilot.click("#tab-imported")
        await settle(pilot)
        assert app.main.current_view_id == "imported"


async def test_colon_commands_and_aliases(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        for command, expected in (("imported", "imported"), ("mo", "models"), ("im", "imported"),
                                  ("wr", "workrequests"), ("m", "models"), ("workrequests", "workrequests"),
                                  ("models", "models")):
            await pilot.press("colon", *command, "enter")
            await settle(pilot, 1)
            assert app.main.current_view_id == expected, command
        await pilot.press("colon", *"nonsense", "enter")
        await pilot.pause()
        assert app.is_running


async def test_colon_region_and_compartment(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("colon", *"region fra", "enter")
        await settle(pilot)
        assert app.context.region.id == "eu-frankfurt-1"
        assert "models in eu-frankfurt-1" in app.main.current_view.status.plain
        await pilot.press("colon", *"compartment sandbox-alice", "enter")
        await settle(pilot)
        assert app.context.compartment_id == emu.seed_info.compartments["sandbox-alice"]
        assert app.context.compartment_path == "root/genai-dev/sandbox-alice"
        assert "alice-lora-test" in names(app.main.current_view)


async def test_colon_q_quits(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("colon", "q", "enter")
        await pilot.pause()
    assert not app.is_running


async def test_slash_filter_substring_inverse_fuzzy(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        view = app.main.current_view
        total = view.table.row_count
        await pilot.press("slash", *"support")
        await settle(pilot)
        assert names(view) and all("support" in n for n in names(view))
        assert app.main.query_one("#prompt").is_open
        await pilot.press("enter")
        assert view.table.has_focus
        assert view.query_text == "support"
        # inverse
        await pilot.press("slash", "ctrl+u", *"!cohere")
        await settle(pilot)
        assert names(view) and all("cohere" not in r.search for r in view.table.rows)
        # fuzzy: l.l.m.3 in order (meta.llama-3...)
        await pilot.press("ctrl+u", *"~llm3")
        await settle(pilot)
        assert names(view) and any(n.startswith("meta.llama-3") for n in names(view))
        assert len(names(view)) < total
        # escape clears the filter
        await pilot.press("escape")
        await settle(pilot)
        assert view.table.row_count == total
        assert view.query_text == ""


async def test_sort_both_ways_by_keys_and_header_click(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        view = app.main.current_view
        await pilot.press("s")  # first visible column: Name, ascending
        await settle(pilot)
        ordered = [n.lower() for n in names(view)]
        assert ordered == sorted(ordered)
        await pilot.press("S")  # reverse
        await settle(pilot)
        ordered = [n.lower() for n in names(view)]
        assert ordered == sorted(ordered, reverse=True)
        await pilot.press("s")  # next column: State
        await settle(pilot)
        states = [r.state for r in view.table.rows]
        assert states == sorted(states)
        # click the Name header: ascending, click again: descending
        await pilot.click("#models-table", offset=(2, 0))
        await settle(pilot)
        assert view.sort.column == 0 and not view.sort.descending
        await pilot.click("#models-table", offset=(2, 0))
        await settle(pilot)
        assert view.sort.column == 0 and view.sort.descending
        ordered = [n.lower() for n in names(view)]
        assert ordered == sorted(ordered, reverse=True)


async def test_server_side_filters_dialog(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        view = app.main.current_view
        await pilot.press("f")
        await pilot.pause()
        from tui.ui.dialogs.filter_dialog import FilterDialog
        from textual.widgets import Input, Select

        dialog = app.screen
        assert isinstance(dialog, FilterDialog)
        dialog.query_one("#filter-capability", Select).value = "FINE_TUNE"
        dialog.query_one("#filter-type", Select).value = "BASE"
        dialog.query_one("#filter-vendor", Input).value = "meta"
        await pilot.click("#apply")
        await settle(pilot)
        rows = view.table.rows
        assert rows
        assert all("FINE_TUNE" in r.obj.capabilities and r.obj.type == "BASE" and r.obj.vendor == "meta"
                   for r in rows)
        listed = [r for r in emu.requests if r.operation == "ListModels"]
        assert "capability=FINE_TUNE" in listed[-1].path and "vendor=meta" in listed[-1].path
        # lifecycle state through the API
        await pilot.press("f")
        await pilot.pause()
        app.screen.query_one("#filter-capability", Select).clear()
        app.screen.query_one("#filter-type", Select).clear()
        app.screen.query_one("#filter-vendor", Input).value = ""
        app.screen.query_one("#filter-state", Select).value = "FAILED"
        await pilot.click("#apply")
        await settle(pilot)
        assert names(view) == ["support-bot-csv"]
        assert "server state=FAILED" in view.status.plain


async def test_detail_pane_raw_json_and_copy(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        view = app.main.current_view
        target = emu.seed_info.models["us-chicago-1"]["support-bot-v1"]
        app.jump_to_row("models", f"us-chicago-1/{target}")
        await pilot.press("enter")
        await settle(pilot)
        assert view.detail.is_open
        text = view.detail.text()
        for expected in ("support-bot-v1", "Fine-tune details", "Training config", "Metrics", "etag",
                         "opc-request-id", "team = support" if False else "team"):
            assert expected in text, expected
        # nested sections label like the top level and line their values up with it
        lines = text.splitlines()
        top = next(line for line in lines if line.startswith("Region"))
        nested = next(line for line in lines if line.lstrip().startswith("Dataset type"))
        assert "dataset type:" not in text.lower()
        value_column = len(top) - len(top[len("Region"):].lstrip())
        assert len(nested) - len(nested.lstrip()[len("Dataset type"):].lstrip()) == value_column
        assert "(loading" not in text  # the get came back with its request id
        await pilot.press("y")
        await pilot.pause()
        raw = view.detail.text()
        assert '"display_name": "support-bot-v1"' in raw
        assert '\n    "' in raw  # nested objects are indented by level
        await pilot.press("y")
        await pilot.pause()
        assert "Fine-tune details" in view.detail.text()
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard == target
        await pilot.press("enter")
        assert not view.detail.is_open


async def test_detail_highlights_near_and_past_retirement(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        view = app.main.current_view
        deprecated = [r for r in view.table.rows if r.obj.time_deprecated is not None]
        assert deprecated
        app.jump_to_row("models", deprecated[0].key)
        await pilot.press("enter")
        await settle(pilot)
        assert "days ago" in view.detail.text() or "in " in view.detail.text()


async def test_imported_model_detail_never_shows_a_token(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        view = app.main.current_view
        app.jump_to_row("imported", f"us-chicago-1/{emu.seed_info.imported_models['us-chicago-1']['gemma-2-9b-it']}")
        await pilot.press("enter")
        await settle(pilot)
        text = view.detail.text()
        assert "Data source" in text and "google/gemma-2-9b-it" in text
        await pilot.press("y")
        await pilot.pause()
        assert "hf_" not in view.detail.text()


async def test_read_only_hides_mutating_keys(make_app):
    app, emu = make_app(read_only=True)
    async with app.run_test() as pilot:
        await settle(pilot)
        keys = {b.binding.key for b in app.screen.active_bindings.values() if b.enabled}
        for key in ("n", "e", "m", "ctrl+d"):
            assert key not in keys, key
        assert "READ-ONLY" in str(app.main.query_one("#context").render())
        await pilot.press("n", "ctrl+d")
        await pilot.pause()
        assert app.screen is app.main


async def test_mutating_keys_present_when_writable(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        keys = {b.binding.key for b in app.screen.active_bindings.values() if b.enabled}
        for key in ("n", "e", "m", "ctrl+d"):
            assert key in keys, key


def test_cut_cells_are_marked_with_an_ellipsis():
    from rich.cells import cell_len

    from tui.ui.widgets.virtual_table import fit_cell

    assert fit_cell("xai.grok-4-fast-non-reasoning", 10) == "xai.grok-…"
    assert fit_cell("short", 8) == "short   "
    assert cell_len(fit_cell("模型名称很长很长", 7)) == 7 and fit_cell("模型名称很长很长", 7).endswith("…")
    assert fit_cell("anything", 0) == ""
