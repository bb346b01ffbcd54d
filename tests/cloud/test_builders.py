import math

import oci.generative_ai.models as sdk
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.cloud import builders as b
from tui.facts import fine_tuning
from tui.cloud.builders import BuilderError

COMP = "ocid1.compartment.oc1..aaaaaaaacomp"
CLUSTER = "ocid1.generativeaidedicatedaicluster.oc1.us-chicago-1.amaaaaaacluster"
BASE = "ocid1.generativeaimodel.oc1.us-chicago-1.amaaaaaabase"
LLAMA = "meta.llama-3.3-70b-instruct"


def rejects(fn, field, rule=None, **kwargs):
    with pytest.raises(BuilderError) as info:
        fn(**kwargs)
    assert info.value.field == field, (info.value.field, info.value.message)
    if rule:
        assert info.value.rule == rule, (info.value.rule, info.value.message)
    assert field in info.value.message or info.value.rule == "required"
    return info.value


# -- object_storage_dataset ------------------------------------------------------------------------

def test_dataset_valid():
    d = b.object_storage_dataset("ns", "bucket.a-b_c", "train/data.jsonl")
    assert isinstance(d, sdk.ObjectStorageDataset)
    assert (d.namespace_name, d.bucket_name, d.object_name, d.dataset_type) == (
        "ns", "bucket.a-b_c", "train/data.jsonl", "OBJECT_STORAGE")


@pytest.mark.parametrize("kwargs, field, rule", [
    (dict(namespace_name=None, bucket_name="b", object_name="a.jsonl"), "namespace_name", "required"),
    (dict(namespace_name="", bucket_name="b", object_name="a.jsonl"), "namespace_name", "required"),
    (dict(namespace_name=3, bucket_name="b", object_name="a.jsonl"), "namespace_name", "type"),
    (dict(namespace_name="n s", bucket_name="b", object_name="a.jsonl"), "namespace_name", "shape"),
    (dict(namespace_name="ns", bucket_name="b/x", object_name="a.jsonl"), "bucket_name", "shape"),
    (dict(namespace_name="ns", bucket_name=None, object_name="a.jsonl"), "bucket_name", "required"),
    (dict(namespace_name="ns", bucket_name="b", object_name="a.json"), "object_name", "shape"),
    (dict(namespace_name="ns", bucket_name="b", object_name=".jsonl"), "object_name", "shape"),
    (dict(namespace_name="ns", bucket_name="b", object_name="a\n.jsonl"), "object_name", "shape"),
    (dict(namespace_name="ns", bucket_name="b", object_name=None), "object_name", "required"),
])
def test_dataset_invalid(kwargs, field, rule):
    rejects(b.object_storage_dataset, field, rule, **kwargs)


# -- training configs ------------------------------------------------------------------------------

def test_lora_defaults_are_documented_defaults():
    c = b.lora_training_config(base_model_name=LLAMA)
    assert isinstance(c, sdk.LoraTrainingConfig) and c.training_config_type == "LORA_TRAINING_CONFIG"
    assert (c.total_training_epochs, c.learning_rate, c.training_batch_size, c.early_stopping_patience,
            c.early_stopping_threshold, c.log_model_metrics_interval_in_steps, c.lora_r, c.lora_alpha,
            c.lora_dropout) == (3, 0.0002, 8, 15, 0.0001, 10, 8, 8, 0.1)


def test_tfew_and_vanilla():
    t = b.tfew_training_config(base_model_name="cohere.command-r-08-2024", total_training_epochs=2)
    assert isinstance(t, sdk.TFewTrainingConfig) and t.total_training_epochs == 2
    assert t.training_batch_size == 16  # the command-r default
    v = b.vanilla_training_config(base_model_name="cohere.command-light", num_of_last_layers=4)
    assert isinstance(v, sdk.VanillaTrainingConfig) and v.num_of_last_layers == 4
    assert v.learning_rate == pytest.approx(6e-7)
    bare = b.tfew_training_config(fill_defaults=False, learning_rate="0.05")
    assert bare.learning_rate == 0.05 and bare.total_training_epochs is None


