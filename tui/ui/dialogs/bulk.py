"""Delete or move every marked row with one confirmation, then say what happened to each.

Why one dialog for many: an operator who marked twelve failed fine-tunes should confirm once, but
must see exactly which twelve (name and region, plain text), and must learn which of them the
service refused (a model still served by an endpoint answers 409) without losing the others.
Focus starts on Cancel; the confirm key is the single dialogs' own (`D` deletes, `ctrl+s` moves).
BASE models (Oracle's) are listed as skipped with the reason and never sent. The calls run one by
one in a worker that returns one `Outcome` per row; the UI thread tracks each work request, shows
the per-row report and unmarks the rows that went through.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Static

from tui.cloud.errors import CloudError
from tui.ui.data.rows import Row
from tui.ui.console import read_only_reason
from tui.ui.dialogs.base import DialogScreen
from tui.ui.text import clean

if TYPE_CHECKING:
    from tui.ui.widgets.resource_list import ResourceListView

VERBS = {"delete": ("Delete", "deleting", "deleted"), "move": ("Move", "moving", "moved")}


@dataclass(frozen=True)
class Outcome:
    """What happened to one marked row."""

    row: Row
    ok: bool
    work_request_id: str | None = None
    region: str = ""
    error: str = ""  # "409 Conflict: ..." when refused


def run_bulk(genai: Any, kind: Any, rows: list[Row], action: str, target: str | None) -> list[Outcome]:
    """In a worker: one call per row, in order; a refusal is that row's outcome, not the end."""
    out: list[Outcome] = []
    for row in rows:
        try:
            if action == "delete":
                result = genai.delete(kind, row.ocid, region=row.region)
            else:
                result = genai.change_compartment(kind, row.ocid, target, region=row.region)
        except CloudError as exc:
            code = " ".join(str(x) for x in (exc.status, exc.code) if x)
            out.append(Outcome(row, False, error=f"{code}: {exc.message}" if code else exc.message))
            continue
        out.append(Outcome(row, True, result.work_request_id, result.region or row.region))
    return out


