"""Nothing invalid reaches the service: hypothesis types generated input into the live wizards'
fields, presses Next and Submit as an operator would, and the local service records zero 400s.

How: the console runs on the event loop; hypothesis runs in a thread and drives each example on the UI
thread through `app.call_from_thread` (Textual's thread-safe entry point), so every example goes
through the real widgets, validators, step checks, builders, worker client, SDK and HTTP. The test
also asserts that both outcomes happened (some examples refused by the forms, some accepted and
created), so it cannot pass vacuously. Pasted cluster OCIDs are either real or malformed: a
well-formed OCID of a cluster that does not exist can only be found out by the service.
"""

from __future__ import annotations

import asyncio

from hypothesis import HealthCheck, given, settings, strategies as st

from tests.helpers import examples, ready
from tui.facts import fine_tuning
from tui.ui import actions

# Each example drives the live wizard end to end (seconds each). The CI profile is derandomised, so
# its examples are the same every run; `dev.py test --thorough` draws many more, at random.
EXAMPLES = examples(ci=10, thorough=100)
_any_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)


def mostly(valid, invalid):
    """Valid nine times in ten, so whole forms are often valid and each field is often wrong."""
    return st.integers(0, 9).flatmap(lambda n: invalid if n == 0 else valid)


_name = mostly(st.from_regex(r"[A-Za-z_][A-Za-z0-9_-]{0,20}", fullmatch=True),
               st.one_of(_any_text, st.sampled_from(["9x", "a.b", "", "x" * 256, "[b]x[/b]", "a b"])))
_number_text = st.one_of(  # boundaries matter most: 0, 1, negatives, the ends of the ranges
    st.integers(-1, 17).map(str),
    st.sampled_from(["0.5", "0.0001", "1e-3", "0.99", "1.0", "abc", "", "nan", "inf", " 8 "]),
)
_word_valid = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,10}", fullmatch=True)
_word = mostly(_word_valid, _any_text)
_object = mostly(_word_valid.map(lambda w: w + ".jsonl"),
                 st.one_of(_word, st.sampled_from([".jsonl", "a/.jsonl", " x.jsonl", "x.csv"])))
_free = mostly(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30),
               st.one_of(_any_text, st.text(min_size=390, max_size=410, alphabet="ab")))
_tags = st.lists(st.tuples(mostly(_word_valid, st.one_of(_any_text, st.just(""))),
                           mostly(st.text(alphabet="abc=, ", max_size=8), _any_text)), max_size=2)


