"""Clear at a glance (issue 9): help grouped and generated, the footer at 80 / 60 columns, radio sets and
FAILED under NO_COLOR, one dialog style that says how to confirm, Move's picker title, the copy toast,
`--info`. Pilot on the local service (real SDK over loopback); the looks are in test_glance_snapshots.py."""

from __future__ import annotations

import re
from pathlib import Path

from rich.style import Style
from textual.widgets import RadioButton, Static

from tests.helpers import ready, settle, wait_until
from tui.ui import actions
from tui.ui.commands import TABLE, names, readme_lines, run_command
from tui.ui.screens.help import HelpScreen

ROOT = Path(__file__).resolve().parents[2]
REGION = "us-chicago-1"


def _legal(emu):
    return next(r for r in emu.store(REGION).models.values()
                if r.data["displayName"] == "legal-summarizer" and r.data["lifecycleState"] != "DELETED")


async def _help(pilot) -> HelpScreen:
    await settle(pilot)
    await pilot.press("question_mark")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HelpScreen)
    return screen


# ------------------------------------------------------------------ help
async def test_help_groups_resource_actions_first_and_lists_every_key(make_app):
    app, _emu = make_app()
    async with app.run_test() as pilot:
        screen = await _help(pilot)
        shown = [group for group, _lines in screen.groups()]
        assert shown == ["Inspect", "Change", "Views", "Navigate", "Global"]  # resource actions first
        by_group = {g: "\n".join(f"{line.key_text} | {line.label}" for line in lines) for g, lines in screen.groups()}
        for key, group in (("space", "Change"), ("^space", "Change"), ("d", "Inspect"), ("D  :deploy", "Change"),
                           ("f", "Navigate"), ("c", "Inspect"), ("[", "Navigate"), ("]", "Navigate"),
                           ("/ ~text", "Navigate"), ("?  :help", "Global"), ("^p", "Global"), ("⏎", "Inspect")):
            assert any(line.startswith(key + " ") or line.startswith(key + "  ") for line in by_group[group].splitlines()), \
                (key, group, by_group[group])
        labels = [label for _keys, label in screen.lines]
        assert len(labels) == len(set(labels)), "one line (one label) per action"
        assert all(label[:1].isupper() or not label[:1].isalpha() for label in labels), "sentence case"
        text = "\n".join(f"{k} {d}" for k, d in screen.lines)
        for framework in ("Scroll", "Page Left", "Page Right", "Focus Next", "Copy selected text"):
            assert framework not in text, framework


async def test_help_command_list_is_the_command_table(make_app):
    app, _emu = make_app()
    async with app.run_test() as pilot:
        screen = await _help(pilot)
        keys = "\n".join(line.key_text for line in screen.help)
        for command in TABLE:
            assert command.usage in keys, command.usage
        commands = [line for line in screen.help if line.command]
        assert {line.command.split()[0] for line in commands} == {c.usage.split()[0] for c in TABLE}
        views = next(lines for g, lines in screen.groups() if g == "Views")
        assert [line.key_text.split()[0] for line in views] == ["1", "2", "3", "4", "5"]
        assert views[2].label == "Work requests"  # the table's label, not the footer's "Work reqs"


async def test_help_in_read_only_lists_no_mutation(make_app):
    app, _emu = make_app(read_only=True)
    async with app.run_test() as pilot:
        screen = await _help(pilot)
        change = dict(screen.groups())["Change"]
        assert {line.label for line in change} == {"Mark or unmark the row", "Mark every row the filter shows",
                                                    "Clear the marks"}  # marks are not mutations
        keys = "\n".join(line.key_text for line in screen.help)
        assert ":deploy" not in keys and ":models" in keys


async def test_help_of_a_dialog_lists_its_own_keys_first(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await ready(app, pilot, emu)
        dialog = actions.open_edit(app, "model", _legal(emu).data["id"], REGION)
        await wait_until(pilot, lambda: dialog.etag is not None)
        await pilot.press("question_mark")  # the focused field takes "?": open it as the app would
        if not isinstance(app.screen, HelpScreen):
            app.action_help()
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        groups = [g for g, _ in screen.groups()]
        assert groups[0] == "This screen" and "Views" not in groups
        own = dict((line.label, line.key_text) for line in screen.groups()[0][1])
        assert own.get("Save") == "^s", own


def test_every_command_list_reads_the_table():
    from tui.ui import completion
    from tui.ui.widgets import prompt

    assert list(completion.COMMAND_WORDS) == names()
    assert set(completion.ARGUMENT_COMMANDS) == {c.name for c in TABLE if c.argument}
    for command in TABLE:
        assert any(w.strip() == command.name for w in prompt.COMMAND_WORDS), command.name
        assert command.name in prompt.COMMAND_PLACEHOLDER
    assert completion.complete("mark ", completion.Sources()) == ["mark all", "mark none"]
    assert "region all" in prompt.COMMAND_WORDS and "mark none" in prompt.COMMAND_WORDS
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"<!-- commands:begin -->\n(.*?)\n<!-- commands:end -->", readme, re.S)
    assert block is not None and block.group(1).splitlines() == readme_lines()


