"""The `hostile` seed: markup, click actions, ANSI/OSC escapes, control characters, 10,000-character,
wide and right-to-left strings in every field. Open every view and every detail pane: nothing
crashes, nothing is interpreted (the app keeps running after `[@click=app.quit]`), and no ESC byte
reaches the rendered output."""

from __future__ import annotations

from tests.helpers import settle

ESCAPES = ("\x1b", "\x9b", "\x07", "\x00", "\x08")


def rendered_text(app) -> str:
    """Every line the compositor would paint, as the characters that reach the terminal."""
    chars = []
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            chars.append(segment.text)
        chars.append("\n")
    return "".join(chars)


def assert_clean(app):
    text = rendered_text(app)
    for bad in ESCAPES:
        assert bad not in text, repr(bad)
    svg = app.export_screenshot()
    for bad in ESCAPES:
        assert bad not in svg, repr(bad)
    return text


async def test_every_view_and_detail_pane_survives_hostile_text(make_app):
    app, emu = make_app("hostile")
    async with app.run_test() as pilot:
        await settle(pilot)
        view = app.main.current_view
        assert view.table.row_count >= 8
        text = assert_clean(app)
        assert "[@click=app.quit]" in text or "[/x]" in text  # shown literally
        assert "␛" in text  # ESC made visible
        await pilot.press("enter")
        hostile_rows = [i for i, r in enumerate(view.table.rows) if r.obj.type == "CUSTOM"]
        assert len(hostile_rows) >= 8
        for index in hostile_rows:
            view.table.cursor = index
            await settle(pilot, 1)
            assert_clean(app)
            await pilot.press("y")
            await pilot.pause()
            assert_clean(app)
            await pilot.press("y")
        await pilot.press("2")
        await settle(pilot)
        imported = app.main.current_view
        assert imported.table.row_count >= 1
        await pilot.press("enter")
        for index in range(imported.table.row_count):
            imported.table.cursor = index
            await settle(pilot, 1)
            assert_clean(app)
            await pilot.press("y")
            await pilot.pause()
            assert_clean(app)
            await pilot.press("y")
        await pilot.press("3")
        await settle(pilot)
        wrs = app.main.current_view
        for index in range(wrs.table.row_count):
            wrs.table.cursor = index
            await settle(pilot, 1)
            assert_clean(app)
        assert "InvalidTrainingData" in wrs.detail.text() or wrs.table.row_count
        # the header carries the hostile compartment name, literally
        header = str(app.main.query_one("#context").render())
        assert "␛[31mred" in header  # the compartment name's markup-like text shown literally, ESC visible
        # pickers and palette with hostile names
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert_clean(app)
        await pilot.press("escape")
        await pilot.press("ctrl+p", *"hostile")
        await pilot.pause(0.6)
        assert_clean(app)
        await pilot.press("escape")
        await pilot.pause()
        # clicking on the rendered `[@click=app.quit]` text must not run the action
        await pilot.press("1")
        await settle(pilot)
        for y in range(4, 14):
            await pilot.click(offset=(10, y))
        await pilot.pause()
        assert app.is_running
        assert app.return_code is None