def test_training_config_rules():
    rejects(b.lora_training_config, "training_batch_size", "range", base_model_name=LLAMA, training_batch_size=17)
    rejects(b.lora_training_config, "lora_r", "range", base_model_name=LLAMA, lora_r=65)
    rejects(b.lora_training_config, "learning_rate", "range", base_model_name=LLAMA, learning_rate=1.5)
    rejects(b.lora_training_config, "total_training_epochs", "type", base_model_name=LLAMA, total_training_epochs=2.5)
    rejects(b.lora_training_config, "total_training_epochs", "type", base_model_name=LLAMA, total_training_epochs=True)
    rejects(b.lora_training_config, "learning_rate", "type", base_model_name=LLAMA, learning_rate="fast")
    rejects(b.lora_training_config, "lora_dropout", "range", lora_dropout=1.0)
    rejects(b.vanilla_training_config, "num_of_last_layers", "range", num_of_last_layers=0)
    rejects(b.tfew_training_config, "learning_rate", "type", learning_rate=math.nan)
    # a base model that does not offer the method
    rejects(b.lora_training_config, "method", "choice", base_model_name="cohere.command-r-08-2024")


# -- data sources ----------------------------------------------------------------------------------

def test_object_storage_source():
    s = b.object_storage_data_source("ns", "models", "llama3/", region="IAD")
    assert isinstance(s, sdk.ObjectStorageObject)
    assert (s.region, s.source_type) == ("us-ashburn-1", "OBJECT_STORAGE_OBJECT")
    assert b.object_storage_data_source("ns", "models", "p").region is None
    err = rejects(b.object_storage_data_source, "region", "choice", namespace_name="ns", bucket_name="m",
                  prefix_name="p", region="mars-1")
    assert "us-chicago-1" in err.message
    rejects(b.object_storage_data_source, "prefix_name", "required", namespace_name="ns", bucket_name="m",
            prefix_name="  ")


def test_hugging_face_source_and_secret():
    s = b.hugging_face_data_source("google/gemma-2-9b-it", access_token="hf_TOPSECRET")
    assert isinstance(s, sdk.HuggingFaceModel)
    assert (s.model_id, s.branch, s.commit, s.access_token) == ("google/gemma-2-9b-it", "main", None, "hf_TOPSECRET")
    details = b.create_imported_model_details(COMP, s, capability="TEXT_TO_TEXT")
    for text in (repr(s), str(s), repr(details), str(details), str(b.request_body(details))):
        assert "hf_TOPSECRET" not in text
    assert b.request_body(details)["dataSource"]["accessToken"] == b.MASK
    assert b.request_body(details, mask_secrets=False)["dataSource"]["accessToken"] == "hf_TOPSECRET"
    c = b.hugging_face_data_source("org/m", commit="0123abcd")
    assert (c.branch, c.commit) == (None, "0123abcd")


@pytest.mark.parametrize("kwargs, field, rule", [
    (dict(model_id="gemma"), "model_id", "shape"),
    (dict(model_id="a/b/c"), "model_id", "shape"),
    (dict(model_id=None), "model_id", "required"),
    (dict(model_id="a/b", commit="xyz"), "commit", "shape"),
    (dict(model_id="a/b", branch="a..b"), "branch", "shape"),
    (dict(model_id="a/b", access_token="two words"), "access_token", "shape"),
    (dict(model_id="a/b", access_token=5), "access_token", "type"),
])
def test_hugging_face_invalid(kwargs, field, rule):
    err = rejects(b.hugging_face_data_source, field, rule, **kwargs)
    assert "two words" not in err.message


# -- fine-tune and create details ------------------------------------------------------------------

def test_fine_tune_details():
    ds = b.object_storage_dataset("ns", "b", "t.jsonl")
    cfg = b.lora_training_config(base_model_name=LLAMA)
    f = b.fine_tune_details(ds, CLUSTER, cfg)
    assert isinstance(f, sdk.FineTuneDetails) and f.training_config is cfg and f.dedicated_ai_cluster_id == CLUSTER
    assert b.fine_tune_details(ds, CLUSTER).training_config is None
    rejects(b.fine_tune_details, "dedicated_ai_cluster_id", "shape", training_dataset=ds,
            dedicated_ai_cluster_id="cluster-1")
    rejects(b.fine_tune_details, "dedicated_ai_cluster_id", "shape", training_dataset=ds,
            dedicated_ai_cluster_id="ocid1.generativeaiendpoint.oc1.us-chicago-1.amaaaa")
    rejects(b.fine_tune_details, "training_dataset", "required", training_dataset=None, dedicated_ai_cluster_id=CLUSTER)
    rejects(b.fine_tune_details, "training_config", "type", training_dataset=ds, dedicated_ai_cluster_id=CLUSTER,
            training_config={"lora_r": 8})


