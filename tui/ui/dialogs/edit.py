"""Edit a model's name, description, vendor, version and freeform tags, with if-match.

Why the etag dance: two operators editing the same model must not overwrite each other silently.
The dialog loads the model (and its etag), sends only the fields the operator changed with
`if-match`, and on 412 reloads, shows what changed (theirs vs yours) and lets the operator re-apply
their edit against the new etag. Model updates are synchronous; imported-model updates return a work
request that the console tracks.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Input, Static

from tui.cloud.errors import CloudError
from tui.ui.dialogs import conflict, edit_fields
from tui.ui.dialogs.base import DialogScreen, describe_error
from tui.ui.forms import rules
from tui.ui.forms.field import FormField
from tui.ui.forms.tags import TagsEditor


class EditDialog(DialogScreen):
    BINDINGS = [Binding("ctrl+s", "save", "Save")]
    DEFAULT_CSS = """
    EditDialog #edit-conflict { color: $warning; height: auto; }
    """

    def __init__(self, kind: Any, ocid: str, region: Any) -> None:
        super().__init__(kind, ocid, region, "")
        self.dialog_title = f"Edit {self.kind.title.lower()}"
        self.original: dict[str, Any] | None = None
        self.etag: str | None = None
        self.conflicted: list[tuple[str, Any, Any]] = []

    def compose_body(self) -> ComposeResult:
        yield Static("", id="edit-conflict", markup=False)
        self.fields = {
            "display_name": FormField("Name", rule=self._name_rule, id="edit-name"),
            "description": FormField("Description", rule=rules.free_text(400), id="edit-description"),
            "vendor": FormField("Vendor", rule=rules.free_text(255), id="edit-vendor"),
            "version": FormField("Version", rule=rules.free_text(255), id="edit-version"),
        }
        self.fields = edit_fields.adapt_fields(self.kind, self.fields)  # per-kind field set (data)
        yield from self.fields.values()
        yield TagsEditor(id="edit-tags")

    def compose_buttons(self) -> ComposeResult:
        yield Button("Save", id="edit-save", variant="primary", compact=True, disabled=True)
        yield Button("Cancel", id="edit-cancel", compact=True)

    def _name_rule(self, text: str) -> str | None:
        if self.original is not None and text == self.original["display_name"]:
            return None  # unchanged names are not sent (base-model style names may contain '.')
        return rules.display_name(text, required_=True)

    def on_mount(self) -> None:
        self.load(self._loaded)

    async def _loaded(self, result: Any) -> None:
        self.original = conflict.snapshot(result.data)
        self.etag = result.etag
        self.resource_type = getattr(result.data, "type", None)
        for name, f in self.fields.items():
            f.value = self.original[name]
        edit_fields.after_load(self.kind, self.fields, result.data)
        await self.query_one(TagsEditor).set_tags(self.original["freeform_tags"])
        self.query_one("#edit-save", Button).disabled = False
        self.status(f"Loaded {result.data.display_name} (etag {self.etag}).")
        self.fields["display_name"].focus(scroll_visible=False)
        self.show_top()

    def yours(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: f.value for name, f in self.fields.items()}
        out["freeform_tags"] = self.query_one(TagsEditor).tags
        return out

    def check(self) -> str | None:
        first = None
        for f in self.fields.values():
            broken = f.check()
            if broken and first is None:
                first = f"{f.label}: {broken}"
        tags = self.query_one(TagsEditor).check()
        return first or (f"Tags: {tags}" if tags else None)

    def action_save(self) -> None:
        if self.busy or self.original is None:
            return
        if getattr(self.app, "read_only", False):
            self.status("Read-only mode: nothing can be changed.", error=True)
            return
        broken = self.check()
        if broken:
            self.status(f"✗ {broken}", error=True)
            return
        changed = conflict.changes(self.original, self.yours())
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
        self.app.call(self, f"update {self.kind.title.lower()}", genai.update, self.kind, self.ocid,  # type: ignore[attr-defined]
                      details, if_match=self.etag, region=self.region_id, group="dialog-save",
                      on_success=self._saved, on_error=self._failed)

    def _saved(self, result: Any) -> None:
        self.busy = False
        app: Any = self.app
        name = self.fields["display_name"].value
        if result.work_request_id:
            app.track_work_request(result.work_request_id, result.region or self.region_id, f"update {name}")
        app.reload_current()
        app.notify(f"Updated {name}", markup=False)
        self.dismiss(result)

    def _failed(self, error: CloudError) -> None:
        self.busy = False
        self.query_one("#edit-save", Button).disabled = False
        if error.status == 412:
            self.status("The model changed since you loaded it: reloading…", error=True)
            self.load(self._reloaded_after_conflict)
            return
        self.status(describe_error(error) + "\nYour edits are kept; Save to retry.", error=True)

    def _reloaded_after_conflict(self, result: Any) -> None:
        theirs = conflict.snapshot(result.data)
        assert self.original is not None
        self.conflicted = conflict.conflicts(self.original, theirs, self.yours())
        self.original, self.etag = theirs, result.etag
        lines = ["Someone else changed this model since you loaded it:"]
        for field, their, your in self.conflicted:
            lines.append(f"  {conflict.LABELS[field]}: theirs {conflict.show(their)} vs yours {conflict.show(your)}")
        if not self.conflicted:
            lines.append("  (no editable field changed: only its etag)")
        self.query_one("#edit-conflict", Static).update(Text("\n".join(lines)))
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