async def test_unknown_command_names_every_command_and_palette_runs_them(make_app):
    from textual.command import CommandPalette

    app, _emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        app.clear_notifications()
        assert run_command(app, "nosuch") is False
        await pilot.pause()
        (message,) = [n.message for n in app._notifications]
        for name in names():
            assert name in message, name
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Command: :workrequests")
        await pilot.pause(0.6)
        await pilot.press("enter")
        await settle(pilot)
        assert app.main.current_view_id == "workrequests"


# ------------------------------------------------------------------ footer
def _footer_keys(app):
    from textual.widgets._footer import FooterKey

    return list(app.main.query(FooterKey))


async def test_footer_keeps_help_at_80_and_whole_keys_at_60(make_app):
    app, _emu = make_app(size=(80, 24))
    async with app.run_test() as pilot:
        await settle(pilot)
        keys = _footer_keys(app)
        assert "question_mark" in [k.key for k in keys]
        assert keys[-2].key == "question_mark"  # last before the palette key, always in the same place
        assert sum(k.outer_size.width for k in keys) <= 80
        assert all(k.region.right <= 80 for k in keys), [(k.key, k.region) for k in keys]
        await pilot.resize_terminal(60, 24)
        await settle(pilot)
        keys = _footer_keys(app)
        assert "question_mark" in [k.key for k in keys]
        assert all(k.region.right <= 60 and k.region.width == k.outer_size.width for k in keys)
        assert all(k.region.width >= len(k.key_display) + len(k.description) for k in keys)  # none cut in half


def test_footer_drops_the_least_important_first():
    from textual.binding import Binding

    from tui.ui.footer import fitting

    items = [(Binding("enter", "toggle_detail", "Detail", id="detail"), "⏎"),
             (Binding("s", "sort_next", "Sort", id="sort"), "s"),
             (Binding("ctrl+r", "pick_region", "Region", id="region"), "^r"),
             (Binding("question_mark", "help", "Help", id="help"), "?")]
    assert fitting(items, 100) == {0, 1, 2, 3}
    assert fitting(items, 16) == {3, 0}  # "? Help " and "⏎ Detail " fit; sort and region go first
    assert fitting(items, 7) == {3}


