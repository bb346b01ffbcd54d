"""Keys remapped by binding id from the config file's [keymap] table (as k9s operators expect)."""

from __future__ import annotations

import pytest
from tests.helpers import settle

from tui.settings import SettingsError, read_config_file
from tui.app import ConsoleApp
from tui.ui.keymap import binding_ids


def test_keymap_table_is_read_from_the_config_file(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('theme = "oci-ansi"\n[keymap]\nsort = "o"\ndelete = " ctrl+x "\n', encoding="utf-8")
    assert read_config_file(path) == {"theme": "oci-ansi", "keymap": {"sort": "o", "delete": "ctrl+x"}}


@pytest.mark.parametrize("body", ['keymap = "sort=o"\n', '[keymap]\nsort = ""\n', "[keymap]\nsort = 3\n"])
def test_a_malformed_keymap_is_refused_naming_it(tmp_path, body):
    path = tmp_path / "config.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(SettingsError, match="keymap"):
        read_config_file(path)


def test_every_mutating_and_navigation_action_has_a_binding_id():
    assert {"create", "edit", "move", "delete", "delete-confirm", "sort", "filter", "command", "region",
            "compartment", "copy-ocid", "refresh", "wizard-submit"} <= set(binding_ids(ConsoleApp))


async def test_a_remapped_key_drives_the_action_and_unknown_ids_are_reported(make_app):
    app, _emu = make_app()
    app.settings.keymap = {"sort": "o", "no-such-binding": "x"}
    app._apply_keymap()
    async with app.run_test() as pilot:
        await settle(pilot)
        view = app.main.current_view
        await pilot.press("s")
        await settle(pilot)
        assert view.sort.column is None, "the old key no longer sorts"
        await pilot.press("o")
        await settle(pilot)
        assert view.sort.column == 0
        assert any("no-such-binding" in problem for problem in app.startup_problems)


def test_the_readme_lists_exactly_the_binding_ids():
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    block = readme.split("Binding ids:", 1)[1].split("Press `?`", 1)[0]
    assert set(re.findall(r"[a-z][a-z-]+", block)) == set(binding_ids(ConsoleApp))
