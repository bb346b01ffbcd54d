"""The six input steps of the fine-tune wizard (the seventh is the shared review).

Each step writes the draft in `save()` and validates in `check()`, naming the first broken rule; a
step whose choices depend on an earlier one (methods on the base model, hyperparameters on both)
rebuilds itself when entered, keeping values already typed for the same choice.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, Protocol, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, RadioButton, RadioSet, Static

from tui.facts import fine_tuning
from tui.cloud.resources import DEDICATED_AI_CLUSTER
from tui.cloud.suitability import Subject
from tui.ui.forms import rules
from tui.ui.forms.field import FormField, first_broken
from tui.ui.forms.tags import TagsEditor
from tui.ui.console import console_app
from tui.ui.text import clean
from tui.ui.wizards.base import Step
from tui.ui.wizards import cluster_choice
from tui.ui.wizards.fine_tune_draft import FineTuneDraft
from tui.ui.wizards.import_draft import ImportDraft
from tui.ui.wizards.picker import ResourcePicker
from tui.ui.wizards.picker_step import PickerStep

if TYPE_CHECKING:
    from tui.ui.wizards.fine_tune import FineTuneWizard


class _DraftWizard(Protocol):
    """A wizard as its steps see it: the draft they save their fields into."""

    draft: FineTuneDraft | ImportDraft


class DraftStep(Step):
    """A step whose fields map onto its wizard's draft (shared by both wizards)."""

    app = console_app()

    @property
    def draft(self) -> FineTuneDraft | ImportDraft:
        return cast("_DraftWizard", self.wizard).draft


class FineTuneStep(DraftStep):
    """A step of the fine-tune wizard: its draft is a FineTuneDraft."""

    @property
    def draft(self) -> FineTuneDraft:
        return cast("FineTuneWizard", self.wizard).draft

CLUSTER_TYPE = DEDICATED_AI_CLUSTER.ocid_type


def _note(text: str, classes: str = "step-note") -> Static:
    return Static(Text(clean(text, multiline=True)), classes=classes, markup=False)


STEP_CSS = """
Step .step-note { color: $text-muted; margin: 0 0 1 0; }
Step .step-error { color: $error; }
"""


def _hyper_error(spec: fine_tuning.HyperParameter, text: str) -> str | None:
    return rules.hyperparameter(spec, text)[0]


def _hyper_warning(spec: fine_tuning.HyperParameter, text: str) -> str | None:
    return rules.hyperparameter(spec, text)[1]


class BaseModelStep(FineTuneStep, PickerStep):
    title = "Base model"
    short = "Base"
    DEFAULT_CSS = STEP_CSS

    def compose(self) -> ComposeResult:
        yield _note("ACTIVE base models with the FINE_TUNE capability in this region. Type to filter; "
                    "↑/↓ choose, enter confirms.")
        w = self.wizard
        yield ResourcePicker(
            label="fine-tunable base models",
            load=lambda: partial(self.app.genai.list_resources, "model", w.compartment_id, region=w.region_id,
                                 capability="FINE_TUNE", lifecycle_state="ACTIVE"),
            describe=_describe_model,
            search_text=lambda m: f"{m.display_name} {m.vendor or ''}",
            id="base-picker",
        )

    def entered(self) -> None:
        base = self.draft.base_model_name
        self.picker.load(force=base != getattr(self, "_judged_for", base))  # re-judge for a new base model
        self._judged_for = base

    def save(self) -> None:
        draft = self.draft
        chosen = self.picker.selected
        if chosen is not None:
            draft.base_model_id, draft.base_model_name = chosen.id, chosen.display_name

    def check(self) -> str | None:
        self.save()
        draft = self.draft
        if not draft.base_model_id:
            return "Base model: choose one from the list"
        if not fine_tuning.methods_for(draft.base_model_name):
            return f"Base model: no known fine-tuning method for {draft.base_model_name}"
        return None


def _describe_model(m: Any) -> Text:
    methods = ", ".join(fine_tuning.METHOD_LABELS[x] for x in fine_tuning.methods_for(m.display_name)) or "—"
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(clean(m.display_name), style="bold")
    text.append(clean(f"  {m.vendor or ''} {m.version or ''}  "), style="dim")
    text.append(methods)
    return text


