"""Marks and bulk actions: `space` marks (glyph, count in the status line), ctrl+space and
`:mark all` mark what the filter shows, esc clears marks after the detail pane and before the filter,
and a bulk delete confirms once (Cancel first), reports per row (one 409: a model an endpoint uses),
tracks each work request and skips BASE models with the reason."""

from __future__ import annotations

from tests.helpers import settle, wait_until
from tui.ui.data.marks import Marks
from tui.ui.data.rows import Row
from tui.ui.dialogs.bulk import BulkDialog
from tui.ui.widgets.virtual_table import MARK_GLYPH


def _row(key: str) -> Row:
    return Row(key, key, "r", key, "ACTIVE", (key,), ((0, key),), key, None)


def test_marks_keep_marking_order_and_prune():
    marks = Marks()
    assert marks.toggle("b") and marks.toggle("a") and not marks.toggle("b")
    assert marks.mark_all(["a", "c", "d"]) == 2 and len(marks) == 3
    assert [r.key for r in marks.rows([_row(k) for k in "dcba"])] == ["a", "c", "d"]
    marks.keep_only(["a", "d"])
    assert marks.keys == {"a", "d"} and marks.clear() == 2 and not marks


async def _filter(pilot, app, text):
    await pilot.press("slash", *text, "enter")
    await settle(pilot)


async def test_space_marks_esc_clears_and_mark_all_follows_the_filter(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        view = app.main.current_view
        first, second = view.table.rows[0], view.table.rows[1]
        await pilot.press("space", "space")
        assert view.marks.keys == {first.key, second.key}
        assert view.table.current_row is view.table.rows[2]  # space moves on: a burst marks a run
        assert "2 marked" in view.status.plain
        await pilot.press("up", "space")  # unmark the second
        assert view.marks.keys == {first.key} and "1 marked" in view.status.plain
        # the mark is visible on the row itself
        line = view.table.render_line(1).text
        assert line.startswith(MARK_GLYPH) and first.cells[0][:5] in line
        # esc: the detail pane first, then the marks, then the filter
        await _filter(pilot, app, "support")
        await pilot.press("enter")  # opens the detail pane
        assert view.detail.is_open
        await pilot.press("escape")
        assert not view.detail.is_open and view.marks and view.query_text == "support"
        await pilot.press("ctrl+space")  # marks every row the filter shows (the first stays marked)
        shown = {r.key for r in view.table.rows}
        assert shown and shown <= view.marks.keys and first.key in view.marks.keys
        assert f"{len(shown) + (first.key not in shown)} marked" in view.status.plain
        await pilot.press("escape")
        assert not view.marks and "marked" not in view.status.plain and view.query_text == "support"
        await pilot.press("escape")
        await settle(pilot)
        assert view.query_text == ""
        await pilot.press("colon", *"mark all", "enter")
        await settle(pilot)
        assert len(view.marks) == view.table.row_count == len(view.rowset)
        await pilot.press("colon", *"mark none", "enter")
        assert not view.marks


async def test_bulk_delete_reports_each_row_with_one_409_and_tracks_work_requests(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        view = app.main.current_view
        in_use = emu.seed_info.extras["endpoint_model_id"]
        failed = emu.seed_info.extras["failed_model_id"]
        base = next(r for r in view.rowset.rows if (r.obj.type or "") == "BASE")
        keys = [f"us-chicago-1/{in_use}", f"us-chicago-1/{failed}", base.key]
        for key in keys:
            assert view.table.move_to_key(key)
            await pilot.press("space")
        assert len(view.marks) == 3
        await pilot.press("ctrl+d")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, BulkDialog)
        assert dialog.focused is not None and dialog.focused.id == "bulk-cancel"  # defaults to Cancel
        assert dialog.dialog_title == "Delete 2 models?"
        body = dialog.query_one("#bulk-rows").render().plain
        names = {r.key: r.name for r in view.rowset.rows}
        for key in keys:
            assert names[key] in body
        assert "us-chicago-1" in body and "Skipped 1: BASE models are managed by Oracle" in body
        await pilot.press("enter")  # enter cancels
        await settle(pilot)
        assert not isinstance(app.screen, BulkDialog) and len(view.marks) == 3
        assert not [r for r in emu.requests if r.operation == "DeleteModel"]
        await pilot.press("ctrl+d")
        await settle(pilot)
        await pilot.press("D")
        dialog = app.screen
        await wait_until(pilot, lambda: dialog.outcomes is not None, 10, "the bulk delete to answer")
        await settle(pilot)
        outcomes = {o.row.ocid: o for o in dialog.outcomes}
        assert not outcomes[in_use].ok and outcomes[in_use].error.startswith("409")
        assert outcomes[failed].ok and outcomes[failed].work_request_id
        assert base.ocid not in outcomes  # never sent
        body = dialog.query_one("#bulk-rows").render().plain
        assert "✗" in body and "✓" in body and "409" in body
        assert "1 of 2 deleted; 1 refused" in dialog.query_one("#dialog-status").render().plain
        tracked = {t.id: t.label for t in app.tracker.items()}
        assert tracked[outcomes[failed].work_request_id].startswith("delete ")
        deletes = [r for r in emu.requests if r.operation == "DeleteModel"]
        assert len(deletes) == 2
        # the refused row and the skipped BASE row stay marked; the deleted one is unmarked
        assert view.marks.keys == {keys[0], keys[2]}
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, BulkDialog)


async def test_read_only_refuses_bulk_delete(make_app):
    app, emu = make_app(read_only=True)
    async with app.run_test() as pilot:
        await settle(pilot)
        view = app.main.current_view
        await pilot.press("space", "space", "ctrl+d")
        await settle(pilot)
        assert len(view.marks) == 2 and not isinstance(app.screen, BulkDialog)
        assert not [r for r in emu.requests if r.operation == "DeleteModel"]


async def test_bulk_move_moves_every_marked_row_and_tracks_each(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        view = app.main.current_view
        archive = emu.seed_info.compartments["genai-prod-models-archive"]
        custom = [r for r in view.rowset.rows if (r.obj.type or "") == "CUSTOM" and r.state == "ACTIVE"][:2]
        assert len(custom) == 2
        for row in custom:
            assert view.table.move_to_key(row.key)
            await pilot.press("space")
        await pilot.press("m")  # the compartment picker first
        await settle(pilot)
        from tui.ui.dialogs.compartment_picker import CompartmentPicker

        assert isinstance(app.screen, CompartmentPicker)
        app.screen.dismiss(archive)
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, BulkDialog) and dialog.dialog_title.startswith("Move 2 models to genai-prod-models-archive")
        await pilot.press("D")  # not this dialog's key: nothing is sent
        await settle(pilot)
        assert dialog.outcomes is None
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: dialog.outcomes is not None, 10, "the bulk move to answer")
        assert all(o.ok for o in dialog.outcomes)
        moved = [r for r in emu.requests if r.operation == "ChangeModelCompartment"]
        assert len(moved) == 2 and not view.marks
        for row in custom:
            assert emu.store("us-chicago-1").find(row.ocid).data["compartmentId"] == archive