def test_create_model_details():
    f = b.fine_tune_details(b.object_storage_dataset("ns", "b", "t.jsonl"), CLUSTER)
    d = b.create_model_details(COMP, BASE, f, display_name="my_ft-1", freeform_tags={"team": "ml"})
    assert isinstance(d, sdk.CreateModelDetails) and d.display_name == "my_ft-1"
    body = b.request_body(d)
    assert body["fineTuneDetails"]["trainingDataset"]["datasetType"] == "OBJECT_STORAGE"
    rejects(b.create_model_details, "display_name", "shape", compartment_id=COMP, base_model_id=BASE,
            fine_tune_details=f, display_name="1abc")
    rejects(b.create_model_details, "display_name", "length", compartment_id=COMP, base_model_id=BASE,
            fine_tune_details=f, display_name="a" * 256)
    rejects(b.create_model_details, "compartment_id", "shape", compartment_id="ocid1.user.oc1..x",
            base_model_id=BASE, fine_tune_details=f)
    rejects(b.create_model_details, "base_model_id", "required", compartment_id=COMP, base_model_id=None,
            fine_tune_details=f)
    rejects(b.create_model_details, "fine_tune_details", "type", compartment_id=COMP, base_model_id=BASE,
            fine_tune_details={})
    rejects(b.create_model_details, "freeform_tags", "type", compartment_id=COMP, base_model_id=BASE,
            fine_tune_details=f, freeform_tags={"a": 1})


def test_create_imported_model_details_capability_rules():
    s = b.object_storage_data_source("ns", "m", "p/")
    d = b.create_imported_model_details(COMP, s, capability="embedding", display_name="_x")
    assert d.capabilities == ["EMBEDDING"]
    rejects(b.create_imported_model_details, "capability", "required", compartment_id=COMP, data_source=s)
    rejects(b.create_imported_model_details, "capability", "choice", compartment_id=COMP, data_source=s,
            capability="TEXT_TO_IMAGE")
    rejects(b.create_imported_model_details, "capability", "choice", compartment_id=COMP, data_source=s,
            capabilities=["TEXT_TO_TEXT", "RERANK"])
    rejects(b.create_imported_model_details, "capability", "choice", compartment_id=COMP, data_source=s,
            capability="CHAT")
    rejects(b.create_imported_model_details, "data_source", "type", compartment_id=COMP, data_source="hf")


def test_update_details():
    u = b.update_details("model", display_name="new_name", description="d")
    assert isinstance(u, sdk.UpdateModelDetails) and u.display_name == "new_name"
    assert isinstance(b.update_details("imported_model", vendor="v"), sdk.UpdateImportedModelDetails)
    rejects(b.update_details, "display_name", "required", kind="model")
    rejects(b.update_details, "display_name", "shape", kind="model", display_name="has space")
    rejects(b.update_details, "description", "length", kind="model", description="x" * 401)


# -- property tests: every builder accepts valid input and names the field of invalid input --------

names = st.from_regex(r"[A-Za-z_][A-Za-z0-9_-]{0,40}", fullmatch=True)
ns_names = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,20}", fullmatch=True)
buckets = st.from_regex(r"[A-Za-z0-9_.-]{1,40}", fullmatch=True)
objects = st.from_regex(r"[A-Za-z0-9_/-]{0,29}[A-Za-z0-9_-]", fullmatch=True).map(lambda s: s + ".jsonl")
hf_ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,20}/[A-Za-z0-9][A-Za-z0-9._-]{0,20}", fullmatch=True)
bad_types = st.one_of(st.integers(), st.floats(), st.lists(st.integers(), max_size=2), st.booleans())


@given(ns=ns_names, bucket=buckets, obj=objects)
def test_property_dataset_accepts_valid(ns, bucket, obj):
    d = b.object_storage_dataset(ns, bucket, obj)
    assert (d.namespace_name, d.bucket_name, d.object_name) == (ns, bucket, obj)


@given(field=st.sampled_from(["namespace_name", "bucket_name", "object_name"]), bad=bad_types)
def test_property_dataset_rejects_wrong_types(field, bad):
    kwargs = dict(namespace_name="ns", bucket_name="b", object_name="a.jsonl")
    kwargs[field] = bad
    rejects(b.object_storage_dataset, field, "type", **kwargs)


