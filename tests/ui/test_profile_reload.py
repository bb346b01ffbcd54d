"""Choosing the current profile again in the profile picker reloads it from disk (a rotated key
takes effect without restarting the console), and keeps the compartment in view."""

from __future__ import annotations

from textual.widgets import OptionList

from tests.helpers import settle
from tui.emulator import make_identity


async def test_choosing_the_current_profile_reloads_it_from_disk(make_app, identity, tmp_path):
    config = tmp_path / "config"
    config.write_text(identity.config_file.read_text())
    app, emu = make_app()
    app.settings.config_file = str(config)
    async with app.run_test() as pilot:
        await settle(pilot)
        compartment = app.context.compartment_id
        old = app.genai
        assert old.session.profile.config["fingerprint"] == identity.fingerprint

        # The operator rotates the key on disk (the new one is uploaded for the same user).
        rotated = make_identity(tmp_path / "rotated")
        emu.add_key(f"{identity.tenancy_id}/{identity.user_id}/{rotated.fingerprint}", rotated.public_key_pem)
        text = config.read_text()
        text = text.replace(identity.fingerprint, rotated.fingerprint).replace(str(identity.key_file),
                                                                               str(rotated.key_file))
        config.write_text(text)

        await pilot.press("p")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        assert options.highlighted is not None
        assert options.get_option_at_index(options.highlighted).id == "DEFAULT"  # the current one
        await pilot.press("enter")
        await settle(pilot)
        assert app.genai is not old
        assert app.genai.session.profile.config["fingerprint"] == rotated.fingerprint
        assert app.context.profile == "DEFAULT" and app.context.compartment_id == compartment
        assert app.last_error is None and app.main.current_view.table.row_count > 0
