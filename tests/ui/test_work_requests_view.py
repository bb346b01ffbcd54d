"""Work requests: progress bar, times, errors and logs of the selected one, self-refresh of running
rows after the clock moves (no `r`), and app.track_work_request."""

from __future__ import annotations

from tests.helpers import settle


def running(view):
    return [r for r in view.table.rows if r.state in ("ACCEPTED", "IN_PROGRESS")]


async def test_work_requests_view_shows_progress_errors_and_logs(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        view = app.main.current_view
        assert view.table.row_count > 0
        headers = [c.label for c in view.table.columns]
        assert headers == ["Operation", "Resource", "Status", "Progress", "Accepted", "Duration", "Region"]
        assert any("█" in r.cells[3] or "░" in r.cells[3] for r in view.table.rows)
        failed_id = emu.seed_info.extras["failed_work_request_id"]
        assert view.table.move_to_key(f"us-chicago-1/{failed_id}")
        await settle(pilot)
        text = view.detail.text()
        assert app.last_error is None, repr(app.last_error)
        assert "FAILED" in text and "Errors" in text and "InvalidTrainingData" in text
        assert "Logs" in text and "loading" not in text


async def test_running_rows_refresh_themselves_after_the_clock_moves(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        view = app.main.current_view
        busy = running(view)
        assert busy, "the demo seed has a fine-tune in flight"
        key = busy[0].key
        before = len([r for r in emu.requests if r.operation == "ListWorkRequests"])
        emu.clock.advance(3600)
        await pilot.pause(app.poll_interval * 2 + 0.2)
        await settle(pilot)
        row = next(r for r in view.table.rows if r.key == key)
        assert row.state == "SUCCEEDED" and "100%" in row.cells[3]
        assert len([r for r in emu.requests if r.operation == "ListWorkRequests"]) > before
        # settled: no more polling without `r`
        count = len([r for r in emu.requests if r.operation == "ListWorkRequests"])
        await pilot.pause(app.poll_interval * 2 + 0.2)
        assert len([r for r in emu.requests if r.operation == "ListWorkRequests"]) == count
        await pilot.press("r")
        await settle(pilot)
        assert len([r for r in emu.requests if r.operation == "ListWorkRequests"]) == count + 1


async def test_models_list_refreshes_creating_rows(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        view = app.main.current_view
        creating = emu.seed_info.extras["creating_model_id"]
        key = f"us-chicago-1/{creating}"
        assert next(r for r in view.table.rows if r.key == key).state == "CREATING"
        emu.clock.advance(3600)
        await pilot.pause(app.poll_interval * 2 + 0.2)
        await settle(pilot)
        assert next(r for r in view.table.rows if r.key == key).state == "ACTIVE"


async def test_track_work_request_polls_until_settled(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        wr_id = next(iter(emu.seed_info.work_requests["us-chicago-1"].values()))
        busy = [w for label, w in emu.seed_info.work_requests["us-chicago-1"].items() if "support-bot-v2" in label]
        wr_id = busy[0] if busy else wr_id
        app.track_work_request(wr_id, "us-chicago-1", "fine-tune support-bot-v2")
        await settle(pilot)
        assert wr_id in {t.id for t in app.tracker.items()}
        await pilot.press("3")
        await settle(pilot)
        view = app.main.current_view
        row = next(r for r in view.table.rows if r.ocid == wr_id)
        assert row.name == "fine-tune support-bot-v2"
        emu.clock.advance(3600)
        await pilot.pause(app.poll_interval * 2 + 0.2)
        await settle(pilot)
        assert all(t.settled for t in app.tracker.items())
        row = next(r for r in view.table.rows if r.ocid == wr_id)
        assert row.state == "SUCCEEDED"


async def test_resource_column_names_the_models_the_console_has_listed(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        listed = {row.ocid: row.name for row in app.main.current_view.rowset.rows}
        await pilot.press("3")
        await settle(pilot)
        view = app.main.current_view
        creating = emu.seed_info.extras["creating_model_id"]
        rows = [r for r in view.table.rows if creating in [res.identifier for res in r.obj.resources]]
        assert rows, "the seed's running fine-tune has a work request"
        assert rows[0].name == listed[creating] and not rows[0].name.startswith("ocid1.")