@given(obj=st.text(min_size=1, max_size=30).filter(lambda s: not s.strip().lower().endswith(".jsonl")))
def test_property_dataset_rejects_non_jsonl(obj):
    with pytest.raises(BuilderError) as info:
        b.object_storage_dataset("ns", "b", obj)
    assert info.value.field == "object_name"


@given(name=names)
def test_property_display_name_valid(name):
    assert b.check_display_name(name) == name


@given(name=st.text(min_size=1, max_size=300))
def test_property_display_name_rule(name):
    ok = len(name) <= 255 and (name[0].isascii() and (name[0].isalpha() or name[0] == "_")) and all(
        c.isascii() and (c.isalnum() or c in "-_") for c in name)
    if ok:
        assert b.check_display_name(name) == name
    else:
        with pytest.raises(BuilderError) as info:
            b.check_display_name(name)
        assert info.value.field == "display_name" and info.value.rule in ("shape", "length")


_METHOD_BUILDERS = {"TFEW": b.tfew_training_config, "LORA": b.lora_training_config,
                    "VANILLA": b.vanilla_training_config}
_MODELS = list(fine_tuning.fine_tunable_models()) + [None]


@st.composite
def model_method(draw):
    model = draw(st.sampled_from(_MODELS))
    methods = fine_tuning.methods_for(model) or fine_tuning.METHODS
    return model, draw(st.sampled_from(methods))


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(mm=model_method(), data=st.data())
def test_property_training_config_accepts_values_in_range(mm, data):
    model, method = mm
    values = {}
    for p in fine_tuning.hyperparameters(model, method):
        hi = p.maximum if p.maximum is not None else (p.default * 10 + 10)
        lo = p.minimum if p.minimum is not None else 0
        if p.kind is int:
            values[p.name] = data.draw(st.integers(int(math.ceil(lo)), int(hi)))
        else:
            v = data.draw(st.floats(lo, hi, allow_nan=False, exclude_max=p.exclusive_maximum))
            values[p.name] = v
    cfg = _METHOD_BUILDERS[method](base_model_name=model, **values)
    for name, v in values.items():
        assert getattr(cfg, name) == v


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(mm=model_method(), data=st.data())
def test_property_training_config_rejects_out_of_range_and_wrong_type(mm, data):
    model, method = mm
    params = fine_tuning.hyperparameters(model, method)
    p = data.draw(st.sampled_from(params))
    kind = data.draw(st.sampled_from(["type", "negative", "above"]))
    if kind == "type":
        bad = data.draw(st.one_of(st.booleans(), st.lists(st.integers(), max_size=1), st.just("abc"),
                                  st.just(math.inf)))
        rule = "type"
    elif kind == "negative":
        bad = -1 if p.kind is int else -0.5
        if p.minimum is None:
            pass
        rule = "range"
    else:
        if not p.confirmed or p.maximum is None:
            return  # an unconfirmed or open range has no upper rule to break
        bad = (p.maximum + 1) if p.kind is int else p.maximum * 2 + 1
        rule = "range"
    with pytest.raises(BuilderError) as info:
        _METHOD_BUILDERS[method](base_model_name=model, **{p.name: bad})
    assert info.value.field == p.name and info.value.rule == rule


@given(model_id=hf_ids, branch=st.one_of(st.none(), st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)),
       token=st.one_of(st.none(), st.from_regex(r"hf_[A-Za-z0-9]{10,30}", fullmatch=True)))
def test_property_hugging_face_valid_never_leaks(model_id, branch, token):
    s = b.hugging_face_data_source(model_id, access_token=token, branch=branch)
    assert s.model_id == model_id and s.branch == (branch or "main")
    if token:
        assert token not in repr(s) and token not in str(b.request_body(s))


@given(model_id=st.text(max_size=40).filter(lambda s: s.count("/") != 1 or " " in s or s.startswith("/")
                                           or s.endswith("/")))
def test_property_hugging_face_bad_ids(model_id):
    with pytest.raises(BuilderError) as info:
        b.hugging_face_data_source(model_id)
    assert info.value.field == "model_id" and info.value.rule in ("required", "shape", "type")


