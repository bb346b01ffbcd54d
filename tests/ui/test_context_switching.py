"""Region picker, the all-regions fan-out (one region failing), compartment tree, profile picker."""

from __future__ import annotations

from textual.widgets import OptionList, Tree

from tests.helpers import settle
from tui.facts.regions import REGIONS


async def test_region_picker_lists_every_region_and_switches(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert ids == ["all", *[r.id for r in REGIONS]]
        assert len(ids) == 14
        options.highlighted = ids.index("uk-london-1")
        await pilot.press("enter")
        await settle(pilot)
        assert app.context.region.id == "uk-london-1"
        assert "region uk-london-1" in str(app.main.query_one("#context").render())
        assert all(r.region == "uk-london-1" for r in app.main.current_view.table.rows)


async def test_all_regions_view_tags_rows_and_shows_failures(make_app):
    app, emu = make_app()
    emu.faults.inject("ListModels", status=500, region="eu-frankfurt-1")
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        app.screen.query_one(OptionList).highlighted = 0  # "All regions" is the first option
        await pilot.press("enter")
        await settle(pilot)
        view = app.main.current_view
        assert app.context.all_regions
        regions = {r.region for r in view.table.rows}
        assert {"us-chicago-1", "uk-london-1", "us-ashburn-1"} <= regions
        assert "eu-frankfurt-1" not in regions
        assert "Region" in [c.label for c in view.table.columns]
        assert "eu-frankfurt-1" in view.failures
        assert "1 region(s) failed" in view.status.plain and "eu-frankfurt-1" in view.status.plain
        assert "all regions" in str(app.main.query_one("#context").render())
        # back to one region with :region
        await pilot.press("colon", *"region ord", "enter")
        await settle(pilot)
        assert not app.context.all_regions
        assert "Region" not in [c.label for c in view.table.columns]


async def test_compartment_picker_tree_search_and_choose(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        tree = app.screen.query_one(Tree)
        assert str(tree.root.label).startswith("root")
        labels = []

        def walk(node):
            for child in node.children:
                labels.append(str(child.label).split("  ")[0])
                walk(child)

        walk(tree.root)
        assert {"genai-prod", "genai-prod-models", "sandbox-bob", "shared-data"} <= set(labels)
        await pilot.press(*"bob")
        await pilot.pause()
        labels.clear()
        walk(tree.root)
        assert labels == ["genai-dev", "sandbox-bob"]
        await pilot.press("enter")
        await settle(pilot)
        assert app.context.compartment_id == emu.seed_info.compartments["sandbox-bob"]
        assert app.context.compartment_path == "root/genai-dev/sandbox-bob"


async def test_compartment_picker_escape_keeps_context(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        before = app.context.compartment_id
        await pilot.press("ctrl+t")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main and app.context.compartment_id == before


async def test_profile_picker_switches_and_rebuilds_session(make_app, identity, tmp_path):
    config = tmp_path / "config"
    text = identity.config_file.read_text()
    second = text.replace("[DEFAULT]", "[LONDON]").replace("region=us-chicago-1", "region=uk-london-1") \
        .replace("region = us-chicago-1", "region = uk-london-1")
    config.write_text(text + "\n" + second)
    app, emu = make_app()
    app.settings.config_file = str(config)
    async with app.run_test() as pilot:
        await settle(pilot)
        old = app.genai
        await pilot.press("p")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert ids == ["DEFAULT", "LONDON"]
        options.highlighted = 1
        await pilot.press("enter")
        await settle(pilot)
        assert app.context.profile == "LONDON"
        assert app.genai is not old
        assert app.context.region.id == "uk-london-1"
        assert app.main.current_view.table.row_count > 0
