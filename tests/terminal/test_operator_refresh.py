"""On a real terminal: the visible list refreshes by itself; a change made through the SDK appears
without a key press, and the status line says how fresh the rows are and how often they renew."""

from __future__ import annotations

import pytest


@pytest.fixture
def sdk(identity):
    """A GenAI client (the real SDK) on whichever local service a console runs against."""
    from tui.cloud.auth import load_profile
    from tui.cloud.clients import CloudSession
    from tui.cloud.operations import GenAI

    def for_console(console):
        profile = load_profile(identity.profile, str(identity.config_file))
        return GenAI(CloudSession(profile, endpoint_template=console.emulator.endpoint_template))

    return for_console


def test_an_sdk_change_appears_without_a_key_press(launch, sdk):
    from tui.cloud import builders
    from tui.cloud.resources import MODEL

    console = launch(args=["--refresh", "1"])
    console.wait_for("support-bot-v1")
    console.wait_for("every 1 s")
    mark = console.mark()
    model_id = console.emulator.seed_info.models["us-chicago-1"]["support-bot-v1"]
    sdk(console).update(MODEL, model_id, builders.update_details(MODEL, display_name="support-bot-renamed"))
    console.wait_for("support-bot-renamed", timeout=15)  # no key was written since the mark
    assert "support-bot-v1 " not in console.screen_text()
    assert console.written_since(mark)  # it was painted, not only fetched


def test_refresh_off_says_so(launch):
    console = launch(args=["--refresh", "0"])
    console.wait_for("auto-refresh off")
