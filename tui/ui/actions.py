"""The mutating actions the list view offers on `n`, `e`, `m` and `ctrl+d`.

Why a module of functions: the list view (the console) only knows a kind, a row's OCID, region and
name; these open the right wizard or dialog, and they are the one place that refuses everything in
read-only mode, whatever key or command palette entry reached them.
"""

from __future__ import annotations

from typing import Any

from tui.cloud.resources import DEDICATED_AI_CLUSTER, ENDPOINT, IMPORTED_MODEL, MODEL, kind_of
from tui.ui.console import read_only_reason


def _refuse(app: Any, what: str) -> bool:
    """True (and a toast) when the console is read-only."""
    reason = read_only_reason(app, what)
    if reason:
        app.notify(reason, severity="warning", markup=False)
    return reason is not None


def _not_connected(app: Any) -> bool:
    """True (and a toast naming the real problem) when there is no working connection.

    Without this, `n` after a failed connect said "Choose a compartment first" when the problem
    was the profile or the endpoint."""
    error = getattr(app, "connection_error", None)
    if error is not None:
        app.notify(f"Not connected: {error.message}. Press r to retry.", severity="error", markup=False)
        return True
    if not getattr(app, "connected", True):
        app.notify("Still connecting…", severity="warning", markup=False)
        return True
    return False


CREATABLE = (MODEL, IMPORTED_MODEL, DEDICATED_AI_CLUSTER, ENDPOINT)  # kinds with a create wizard
DEPLOYABLE = (MODEL, IMPORTED_MODEL)  # kinds whose (custom, ACTIVE) rows can be deployed


def open_create(app: Any, kind: Any) -> Any:
    """MODEL → fine-tune, IMPORTED_MODEL → import, DEDICATED_AI_CLUSTER → create cluster, ENDPOINT → deploy
    (with a model picker), each in the current context."""
    k = kind_of(kind)
    if _refuse(app, "creating"):
        return None
    if _not_connected(app) or _locked(app):
        return None
    ctx = app.context
    if not getattr(ctx, "compartment_id", None):
        app.notify("Choose a compartment first.", severity="warning", markup=False)
        return None
    from tui.ui.wizards.base import WizardScreen
    from tui.ui.wizards.cluster_wizard import ClusterWizard
    from tui.ui.wizards.deploy import DeployWizard
    from tui.ui.wizards.fine_tune import FineTuneWizard
    from tui.ui.wizards.import_model import ImportWizard

    wizards: dict[str, type[WizardScreen]] = {MODEL.key: FineTuneWizard, IMPORTED_MODEL.key: ImportWizard,
                                              DEDICATED_AI_CLUSTER.key: ClusterWizard, ENDPOINT.key: DeployWizard}
    cls = wizards[k.key]
    screen = cls(region=ctx.region, compartment_id=ctx.compartment_id,
                 compartment_path=getattr(ctx, "compartment_path", "") or "")
    app.push_screen(screen)
    return screen


def open_deploy(app: Any, kind: Any = None, model: Any = None) -> Any:
    """The deploy wizard for `model` (an SDK custom or imported model), or with a model picker.

    Refused with the reason for a BASE model (served on demand, not deployed here) and for a model
    that is not ACTIVE (the endpoint's work request would fail)."""
    if _refuse(app, "deploying") or _not_connected(app) or _locked(app):
        return None
    ctx = app.context
    if not getattr(ctx, "compartment_id", None):
        app.notify("Choose a compartment first.", severity="warning", markup=False)
        return None
    if model is not None:
        name = getattr(model, "display_name", None) or getattr(model, "id", "")
        if kind_of(kind) not in DEPLOYABLE or getattr(model, "type", None) == "BASE":
            app.notify(f"{name} is a base model: base models are served on demand, not deployed to an "
                       "endpoint here. Fine-tune it (n) and deploy the custom model.",
                       severity="warning", markup=False)
            return None
        if getattr(model, "lifecycle_state", None) != "ACTIVE":
            app.notify(f"{name} is {model.lifecycle_state}: only an ACTIVE model can be deployed.",
                       severity="warning", markup=False)
            return None
    from tui.ui.wizards.deploy import DeployWizard

    screen = DeployWizard(model=model, region=ctx.region, compartment_id=ctx.compartment_id,
                          compartment_path=getattr(ctx, "compartment_path", "") or "")
    app.push_screen(screen)
    return screen


