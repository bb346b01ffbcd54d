"""Edit dialog: only changed fields are sent, with the loaded etag as if-match; a model update is
synchronous, an imported-model update is a tracked work request; a 412 shows theirs vs yours and
re-applies the operator's edit without losing the other change."""

from __future__ import annotations


from tests.helpers import ready, status_of, wait_until

from tui.ui import actions
from tui.ui.dialogs.edit import EditDialog

REGION = "us-chicago-1"


def find(emu, table: str, name: str):
    return next(r for r in getattr(emu.store(REGION), table).values()
                if r.data["displayName"] == name and r.data["lifecycleState"] != "DELETED")


async def open_loaded(app, pilot, kind: str, ocid: str) -> EditDialog:
    dialog = actions.open_edit(app, kind, ocid, REGION)
    assert isinstance(dialog, EditDialog)
    await wait_until(pilot, lambda: dialog.etag is not None, what="model loaded")
    await pilot.pause()
    return dialog


async def test_model_edit_is_synchronous_and_sends_if_match(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await ready(app, pilot, emu)
        model = find(emu, "models", "legal-summarizer")
        etag_before = model.etag
        dialog = await open_loaded(app, pilot, "model", model.data["id"])
        assert dialog.fields["description"].value == "Summarises contracts"
        dialog.fields["description"].value = "Summarises contracts and NDAs"
        dialog.fields["version"].value = "2.0"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is not dialog, what="dialog closed")
        assert model.data["description"] == "Summarises contracts and NDAs" and model.data["version"] == "2.0"
        assert model.data["freeformTags"] == {"team": "legal"}  # untouched fields are not sent
        assert model.etag != etag_before
        updates = [r for r in emu.requests if r.operation == "UpdateModel"]
        assert [r.status for r in updates] == [200]
        assert not any(t.label.startswith("update legal") for t in app.tracker.items())  # sync: no work request


async def test_imported_model_edit_is_a_tracked_work_request(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await ready(app, pilot, emu)
        imported = find(emu, "imported", "llama-3-1-8b-bucket")
        dialog = await open_loaded(app, pilot, "imported_model", imported.data["id"])
        dialog.fields["version"].value = "3.1-8b"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is not dialog, what="dialog closed")
        tracked = [t for t in app.tracker.items() if t.label == "update llama-3-1-8b-bucket"]
        assert len(tracked) == 1
        assert imported.data["lifecycleState"] == "UPDATING"
        emu.clock.advance(60)
        await wait_until(pilot, lambda: tracked[0].settled, what="update settled")
        assert tracked[0].wr.status == "SUCCEEDED" and imported.data["version"] == "3.1-8b"


async def test_412_shows_theirs_vs_yours_and_reapplies(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await ready(app, pilot, emu)
        model = find(emu, "models", "legal-summarizer")
        dialog = await open_loaded(app, pilot, "model", model.data["id"])
        first_etag = dialog.etag
        # someone else changes the description (and the etag) between load and save
        app.genai.update_model(model.data["id"], {"description": "Changed by Bob"})
        dialog.fields["version"].value = "9"
        dialog.fields["description"].value = "Mine"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: dialog.conflicted, what="conflict shown")
        shown = str(dialog.query_one("#edit-conflict").render())
        assert "Description: theirs 'Changed by Bob' vs yours 'Mine'" in shown
        assert dialog.etag != first_etag and dialog.etag == model.etag
        assert dialog.fields["version"].value == "9"  # the operator's edit is kept
        assert [r.status for r in emu.requests if r.operation == "UpdateModel"] == [200, 412]
        dialog.fields["description"].value = "Changed by Bob"  # accept theirs, keep my version
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is not dialog, what="re-applied")
        assert model.data["description"] == "Changed by Bob" and model.data["version"] == "9"


async def test_invalid_edit_is_not_sent(make_app):
    app, emu = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot, emu)
        model = find(emu, "models", "legal-summarizer")
        dialog = await open_loaded(app, pilot, "model", model.data["id"])
        dialog.fields["display_name"].value = "has space"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "may contain only letters" in status_of(dialog)
        assert app.screen is dialog and not [r for r in emu.requests if r.operation == "UpdateModel"]