class BulkDialog(DialogScreen):
    BINDINGS = [
        Binding("D", "confirm('delete')", "Delete all (shift+d)", id="bulk-delete-confirm"),
        Binding("ctrl+s", "confirm('move')", "Move all", id="bulk-move-confirm"),
        Binding("enter", "close", "Cancel", show=False),
    ]
    DEFAULT_CSS = """
    BulkDialog > #dialog { border: thick $error; }
    BulkDialog #bulk-rows { height: auto; }
    """

    def __init__(self, view: ResourceListView, rows: list[Row], skipped: list[tuple[Row, str]], action: str,
                 target: str | None = None, target_label: str = "") -> None:
        plural = view.kind.nouns if len(rows) != 1 else view.kind.noun
        verb = VERBS[action][0]
        where = f" to {target_label or target}" if action == "move" else ""
        super().__init__(view.kind, "", None, f"{verb} {len(rows)} {plural}{where}?")
        self.view = view
        self.rows = rows
        self.skipped = skipped
        self.action = action
        self.target = target
        self.outcomes: list[Outcome] | None = None
        key, verb = ("D (shift+d)", "deletes") if action == "delete" else ("ctrl+s", "moves")
        self.confirm_hint = f"{key} {verb} all · enter or esc cancels" if rows else "esc closes"

    def _lines(self) -> Text:
        text = Text()
        done = {o.row.key: o for o in self.outcomes or []}
        for row in self.rows:
            outcome = done.get(row.key)
            if outcome is None:
                text.append("  • ")
            elif outcome.ok:
                text.append("  ✓ ", style="bold")
            else:
                text.append("  ✗ ", style="bold reverse")
            text.append(clean(row.name) or clean(row.ocid), style="bold")
            text.append(f"  {clean(row.region)}", style="dim")
            if outcome is not None and outcome.ok:
                text.append(f"  {VERBS[self.action][1]}", style="dim")
            elif outcome is not None:
                text.append("  " + clean(outcome.error, limit=300))
            text.append("\n")
        reasons: dict[str, list[Row]] = {}
        for row, reason in self.skipped:
            reasons.setdefault(reason, []).append(row)
        for reason, rows in reasons.items():  # one reason line per group, then the names
            text.append(f"Skipped {len(rows)}: {reason}\n", style="dim")
            for row in rows:
                text.append("  – ")
                text.append(clean(row.name) or clean(row.ocid))
                text.append(f"  {clean(row.region)}\n", style="dim")
        text.rstrip()
        return text

    def compose_body(self) -> ComposeResult:
        # the hint first: a long list scrolls, the way to confirm or cancel stays in sight
        if self.rows:
            key = "D (shift+d)" if self.action == "delete" else "ctrl+s"
            undo = "This cannot be undone. " if self.action == "delete" else ""
            hint = f"{undo}Press {key} to {self.action} all {len(self.rows)}; enter or escape cancels."
        else:
            hint = "Nothing to do: every marked row was skipped. Escape closes."
        yield Static(Text(hint), id="bulk-hint", markup=False)
        yield Static(self._lines(), id="bulk-rows", markup=False)

    def compose_buttons(self) -> ComposeResult:
        verb = VERBS[self.action][0]
        yield Button("Cancel", id="bulk-cancel", compact=True)
        yield Button(f"{verb} all ({'D' if self.action == 'delete' else 'ctrl+s'})", id="bulk-confirm",
                     variant="error" if self.action == "delete" else "warning", compact=True,
                     disabled=not self.rows)

    def on_mount(self) -> None:
        self.query_one("#bulk-cancel", Button).focus()

    def action_confirm(self, action: str) -> None:
        if action != self.action or self.busy or self.outcomes is not None or not self.rows:
            return
        if (refused := read_only_reason(self.app, VERBS[self.action][1])):
            self.status(refused, error=True)
            return
        self.busy = True
        self.query_one("#bulk-confirm", Button).disabled = True
        self.status(f"{VERBS[self.action][0]} {len(self.rows)}: {VERBS[self.action][1]} one by one…")
        app: Any = self.app
        self.app.call(self, f"{self.action} {len(self.rows)} {self.kind.nouns}", run_bulk,  # type: ignore[attr-defined]
                      app.genai, self.kind, self.rows, self.action, self.target, group="dialog-bulk",
                      on_success=self._done, on_error=self._failed)

    def _done(self, outcomes: list[Outcome]) -> None:
        self.busy = False
        self.outcomes = outcomes
        app: Any = self.app
        verb = VERBS[self.action][1]
        for outcome in outcomes:
            if outcome.ok and outcome.work_request_id:
                app.track_work_request(outcome.work_request_id, outcome.region,
                                       f"{self.action} {outcome.row.name or outcome.row.ocid}")
        ok = [o for o in outcomes if o.ok]
        self.view.unmark([o.row.key for o in ok])
        self.query_one("#bulk-rows", Static).update(self._lines())
        self.query_one("#bulk-hint", Static).update(Text("Escape or enter closes."))
        self.query_one("#bulk-cancel", Button).label = "Close"
        failed = len(outcomes) - len(ok)
        summary = f"{len(ok)} of {len(outcomes)} {VERBS[self.action][2]}"
        self.status(summary + (f"; {failed} refused (still marked)" if failed else ""), error=bool(failed))
        if ok:
            app.reload_current()
            app.notify(f"{verb.capitalize()} {len(ok)} {self.kind.nouns}", markup=False)

    def _failed(self, error: CloudError) -> None:  # run_bulk keeps per-row errors; this is a bug's way out
        self.busy = False
        self.status(f"✗ {error}", error=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "bulk-confirm":
            self.action_confirm(self.action)
        else:
            self.action_close()
