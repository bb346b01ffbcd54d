"""The edit dialog on a model whose fields hold terminal escapes (issue 10 §1): the inputs hold the
cleaned text (never an ESC), a note names the fields that held control characters, and Save sends
only the field the operator changed, so the altered text never goes back as if typed."""

from __future__ import annotations


from tests.helpers import wait_until
from tests.helpers import settle

from tui.emulator.seed_hostile import ESCAPES
from tui.ui import actions
from tui.ui.dialogs.edit import EditDialog
from tui.ui.forms.tags import TagsEditor
from tui.ui.text import is_clean

REGION = "us-chicago-1"


async def open_escapes_model(app, pilot, emu) -> EditDialog:
    await settle(pilot)
    dialog = actions.open_edit(app, "model", emu.seed_info["escapes_model_id"], REGION)
    assert isinstance(dialog, EditDialog)
    await wait_until(pilot, lambda: dialog.etag is not None, what="model loaded")
    await pilot.pause()
    return dialog


async def test_edit_names_the_altered_fields_and_sends_only_the_changed_one(make_app):
    app, emu = make_app("hostile")
    async with app.run_test() as pilot:
        dialog = await open_escapes_model(app, pilot, emu)
        model = emu.store(REGION).models[emu.seed_info["escapes_model_id"]]
        before = dict(model.data)
        for f in dialog.fields.values():
            assert f.altered and is_clean(f.value), f.label  # shown cleaned: no ESC, C1 or bidi
        assert "␛]52;c;" in dialog.fields["description"].value
        tags = dialog.query_one(TagsEditor)
        assert tags.altered and all(is_clean(r.key_input.value + r.value_input.value) for r in tags.rows)
        note = str(dialog.query_one("#edit-controls").render())
        assert "Name, Description, Vendor, Version, Freeform tags hold control characters" in note

        dialog.fields["version"].value = "2.0"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is not dialog, what="dialog closed")
        updates = [r for r in emu.requests if r.operation == "UpdateModel"]
        assert [r.status for r in updates] == [200]
        assert model.data["version"] == "2.0"
        for field in ("displayName", "description", "vendor", "freeformTags"):
            assert model.data[field] == before[field], field  # untouched: not sent, still as stored
        assert ESCAPES in model.data["description"]


async def test_an_unchanged_hostile_edit_sends_nothing(make_app):
    app, emu = make_app("hostile")
    async with app.run_test() as pilot:
        dialog = await open_escapes_model(app, pilot, emu)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Nothing changed." in str(dialog.query_one("#dialog-status").render())
        assert not [r for r in emu.requests if r.operation == "UpdateModel"]


async def test_changed_tags_must_not_keep_an_altered_row(make_app):
    app, emu = make_app("hostile")
    model = emu.store(REGION).models[emu.seed_info["escapes_model_id"]]
    model.data["freeformTags"] = {"team": "ml", "note": "\x1b]52;c;ZWNobyBwd25lZA==\x07"}
    async with app.run_test() as pilot:
        dialog = await open_escapes_model(app, pilot, emu)
        tags = dialog.query_one(TagsEditor)
        assert [r.altered for r in tags.rows] == [False, True]
        await tags.rows[0].remove()  # tags changed: the altered row would be sent as shown
        await pilot.press("ctrl+s")
        await pilot.pause()
        status = str(dialog.query_one("#dialog-status").render())
        assert "row 1: holds control characters from the service" in status
        assert not [r for r in emu.requests if r.operation == "UpdateModel"]
        assert app.screen is dialog
