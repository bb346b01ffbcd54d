"""Edit a model's name, description, vendor, version and freeform tags, with if-match.

Why the etag dance: two operators editing the same model must not overwrite each other silently.
The dialog loads the model (and its etag), sends only the fields the operator changed with
`if-match`, and on 412 reloads, shows what changed (theirs vs yours) and lets the operator re-apply
their edit against the new etag. Model updates are synchronous; imported-model updates return a work
request that the console tracks.

Service values are prefilled through `FormField.prefill` / `TagsEditor.prefill_tags`, which show them
cleaned (tui.ui.text). A value that held control characters is therefore shown altered: the dialog
names those fields in a note, and a field is only sent when the operator changed it (an untouched
field is neither checked nor sent, so the altered text never goes back as if typed).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Input, Static

from tui.cloud.errors import CloudError
from tui.ui.console import read_only_reason
from tui.ui.dialogs import conflict, edit_fields
from tui.ui.dialogs.base import DialogScreen, describe_error, finish_after_success, retry_can_help
from tui.ui.forms import rules
from tui.ui.forms.field import FormField
from tui.ui.forms.rules import Rule
from tui.ui.forms.tags import TagsEditor
from tui.ui.text import clean

CONTROLS_NOTE = ("{fields} {verb} control characters from the service, shown here as ␛-style pictures (C0) "
                 "or � (C1, bidi). A field you leave as it is is not sent; a field you change must not hold "
                 "control characters.")


class EditDialog(DialogScreen):
    BINDINGS = [Binding("ctrl+s", "save", "Save")]
    confirm_hint = "ctrl+s saves · esc cancels"
    DEFAULT_CSS = """
    EditDialog #dialog-title { padding: 0; }  /* the (empty) conflict line below is its blank line */
    EditDialog #edit-conflict { color: $warning; height: auto; }
    EditDialog #edit-controls { color: $warning; height: auto; display: none; }
    """

    def __init__(self, kind: Any, ocid: str, region: Any) -> None:
        super().__init__(kind, ocid, region, "")
        self.dialog_title = f"Edit {self.kind.noun}"
        self.original: dict[str, Any] | None = None
        self.etag: str | None = None
        self.conflicted: list[tuple[str, Any, Any]] = []

    def compose_body(self) -> ComposeResult:
        yield Static("", id="edit-conflict", markup=False)
        yield Static("", id="edit-controls", markup=False)
        self.fields: dict[str, FormField] = {
            "display_name": FormField("Name", rule=self._if_changed("display_name", self._name_rule),
                                      id="edit-name"),
            "description": FormField("Description", rule=self._if_changed("description", rules.free_text(400)),
                                     id="edit-description"),
            "vendor": FormField("Vendor", rule=self._if_changed("vendor", rules.free_text(255)), id="edit-vendor"),
            "version": FormField("Version", rule=self._if_changed("version", rules.free_text(255)),
                                 id="edit-version"),
        }
        self.fields = edit_fields.adapt_fields(self.kind, self.fields)  # per-kind field set (data)
        yield from self.fields.values()
        yield from edit_fields.extra_widgets(self.kind)
        yield TagsEditor(id="edit-tags")

    def compose_buttons(self) -> ComposeResult:
        yield Button("Save", id="edit-save", variant="primary", compact=True, disabled=True)
        yield Button("Cancel", id="edit-cancel", compact=True)

    def _if_changed(self, name: str, rule: Rule) -> Rule:
        """`rule`, except for a value still as prefilled: it is not sent, so it is not checked (a
        base-model style name may contain '.', a cleaned description may be over the limit)."""

        def check(text: str) -> str | None:
            f = getattr(self, "fields", {}).get(name)
            if self.original is not None and f is not None and text == f.input.prefilled:
                return None
            return rule(text)

        return check

    @staticmethod
    def _name_rule(text: str) -> str | None:
        return rules.display_name(text, required_=True)

    def on_mount(self) -> None:
        self.load(self._loaded)

    async def _loaded(self, result: Any) -> None:
        self.original = conflict.snapshot(result.data)
        self.etag = result.etag
        self.resource_type = getattr(result.data, "type", None)
        for name, f in self.fields.items():
            f.prefill(self.original[name])
        edit_fields.after_load(self.kind, self.fields, result.data, self)
        await self.query_one(TagsEditor).prefill_tags(self.original["freeform_tags"])
        self._show_altered()
        self.query_one("#edit-save", Button).disabled = False
        self.status(f"Loaded {result.data.display_name} (etag {self.etag}).")
        self.fields["display_name"].focus(scroll_visible=False)
        self.show_top()

    def altered_fields(self) -> list[str]:
        """Labels of the fields whose service value held control characters (shown altered)."""
        names = [f.label for f in self.fields.values() if f.altered]
        if self.query_one(TagsEditor).altered:
            names.append(conflict.LABELS["freeform_tags"])
        return names

    def _show_altered(self) -> None:
        names = self.altered_fields()
        note = CONTROLS_NOTE.format(fields=", ".join(names), verb="holds" if len(names) == 1 else "hold")
        widget = self.query_one("#edit-controls", Static)
        widget.update(Text(note if names else ""))
        widget.display = bool(names)

    def edited(self) -> dict[str, Any]:
        """The fields the operator changed from what was prefilled, with their new values."""
        out: dict[str, Any] = {name: f.value for name, f in self.fields.items() if not f.untouched}
        tags = self.query_one(TagsEditor)
        if not tags.untouched:
            out["freeform_tags"] = tags.tags
        out.update(edit_fields.extra_edits(self))
        return out

    def yours(self) -> dict[str, Any]:
        """Every editable field as the operator means it: the loaded value unless they changed it."""
        return {**(self.original or {}), **self.edited()}

    def check(self) -> str | None:
        first = None
        for f in self.fields.values():
            broken = f.check()
            if broken and first is None:
                first = f"{f.label}: {broken}"
        editor = self.query_one(TagsEditor)
        tags = None if editor.untouched else editor.check()
        return first or (f"Tags: {tags}" if tags else None)

    def action_save(self) -> None:
        if self.busy or self.original is None:
            return
        if (refused := read_only_reason(self.app, "editing")):
            self.status(refused, error=True)
            return
        broken = self.check()
        if broken:
            self.status(f"✗ {broken}", error=True)
            from tui.ui.forms.focus import focus_first_invalid

            focus_first_invalid(self)
            return
        changed = conflict.changes(self.original, self.edited())
        if not changed:
            self.status("Nothing changed.")
            return
        try:
            details = edit_fields.update_body(self.kind, changed, getattr(self, "resource_type", None))
        except CloudError as exc:
            self.status(f"✗ {exc.message}", error=True)
            return
        self.busy = True
        self.query_one("#edit-save", Button).disabled = True
        self.status(f"Saving {', '.join(conflict.LABELS[f] for f in changed)} (if-match {self.etag})…")
        genai = self.app.genai  # type: ignore[attr-defined]
        self.app.call(self, f"update {self.kind.noun}", genai.update, self.kind, self.ocid,  # type: ignore[attr-defined]
                      details, if_match=self.etag, region=self.region_id, group="dialog-save",
                      on_success=self._saved, on_error=self._failed)

    def _saved(self, result: Any) -> None:
        self.busy = False
        name = self.fields["display_name"].value
        finish_after_success(self, result, label=f"update {name}", region=self.region_id, message=f"Updated {name}")

    def _failed(self, error: CloudError) -> None:
        self.busy = False
        self.query_one("#edit-save", Button).disabled = False
        if error.status == 412:
            self.status("The model changed since you loaded it: reloading…", error=True)
            self.load(self._reloaded_after_conflict)
            return
        if retry_can_help(error):
            advice = "\nYour edits are kept; Save to try again."
        else:
            advice = "\nYour edits are kept. Sending them again gets the same answer: change what it names, or Cancel."
        self.status(describe_error(error) + advice, error=True)

    async def _reloaded_after_conflict(self, result: Any) -> None:
        theirs = conflict.snapshot(result.data)
        assert self.original is not None
        self.conflicted = conflict.conflicts(self.original, theirs, self.yours())
        self.original, self.etag = theirs, result.etag
        for name, f in self.fields.items():  # what the operator did not touch now shows theirs
            if f.untouched:
                f.prefill(theirs[name])
        editor = self.query_one(TagsEditor)
        if editor.untouched:
            await editor.prefill_tags(theirs["freeform_tags"])
        edit_fields.after_reload(self, theirs)
        self._show_altered()
        lines = ["Someone else changed this model since you loaded it:"]
        for field, their, your in self.conflicted:
            lines.append(f"  {conflict.LABELS[field]}: theirs {conflict.show(their)} vs yours {conflict.show(your)}")
        if not self.conflicted:
            lines.append("  (no editable field changed: only its etag)")
        self.query_one("#edit-conflict", Static).update(Text(clean("\n".join(lines), multiline=True, limit=None)))
        self.query_one("#edit-save", Button).label = "Re-apply my edit"
        self.status(f"Your edits are kept. Re-apply them on the new version (etag {self.etag}), or Cancel.",
                    error=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "edit-save":
            self.action_save()
        elif event.button.id == "edit-cancel":
            self.action_close()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()
