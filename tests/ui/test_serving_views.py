"""The Clusters and Endpoints views over the real local service: tabs, keys, `:` aliases, the
computed cells (shape × units, capacity gauge, model and cluster by name, guardrails), the `/`
filter, sort, the type server filter, the detail pane and raw JSON, and work-request naming."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import settle
from tui.emulator import ManualClock
from tui.emulator.clock import SEED_EPOCH
from tui.ui.data.presentation import capacity_gauge, guardrails_summary


@pytest.fixture
def serving_app(make_app: Any, make_emulator: Any) -> Any:
    """An app whose compartment is the demo's "genai-prod-endpoints" (where the hosting clusters live)."""
    def factory(**kw: Any) -> tuple[Any, Any]:
        emu = make_emulator("demo", clock=ManualClock(SEED_EPOCH))
        return make_app(emulator=emu, compartment=emu.seed_info.compartments["genai-prod-endpoints"], **kw)

    return factory


def cells(view: Any, name: str) -> dict[str, str]:
    row = next(r for r in view.rowset.rows if r.name == name)
    return {c.label: cell for c, cell in zip(view.table.columns, row.cells, strict=True)}


async def test_clusters_view_by_key_shows_type_shape_units_state_and_gauge(serving_app):
    app, emu = serving_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert app.main.current_view_id == "clusters"
        view = app.main.current_view
        gpu = cells(view, "hosting-gpu-chicago")
        assert gpu["Type"] == "HOSTING"
        assert gpu["Shape × units"] == "A100_80G_X1 × 1"
        assert gpu["Capacity"] == "███░ 3/4"
        assert gpu["State"] == "ACTIVE"


async def test_needs_attention_cluster_is_a_warning(serving_app):
    app, emu = serving_app(region="us-ashburn-1")
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        view = app.main.current_view
        row = next(r for r in view.rowset.rows if r.name == "hosting-ashburn-b")
        assert row.state == "NEEDS_ATTENTION"
        assert cells(view, "hosting-ashburn-b")["State"] == "⚠ NEEDS_ATTENTION"
        style = view.table._state_style(row.state)
        assert style == view.table.get_component_rich_style("vtable--warn", partial=True)
        assert style != view.table.get_component_rich_style("vtable--bad", partial=True)


async def test_endpoints_view_names_model_and_cluster_and_summarises_guardrails(serving_app):
    app, emu = serving_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        assert app.main.current_view_id == "endpoints"
        view = app.main.current_view
        ep = cells(view, "gemma-gpu-endpoint")
        assert ep["Model"] == "gemma-2-9b-it"
        assert ep["Cluster"] == "hosting-gpu-chicago"
        assert ep["Guardrails"] == "mod:B inj:I pii:B"
        assert cells(view, "gemma-gpu-canary")["Guardrails"] == "none"
        assert ep["State"] == "ACTIVE"


@pytest.mark.parametrize("command,view_id", [
    ("clusters", "clusters"), ("dac", "clusters"), ("cl", "clusters"),
    ("endpoints", "endpoints"), ("ep", "endpoints"),
])
async def test_colon_commands_open_the_views(serving_app, command, view_id):
    app, emu = serving_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("colon", *command, "enter")
        await settle(pilot)
        assert app.main.current_view_id == view_id
        assert app.main.current_view.loaded


async def test_tabs_include_clusters_and_endpoints(serving_app):
    app, emu = serving_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        tabs = app.main.query_one("#view-tabs")
        tabs.active = "tab-endpoints"
        await settle(pilot)
        assert app.main.current_view_id == "endpoints"
        assert {t.id for t in tabs.query("Tab")} >= {"tab-clusters", "tab-endpoints"}


async def test_filter_sort_detail_and_raw_json_on_endpoints(serving_app):
    app, emu = serving_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        view = app.main.current_view
        total = len(view.table.rows)
        assert total > 1
        await pilot.press("slash", *"canary", "enter")
        await settle(pilot)
        assert [r.name for r in view.table.rows] == ["gemma-gpu-canary"]
        await pilot.press("escape")
        await settle(pilot)
        assert len(view.table.rows) == total
        view.sort_by(0, descending=False)
        await settle(pilot)
        names = [r.name for r in view.table.rows]
        assert names == sorted(names, key=str.lower)
        await pilot.press("enter")
        await settle(pilot)
        assert view.detail.is_open
        assert getattr(view.detail.obj, "id", None) == view.table.current_row.ocid
        await pilot.press("y")
        await settle(pilot)
        assert view.detail.mode == "json"


async def test_cluster_type_server_filter(make_app):
    app, emu = make_app()  # the models compartment: FINE_TUNING clusters and one hosting endpoint's cluster
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        view = app.main.current_view
        types = {cells(view, r.name)["Type"] for r in view.rowset.rows}
        assert "FINE_TUNING" in types
        view.apply_server_filters(model_type="FINE_TUNING")
        await settle(pilot)
        assert view.rowset.rows and all(cells(view, r.name)["Type"] == "FINE_TUNING" for r in view.rowset.rows)
        view.apply_server_filters(model_type="HOSTING")
        await settle(pilot)
        assert view.rowset.rows == []


async def test_state_server_filter_on_clusters(serving_app):
    app, emu = serving_app(region="us-ashburn-1")
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        view = app.main.current_view
        view.apply_server_filters(lifecycle_state="ACTIVE")
        await settle(pilot)
        assert "hosting-ashburn-b" not in [r.name for r in view.rowset.rows]
        view.apply_server_filters(lifecycle_state="NEEDS_ATTENTION")
        await settle(pilot)
        assert [r.name for r in view.rowset.rows] == ["hosting-ashburn-b"]


def test_capacity_gauge() -> None:
    assert capacity_gauge(3, 4) == "███░ 3/4"
    assert capacity_gauge(0, 4) == "░░░░ 0/4"
    assert capacity_gauge(1, 100) == "█░░░ 1/100"
    assert capacity_gauge(4, 4) == "████ 4/4"
    assert capacity_gauge(2, None) == "2/?"


def test_guardrails_summary_without_configs() -> None:
    class Bare:
        content_moderation_config = None

    assert guardrails_summary(Bare()) == "none"