async def _settled(app, wizard, attempts_before: int, timeout: float = 30.0) -> None:
    """Wait for the submission's answer (generous: the whole suite may be loading both cores)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while wizard.submission.in_flight or wizard.submission.attempts == attempts_before:
        if loop.time() > deadline:
            raise AssertionError(f"submission never answered in {timeout} s: {wizard.submission.last_error!r}")
        await asyncio.sleep(0.02)


async def _walk(app, wizard, fill_steps) -> str:
    """Fill each step and press Next; submit at the review. Returns 'refused' or 'created'."""
    for index, fill in enumerate(fill_steps):
        while wizard.entered_index != index:
            await asyncio.sleep(0.005)
        await fill(wizard.steps[index])
        await asyncio.sleep(0)
        wizard.action_next()
        if wizard.index == index:
            return "refused"
    while wizard.entered_index != len(fill_steps):
        await asyncio.sleep(0.005)
    before = wizard.submission.attempts
    wizard.action_submit()
    if wizard.submission.attempts == before:
        return "refused"
    await _settled(app, wizard, before)
    assert wizard.submission.done, repr(wizard.submission.last_error)
    return "created"


def _drive(app, make_walk, example) -> str:
    async def run() -> str:
        outcome = await make_walk(example)
        if app.screen is not app.main and hasattr(app.screen, "submission"):
            wizard = app.screen
            wizard.dismiss(None)
            while app.screen is wizard:  # the next example opens its wizard on the main screen
                await asyncio.sleep(0.005)
        return outcome

    return app.call_from_thread(run)


async def _run_property(app, pilot, strategy, make_walk) -> dict[str, int]:
    outcomes = {"refused": 0, "created": 0}

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def prop(example):
        outcomes[_drive(app, make_walk, example)] += 1

    await asyncio.to_thread(prop)
    return outcomes


async def test_fine_tune_forms_never_send_an_invalid_body(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await ready(app, pilot, emu)
        bases = [m for m in app.genai.list_resources("model", app.context.compartment_id, capability="FINE_TUNE",
                                           lifecycle_state="ACTIVE").data if fine_tuning.methods_for(m.display_name)]
        clusters = app.genai.list_dedicated_ai_clusters(app.context.compartment_id, cluster_type="FINE_TUNING",
                                                        lifecycle_state="ACTIVE").data
        strategy = st.fixed_dictionaries({
            "base": st.sampled_from([b.display_name for b in bases]),
            "hyper": st.dictionaries(st.sampled_from(["total_training_epochs", "learning_rate",
                                                      "training_batch_size", "early_stopping_patience",
                                                      "lora_r", "lora_dropout", "num_of_last_layers"]),
                                     _number_text, max_size=3),
            "namespace": _word, "bucket": _word, "object": _object,
            "cluster": mostly(st.sampled_from([c.id for c in clusters]).map(lambda c: ("pick", c)),
                              st.sampled_from(["ocid1.nope", "ocid1.generativeaimodel.oc1.x.aaa", "x"])
                              .map(lambda c: ("paste", c))),
            "name": _name, "version": _free, "description": _free, "tags": _tags,
        })

        async def make_walk(ex):
            wizard = actions.open_create(app, "model")
            while not (wizard.is_mounted and wizard.steps[0].picker.loaded):
                await asyncio.sleep(0.01)

            async def base(step):
                step.picker.select_where(lambda m: m.display_name == ex["base"])

            async def method(step):
                pass  # the allowed method is preselected when there is one; otherwise the first

            async def hyper(step):
                for key, value in ex["hyper"].items():
                    if key in step.fields:
                        step.fields[key].value = value

            async def dataset(step):
                f = step.fields
                f["namespace"].value, f["bucket"].value, f["object_name"].value = (
                    ex["namespace"], ex["bucket"], ex["object"])

            async def cluster(step):
                how, value = ex["cluster"]
                if how == "paste":
                    step.pasted.value = value
                else:
                    while not step.picker.loaded:
                        await asyncio.sleep(0.01)
                    step.picker.select_where(lambda c: c.id == value)

            async def name(step):
                from tui.ui.forms.tags import TagsEditor

                f = step.fields
                f["display_name"].value, f["version"].value, f["description"].value = (
                    ex["name"], ex["version"], ex["description"])
                editor = step.query_one(TagsEditor)
                for k, v in ex["tags"]:
                    await editor.add_row(k, v)

            async def method_default(step):
                if not wizard.draft.method:
                    from textual.widgets import RadioButton

                    step.query(RadioButton).first().value = True
                    await asyncio.sleep(0.01)

            return await _walk(app, wizard, [base, method_default, hyper, dataset, cluster, name])

        outcomes = await _run_property(app, pilot, strategy, make_walk)
        statuses = [r.status for r in emu.requests if r.operation == "CreateModel"]
        assert 400 not in statuses, [r for r in emu.requests if r.status == 400]
        assert outcomes["refused"] > 0 and outcomes["created"] > 0, outcomes
        assert statuses.count(200) == outcomes["created"], (statuses, outcomes)


async def test_import_forms_never_send_an_invalid_body(make_app):
    app, emu = make_app()
    async with app.run_test() as pilot:
        await ready(app, pilot, emu)
        strategy = st.fixed_dictionaries({
            "source": st.sampled_from(["src-hf", "src-os"]),
            "model_id": mostly(st.from_regex(r"[a-z0-9]{1,8}/[A-Za-z0-9._-]{1,12}", fullmatch=True), _word),
            "branch": mostly(st.sampled_from(["main", "dev", "release/v1"]), st.one_of(_word, st.just("a..b"))),
            "commit": mostly(st.one_of(st.just(""), st.from_regex(r"[0-9a-f]{7,12}", fullmatch=True)), _word),
            "token": mostly(st.one_of(st.just(""), st.from_regex(r"hf_[A-Za-z0-9]{8,20}", fullmatch=True)),
                            _any_text),
            "namespace": _word, "bucket": _word, "prefix": mostly(_word_valid, st.sampled_from([" ", "", " a"])),
            "region": st.sampled_from(["", "us-ashburn-1", "eu-frankfurt-1"]),
            "capability": mostly(st.sampled_from(["text_to_text", "embedding", "rerank", "image_text_to_text"]),
                                 st.just("")),
            "name": _name, "vendor": _free, "version": _free, "description": _free, "tags": _tags,
        })

        async def make_walk(ex):
            from textual.widgets import RadioButton, Select

            wizard = actions.open_create(app, "imported_model")
            while not wizard.is_mounted:
                await asyncio.sleep(0.01)
            await asyncio.sleep(0.02)

            async def source(step):
                step.query_one(f"#{ex['source']}", RadioButton).value = True
                await asyncio.sleep(0.01)
                hf, os_ = step.hf, step.os
                hf["hf_model_id"].value, hf["hf_branch"].value = ex["model_id"], ex["branch"]
                hf["hf_commit"].value, hf["hf_token"].value = ex["commit"], ex["token"]
                os_["os_namespace"].value, os_["os_bucket"].value = ex["namespace"], ex["bucket"]
                os_["os_prefix"].value = ex["prefix"]
                step.query_one("#os-region", Select).value = ex["region"] or Select.NULL

            async def capability(step):
                if ex["capability"]:
                    step.query_one(f"#cap-{ex['capability']}", RadioButton).value = True
                    await asyncio.sleep(0.01)

            async def details(step):
                from tui.ui.forms.tags import TagsEditor

                f = step.fields
                f["display_name"].value, f["vendor"].value = ex["name"], ex["vendor"]
                f["version"].value, f["description"].value = ex["version"], ex["description"]
                for k, v in ex["tags"]:
                    await step.query_one(TagsEditor).add_row(k, v)

            return await _walk(app, wizard, [source, capability, details])

        outcomes = await _run_property(app, pilot, strategy, make_walk)
        statuses = [r.status for r in emu.requests if r.operation == "CreateImportedModel"]
        assert 400 not in statuses, [r for r in emu.requests if r.status == 400]
        assert outcomes["refused"] > 0 and outcomes["created"] > 0, outcomes
        assert statuses.count(200) == outcomes["created"], (statuses, outcomes)


def test_hyperparameter_rules_accept_only_what_the_service_accepts(genai, emulator):
    """Focused and fast (no UI, 300 examples): for every base model, method and hyperparameter, a value
    the field's rule accepts is accepted by the service. This is where the documented ranges are
    UNCONFIRMED and only hard limits apply, so it is where forms and service could disagree."""
    from tui.cloud import builders
    from tui.ui.forms import rules

    compartment = emulator.seed_info.extras["models_compartment_id"]
    bases = [m for m in genai.list_resources("model", compartment, capability="FINE_TUNE", lifecycle_state="ACTIVE").data
             if fine_tuning.methods_for(m.display_name)]
    cluster = genai.list_dedicated_ai_clusters(compartment, cluster_type="FINE_TUNING",
                                               lifecycle_state="ACTIVE").data[0].id
    dataset = builders.object_storage_dataset("ns", "bucket", "train.jsonl")
    sent = []

    @settings(max_examples=300, deadline=None, database=None)
    @given(st.data())
    def prop(data):
        base = data.draw(st.sampled_from(bases))
        method = data.draw(st.sampled_from(fine_tuning.methods_for(base.display_name)))
        spec = data.draw(st.sampled_from(fine_tuning.hyperparameters(base.display_name, method)))
        text = data.draw(st.one_of(st.integers(-2, 130).map(str), st.floats(-1, 2, allow_nan=False).map(repr),
                                   _number_text))
        error, _warning = rules.hyperparameter(spec, text)
        if error:
            return
        config = builders.training_config(method, base_model_name=base.display_name, **{spec.name: text})
        details = builders.create_model_details(compartment, base.id,
                                                builders.fine_tune_details(dataset, cluster, config))
        genai.create("model", details)  # raises CloudError on a 400: the property fails
        sent.append((base.display_name, spec.name, text))

    prop()
    assert len(sent) > 50
    assert 400 not in [r.status for r in emulator.requests if r.operation == "CreateModel"]