def _locked(app: Any) -> bool:
    """A wizard or dialog is already open on this context: one at a time."""
    holder = app.context_lock() if hasattr(app, "context_lock") else None
    if holder is not None:
        app.notify(f"\"{holder}\" is open: finish or cancel it first.", severity="warning", markup=False)
        return True
    return False


def open_edit(app: Any, kind: Any, ocid: str, region: Any) -> Any:
    if _refuse(app, "editing") or _locked(app):
        return None
    from tui.ui.dialogs.edit import EditDialog

    screen = EditDialog(kind_of(kind), ocid, region)
    app.push_screen(screen)
    return screen


def open_move(app: Any, kind: Any, ocid: str, region: Any) -> Any:
    """The compartment tree picker first, then a confirmation that sends the move."""
    if _refuse(app, "moving") or _locked(app):
        return None
    from tui.ui.dialogs.move import MoveDialog
    from tui.ui.dialogs.compartment_picker import CompartmentPicker

    k = kind_of(kind)

    def picked(compartment_id: str | None) -> None:
        if compartment_id:
            app.push_screen(MoveDialog(k, ocid, region, compartment_id, _compartment_label(app, compartment_id)))

    name = getattr(app, "name_of", lambda _ocid: None)(ocid) or ocid
    picker = CompartmentPicker(getattr(app.context, "compartment_id", None), title=f"Move {name} to…")
    app.push_screen(picker, picked)
    return picker


def _compartment_label(app: Any, compartment_id: str) -> str:
    """The console's compartment cache knows names; fall back to the OCID."""
    known = getattr(app, "compartments", None)
    compartment = known.get(compartment_id) if isinstance(known, dict) else None
    name = getattr(compartment, "name", None)
    return f"{name} ({compartment_id})" if name else compartment_id


def open_delete(app: Any, kind: Any, ocid: str, region: Any, display_name: str) -> Any:
    if _refuse(app, "deleting") or _locked(app):
        return None
    from tui.ui.dialogs.delete import DeleteDialog

    screen = DeleteDialog(kind_of(kind), ocid, region, display_name)
    app.push_screen(screen)
    return screen


def open_bulk(app: Any, view: Any, rows: list[Any], action: str) -> Any:
    """Delete / move every marked row of `view` with one confirmation (tui/ui/dialogs/bulk.py).

    Read-only refuses; rows the view refuses (BASE models) are listed as skipped, with the reason;
    a move asks for the target compartment first."""
    from tui.ui.dialogs.bulk import VERBS, BulkDialog

    if _refuse(app, VERBS[action][1]) or _locked(app):
        return None
    skipped = [(r, reason) for r in rows if (reason := view.row_refusal(r)) is not None]
    todo = [r for r in rows if view.row_refusal(r) is None]
    if action == "delete":
        screen = BulkDialog(view, todo, skipped, "delete")
        app.push_screen(screen)
        return screen
    from tui.ui.dialogs.compartment_picker import CompartmentPicker

    def picked(compartment_id: str | None) -> None:
        if compartment_id:
            app.push_screen(BulkDialog(view, todo, skipped, "move", compartment_id,
                                       _compartment_label(app, compartment_id)))

    what = f"{len(todo)} {view.kind.nouns if len(todo) != 1 else view.kind.noun}"
    picker = CompartmentPicker(getattr(app.context, "compartment_id", None), title=f"Move {what} to…")
    app.push_screen(picker, picked)
    return picker


__all__ = ["open_bulk", "open_create", "open_deploy", "open_edit", "open_move", "open_delete", "MODEL", "IMPORTED_MODEL"]
