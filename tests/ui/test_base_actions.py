"""Actions are offered only where they can work: a BASE model has no edit, move or delete (footer,
help, keys say "managed by Oracle" with no call to the service); read-only keys say read-only blocks
them; errors that retrying cannot fix never say "retry"."""

from __future__ import annotations

from tests.helpers import settle
from tests.helpers import ready, wait_until
from tui.cloud.errors import CloudError
from tui.ui import actions
from tui.ui.dialogs.base import DialogScreen, retry_can_help
from tui.ui.dialogs.edit import EditDialog
from tui.ui.screens.help import HelpScreen

REGION = "us-chicago-1"


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


def put_cursor_on(view, predicate) -> None:
    index = next(i for i, r in enumerate(view.table.rows) if predicate(r))
    view.table.cursor = index


def active_actions(app) -> set[str]:
    return {a.binding.action for a in app.screen.active_bindings.values() if a.enabled}


async def test_base_model_offers_no_edit_move_delete(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        view = app.main.current_view
        put_cursor_on(view, lambda r: r.obj.type == "BASE")
        await pilot.pause()
        assert not {"edit", "move", "delete"} & active_actions(app)
        requests_before = len(emu.requests)
        for key in ("e", "m", "ctrl+d"):
            await pilot.press(key)
            await pilot.pause()
            assert not isinstance(app.screen, DialogScreen)
        assert sum("BASE models are managed by Oracle" in m for m in messages(app)) == 3
        assert not any(r.operation in ("UpdateModel", "DeleteModel", "ChangeModelCompartment")
                       for r in emu.requests[requests_before:])  # no round trip (GetModel: the CREATING poll)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), what="help")
        assert "Delete" not in " ".join(d for _k, d in app.screen.lines)
        await pilot.press("escape")
        put_cursor_on(view, lambda r: r.obj.type == "CUSTOM" and r.state == "ACTIVE")
        await pilot.pause()
        assert {"edit", "move", "delete"} <= active_actions(app)


async def test_read_only_keys_say_read_only_blocks_them(make_app):
    app, emu = make_app(read_only=True)
    async with app.run_test() as pilot:
        await settle(pilot)
        view = app.main.current_view
        put_cursor_on(view, lambda r: r.obj.type == "CUSTOM")
        for key, verb in (("n", "creating"), ("e", "editing"), ("m", "moving"), ("ctrl+d", "deleting")):
            await pilot.press(key)
            await pilot.pause()
            assert any(f"Read-only mode blocks {verb}" in m for m in messages(app)), (key, messages(app))
        assert app.screen is app.main


def test_only_transient_errors_are_worth_a_retry():
    assert retry_can_help(CloudError("x", status=429))
    assert retry_can_help(CloudError("x", status=503))
    assert retry_can_help(CloudError("x", code="Timeout"))
    for status in (400, 404, 409, 412):
        assert not retry_can_help(CloudError("x", status=status))


async def test_a_400_on_save_never_says_retry_and_a_503_does(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await ready(app, pilot, emu)
        ocid = emu.seed_info.models[REGION]["legal-summarizer"]
        dialog = actions.open_edit(app, "model", ocid, REGION)
        assert isinstance(dialog, EditDialog)
        await wait_until(pilot, lambda: dialog.etag is not None, what="model loaded")
        dialog.fields["version"].value = "9.9"
        emu.faults.inject("UpdateModel", status=400, count=1)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not dialog.busy and "✗" in str(dialog.query_one("#dialog-status").render()),
                         what="the 400")
        text = str(dialog.query_one("#dialog-status").render())
        assert "400" in text and "retry" not in text.lower()
        emu.faults.inject("UpdateModel", status=503)  # every attempt (the client retries a 503 itself)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "503" in str(dialog.query_one("#dialog-status").render()), timeout=60,
                         what="the 503")
        assert "try again" in str(dialog.query_one("#dialog-status").render())
        emu.faults.clear()


def test_hints_for_fixed_states_do_not_say_retry():
    for status, code in ((400, "InvalidParameter"), (404, "NotAuthorizedOrNotFound"), (409, "Conflict")):
        hint = CloudError("x", status=status, code=code).hint or ""
        assert "retry" not in hint.lower(), (status, hint)
