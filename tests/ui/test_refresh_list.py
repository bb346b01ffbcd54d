"""The visible list refreshes by itself: a change on the service appears, the cursor, filter and
sort stay, nothing is repainted when nothing changed, a 429 holds the next round back, and rows in
a transitional state are polled faster even with the list refresh off."""

from __future__ import annotations

from tests.helpers import settle
from tests.helpers import wait_until
from tui.cloud import builders
from tui.cloud.resources import MODEL
from tui.ui.data.rowset import SortState

REGION = "us-chicago-1"


def model_id(emu, name: str) -> str:
    return emu.seed_info.models[REGION][name]


async def test_a_change_appears_and_cursor_filter_sort_stay(make_app):
    app, emu = make_app()
    app.settings.refresh_interval = 0.5
    async with app.run_test() as pilot:
        await settle(pilot)
        view = app.main.current_view
        view.sort_by(0)  # by name
        view.set_query("support")
        await settle(pilot, 1)
        keys = [r.key for r in view.table.rows]
        assert len(keys) >= 2
        view.table.cursor = 1
        cursor_key = view.table.current_row.key
        app.genai.update(MODEL, model_id(emu, "support-bot-v1"),
                         builders.update_details(MODEL, display_name="support-bot-v1-renamed"))
        await wait_until(pilot, lambda: any(r.name == "support-bot-v1-renamed" for r in view.table.rows),
                         what="the rename to appear without a key press")
        assert view.table.current_row.key == cursor_key
        assert view.query_text == "support" and view.sort == SortState(0, False)
        assert all("support" in r.search for r in view.table.rows)
        assert "every 0.5 s" in view.status.plain


async def test_nothing_changed_means_nothing_handed_to_the_table(make_app):
    app, emu = make_app()
    app.settings.refresh_interval = 0.3
    async with app.run_test() as pilot:
        await settle(pilot)
        view = app.main.current_view
        job = app.refresher.jobs["list"]
        calls: list[int] = []
        original = view.table.set_rows

        def counting(rows, **kw):  # noqa: ANN001
            calls.append(len(rows))
            return original(rows, **kw)

        view.table.set_rows = counting
        runs = job.runs
        await wait_until(pilot, lambda: job.runs >= runs + 3 and not job.busy, what="three refresh rounds")
        assert calls == []
        lists = [r for r in emu.requests if r.operation == "ListModels"]
        assert len(lists) >= 4  # the first load and the quiet rounds all reached the service


async def test_a_429_holds_the_next_round_for_its_retry_after(make_app):
    app, emu = make_app()
    app.settings.refresh_interval = 0.3
    async with app.run_test() as pilot:
        await settle(pilot)
        view = app.main.current_view
        job = app.refresher.jobs["list"]
        emu.faults.inject("ListModels", status=429, retry_after=60)
        await wait_until(pilot, lambda: job.last_error is not None, timeout=30, what="a throttled round")
        assert job.last_error.status == 429
        assert job.hold_until - job.last_run >= 59
        assert "refresh failed" in view.status.plain
        before = len([r for r in emu.requests if r.operation == "ListModels"])
        await pilot.pause(1.0)
        after = len([r for r in emu.requests if r.operation == "ListModels"])
        assert after == before  # held back: no round during the Retry-After
        assert app.connection_error is None  # throttled is not disconnected
        emu.faults.clear()


async def test_transitional_rows_are_polled_with_the_list_refresh_off(make_app):
    app, emu = make_app()
    app.settings.refresh_interval = 0
    async with app.run_test() as pilot:
        await settle(pilot)
        view = app.main.current_view
        creating = emu.seed_info["creating_model_id"]
        row = next(r for r in view.table.rows if r.ocid == creating)
        assert row.state == "CREATING"
        assert "auto-refresh off" in view.status.plain
        emu.clock.advance(600)  # the fine-tune finishes on the service
        await wait_until(pilot, lambda: next(r for r in view.table.rows if r.ocid == creating).state == "ACTIVE",
                         timeout=15, what="the CREATING row to turn ACTIVE by itself")
        assert app.refresher.jobs["list"].runs == 0
        assert app.refresher.jobs["transitional"].runs >= 1
