"""Work requests that can be used: the resource by name, duration, newest first, FAILED rows bold
reverse with a count of the last hour's failures, `/` filter and sort, the status server filter,
enter jumping to the resource in its own view, and `:region all` staying on the tab while it lists
every region (a failing region named beside the others)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

from tests.helpers import settle, wait_until
from tui.ui.data.rows import Row
from tui.ui.data.work_request_rows import (
    WorkRequestFilters, failed_recently, format_duration, view_of,
)

T0 = datetime(2026, 11, 1, tzinfo=timezone.utc)


def test_pure_helpers():
    assert [format_duration(s) for s in (None, 5, 125, 3720)] == ["", "5s", "2m05s", "1h02m"]
    assert view_of("ocid1.generativeaimodel.oc1.ord.x") == "models"
    assert view_of("ocid1.generativeaiendpoint.oc1.ord.x") == "endpoints"
    assert view_of("ocid1.generativeaidedicatedaicluster.oc1.ord.x") == "clusters"
    assert view_of("not-an-ocid") is None and view_of(None) is None

    def row(state, finished):
        return Row("k", "o", "r", "n", state, (), (), "", SimpleNamespace(time_finished=finished, time_accepted=None))

    rows = [row("FAILED", T0 - timedelta(minutes=10)), row("FAILED", T0 - timedelta(hours=2)),
            row("SUCCEEDED", T0)]
    assert failed_recently(rows, T0) == 1
    keeps = WorkRequestFilters(operation_type="DELETE_MODEL").keeps
    assert keeps(SimpleNamespace(operation_type="DELETE_MODEL")) and not keeps(SimpleNamespace(operation_type="X"))


async def test_work_requests_filter_sort_failures_and_jump(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        view = app.main.current_view
        rows = view.table.rows
        accepted = [r.obj.time_accepted for r in rows]
        assert accepted == sorted(accepted, reverse=True)  # newest first by default
        assert view.table.sort_column == 4 and view.table.sort_descending
        failed_id = emu.seed_info.extras["failed_work_request_id"]
        failed = next(r for r in rows if r.ocid == failed_id)
        assert failed.cells[1] == "support-bot-csv"  # the resource by name, from the Models list
        assert failed.cells[5].endswith("s")  # a duration
        # resources no loaded list holds (imported models: tab 2 never opened) are named by a GET
        imports = [r for r in rows if r.cells[0] == "CREATE_IMPORTED_MODEL"]
        assert imports and not any(r.cells[1].startswith("ocid1.") for r in imports)
        assert any(r.operation == "GetImportedModel" for r in emu.requests)
        assert "FAILED" in view.table.emphasis_states
        # the seed's failure is days old: no count; seen from just after it, the count appears
        assert "failed in the last hour" not in view.status.plain
        app.now = lambda: failed.obj.time_finished + timedelta(minutes=20)
        view._update_status()
        assert "1 failed in the last hour" in view.status.plain
        # the failed row's state cell is bold reverse (visible without colour)
        assert view.table.move_to_key(failed.key)
        await settle(pilot)
        detail = view.detail.text()
        assert "2026-" in detail.split("Logs", 1)[1]  # log lines carry full dates
        # `/` filters the visible columns
        await pilot.press("slash", *"support-bot-csv", "enter")
        await settle(pilot)
        assert view.table.rows and all("support-bot-csv" in r.search for r in view.table.rows)
        assert "filter" in view.status.plain
        await pilot.press("escape")
        await settle(pilot)
        assert view.query_text == "" and len(view.table.rows) == len(rows)
        # sort: s moves to the first column, S reverses
        await pilot.press("s")
        ops = [r.cells[0] for r in view.table.rows]
        assert ops == sorted(ops, key=str.lower)
        await pilot.press("S")
        assert [r.cells[0] for r in view.table.rows] == sorted(ops, key=str.lower, reverse=True)
        # the status server filter goes to the API
        view.filters = WorkRequestFilters(status="FAILED")
        view.load()
        await settle(pilot)
        assert view.table.rows and {r.state for r in view.table.rows} == {"FAILED"}
        assert any("status=FAILED" in r.path for r in emu.requests if r.operation == "ListWorkRequests")
        assert "server status=FAILED" in view.status.plain
        # enter jumps to the resource in its own view
        assert view.table.move_to_key(failed.key)
        await pilot.press("enter")
        await settle(pilot)
        assert app.main.current_view_id == "models"
        current = app.main.current_view.table.current_row
        assert current is not None and current.ocid == emu.seed_info.extras["failed_model_id"]


async def test_region_all_stays_on_work_requests_and_lists_every_region(make_app):
    app, emu = make_app()
    emu.faults.inject("ListWorkRequests", status=500, region="eu-frankfurt-1")
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        view = app.main.current_view
        one_region = len(view.table.rows)
        await pilot.press("colon", *"region all", "enter")
        await settle(pilot)
        assert app.main.current_view_id == "workrequests" and app.context.all_regions
        await wait_until(pilot, lambda: view.failures, 10, "the fan-out to answer")
        listed = {r.region for r in emu.requests if r.operation == "ListWorkRequests"}
        assert len(listed) == 13
        assert "eu-frankfurt-1" in view.failures and "region(s) failed" in view.status.plain
        assert len(view.table.rows) >= one_region and "all regions" in view.status.plain
