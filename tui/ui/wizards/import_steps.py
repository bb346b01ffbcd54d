"""The input steps of the import wizard: source, capability, details (the review is shared).

The source step holds both source forms in a ContentSwitcher so switching between Hugging Face and
Object Storage and back loses nothing; only the visible source is validated and sent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import ContentSwitcher, Label, RadioButton, RadioSet, Select

from tui.facts.regions import REGIONS
from tui.cloud.resources import IMPORTED_MODEL_PRIMARY_CAPABILITIES
from tui.ui.forms import rules
from tui.ui.forms.field import FormField, first_broken
from tui.ui.wizards.fine_tune_steps import STEP_CSS, DraftStep, NamingStep, _note
from tui.ui.wizards.import_draft import HUGGING_FACE, OBJECT_STORAGE, ImportDraft

if TYPE_CHECKING:
    from tui.ui.wizards.import_model import ImportWizard


class ImportStep(DraftStep):
    """A step of the import wizard: its draft is an ImportDraft."""

    @property
    def draft(self) -> ImportDraft:
        return cast("ImportWizard", self.wizard).draft

CAPABILITY_HELP = {
    "TEXT_TO_TEXT": "Text to text: chat and completion models",
    "IMAGE_TEXT_TO_TEXT": "Image + text to text: vision-language models",
    "EMBEDDING": "Embedding: text to vectors",
    "RERANK": "Rerank: score documents against a query",
}


class SourceStep(ImportStep):
    title = "Source"
    DEFAULT_CSS = STEP_CSS + """
    SourceStep ContentSwitcher { height: auto; }
    SourceStep Select { width: 1fr; }
    """

    def compose(self) -> ComposeResult:
        d = self.draft
        yield _note("Where the model artifacts come from.")
        yield RadioSet(
            RadioButton("Hugging Face", value=d.source == HUGGING_FACE, name=HUGGING_FACE, id="src-hf"),
            RadioButton("Object Storage", value=d.source == OBJECT_STORAGE, name=OBJECT_STORAGE, id="src-os"),
            id="source-set",
        )
        self.hf = {
            "hf_model_id": FormField("Model id (org/name)", rule=rules.hf_model_id, value=d.hf_model_id,
                                     placeholder="google/gemma-2-9b-it", id="hf-model-id"),
            "hf_branch": FormField("Branch", rule=rules.hf_branch, value=d.hf_branch, id="hf-branch",
                                   help="Default main; a commit overrides it."),
            "hf_commit": FormField("Commit (optional)", rule=rules.hf_commit, value=d.hf_commit, id="hf-commit"),
            "hf_token": FormField("Access token (gated models)", rule=rules.hf_token, value=d.hf_token,
                                  password=True, id="hf-token",
                                  help="Stored by OCI in a Vault; never shown, logged or exported here."),
        }
        self.os = {
            "os_namespace": FormField("Namespace", rule=rules.namespace, value=d.os_namespace, id="os-namespace"),
            "os_bucket": FormField("Bucket", rule=rules.bucket, value=d.os_bucket, id="os-bucket"),
            "os_prefix": FormField("Prefix (folder with config.json)", rule=rules.prefix, value=d.os_prefix,
                                   id="os-prefix"),
        }
        with ContentSwitcher(initial="source-hf" if d.source == HUGGING_FACE else "source-os"):
            with Vertical(id="source-hf"):
                yield from self.hf.values()
            with Vertical(id="source-os"):
                yield from self.os.values()
                yield Label(Text("Bucket region"), classes="field-label")
                yield Select([(f"{r.id} — {r.name}", r.id) for r in REGIONS], prompt="same as the API region",
                             allow_blank=True, value=d.os_region or Select.NULL, id="os-region")

    @property
    def fields(self) -> dict[str, FormField]:
        return self.hf if self.draft.source == HUGGING_FACE else self.os

    def first_focus(self) -> Any:
        return self.query_one(RadioSet)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.draft.source = event.pressed.name or HUGGING_FACE
        self.query_one(ContentSwitcher).current = (
            "source-hf" if self.draft.source == HUGGING_FACE else "source-os")

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.save()

    def on_input_changed(self) -> None:
        self.save()

    def save(self) -> None:
        d = self.draft
        for attr, f in {**self.hf, **self.os}.items():
            setattr(d, attr, f.value)
        region = self.query_one("#os-region", Select).value
        d.os_region = "" if region is Select.NULL else str(region)

    def check(self) -> str | None:
        self.save()
        return first_broken(self.fields.values())


class CapabilityStep(ImportStep):
    title = "Capability"
    DEFAULT_CSS = STEP_CSS

    def compose(self) -> ComposeResult:
        d = self.draft
        yield _note("Exactly one capability: what the imported model is for.")
        yield RadioSet(*[
            RadioButton(Text(CAPABILITY_HELP[c]), value=d.capability == c, name=c, id=f"cap-{c.lower()}")
            for c in IMPORTED_MODEL_PRIMARY_CAPABILITIES
        ], id="capability-set")

    def first_focus(self) -> Any:
        return self.query_one(RadioSet)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.draft.capability = event.pressed.name or ""

    def check(self) -> str | None:
        if self.draft.capability not in IMPORTED_MODEL_PRIMARY_CAPABILITIES:
            return "Capability: choose exactly one"
        return None


class DetailsStep(NamingStep):
    title = "Details"
    id_prefix = "im"
    with_vendor = True

    @property
    def draft(self) -> ImportDraft:
        return cast("ImportWizard", self.wizard).draft
