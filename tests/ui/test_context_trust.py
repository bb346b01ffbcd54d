"""Context you can trust: the header keeps the compartment's leaf at any width, bad flags are refused
before the screen opens, `--compartment` takes a name or path, wizards hold their context and send
focus to the first invalid field, and the demo's clock never runs ahead of real time."""

from __future__ import annotations

from datetime import datetime, timezone
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from tests.helpers import open_import, ready, settle, wait_until
from tui.facts.regions import REGIONS, lookup_region
from tui.settings import SettingsError, check_compartment, check_settings, load_settings, parse_refresh, resolve
from tui.ui.context import Context
from tui.ui.data.compartments import find, path_names
from tui.ui.widgets.context_header import elide_path, header_text

NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_.", min_size=1, max_size=26)


@given(st.lists(NAME, min_size=1, max_size=8), st.integers(min_value=60, max_value=250),
       st.sampled_from(REGIONS), st.booleans(), st.text(alphabet="ABCDEFGHIJ_", min_size=1, max_size=20))
def test_header_always_keeps_the_leaf_and_fits(names, width, region, read_only, profile):
    path = "root/" + "/".join(names)
    ctx = Context(profile=profile, region=region, compartment_id="x", compartment_path=path)
    text = header_text(ctx, width, read_only=read_only, connected=True, region_key=region.key).plain
    assert names[-1] in text
    assert cell_len(text) <= width
    if read_only:
        assert "READ-ONLY" in text or " RO " in text


def test_header_elides_from_the_left_at_80_and_names_a_failure():
    ctx = Context(profile="DEFAULT", region=lookup_region("us-chicago-1"), compartment_id="x",
                  compartment_path="root/genai-prod/genai-prod-models/genai-prod-models-archive")
    assert header_text(ctx, 80, read_only=False, connected=True).plain.endswith("…/genai-prod-models-archive")
    failed = header_text(ctx, 80, read_only=False, connected=False, error="Connection refused: port 9").plain
    assert "not connected: Connection refused" in failed and "connecting…" not in failed


def test_elide_path_keeps_whole_trailing_segments():
    assert elide_path("root/a/b/leaf", 100) == "root/a/b/leaf"
    assert elide_path("root/aaaa/bbbb/leaf", 11) == "…/bbbb/leaf"
    assert elide_path("root/aaaa/bbbb/leaf", 6) == "…/leaf"
    assert elide_path("root/aaaa/bbbb/leaf", 4) == "leaf"
    assert elide_path("root/aaaa/bbbb/leaf", 3) == "le…"


@pytest.mark.parametrize("value, ok", [
    ("ocid1.compartment.oc1..aaaaaaaab3xyz", True), ("ocid1.tenancy.oc1..aaaa", True),
    ("genai-prod", True), ("genai-prod/genai-prod-models", True), ("/root/genai-prod", True),
    ("ocid1.compartment.oc1..bad id", False), ("ocid1.model.oc1.us-chicago-1.aaaa", False),
    ("genai prod", False), ("a//b", False), ("", False),
])
def test_compartment_flag_shapes(value, ok):
    assert (check_compartment(value) is None) is ok


def test_refresh_interval_from_flag_and_config_file():
    assert load_settings(["--refresh", "2.5"]).refresh_interval == 2.5
    assert resolve({}, {}, {"refresh_interval": 0}).refresh_interval == 0
    assert resolve({}, {}, {}).refresh_interval == 15.0
    for bad in ("-1", "soon", "nan", "inf"):
        with pytest.raises(SettingsError, match="refresh interval"):
            parse_refresh(bad)


def test_check_settings_refuses_unknown_region_profile_theme(identity):
    base = {"config_file": str(identity.config_file)}
    check_settings(resolve({**base, "profile": identity.profile, "region": "fra"}, {}, {}), ["oci-dark"])
    with pytest.raises(SettingsError, match="unknown region 'mars'"):
        check_settings(resolve({**base, "region": "mars"}, {}, {}))
    with pytest.raises(SettingsError, match="unknown profile 'NOPE'"):
        check_settings(resolve({**base, "profile": "NOPE"}, {}, {}))
    with pytest.raises(SettingsError, match="unknown theme 'pink'"):
        check_settings(resolve({**base, "theme": "pink"}, {}, {}), ["oci-dark", "oci-light"])


