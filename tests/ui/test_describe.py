"""`d`: the full-screen describe of the selected resource (YAML / camelCase JSON, search, copy, names)."""

from __future__ import annotations

import json

from textual.containers import ScrollableContainer

from tests.helpers import settle
from tui.ui.screens.describe import DescribeScreen


async def _open(pilot, name: str | None = None) -> DescribeScreen:
    app = pilot.app
    view = app.main.current_view
    if name is not None:
        key = next(r.key for r in view.table.rows if r.name == name)
        assert view.table.move_to_key(key)
    await pilot.press("d")
    await settle(pilot)
    assert isinstance(app.screen, DescribeScreen)
    return app.screen


async def test_describe_yaml_json_search_copy_and_back(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        target = emu.seed_info.models["us-chicago-1"]["support-bot-v1"]
        app.jump_to_row("models", f"us-chicago-1/{target}")
        await settle(pilot)
        row = app.main.current_view.table.current_row
        base = app.main.current_view.rowset.name_of(row.obj.base_model_id)
        assert base
        screen = await _open(pilot)
        yaml_text = screen.text()
        # YAML: camelCase keys, nested objects indented, the compartment named beside its OCID
        assert f"id: {row.ocid}" in yaml_text
        lines = yaml_text.splitlines()
        at = next(i for i, line in enumerate(lines) if line.startswith("compartmentId:"))
        assert lines[at - 1].startswith("# root/"), lines[at - 1]
        at = next(i for i, line in enumerate(lines) if line.startswith("baseModelId:"))
        assert lines[at - 1] == f"# {base}"
        assert "\n    trainingConfigType: TFEW_TRAINING_CONFIG" in yaml_text  # two levels deep
        assert "\n  " in yaml_text  # a nested level is indented
        # long lines are not folded (the structure stays readable): the body scrolls sideways
        scroll = screen.query_one("#describe-scroll", ScrollableContainer)
        longest = max(len(line) for line in yaml_text.splitlines())
        assert scroll.max_scroll_x == max(0, longest - scroll.scrollable_content_region.width)
        # JSON: the API's own camelCase, indented, and parseable whole
        await pilot.press("y")
        await pilot.pause()
        data = json.loads(screen.text())
        assert data["id"] == row.ocid and "compartmentId" in data and "lifecycleState" in data
        assert "compartment_id" not in screen.text()
        assert '\n  "' in screen.text()
        # copy the whole body
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard == screen.text()
        # search: highlight and jump, n / N cycle
        await pilot.press("slash", *"ocid1", "enter")
        await pilot.pause()
        assert screen.needle == "ocid1" and len(screen.matches) >= 2 and screen.current == 0
        await pilot.press("n")
        assert screen.current == 1
        await pilot.press("N", "N")
        assert screen.current == len(screen.matches) - 1
        await pilot.press("y")  # back to YAML: the search stays
        await pilot.pause()
        assert screen.mode == "yaml" and screen.matches
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main


async def test_describe_search_scrolls_to_a_match_below_the_fold(make_app):
    app, emu = make_app(size=(80, 24))
    async with app.run_test() as pilot:
        await settle(pilot)
        view = app.main.current_view
        # the longest description: a fine-tuned model has the deepest body
        target = max(view.table.rows, key=lambda r: len(json.dumps(r.obj.__dict__, default=str)))
        assert view.table.move_to_key(target.key)
        screen = await _open(pilot)
        last_key = screen.text().rstrip().splitlines()[-1].split(":")[0].strip()
        await pilot.press("slash", *last_key, "enter")
        await pilot.pause()
        line = screen.match_line()
        assert line is not None
        scroll = screen.query_one("#describe-scroll", ScrollableContainer)
        if line >= scroll.scrollable_content_region.height:
            assert scroll.scroll_y > 0
        assert scroll.scroll_y <= line


async def test_describe_of_hostile_names_stays_literal(make_app):
    app, emu = make_app("hostile")
    async with app.run_test() as pilot:
        await settle(pilot)
        view = app.main.current_view
        for row in [r for r in view.table.rows if not r.name.isascii()][:2] + list(view.table.rows)[:1]:
            assert view.table.move_to_key(row.key)
            screen = await _open(pilot)
            for mode in ("yaml", "json"):
                text = screen.text()
                assert "\x1b" not in text and "\x9b" not in text and "\u202e" not in text
                screen.query_one("#describe-body").render()  # literal Text: no markup parsed
                if mode == "yaml":
                    await pilot.press("y")
                    await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is app.main
