"""The fine-tuning catalogue: methods per base model and hyperparameter rules (pure logic)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.facts import fine_tuning as ft


@pytest.mark.parametrize(
    ("model", "methods"),
    [
        ("meta.llama-3.3-70b-instruct", ("LORA",)),
        ("META.LLAMA-3.1-70B-INSTRUCT", ("LORA",)),
        ("cohere.command-r-08-2024", ("TFEW",)),
        ("cohere.command", ("TFEW", "VANILLA")),
        ("cohere.command-light", ("TFEW", "VANILLA")),
        ("cohere.command-r-plus", ()),
        ("cohere.embed-english-v3.0", ()),
        (None, ()),
    ],
)
def test_methods_per_base_model(model, methods):
    assert ft.methods_for(model) == methods


def test_every_fine_tunable_model_has_defaults_within_its_own_ranges():
    for model in ft.fine_tunable_models():
        for method in ft.methods_for(model):
            for param in ft.hyperparameters(model, method):
                assert param.check(param.default) is None, (model, method, param.name)


def test_method_specific_fields():
    lora = {p.name for p in ft.hyperparameters("meta.llama-3.1-70b-instruct", "LORA")}
    vanilla = {p.name for p in ft.hyperparameters("cohere.command", "VANILLA")}
    tfew = {p.name for p in ft.hyperparameters("cohere.command", "TFEW")}
    assert {"lora_r", "lora_alpha", "lora_dropout"} <= lora
    assert "num_of_last_layers" in vanilla and "num_of_last_layers" not in tfew
    assert not {"lora_r", "lora_alpha", "lora_dropout"} & tfew


def test_documented_defaults():
    llama = ft.defaults("meta.llama-3.3-70b-instruct", "LORA")
    assert llama["learning_rate"] == 0.0002 and llama["training_batch_size"] == 8
    assert llama["lora_r"] == 8 and llama["total_training_epochs"] == 3
    assert ft.defaults("cohere.command-light", "VANILLA")["learning_rate"] == 6e-7
    assert ft.defaults("cohere.command", "TFEW")["learning_rate"] == 0.01


def test_unknown_method_is_refused_with_the_valid_ones():
    with pytest.raises(ValueError, match="TFEW, LORA, VANILLA"):
        ft.hyperparameters("cohere.command", "QLORA")


def test_rules_name_the_broken_bound():
    batch = next(p for p in ft.hyperparameters("meta.llama-3.1-70b-instruct", "LORA") if p.name == "training_batch_size")
    assert batch.check(7) == "must be at least 8"
    assert batch.check(17) == "must be at most 16"
    assert batch.check(8.5) == "must be a whole number"
    assert batch.check("8") == "must be a whole number"
    dropout = next(p for p in ft.hyperparameters("meta.llama-3.1-70b-instruct", "LORA") if p.name == "lora_dropout")
    assert dropout.check(1.0) == "must be less than 1.0"


@given(st.sampled_from(ft.fine_tunable_models()), st.data())
def test_check_agrees_with_the_declared_range(model, data):
    method = data.draw(st.sampled_from(ft.methods_for(model)))
    param = data.draw(st.sampled_from(ft.hyperparameters(model, method)))
    value = data.draw(st.one_of(st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=False)))
    rule = param.check(value)
    inside = not (isinstance(value, float) and math.isnan(value))
    if param.kind is int:
        inside = inside and float(value).is_integer()
    if param.minimum is not None:
        inside = inside and value >= param.minimum
    if param.maximum is not None:
        inside = inside and (value < param.maximum if param.exclusive_maximum else value <= param.maximum)
    assert (rule is None) == inside


@pytest.mark.parametrize("name", sorted(ft.HARD_MINIMUM))
def test_counts_below_one_break_the_floor_even_when_unconfirmed(name):
    param = next(
        p
        for model in ("cohere.command-r-08-2024", "some.unknown-model")
        for method in ft.METHODS
        for p in ft.hyperparameters(model, method)
        if p.name == name
    )
    assert param.check_floor(0) == "must be at least 1"
    assert param.check_floor(1) is None


def test_floor_keeps_dropout_a_probability_and_nothing_negative():
    params = {p.name: p for p in ft.hyperparameters("meta.llama-3.1-70b-instruct", "LORA")}
    assert params["lora_dropout"].check_floor(1.0) == "must be less than 1"
    assert params["learning_rate"].check_floor(-0.1) == "must not be negative"
    assert params["early_stopping_patience"].check_floor(0) is None
