"""What each fine-tunable base model allows: methods, hyperparameter defaults and ranges.

This is data from the OCI docs (reference §7.2-7.3, base-models.md §3), kept in one place so the
builders, the fine-tune wizard and the local service agree. Values the docs do not confirm are
marked `confirmed=False`: the console offers them as defaults and warns, but does not refuse a
value outside an unconfirmed range.
"""

from __future__ import annotations

from dataclasses import dataclass

TFEW, LORA, VANILLA = "TFEW", "LORA", "VANILLA"
METHODS: tuple[str, ...] = (TFEW, LORA, VANILLA)

TRAINING_CONFIG_TYPE: dict[str, str] = {
    TFEW: "TFEW_TRAINING_CONFIG",
    LORA: "LORA_TRAINING_CONFIG",
    VANILLA: "VANILLA_TRAINING_CONFIG",
}
METHOD_FOR_CONFIG_TYPE: dict[str, str] = {v: k for k, v in TRAINING_CONFIG_TYPE.items()}
METHOD_LABELS: dict[str, str] = {TFEW: "T-Few", LORA: "LoRA", VANILLA: "Vanilla"}


@dataclass(frozen=True)
class HyperParameter:
    """One training-config field: `name` is the SDK attribute (snake_case)."""

    name: str
    label: str
    kind: type  # int or float
    default: int | float
    minimum: int | float | None
    maximum: int | float | None
    confirmed: bool
    help: str
    exclusive_maximum: bool = False

    def check(self, value: object) -> str | None:
        """The rule `value` breaks, or None when it is acceptable."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"must be a {'whole number' if self.kind is int else 'number'}"
        if self.kind is int and not float(value).is_integer():
            return "must be a whole number"
        if value != value:  # NaN
            return "must be a number"
        if self.minimum is not None and value < self.minimum:
            return f"must be at least {self.minimum}"
        if self.maximum is not None:
            if self.exclusive_maximum and value >= self.maximum:
                return f"must be less than {self.maximum}"
            if not self.exclusive_maximum and value > self.maximum:
                return f"must be at most {self.maximum}"
        return None

    def check_floor(self, value: int | float) -> str | None:
        """The structural rule a value breaks even where the documented range is unconfirmed.

        Counts (epochs, batch size, ranks, layers) are at least 1, nothing is negative and a
        dropout is a probability; the local service refuses the same values.
        """
        floor = HARD_MINIMUM.get(self.name, 0)
        if value < floor:
            return f"must be at least {floor}" if floor else "must not be negative"
        if self.name == "lora_dropout" and value >= 1:
            return "must be less than 1"
        return None

    @property
    def range_text(self) -> str:
        lo = "" if self.minimum is None else f"{self.minimum}"
        hi = "" if self.maximum is None else f"{self.maximum}"
        op = "<" if self.exclusive_maximum else "≤"
        if lo and hi:
            return f"{lo} ≤ x {op} {hi}"
        if lo:
            return f"≥ {lo}"
        if hi:
            return f"{op} {hi}"
        return "any"


#: Counts that are meaningless below 1, whatever the documented range says.
HARD_MINIMUM: dict[str, int] = {
    "total_training_epochs": 1,
    "training_batch_size": 1,
    "lora_r": 1,
    "lora_alpha": 1,
    "num_of_last_layers": 1,
}

# Methods per base model display name (reference §7.2; base-models.md §3).
_METHODS_BY_MODEL: dict[str, tuple[str, ...]] = {
    "cohere.command-r-08-2024": (TFEW,),
    "cohere.command-r-16k": (TFEW,),
    "meta.llama-3.3-70b-instruct": (LORA,),
    "meta.llama-3.1-70b-instruct": (LORA,),
    "meta.llama-3-70b-instruct": (LORA,),
    "cohere.command": (TFEW, VANILLA),
    "cohere.command-light": (TFEW, VANILLA),
}


def methods_for(base_model_name: str | None) -> tuple[str, ...]:
    """The fine-tuning methods a base model supports (empty when it is not fine-tunable)."""
    return _METHODS_BY_MODEL.get((base_model_name or "").strip().lower(), ())


def fine_tunable_models() -> tuple[str, ...]:
    return tuple(_METHODS_BY_MODEL)


#: (default, minimum, maximum, confirmed) of one hyperparameter, as HyperParameter takes them
_Range = tuple[int | float, int | float | None, int | float | None, bool]


def _common(
    *,
    epochs: _Range = (3, 1, None, True),
    lr: _Range = (0.0002, 0.0, 1.0, True),
    batch: _Range = (8, 8, 16, True),
    patience: _Range = (15, 0, None, True),
    threshold: _Range = (0.0001, 0.0, None, True),
    log_interval: _Range = (10, 0, None, True),
) -> list[HyperParameter]:
    return [
        HyperParameter("total_training_epochs", "Training epochs", int, *epochs,
                       help="Passes over the whole training set."),
        HyperParameter("learning_rate", "Learning rate", float, *lr,
                       help="Step size of each weight update."),
        HyperParameter("training_batch_size", "Batch size", int, *batch,
                       help="Samples per training step."),
        HyperParameter("early_stopping_patience", "Early stopping patience", int, *patience,
                       help="Evaluations without improvement before stopping; 0 disables early stopping."),
        HyperParameter("early_stopping_threshold", "Early stopping threshold", float, *threshold,
                       help="Minimum loss improvement that counts as progress."),
        HyperParameter("log_model_metrics_interval_in_steps", "Log metrics every N steps", int, *log_interval,
                       help="Every step is logged for the first 20 steps, then every N; 0 disables."),
    ]


def _lora_extra() -> list[HyperParameter]:
    return [
        HyperParameter("lora_r", "LoRA r", int, 8, 1, 64, True, help="Rank of the LoRA update matrices."),
        HyperParameter("lora_alpha", "LoRA alpha", int, 8, 1, 128, False, help="Scaling of the LoRA update."),
        HyperParameter("lora_dropout", "LoRA dropout", float, 0.1, 0.0, 1.0, False,
                       help="Dropout probability of the LoRA layers.", exclusive_maximum=True),
    ]


def _vanilla_extra() -> list[HyperParameter]:
    return [
        HyperParameter("num_of_last_layers", "Last layers to fine-tune", int, 15, 1, None, False,
                       help="How many of the model's last layers are trained."),
    ]


def hyperparameters(base_model_name: str | None, method: str) -> list[HyperParameter]:
    """The hyperparameters, defaults and ranges for a base model and method.

    An unknown base model gets the generic, mostly-unconfirmed ranges for the method, so a
    builder can still validate types and signs.
    """
    method = method.upper().replace("-", "").replace("_TRAINING_CONFIG", "")
    if method not in METHODS:
        raise ValueError(f"unknown fine-tuning method {method!r}; valid: {', '.join(METHODS)}")
    name = (base_model_name or "").strip().lower()
    known = name in _METHODS_BY_MODEL
    if name.startswith("cohere.command-r"):
        # Command R T-Few: every value UNCONFIRMED (reference §7.3).
        params = _common(
            epochs=(1, 1, 10, False), lr=(0.01, 0.000005, 0.1, False), batch=(16, 8, 32, False),
            patience=(10, 0, 16, False), threshold=(0.001, 0.001, 0.1, False), log_interval=(1, 0, None, False),
        )
    elif name == "cohere.command":
        params = _common(lr=(0.01, 0.0, 1.0, True), batch=(8, 8, 8, True))
    elif name == "cohere.command-light":
        lr_default = 6e-7 if method == VANILLA else 0.01
        params = _common(lr=(lr_default, 0.0, 1.0, True), batch=(16, 8, 16, True))
    elif name.startswith("meta.llama"):
        params = _common()
    else:
        lr_default = 0.0002 if method == LORA else 0.01
        params = _common(lr=(lr_default, 0.0, 1.0, known), batch=(8, 1, None, known))
    if method == LORA:
        params += _lora_extra()
    elif method == VANILLA:
        params += _vanilla_extra()
    return params


def defaults(base_model_name: str | None, method: str) -> dict[str, int | float]:
    return {p.name: p.default for p in hyperparameters(base_model_name, method)}