def tree() -> tuple[dict[str, SimpleNamespace], str]:
    root = "ocid1.tenancy.oc1..root"
    c = {
        "p": SimpleNamespace(id="p", name="genai-prod", compartment_id=root),
        "m": SimpleNamespace(id="m", name="genai-prod-models", compartment_id="p"),
        "a": SimpleNamespace(id="a", name="genai-prod-models-archive", compartment_id="m"),
        "d": SimpleNamespace(id="d", name="models", compartment_id=root),
    }
    return c, root


def test_compartment_names_and_paths_resolve_like_the_colon_command():
    c, root = tree()
    assert path_names(c, "a") == ["genai-prod", "genai-prod-models", "genai-prod-models-archive"]
    assert find(c, root, "root") == [root]
    assert find(c, root, "genai-prod/genai-prod-models") == ["m"]
    assert find(c, root, "root/genai-prod/genai-prod-models") == ["m"]
    assert find(c, root, "genai-prod-models/genai-prod-models-archive") == ["a"]  # a unique suffix
    assert find(c, root, "GENAI-PROD-MODELS") == ["m"]  # exact name before substring
    assert sorted(find(c, root, "models")) == ["d"]
    assert find(c, root, "nope/nothing") == []


async def test_compartment_flag_takes_a_path(make_app):
    app, emu = make_app(compartment="genai-prod/genai-prod-models")
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: app.context.compartment_id == emu.seed_info["models_compartment_id"],
                         what="the path to resolve after connecting")
        await settle(pilot)
        assert app.context.compartment_path == "root/genai-prod/genai-prod-models"
        assert any(r.name == "support-bot-v1" for r in app.main.current_view.table.rows)


async def test_an_ocid_outside_the_tree_gets_a_warning(make_app):
    app, emu = make_app(compartment="ocid1.compartment.oc1..aaaaaaaanotinthistenancy")
    async with app.run_test() as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: any("not in this tenancy's compartment tree" in n.message
                                            for n in app._notifications), what="the warning")


async def test_a_wizard_holds_its_context(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await ready(app, pilot, emu)
        wizard = await open_import(app, pilot)
        where = str(wizard.query_one("#wizard-where").render())
        assert "profile DEFAULT" in where and "us-chicago-1" in where and "genai-prod-models" in where
        region, compartment = app.context.region, app.context.compartment_id
        for key in ("ctrl+r", "ctrl+t"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is wizard
        app.switch_region("fra")  # as the palette would
        app.switch_compartment_by_name("sandbox-alice")
        await pilot.pause()
        assert app.context.region == region and app.context.compartment_id == compartment
        said = [n.message for n in app._notifications]
        assert any("Region switching is disabled" in m and "Import" in m for m in said), said
        assert any("Compartment switching is disabled" in m for m in said), said


async def test_failed_next_focuses_the_first_invalid_field(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await ready(app, pilot, emu)
        wizard = await open_import(app, pilot)
        source = wizard.steps[0]
        source.hf["hf_model_id"].value = "just-a-name"
        wizard.query_one("#wizard-next").focus()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert wizard.index == 0
        assert app.focused is source.hf["hf_model_id"].input


def test_demo_clock_is_real_time_and_only_jobs_are_shorter():
    from tui.emulator import ManualClock, RealClock
    from tui.emulator.server import Emulator

    clock = RealClock(speed=20)
    assert abs((clock.now() - datetime.now(timezone.utc)).total_seconds()) < 1
    emu = Emulator(seed="empty", clock=clock)
    assert emu.durations["fine_tune"] == 120 / 20
    assert Emulator(seed="empty", clock=ManualClock()).durations["fine_tune"] == 120
