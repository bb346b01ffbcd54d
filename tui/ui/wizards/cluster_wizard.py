"""The create-cluster wizard: type → the model it is for → shape and units → name → review.

Why a model step when the request has no model: the shape and unit count a cluster needs depend
on the model it will fine-tune or host (API reference §7.4; imported models: GPU shapes, §7.5).
The shape step is preset from `tui.cloud.suitability.presets` and stays editable: a shape this
console does not know, or one the facts say does not suit, is warned about, never refused (the
API takes any shape name). The deploy wizard opens this wizard preset (HOSTING, its model).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import RadioButton, RadioSet, Static

from tui.cloud import builders_serving
from tui.cloud.resources import DEDICATED_AI_CLUSTER
from tui.cloud.suitability import Subject, subject_of
from tui.facts import clusters as facts
from tui.ui.console import console_app
from tui.ui.dialogs.edit_fields import unit_count_rule
from tui.ui.forms.field import FormField, first_broken
from tui.ui.text import clean
from tui.ui.wizards.base import Step, WizardScreen
from tui.ui.wizards.deploy_review import Summary, SummaryReviewStep, cluster_cli
from tui.ui.wizards.fine_tune_steps import STEP_CSS, NamingStep, _note
from tui.ui.wizards.picker import ResourcePicker
from tui.ui.wizards.picker_step import PickerStep
from tui.ui.wizards import review

if TYPE_CHECKING:
    from tui.cloud.operations import GenAI

TYPE_HELP = {
    facts.HOSTING: "HOSTING: serves models on endpoints (scales by unit count)",
    facts.FINE_TUNING: "FINE_TUNING: trains custom models (unit count fixed by the base model)",
}


@dataclass
class ClusterDraft:
    cluster_type: str = facts.HOSTING
    model_id: str = ""
    model_name: str = ""
    subject: Subject = field(default_factory=Subject)
    unit_shape: str = ""
    unit_count: str = ""
    #: the (type, model) the shape fields were last preset for
    preset_for: tuple[str, str] | None = None
    display_name: str = ""
    version: str = ""  # not sent: clusters have no version (the shared naming step skips it)
    description: str = ""
    freeform_tags: dict[str, str] = field(default_factory=dict)

    def build(self, compartment_id: str) -> Any:
        """CreateDedicatedAiClusterDetails; raises BuilderError (field + rule)."""
        return builders_serving.create_cluster_details(
            compartment_id, self.cluster_type, self.unit_shape, self.unit_count.strip(),
            display_name=self.display_name or None, description=self.description or None,
            freeform_tags=dict(self.freeform_tags) or None,
        )

    def fit(self, shape: str, unit_count: int | None = None) -> facts.Fit:
        if self.subject.imported:
            return facts.fit_imported(self.subject.hugging_face_id, shape)
        return facts.fit(self.subject.base_model_name, shape, self.cluster_type, unit_count)

    def preset(self) -> facts.ClusterNeed | None:
        if self.subject.imported:
            return self.fit("A10_X1").need  # the recommended shape, when the docs name one
        found = facts.presets(self.subject.base_model_name, self.cluster_type)
        return found[0] if found else None


class PresetPicker(ResourcePicker):
    """A picker that selects the first item matching `preselect` once its list arrives (a wizard
    opened for one resource), posting `Picked` as if the operator had highlighted it."""

    def __init__(self, *, preselect: Callable[[Any], bool] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.preselect = preselect

    def _loaded(self, result: Any) -> None:
        super()._loaded(result)
        predicate, self.preselect = self.preselect, None
        if predicate is not None:
            self.select_where(predicate)


class Candidate:
    """A model a cluster can be for, with its Subject; reads like the model for pickers and tests."""

    def __init__(self, model: Any, subject: Subject, imported: bool) -> None:
        self.model = model
        self.subject = subject
        self.imported = imported

    def __getattr__(self, name: str) -> Any:
        return getattr(self.__dict__["model"], name)


def cluster_candidates(genai: "GenAI", compartment_id: str, cluster_type: str, *,
                       region: str | None = None) -> list[Candidate]:
    """ACTIVE base models (fine-tunable ones for FINE_TUNING); for HOSTING also ACTIVE imported models."""
    tuning = cluster_type == facts.FINE_TUNING
    models = genai.list_resources("model", compartment_id, region=region, lifecycle_state="ACTIVE",
                        capability="FINE_TUNE" if tuning else None).data
    out = [Candidate(m, subject_of(m), False) for m in models if getattr(m, "type", None) == "BASE"]
    if not tuning:
        imported = genai.list_resources("imported_model", compartment_id, region=region, lifecycle_state="ACTIVE").data
        out += [Candidate(m, subject_of(m), True) for m in imported]
    return out


def _need_text(draft: ClusterDraft) -> str:
    need = draft.preset()
    return f"{need.shape} × {need.unit_count}" if need else "no documented shape"


class ClusterStepBase(Step):
    app = console_app()
    DEFAULT_CSS = STEP_CSS

    @property
    def draft(self) -> ClusterDraft:
        return cast("ClusterWizard", self.wizard).draft


class ClusterTypeStep(ClusterStepBase):
    title = "Type"

    def compose(self) -> ComposeResult:
        yield _note("What the cluster is for.")
        yield RadioSet(*[RadioButton(Text(TYPE_HELP[t]), value=self.draft.cluster_type == t, name=t,
                                     id=f"cl-type-{t.lower()}") for t in facts.CLUSTER_TYPES], id="cl-type-set")

    def first_focus(self) -> Any:
        return self.query_one(RadioSet)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.draft.cluster_type = event.pressed.name or facts.HOSTING

    def check(self) -> str | None:
        return None if self.draft.cluster_type in facts.CLUSTER_TYPES else "Type: choose HOSTING or FINE_TUNING"


def _describe_candidate(c: Candidate) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(clean(c.display_name), style="bold")
    text.append(clean(f"  {'imported' if c.imported else 'base'} {getattr(c, 'vendor', None) or ''}"), style="dim")
    return text


class ClusterModelStep(ClusterStepBase, PickerStep):
    title = "Model"

    def compose(self) -> ComposeResult:
        w = self.wizard
        yield _note("The model this cluster is for: it decides the shape and unit count. Base models "
                    "(fine-tunable ones for FINE_TUNING) and, for HOSTING, imported models.")
        d = self.draft
        base = d.subject.base_model_name

        def preset(c: Any) -> bool:  # opened for one model (deploy): its base model, or itself if imported
            return bool(c.id == d.model_id or (base and not c.imported and c.display_name == base))

        yield PresetPicker(
            preselect=preset if d.model_id else None,
            label="models",
            load=lambda: partial(cluster_candidates, self.app.genai, w.compartment_id, self.draft.cluster_type,
                                 region=w.region_id),
            describe=_describe_candidate, search_text=lambda c: f"{c.display_name} {c.id}", id="cl-model-picker")

    def entered(self) -> None:
        kind = self.draft.cluster_type
        self.picker.load(force=kind != getattr(self, "_listed_for", kind))
        self._listed_for = kind

    def save(self) -> None:
        chosen = self.picker.selected
        if isinstance(chosen, Candidate) and chosen in self.picker.items:
            d = self.draft
            d.model_id, d.model_name, d.subject = chosen.id, chosen.display_name, chosen.subject
        elif self.picker.loaded and not any(getattr(i, "id", None) == self.draft.model_id for i in self.picker.items):
            self.draft.model_id = ""  # the type changed and the model is not listed for it

    def check(self) -> str | None:
        self.save()
        return None if self.draft.model_id else "Model: choose the model this cluster is for"


class ClusterShapeStep(ClusterStepBase):
    title = "Shape"

    def compose(self) -> ComposeResult:
        d = self.draft
        yield _note("", classes="step-note shape-note")
        self.fields = {
            "unit_shape": FormField("Unit shape", rule=_shape_rule, warn=self._shape_warning, value=d.unit_shape,
                                    placeholder="e.g. LARGE_GENERIC", id="cl-shape"),
            "unit_count": FormField("Unit count", rule=unit_count_rule, warn=self._count_warning,
                                    value=d.unit_count, id="cl-units"),
        }
        yield from self.fields.values()

    def entered(self) -> None:
        d = self.draft
        key = (d.cluster_type, d.model_id)
        if d.preset_for != key:  # a new type or model: preset again from the facts
            d.preset_for = key
            need = d.preset()
            self.fields["unit_shape"].value = need.shape if need else ""
            self.fields["unit_count"].value = str(need.unit_count) if need else "1"
        use = "hosting" if d.cluster_type == facts.HOSTING else "fine-tuning"
        self.query_one(".shape-note", Static).update(Text(clean(
            f"Preset for {use} {d.model_name}: {_need_text(d)}. Both stay editable; a shape this console "
            "does not know, or one that does not suit the model, is warned about, not refused.")))
        for f in self.fields.values():
            f.check()

    def first_focus(self) -> Any:
        return self.fields["unit_shape"].input

    def _shape_warning(self, text: str) -> str | None:
        shape = text.strip().upper()
        if not shape:
            return None
        fit = self.draft.fit(shape)
        if not fit.suits:
            what = "endpoints" if self.draft.cluster_type == facts.HOSTING else "fine-tunes"
            return f"{fit.reason}: its {what} of {self.draft.model_name} would fail"
        return fit.warning

    def _count_warning(self, text: str) -> str | None:
        d = self.draft
        need = d.preset()
        if d.cluster_type == facts.FINE_TUNING and need and text.strip().isdigit() and int(text) != need.unit_count:
            return f"{d.model_name} fine-tuning uses {need.unit_count} units (fixed by the service)"
        return None

    def on_input_changed(self) -> None:
        self.save()

    def save(self) -> None:
        self.draft.unit_shape = self.fields["unit_shape"].value.strip().upper()
        self.draft.unit_count = self.fields["unit_count"].value.strip()

    def check(self) -> str | None:
        self.save()
        return first_broken(self.fields.values())


def _shape_rule(text: str) -> str | None:
    shape = text.strip().upper()
    if not shape:
        return "required (e.g. LARGE_GENERIC)"
    if not builders_serving.SHAPE_RE.fullmatch(shape):
        return "a shape name: letters, digits and '_' (at most 64)"
    return None


class ClusterNameStep(NamingStep):
    title = "Name"
    id_prefix = "cl"
    with_version = False


class ClusterWizard(WizardScreen):
    TITLE_TEXT = "Create a dedicated AI cluster"
    CREATES = DEDICATED_AI_CLUSTER
    CREATE_LABEL = "create dedicated AI cluster"
    ACTION = "create cluster"

    def __init__(self, *, preset: ClusterDraft | None = None, **kwargs: Any) -> None:
        self.draft = preset or ClusterDraft()
        super().__init__(**kwargs)

    def make_steps(self) -> list[Step]:
        return [ClusterTypeStep(), ClusterModelStep(), ClusterShapeStep(), ClusterNameStep(),
                SummaryReviewStep(self.render_review, self.summary)]

    def summary(self) -> Summary:
        d = self.draft
        return [("Type", d.cluster_type), ("For model", d.model_name), ("Shape", f"{d.unit_shape} × {d.unit_count}"),
                ("Name", d.display_name), ("Region", self.region_id), ("Compartment", self.compartment_path)]

    def render_review(self) -> tuple[str, str]:
        details = self.build()
        return review.body_json(details), cluster_cli(details, self.region_id)

    def resource_label(self) -> str:
        return self.draft.display_name or "dedicated AI cluster"