# ------------------------------------------------------------------ NO_COLOR: radio sets and FAILED
async def test_radio_set_chosen_and_focused_differ_under_no_color(make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app, _emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.no_color
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("down")  # the cursor to FINE_TUNING; HOSTING stays chosen
        await pilot.pause()
        chosen, other = list(app.screen.query(RadioButton))[:2]
        assert chosen.value and not other.value and other.has_class("-selected")
        chosen_label = chosen.get_component_rich_style("toggle--label")
        cursor_label = other.get_component_rich_style("toggle--label")
        assert chosen_label.bold and not chosen_label.underline
        assert cursor_label.underline and not cursor_label.bold
        assert chosen.get_component_rich_style("toggle--button").bold
        assert other.get_component_rich_style("toggle--button").dim


def _state_style(table, state: str) -> Style:
    """The style the table gives the state cell of the first row in `state`."""
    index = next(i for i, row in enumerate(table._rows) if row.state == state)
    table.cursor = 0 if index else min(1, len(table._rows) - 1)
    strip = table._render_row(table._rows[index], table.size.width, table.rich_style, False)
    return next(seg.style for seg in strip if seg.text.strip() == state and seg.style is not None)


async def test_failed_stands_out_in_every_view(make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app, _emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        for view_id in ("models", "imported", "workrequests", "clusters", "endpoints"):
            app.show_view(view_id)  # a view is mounted the first time it is shown
            view = await wait_until(pilot, lambda v=view_id: app.main.views[v].is_mounted and app.main.views[v])
            assert "FAILED" in view.table.emphasis_states, view_id
        app.show_view("models")
        await settle(pilot)
        style = _state_style(app.main.query_one("#models").table, "FAILED")
        assert style.bold and style.reverse
        active = _state_style(app.main.query_one("#models").table, "ACTIVE")
        assert not active.reverse
    from tui.ui.data.describe import _state_style as detail_style

    assert "reverse" in detail_style("FAILED") and "reverse" not in detail_style("ACTIVE")


# ------------------------------------------------------------------ dialogs
def _hint(screen) -> str:
    return str(screen.query_one(".dialog-hint", Static).render())


async def test_dialogs_say_how_to_confirm(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await ready(app, pilot, emu)
        ocid = _legal(emu).data["id"]
        dialog = actions.open_edit(app, "model", ocid, REGION)
        await wait_until(pilot, lambda: dialog.etag is not None)
        assert "ctrl+s saves" in _hint(dialog)
        dialog.dismiss(None)
        await pilot.pause()
        dialog = actions.open_delete(app, "model", ocid, REGION, "legal-summarizer")
        await wait_until(pilot, lambda: dialog.etag is not None)
        assert "D (shift+d) deletes" in _hint(dialog) and "enter or esc cancels" in _hint(dialog)
        dialog.dismiss(None)
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert "ctrl+s applies" in _hint(app.screen)
        await pilot.press("escape")
        await pilot.pause()
        view = app.main.current_view
        view.action_mark_all()
        await pilot.pause()
        bulk = actions.open_bulk(app, view, view.marked_rows(), "delete")
        await pilot.pause()
        assert "D (shift+d) deletes all" in _hint(bulk)
        bulk.dismiss(None)
        await pilot.pause()
        picker = actions.open_bulk(app, view, view.marked_rows(), "move")
        await wait_until(pilot, lambda: app.screen is picker)
        movable = len([r for r in view.marked_rows() if view.row_refusal(r) is None])
        assert str(picker.query_one("#compartment-title", Static).render()) == f"Move {movable} models to…"


async def test_move_picker_is_titled_with_the_name(make_app):
    from tui.ui.dialogs.move import MoveDialog

    app, emu = make_app()
    async with app.run_test() as pilot:
        await ready(app, pilot, emu)
        await settle(pilot)
        picker = actions.open_move(app, "model", _legal(emu).data["id"], REGION)
        await wait_until(pilot, lambda: app.screen is picker)
        assert str(picker.query_one("#compartment-title", Static).render()) == "Move legal-summarizer to…"
        alice = next(c.id for c in app.genai.list_compartments().data if c.name == "sandbox-alice")
        picker.dismiss(alice)
        dialog = await wait_until(pilot, lambda: isinstance(app.screen, MoveDialog) and app.screen)
        await wait_until(pilot, lambda: dialog.etag is not None)
        assert "ctrl+s moves" in _hint(dialog)
        app.clear_notifications()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is app.main, what="the move sent")
        said = [n.message for n in app._notifications]
        assert "Moved legal-summarizer to sandbox-alice" in said and not any("ocid1." in m for m in said), said


# ------------------------------------------------------------------ toasts
async def test_copy_toast_echoes_the_ocid_once_and_briefly(make_app):
    app, _emu = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        app.clear_notifications()
        row = app.main.current_view.table.current_row
        await pilot.press("c")
        await pilot.pause()
        toasts = list(app._notifications)
        assert len(toasts) == 1 and app.clipboard == row.ocid
        toast = toasts[0]
        assert (toast.title + " " + toast.message).count(row.ocid) == 1
        assert toast.title == "Copied OCID" and toast.timeout <= 4
    assert app.NOTIFICATION_TIMEOUT <= 4


# ------------------------------------------------------------------ --info
def test_info_shows_profile_config_presence_existing_themes_and_bad_keymap(tmp_path, monkeypatch, capsys):
    from tui.__main__ import main
    from tui.settings import config_path, user_themes_dir

    cfg = config_path()
    cfg.parent.mkdir(parents=True, exist_ok=True)
    cfg.write_text('[keymap]\nnosuch = "x"\n')
    monkeypatch.setenv("OCI_CLI_PROFILE", "PROD")
    assert main(["--info", "--config-file", str(tmp_path / "missing-config")]) == 0
    out = capsys.readouterr().out
    assert "profile     : PROD  (env OCI_CLI_PROFILE)" in out
    assert f"OCI config  : {tmp_path / 'missing-config'}  (not present)" in out
    themes = out.split("themes      : ", 1)[1].split("OCI config", 1)[0]
    assert str(user_themes_dir()) not in themes  # it does not exist here
    assert all(Path(line.strip()).is_dir() for line in themes.splitlines() if line.strip())
    assert re.search(r"keymap      : unknown binding id\(s\) nosuch", out)
    (tmp_path / "oci").write_text("[DEFAULT]\n")
    assert main(["--info", "--config-file", str(tmp_path / "oci")]) == 0
    out = capsys.readouterr().out
    assert f"OCI config  : {tmp_path / 'oci'}\n" in out
