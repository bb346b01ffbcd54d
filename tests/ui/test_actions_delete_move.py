"""Delete (Cancel by default, a distinct confirm key, 409 explained with the endpoint named, tracked to
DELETED) and move (compartment picker, confirmation, if-match)."""

from __future__ import annotations


from tests.helpers import ready, status_of, wait_until

from tui.ui import actions
from tui.ui.dialogs.delete import DeleteDialog
from tui.ui.dialogs.move import MoveDialog

REGION = "us-chicago-1"


def find(emu, table: str, name: str):
    return next(r for r in getattr(emu.store(REGION), table).values()
                if r.data["displayName"] == name and r.data["lifecycleState"] != "DELETED")


def deletes(emu) -> list:
    return [r for r in emu.requests if r.operation in ("DeleteModel", "DeleteImportedModel")]


async def open_delete(app, pilot, kind, res) -> DeleteDialog:
    dialog = actions.open_delete(app, kind, res.data["id"], REGION, res.data["displayName"])
    await wait_until(pilot, lambda: dialog.etag is not None, what="loaded")
    return dialog


async def test_enter_and_escape_cancel_the_delete(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await ready(app, pilot, emu)
        model = find(emu, "models", "legal-summarizer")
        for key in ("enter", "escape", "d", "y"):
            dialog = await open_delete(app, pilot, "model", model)
            assert app.focused.id == "delete-cancel"
            await pilot.press(key)
            await pilot.pause()
            if key in ("enter", "escape"):
                assert app.screen is not dialog
            else:  # lower-case d or y confirm nothing
                assert app.screen is dialog
                await pilot.press("escape")
                await pilot.pause()
        assert deletes(emu) == [] and model.data["lifecycleState"] == "ACTIVE"


async def test_delete_is_tracked_to_deleted(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await ready(app, pilot, emu)
        model = find(emu, "models", "legal-summarizer")
        dialog = await open_delete(app, pilot, "model", model)
        await pilot.press("D")
        await wait_until(pilot, lambda: app.screen is not dialog, what="deleted")
        assert model.data["lifecycleState"] == "DELETING"
        tracked = [t for t in app.tracker.items() if t.label == "delete legal-summarizer"]
        emu.clock.advance(60)
        await wait_until(pilot, lambda: tracked[0].settled, what="delete settled")
        assert tracked[0].wr.status == "SUCCEEDED" and model.data["lifecycleState"] == "DELETED"


async def test_delete_of_a_model_in_use_names_the_endpoint(make_app):
    app, emu = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot, emu)
        model = find(emu, "models", "support-bot-v1")
        dialog = await open_delete(app, pilot, "model", model)
        await pilot.press("D")
        await wait_until(pilot, lambda: dialog.endpoints, what="409 explained")
        explained = str(dialog.query_one("#delete-endpoints").render())
        assert "support-bot-endpoint" in explained and emu.seed_info.extras["endpoint_id"] in explained
        assert "409 Conflict" in status_of(dialog)
        assert [r.status for r in deletes(emu)] == [409]
        assert model.data["lifecycleState"] == "ACTIVE" and app.screen is dialog


async def test_the_name_is_shown_literally_never_as_markup(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await ready(app, pilot, emu)
        model = find(emu, "models", "legal-summarizer")
        hostile = "[b]legal[/b] [@click=app.quit]x[/]"
        dialog = actions.open_delete(app, "model", model.data["id"], REGION, hostile)
        await wait_until(pilot, lambda: dialog.etag is not None)
        assert str(dialog.query_one("#delete-name").render()) == hostile
        assert app.is_running


async def test_move_through_the_compartment_picker(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await ready(app, pilot, emu)
        model = find(emu, "models", "legal-summarizer")
        alice = next(c.id for c in app.genai.list_compartments().data if c.name == "sandbox-alice")
        picker = actions.open_move(app, "model", model.data["id"], REGION)
        await wait_until(pilot, lambda: app.screen is picker)
        picker.dismiss(alice)
        dialog = await wait_until(pilot, lambda: isinstance(app.screen, MoveDialog) and app.screen)
        await wait_until(pilot, lambda: dialog.etag is not None)
        assert app.focused.id == "move-cancel"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is not dialog, what="moved")
        assert model.data["compartmentId"] == alice
        moves = [r for r in emu.requests if r.operation == "ChangeModelCompartment"]
        assert [r.status for r in moves] == [200] or [r.status for r in moves] == [202]


async def test_read_only_refuses_every_action(make_app):
    app, emu = make_app(read_only=True)
    async with app.run_test() as pilot:
        await ready(app, pilot, emu)
        model = find(emu, "models", "legal-summarizer")
        stack = list(app.screen_stack)
        assert actions.open_create(app, "model") is None
        assert actions.open_create(app, "imported_model") is None
        assert actions.open_edit(app, "model", model.data["id"], REGION) is None
        assert actions.open_move(app, "model", model.data["id"], REGION) is None
        assert actions.open_delete(app, "model", model.data["id"], REGION, "legal-summarizer") is None
        app.main.current_view.table.focus()
        for key in ("n", "e", "m", "ctrl+d"):  # the list view's keys do nothing either
            await pilot.press(key)
            await pilot.pause()
        assert list(app.screen_stack) == stack
        mutating = [r for r in emu.requests if r.method in ("POST", "PUT", "DELETE")]
        assert mutating == []
