"""The deploy wizard (create endpoint): model → HOSTING cluster → guardrails → name → review.

Why the cluster step judges: an endpoint create the service accepts (201) FAILS later when the
cluster is not an ACTIVE HOSTING cluster, is full, or does not suit the model's base model; the
wizard offers only the clusters that can take it and lists the others greyed with the reason
(`cluster_choice.judged_clusters`, purpose HOSTING). Only ACTIVE custom and imported models are
deployable (a BASE model is served on demand, not through this console's endpoints).

"Create a new HOSTING cluster" opens the create-cluster wizard preset for this model on top of
this one. A new cluster starts CREATING, and an endpoint on it would fail, so the operator comes
back here with every field kept, sees the new cluster listed (greyed until ACTIVE; the list is
read again each time the step is shown) and submits once it is ACTIVE.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Static

from tui.cloud import builders_serving
from tui.cloud.resources import ENDPOINT
from tui.cloud.suitability import Subject, subject_of
from tui.facts import clusters as facts
from tui.ui.console import console_app
from tui.ui.data import guardrails
from tui.ui.text import clean
from tui.ui.wizards import cluster_choice, review
from tui.ui.wizards.base import Step, WizardScreen
from tui.ui.wizards.cluster_wizard import ClusterDraft, ClusterWizard, PresetPicker
from tui.ui.forms.guardrails import GuardrailsForm
from tui.ui.wizards.deploy_review import Summary, SummaryReviewStep, endpoint_cli
from tui.ui.wizards.picker_step import PickerStep
from tui.ui.wizards.fine_tune_steps import STEP_CSS, NamingStep, _note

if TYPE_CHECKING:
    from tui.cloud.operations import GenAI


@dataclass
class DeployDraft:
    model_id: str = ""
    model_name: str = ""
    subject: Subject = field(default_factory=Subject)
    cluster_id: str = ""
    cluster_label: str = ""
    guardrails: dict[str, str] = field(default_factory=lambda: dict(guardrails.DEFAULTS))
    display_name: str = ""
    version: str = ""  # not sent: endpoints have no version (the shared naming step skips it)
    description: str = ""
    freeform_tags: dict[str, str] = field(default_factory=dict)

    def build(self, compartment_id: str) -> Any:
        """CreateEndpointDetails; raises BuilderError (field + rule)."""
        return builders_serving.create_endpoint_details(
            compartment_id, self.model_id, self.cluster_id,
            display_name=self.display_name or None, description=self.description or None,
            freeform_tags=dict(self.freeform_tags) or None, **guardrails.configs(self.guardrails),
        )


class Deployable:
    """A custom or imported model with its Subject and whether it can be deployed (ACTIVE)."""

    def __init__(self, model: Any, subject: Subject, imported: bool) -> None:
        self.model = model
        self.subject = subject
        self.imported = imported
        state = getattr(model, "lifecycle_state", None)
        self.usable = state == "ACTIVE"
        self.reason = "" if self.usable else f"the model is {state}: only an ACTIVE model can be deployed"

    def __getattr__(self, name: str) -> Any:
        return getattr(self.__dict__["model"], name)


def deployable_models(genai: "GenAI", compartment_id: str, *, region: str | None = None) -> list[Deployable]:
    """Custom and imported models of the compartment and region (ACTIVE first); no BASE model."""
    models = genai.list_resources("model", compartment_id, region=region).data
    base_names = {m.id: m.display_name for m in models if getattr(m, "type", None) == "BASE"}
    found = [Deployable(m, subject_of(m, base_names.get), False) for m in models
             if getattr(m, "type", None) == "CUSTOM"]
    found += [Deployable(m, subject_of(m), True)
              for m in genai.list_resources("imported_model", compartment_id, region=region).data]
    return [d for d in found if d.usable] + [d for d in found if not d.usable]


def _describe_model(d: Deployable) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(clean(d.display_name), style="bold" if d.usable else "dim")
    kind = "imported" if d.imported else f"custom of {d.subject.base_model_name or '?'}"
    text.append(clean(f"  {kind}  "), style="dim")
    text.append(clean(d.lifecycle_state or ""), style="" if d.usable else "dim strike")
    if not d.usable:
        text.append(f"  ✗ {clean(d.reason)}", style="dim italic")
    return text


class DeployStep(Step):
    app = console_app()
    DEFAULT_CSS = STEP_CSS + """
    DeployStep .deploy-where { height: 1; }
    DeployStep .deploy-where Static { width: auto; color: $text-muted; padding: 0 1 0 0; }
    """

    @property
    def draft(self) -> DeployDraft:
        return cast("DeployWizard", self.wizard).draft


class ListedFrom(DeployStep):
    """A step whose list comes from one compartment (the wizard's unless changed): models and their
    hosting clusters often live in different compartments, so the operator can list another one."""

    source_compartment = ""

    def compose_where(self) -> ComposeResult:
        with Horizontal(classes="deploy-where"):
            yield Static(Text(""), classes="where-label", markup=False)
            yield Button("Other compartment…", classes="where-change", compact=True,
                         id=f"{self.title.lower()}-other-compartment")

    @property
    def listed_from(self) -> str:
        return self.source_compartment or self.wizard.compartment_id

    def show_where(self) -> None:
        path_of = getattr(self.app, "_path_of", None)
        path = path_of(self.listed_from) if callable(path_of) else self.listed_from
        self.query_one(".where-label", Static).update(Text(clean(f"Listing compartment {path}")))

    def on_mount(self) -> None:
        self.show_where()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if not event.button.has_class("where-change"):
            return
        event.stop()
        from tui.ui.dialogs.compartment_picker import CompartmentPicker

        self.app.push_screen(CompartmentPicker(self.listed_from), self.list_from)

    def list_from(self, compartment_id: str | None) -> None:
        """List the step's resources from `compartment_id` (None: keep the current one)."""
        if not compartment_id:
            return
        self.source_compartment = compartment_id
        self.show_where()
        self.query_one(PresetPicker).load(force=True)


class DeployModelStep(ListedFrom, PickerStep):
    title = "Model"

    def compose(self) -> ComposeResult:
        w, d = self.wizard, self.draft
        yield _note("The ACTIVE custom or imported model to serve. Models that cannot be deployed yet are "
                    "greyed with the reason.")
        yield from self.compose_where()
        yield PresetPicker(
            preselect=(lambda m: m.id == d.model_id) if d.model_id else None,
            label="deployable models",
            load=lambda: partial(deployable_models, self.app.genai, self.listed_from, region=w.region_id),
            describe=_describe_model, search_text=lambda m: f"{m.display_name} {m.id}",
            enabled=cluster_choice.usable, id="deploy-model-picker")

    @property
    def picker(self) -> PresetPicker:
        return self.query_one(PresetPicker)

    def entered(self) -> None:
        self.picker.load()

    def save(self) -> None:
        chosen = self.picker.selected
        if isinstance(chosen, Deployable) and chosen.usable:
            d = self.draft
            if d.model_id != chosen.id:
                d.cluster_id = d.cluster_label = ""  # another model: judge the clusters again
            d.model_id, d.model_name, d.subject = chosen.id, chosen.display_name, chosen.subject

    def check(self) -> str | None:
        self.save()
        return None if self.draft.model_id else "Model: choose an ACTIVE custom or imported model"


class DeployClusterStep(ListedFrom, PickerStep):
    title = "Cluster"

    def compose(self) -> ComposeResult:
        w = self.wizard
        yield _note("An ACTIVE HOSTING cluster that suits the model and has a free endpoint slot. The others "
                    "are greyed with the reason.")
        yield from self.compose_where()
        yield PresetPicker(
            label="hosting clusters",
            load=lambda: partial(cluster_choice.judged_clusters, self.app.genai, self.listed_from, facts.HOSTING,
                                 self.draft.subject, region=w.region_id),
            describe=cluster_choice.describe_choice, search_text=cluster_choice.search_text,
            enabled=cluster_choice.usable, id="deploy-cluster-picker")
        yield Button("Create a new HOSTING cluster for this model…", id="deploy-new-cluster", compact=True)

    @property
    def picker(self) -> PresetPicker:
        return self.query_one(PresetPicker)

    def entered(self) -> None:
        if self.draft.cluster_id:
            chosen = self.draft.cluster_id
            self.picker.preselect = lambda c: c.id == chosen
        self.picker.load(force=True)  # a cluster may have turned ACTIVE (or full) since the last visit

    def first_focus(self) -> Any:
        return self.picker.option_list if self.picker.shown else self.query_one("#deploy-new-cluster")

    def save(self) -> None:
        chosen = self.picker.selected
        if chosen is not None and cluster_choice.usable(chosen) and chosen in self.picker.items:
            shape, units = getattr(chosen, "unit_shape", "") or "", getattr(chosen, "unit_count", None)
            self.draft.cluster_id = chosen.id
            self.draft.cluster_label = f"{chosen.display_name} ({shape} × {units})"

    def check(self) -> str | None:
        self.save()
        if not self.picker.loaded:
            return "Cluster: the list is still loading"
        if not any(getattr(c, "id", None) == self.draft.cluster_id and cluster_choice.usable(c)
                   for c in self.picker.items):
            self.draft.cluster_id = ""
            return "Cluster: choose an ACTIVE HOSTING cluster that suits the model (or create one)"
        return None

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id != "deploy-new-cluster":
            return  # Textual also calls ListedFrom's handler (the other-compartment button)
        event.stop()
        w, d = self.wizard, self.draft
        preset = ClusterDraft(cluster_type=facts.HOSTING, model_id=d.model_id, model_name=d.model_name,
                              subject=d.subject)
        path_of = getattr(self.app, "_path_of", None)
        path = path_of(self.listed_from) if callable(path_of) else self.listed_from
        self.app.push_screen(ClusterWizard(preset=preset, region=w.region_id, compartment_id=self.listed_from,
                                           compartment_path=path), self._cluster_created)

    def _cluster_created(self, result: Any) -> None:
        if not result:
            return
        name = getattr(getattr(result, "data", None), "display_name", None) or "the new cluster"
        self.wizard.status(f"{name} is being created (tracked in Work requests). It becomes choosable here once "
                           "ACTIVE: this list is read again each time you come back to this step.")
        self.picker.load(force=True)


class DeployGuardrailsStep(DeployStep):
    title = "Guardrails"
    short = "Guard"

    def compose(self) -> ComposeResult:
        yield _note("What the endpoint does with harmful text, prompt injection and personal data: off, "
                    "inform (flag it in the response) or block (refuse the request).")
        yield GuardrailsForm(self.draft.guardrails, id="deploy-guardrails")

    def first_focus(self) -> Any:
        return self.query("RadioSet").first()

    def on_guardrails_form_changed(self, event: GuardrailsForm.Changed) -> None:
        event.stop()
        self.draft.guardrails = dict(event.form.values)

    def check(self) -> str | None:
        try:
            guardrails.configs(self.draft.guardrails)
        except ValueError as exc:
            return f"Guardrails: {exc}"
        return None


class DeployNameStep(NamingStep):
    title = "Name"
    id_prefix = "ep"
    with_version = False


class DeployWizard(WizardScreen):
    TITLE_TEXT = "Deploy a model (create an endpoint)"
    CREATES = ENDPOINT
    CREATE_LABEL = "create endpoint"
    ACTION = "deploy"

    def __init__(self, *, model: Any = None, subject: Subject | None = None, **kwargs: Any) -> None:
        self.draft = DeployDraft()
        if model is not None:  # opened on a model row: that model is preselected
            self.draft.model_id, self.draft.model_name = model.id, model.display_name
            self.draft.subject = subject or subject_of(model)
        super().__init__(**kwargs)

    def make_steps(self) -> list[Step]:
        return [DeployModelStep(), DeployClusterStep(), DeployGuardrailsStep(), DeployNameStep(),
                SummaryReviewStep(self.render_review, self.summary)]

    def summary(self) -> Summary:
        d = self.draft
        return [("Model", d.model_name), ("Cluster", d.cluster_label), ("Guardrails", guardrails.summary(d.guardrails)),
                ("Name", d.display_name), ("Region", self.region_id), ("Compartment", self.compartment_path)]

    def render_review(self) -> tuple[str, str]:
        details = self.build()
        return review.body_json(details), endpoint_cli(details, self.region_id)

    def resource_label(self) -> str:
        return self.draft.display_name or "endpoint"