class MethodStep(FineTuneStep):
    title = "Method"
    DEFAULT_CSS = STEP_CSS

    def __init__(self) -> None:
        super().__init__()
        self._for: str | None = None

    def compose(self) -> ComposeResult:
        yield _note("", classes="step-note method-note")
        yield Vertical(id="method-box")

    # Step.entered says `-> None`, but the wizard awaits what it returns (base.py): drop the ignore
    # once Step.entered is annotated `-> Awaitable[None] | None`.
    async def entered(self) -> None:
        draft = self.draft
        allowed = fine_tuning.methods_for(draft.base_model_name)
        if draft.method not in allowed:
            draft.method = allowed[0] if len(allowed) == 1 else ""
        self.query_one(".method-note", Static).update(Text(
            f"Methods offered for {clean(draft.base_model_name)}: "
            + ", ".join(fine_tuning.METHOD_LABELS[m] for m in allowed)))
        if self._for != draft.base_model_name:
            self._for = draft.base_model_name
            box = self.query_one("#method-box")
            await box.remove_children()
            await box.mount(RadioSet(*[
                RadioButton(Text(fine_tuning.METHOD_LABELS[m]), value=(m == draft.method), name=m)
                for m in allowed
            ], id="method-set"))

    def first_focus(self) -> Any:
        found = self.query(RadioSet)
        return found.first() if found else None

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.draft.method = event.pressed.name or ""

    def check(self) -> str | None:
        draft = self.draft
        if draft.method not in fine_tuning.methods_for(draft.base_model_name):
            return "Method: choose one of the methods offered for this base model"
        return None


class HyperparametersStep(FineTuneStep):
    title = "Hyperparameters"
    short = "Hyper"
    DEFAULT_CSS = STEP_CSS

    def __init__(self) -> None:
        super().__init__()
        self._for: tuple[str, str] | None = None
        self.fields: dict[str, FormField] = {}

    def compose(self) -> ComposeResult:
        yield _note("Prefilled with the documented defaults. Confirmed ranges are rules; "
                    "unconfirmed ones only warn.")
        yield Vertical(id="hyper-box")

    # Step.entered says `-> None`, but the wizard awaits what it returns (base.py): drop the ignore
    # once Step.entered is annotated `-> Awaitable[None] | None`.
    async def entered(self) -> None:
        draft = self.draft
        if self._for == draft.hyper_key:
            return
        self.save()
        self._for = draft.hyper_key
        typed = draft.hyper.setdefault(draft.hyper_key, {})
        specs = fine_tuning.hyperparameters(draft.base_model_name, draft.method)
        self.fields = {}
        for spec in specs:
            self.fields[spec.name] = FormField(
                f"{spec.label} ({spec.range_text}{'' if spec.confirmed else ', unconfirmed'})",
                rule=partial(_hyper_error, spec),
                warn=partial(_hyper_warning, spec),
                value=typed.get(spec.name, _format(spec.default)),
                help=spec.help,
                id=f"hp-{spec.name.replace('_', '-')}",
            )
        box = self.query_one("#hyper-box")
        await box.remove_children()
        await box.mount_all(self.fields.values())
        for f in self.fields.values():
            f.check()

    def first_focus(self) -> Any:
        return next(iter(self.fields.values())).input if self.fields else None

    def save(self) -> None:
        if self._for is not None:
            self.draft.hyper[self._for] = {name: f.value for name, f in self.fields.items()}

    def on_input_changed(self) -> None:
        self.save()

    def check(self) -> str | None:
        self.save()
        first = None
        for f in self.fields.values():
            broken = f.check()
            if broken and first is None:
                first = f"{f.label.split(' (')[0]}: {broken}"
        return first


def _format(value: int | float) -> str:
    return str(value)


class FieldsStep(DraftStep):
    """A step made of FormFields mapped onto draft attributes."""

    DEFAULT_CSS = STEP_CSS
    NOTE = ""

    def make_fields(self) -> dict[str, FormField]:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        if self.NOTE:
            yield _note(self.NOTE)
        self.fields = self.make_fields()
        yield from self.fields.values()

    def first_focus(self) -> Any:
        return next(iter(self.fields.values())).input if self.fields else None

    def save(self) -> None:
        for attr, f in self.fields.items():
            setattr(self.draft, attr, f.value)

    def on_input_changed(self) -> None:
        self.save()

    def check(self) -> str | None:
        self.save()
        return first_broken(self.fields.values())


class DatasetStep(FieldsStep):
    title = "Dataset"

    @property
    def draft(self) -> FineTuneDraft:
        return cast("FineTuneWizard", self.wizard).draft
    NOTE = "The training data: one JSONL file of prompt/completion pairs (at least 32) in Object Storage."

    def make_fields(self) -> dict[str, FormField]:
        d = self.draft
        return {
            "namespace": FormField("Namespace", rule=rules.namespace, value=d.namespace, id="ds-namespace"),
            "bucket": FormField("Bucket", rule=rules.bucket, value=d.bucket, id="ds-bucket"),
            "object_name": FormField("Object (.jsonl)", rule=rules.jsonl_object, value=d.object_name,
                                     placeholder="train.jsonl", id="ds-object"),
        }