@given(ns=ns_names, bucket=buckets, prefix=st.from_regex(r"[A-Za-z0-9_/.-]{1,30}", fullmatch=True),
       region=st.one_of(st.none(), st.sampled_from(["ord", "IAD", "eu-frankfurt-1", "LHR"])))
def test_property_object_storage_source_valid(ns, bucket, prefix, region):
    s = b.object_storage_data_source(ns, bucket, prefix, region=region)
    assert s.prefix_name == prefix and (s.region is None) == (region is None)


@given(region=st.text(max_size=20))
def test_property_object_storage_source_bad_region(region):
    from tui.facts.regions import is_region

    if is_region(region):
        return
    with pytest.raises(BuilderError) as info:
        b.object_storage_data_source("ns", "b", "p", region=region)
    assert info.value.field == "region"


@given(cluster=st.text(max_size=60))
def test_property_fine_tune_cluster_shape(cluster):
    ds = b.object_storage_dataset("ns", "b", "t.jsonl")
    parsed = b.parse_ocid(cluster.strip())
    if parsed and parsed["type"] == "generativeaidedicatedaicluster":
        assert b.fine_tune_details(ds, cluster).dedicated_ai_cluster_id == cluster.strip()
    else:
        with pytest.raises(BuilderError) as info:
            b.fine_tune_details(ds, cluster)
        assert info.value.field == "dedicated_ai_cluster_id"


@given(cap=st.sampled_from(["TEXT_TO_TEXT", "IMAGE_TEXT_TO_TEXT", "EMBEDDING", "RERANK"]), name=names)
def test_property_create_imported_valid(cap, name):
    d = b.create_imported_model_details(COMP, b.hugging_face_data_source("a/b"), capability=cap.lower(),
                                        display_name=name)
    assert d.capabilities == [cap] and d.display_name == name


@given(field=st.sampled_from(["display_name", "description", "vendor", "version"]), bad=bad_types)
def test_property_create_model_optional_text_types(field, bad):
    f = b.fine_tune_details(b.object_storage_dataset("ns", "b", "t.jsonl"), CLUSTER)
    with pytest.raises(BuilderError) as info:
        b.create_model_details(COMP, BASE, f, **{field: bad})
    assert info.value.field == field and info.value.rule == "type"


@given(segment=st.sampled_from(["ord", "us-chicago-1", "IAD", ""]),
       unique=st.from_regex(r"[a-z0-9]{4,40}", fullmatch=True),
       typ=st.from_regex(r"[a-z]{3,30}", fullmatch=True))
def test_property_parse_ocid(segment, unique, typ):
    ocid = f"ocid1.{typ}.oc1.{segment.lower()}.{unique}"
    parsed = b.parse_ocid(ocid)
    assert parsed == {"type": typ, "realm": "oc1", "region": segment.lower(), "unique": unique}
    assert b.parse_ocid(ocid.replace("ocid1.", "ocid2.")) is None


def test_unconfirmed_ranges_still_refuse_zero_epochs_and_batch_size():
    """The service refuses a count below 1 even for Command R, whose ranges are unconfirmed."""
    import pytest as _pytest

    from tui.cloud import builders as _b

    for field in ("total_training_epochs", "training_batch_size"):
        with _pytest.raises(_b.BuilderError) as err:
            _b.training_config("TFEW", base_model_name="cohere.command-r-08-2024", **{field: 0})
        assert err.value.field == field and err.value.rule == "range"


@pytest.mark.parametrize("name", ["A\n", "ok_name\n", "x\r\n"])
def test_a_trailing_newline_is_not_a_valid_display_name(name):
    """`$` matches before a final newline; the rule must hold for the whole string."""
    with pytest.raises(BuilderError) as info:
        b.check_display_name(name)
    assert info.value.field == "display_name"


def test_pasted_values_are_trimmed_of_surrounding_whitespace():
    """Operators paste bucket names and OCIDs with a trailing newline; trimming them is safe."""
    assert b.object_storage_dataset("ns", " bucket\n", "train.jsonl").bucket_name == "bucket"
    ocid = "ocid1.generativeaidedicatedaicluster.oc1.us-chicago-1.amaaaaaa"
    assert b.check_ocid("dedicated_ai_cluster_id", ocid + "\n") == ocid
    with pytest.raises(BuilderError):
        b.check_ocid("dedicated_ai_cluster_id", ocid + "\nrm -rf")
