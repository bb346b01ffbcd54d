"""Field rules: each takes the text an operator typed and returns the rule it breaks, or None.

Pure functions (no Textual) so they can be unit- and property-tested, and the same patterns as the
service-layer builders (`tui.cloud.builders`), so a form that says "ok" never sends a body the
builders (and therefore the service) reject. The messages are what the operator reads under the
field, so they name the rule, not the regex.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from tui.cloud import builders
from tui.facts.fine_tuning import HyperParameter
from tui.facts.regions import is_region

Rule = Callable[[str], "str | None"]

#: C0 controls and DEL, C1 controls (U+0080-U+009F), bidi embeddings / overrides / isolates / marks and
#: lone surrogates: the builders' set, so a form never accepts what the builders refuse. The messages
#: say "control characters" for all of them.
_CONTROL = builders.CONTROL_RE
NAME_MAX = builders.DISPLAY_NAME_MAX
TEXT_LIMITS = {"description": 400, "vendor": 255, "version": 255}
TAG_KEY_MAX, TAG_VALUE_MAX = 100, 256


def required(text: str) -> str | None:
    return "is required" if not text.strip() else None


def display_name(text: str, *, required_: bool = False) -> str | None:
    """Letter or underscore first, then letters, digits, '-' or '_'; at most 255."""
    if text == "":
        return "is required" if required_ else None
    if len(text) > NAME_MAX:
        return f"must be at most {NAME_MAX} characters"
    if not re.match(r"[A-Za-z_]", text[0]):
        return "must start with a letter or underscore"
    if not builders.DISPLAY_NAME_RE.fullmatch(text):
        return "may contain only letters, digits, '-' and '_'"
    return None


def free_text(limit: int) -> Rule:
    """Optional text up to `limit` characters, without control characters."""

    def rule(text: str) -> str | None:
        if len(text) > limit:
            return f"must be at most {limit} characters"
        if _CONTROL.search(text):
            return "must not contain control characters"
        return None

    return rule


def _required_match(pattern: re.Pattern[str], message: str) -> Rule:
    """Required text that `pattern` matches whole; `message` says what it must be."""

    def rule(text: str) -> str | None:
        if not text.strip():
            return "is required"
        return None if pattern.fullmatch(text) else message

    return rule


namespace = _required_match(
    builders.NAMESPACE_RE, "must be letters, digits, '-' or '_' (starting with a letter or digit), at most 64")
bucket = _required_match(builders.BUCKET_RE, "must be letters, digits, '-', '_' or '.', at most 256")


def jsonl_object(text: str) -> str | None:
    """The training data object: a `.jsonl` file name."""
    broken = prefix(text)
    if broken:
        return broken
    low = text.lower()
    if not low.endswith(".jsonl") or low == ".jsonl" or low.endswith("/.jsonl"):
        return "must name a .jsonl file"
    return None


def prefix(text: str) -> str | None:
    """An Object Storage object name or prefix: required, no edge spaces, at most 1024, no controls."""
    if not text.strip():
        return "is required"
    if text != text.strip():
        return "must not start or end with spaces"
    if len(text) > 1024:
        return "must be at most 1024 characters"
    if _CONTROL.search(text):
        return "must not contain control characters"
    return None


def ocid(*types: str) -> Rule:
    """An OCID (`ocid1.<type>.<realm>.<region>.<id>`), of one of `types` when given."""

    def rule(text: str) -> str | None:
        if not text.strip():
            return "is required"
        parsed = builders.parse_ocid(text)
        if parsed is None:
            return "must be an OCID: ocid1.<type>.<realm>.<region>.<id>"
        if types and parsed["type"] not in types:
            return f"must be an OCID of type {' or '.join(types)}, not {parsed['type']}"
        return None

    return rule


def hf_model_id(text: str) -> str | None:
    if not text.strip():
        return "is required"
    if "/" not in text:
        return "must be org/name"
    if not builders.HF_MODEL_ID_RE.fullmatch(text):
        return "must be org/name: letters, digits, '.', '-', '_' (each part starts with a letter or digit)"
    return None


def hf_branch(text: str) -> str | None:
    if text == "":
        return None
    if not builders.HF_BRANCH_RE.fullmatch(text) or ".." in text or text.startswith("/") or text.endswith("/"):
        return "must be a branch name: letters, digits, '.', '-', '_', '/' (no '..')"
    return None


def hf_commit(text: str) -> str | None:
    if text == "":
        return None
    if not builders.HF_COMMIT_RE.fullmatch(text):
        return "must be a commit hash: 7 to 64 hex digits"
    return None


def hf_token(text: str) -> str | None:
    """Optional; the rule never echoes the value (it is a secret)."""
    if text == "":
        return None
    if text != text.strip() or " " in text or _CONTROL.search(text):
        return "must be one token without spaces"
    if len(text) > 512:
        return "must be at most 512 characters"
    return None


def region(text: str) -> str | None:
    if text == "":
        return None
    return None if is_region(text) else "must be a Generative AI region id (e.g. us-chicago-1) or key (ord)"


def tag_key(text: str) -> str | None:
    if not text:
        return "key is required"
    if len(text) > TAG_KEY_MAX:
        return f"key must be at most {TAG_KEY_MAX} characters"
    if _CONTROL.search(text) or " " in text or "." in text:
        return "key must not contain spaces, '.' or control characters"
    return None


def tag_value(text: str) -> str | None:
    if len(text) > TAG_VALUE_MAX:
        return f"value must be at most {TAG_VALUE_MAX} characters"
    if _CONTROL.search(text):
        return "value must not contain control characters"
    return None


def parse_number(text: str, kind: type) -> int | float | str:
    """The number in `text`, or the rule it breaks (a str)."""
    t = text.strip()
    if not t:
        return "is required"
    if kind is int:
        if re.fullmatch(r"[+-]?\d{1,18}", t):
            return int(t)
        return "must be a whole number"
    try:
        value = float(t)
    except ValueError:
        return "must be a number"
    if not math.isfinite(value):
        return "must be a finite number"
    return value


#: Counts the service refuses below 1 whatever the (unconfirmed) documented range says.
AT_LEAST_ONE = frozenset({"total_training_epochs", "training_batch_size", "lora_r", "lora_alpha",
                          "num_of_last_layers"})


def hyperparameter(spec: HyperParameter, text: str) -> tuple[str | None, str | None]:
    """(error, warning) for a hyperparameter typed as text.

    A confirmed range is a rule (error); an unconfirmed one is advice (warning) except for the
    hard limits the builders enforce regardless (sign, probability < 1, counts ≥ 1).
    """
    value = parse_number(text, spec.kind)
    if isinstance(value, str):
        return value, None
    broken = spec.check(value)
    if spec.confirmed:
        return (f"{broken} ({spec.range_text})" if broken else None), None
    if value < 0:
        return "must not be negative", None
    if spec.name in AT_LEAST_ONE and value < 1:
        return "must be at least 1", None
    if spec.name == "lora_dropout" and value >= 1:
        return "must be less than 1", None
    if broken:
        return None, f"{broken} ({spec.range_text}, unconfirmed: allowed)"
    return None, None