def _optional_cluster_ocid(text: str) -> str | None:
    return None if text == "" else rules.ocid(CLUSTER_TYPE)(text)


class ClusterStep(FineTuneStep, PickerStep):
    title = "Cluster"
    DEFAULT_CSS = STEP_CSS

    def compose(self) -> ComposeResult:
        w = self.wizard
        yield _note("An ACTIVE fine-tuning dedicated AI cluster that suits the base model, or paste its OCID. "
                    "Clusters that cannot take this fine-tune are greyed with the reason.")
        yield ResourcePicker(
            label="fine-tuning clusters",
            load=lambda: partial(cluster_choice.judged_clusters, self.app.genai, w.compartment_id, "FINE_TUNING",
                                 Subject(base_model_name=self.draft.base_model_name or None), region=w.region_id),
            describe=cluster_choice.describe_choice,
            search_text=cluster_choice.search_text,
            enabled=cluster_choice.usable,
            id="cluster-picker",
        )
        yield Label("or")
        yield FormField("Cluster OCID", rule=_optional_cluster_ocid, value="", id="cluster-ocid",
                        placeholder="ocid1.generativeaidedicatedaicluster.oc1....")

    @property
    def pasted(self) -> FormField:
        return self.query_one("#cluster-ocid", FormField)

    def entered(self) -> None:
        base = self.draft.base_model_name
        self.picker.load(force=base != getattr(self, "_judged_for", base))  # re-judge for a new base model
        self._judged_for = base

    def first_focus(self) -> Any:
        return self.picker.option_list if self.picker.loaded else self.pasted.input

    def on_input_changed(self) -> None:
        self.save()

    def save(self) -> None:
        pasted = self.pasted.value.strip()
        chosen = self.picker.selected
        cluster = getattr(chosen, "cluster", chosen)  # a ClusterChoice (judged) or a bare cluster
        usable = chosen is not None and cluster_choice.usable(chosen)
        self.draft.cluster_id = pasted or (cluster.id if usable else "")
        picked = usable and not pasted
        self.draft.cluster_name = str(getattr(cluster, "display_name", "") or "") if picked else ""
        self.draft.cluster_shape = str(getattr(cluster, "unit_shape", "") or "") if picked else ""

    def check(self) -> str | None:
        self.save()
        broken = self.pasted.check()
        if broken:
            return f"Cluster OCID: {broken}"
        if not self.draft.cluster_id:
            return "Cluster: choose one from the list or paste its OCID"
        return None


def _describe_cluster(c: Any) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(clean(c.display_name), style="bold")
    shape = getattr(c, "unit_shape", None) or ""
    count = getattr(c, "unit_count", None)
    text.append(clean(f"  {shape}{f' × {count}' if count else ''}  "), style="dim")
    text.append(clean(c.lifecycle_state))
    return text


class NamingStep(FieldsStep):
    """Name, (vendor,) version, description and freeform tags: the last form of both wizards."""

    title = "Name"
    id_prefix = "ft"
    with_vendor = False
    #: clusters and endpoints have no version
    with_version = True

    def make_fields(self) -> dict[str, FormField]:
        d = self.draft
        p = self.id_prefix
        fields = {
            "display_name": FormField(
                "Name", rule=lambda t: rules.display_name(t, required_=True), value=d.display_name,
                help="Letter or underscore first, then letters, digits, '-' or '_' (at most 255).",
                id=f"{p}-name"),
        }
        if self.with_vendor and isinstance(d, ImportDraft):
            fields["vendor"] = FormField("Vendor", rule=rules.free_text(255), value=d.vendor, id=f"{p}-vendor")
        if self.with_version:
            fields["version"] = FormField("Version", rule=rules.free_text(255), value=d.version, id=f"{p}-version")
        fields["description"] = FormField("Description", rule=rules.free_text(400), value=d.description,
                                          id=f"{p}-description")
        return fields

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield TagsEditor(self.draft.freeform_tags, id=f"{self.id_prefix}-tags")

    def save(self) -> None:
        super().save()
        self.draft.freeform_tags = self.query_one(TagsEditor).tags

    def on_tags_editor_changed(self, event: TagsEditor.Changed) -> None:
        event.stop()
        self.save()

    def check(self) -> str | None:
        first = super().check()
        tags_broken = self.query_one(TagsEditor).check()
        return first or (f"Tags: {tags_broken}" if tags_broken else None)


class NameStep(NamingStep):
    """The fine-tune wizard's naming step (a custom model has no vendor of its own to set)."""
