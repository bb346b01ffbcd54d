"""`--demo`: the local service runs as a child process the console connects to, and goes with it."""

from __future__ import annotations

from tui.demo import Demo
from tui.settings import Settings


def test_demo_service_starts_serves_and_stops_with_the_console():
    from tui.cloud.auth import load_profile
    from tui.cloud.clients import CloudSession
    from tui.cloud.operations import GenAI

    demo = Demo("demo").start_in_background()
    try:
        settings = Settings(demo=True)
        demo.prepare(settings)
        assert settings.endpoint_template and settings.endpoint_template.endswith("/{region}")
        assert settings.compartment_id and settings.compartment_id.startswith("ocid1.compartment.")
        genai = GenAI(CloudSession(load_profile(settings.profile, settings.config_file),
                                   endpoint_template=settings.endpoint_template))
        names = {m.display_name for m in genai.list_resources("model", settings.compartment_id).data}
        assert "support-bot-v1" in names
    finally:
        demo.stop()
    assert demo.process is not None and demo.process.poll() is not None, "the service stopped"
    assert demo.directory is not None and not demo.directory.exists(), "its key and config are gone"


def test_a_demo_service_that_cannot_start_is_reported_not_hung():
    import pytest

    from tui.cloud.errors import CloudError

    demo = Demo("no-such-seed").start_in_background()
    try:
        with pytest.raises(CloudError) as info:
            demo.prepare(Settings(demo=True))
        assert info.value.code == "DemoFailed" and "seed" in str(info.value).lower()
    finally:
        demo.stop()
