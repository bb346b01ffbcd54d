"""What the detail pane and the raw view say about one resource, as literal Rich `Text`.

Driven by the kind's presentation `detail_fields`, so one function describes a Model, an ImportedModel or
any future kind. Nested values (fine-tune details with every hyperparameter, metrics, data source)
are walked generically. Secrets never leave this module: any key that looks like a token, password
or secret is masked, which is how a Hugging Face access token stays out of the pane and the JSON.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any, Callable

from rich.text import Text

from tui.cloud.resources import ResourceKind
from tui.cloud.tokens import MASK
from tui.ui.data.presentation import presentation
from tui.ui.text import clean

SECRET_MARKERS = ("token", "password", "secret", "passphrase", "private_key", "privatekey")
NEAR_DAYS = 90

LABEL_STYLE = "bold"
MUTED = "dim"


def is_secret(key: str) -> bool:
    lowered = key.lower().replace("-", "_")
    return any(marker in lowered for marker in SECRET_MARKERS)


def to_plain(value: Any) -> Any:
    """An SDK model object as plain dicts/lists (snake_case keys), secrets masked."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): (MASK if is_secret(str(k)) and v else to_plain(v)) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [to_plain(v) for v in value]
    swagger = getattr(value, "swagger_types", None)
    if swagger is not None:
        return {k: (MASK if is_secret(k) and getattr(value, k, None) else to_plain(getattr(value, k, None)))
                for k in swagger}
    return str(value)


def raw_json(obj: Any) -> str:
    """The raw object as JSON (snake_case, as the SDK names it), secrets masked."""
    return json.dumps(to_plain(obj), indent=2, ensure_ascii=False, default=str)


def date_note(value: datetime, now: datetime) -> tuple[str, str]:
    """("in 23 days" | "12 days ago", style): past dates red, near ones (≤ 90 days) yellow."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    days = (value - now).total_seconds() / 86400
    if days < 0:
        return f"past, {int(-days)} days ago", "bold red"
    if days <= NEAR_DAYS:
        return f"in {int(days)} days", "bold yellow"
    return f"in {int(days)} days", MUTED


_DATE_WARN_FIELDS = {"time_deprecated", "time_on_demand_retired", "time_dedicated_retired"}


def describe(kind: ResourceKind, obj: Any, *, now: Callable[[], datetime],
             region: str = "", etag: str | None = None, request_id: str | None = None,
             label_width: int = 19) -> Text:
    """Every detail field of `obj` as aligned `label  value` lines."""
    out = Text(no_wrap=False, overflow="fold")
    current = now()
    width = _value_column(kind, obj, label_width)
    for field in presentation(kind).detail_fields:
        value = getattr(obj, field.attr, None)
        if field.kind == "nested":
            if value is None:
                continue
            out.append(f"{field.label}\n", style=f"{LABEL_STYLE} underline")
            _nested(out, to_plain(value), indent=2, width=width)
            continue
        if field.kind == "tags":
            if not value:
                continue
            out.append(f"{field.label}\n", style=f"{LABEL_STYLE} underline")
            _nested(out, to_plain(value), indent=2, width=width, tags=True)
            continue
        if value is None or value == "" or value == []:
            continue
        out.append(f"{field.label[:width - 1]:<{width}}", style=LABEL_STYLE)
        if field.kind == "datetime" and isinstance(value, datetime):
            out.append(value.strftime("%Y-%m-%d %H:%M UTC"))
            if field.attr in _DATE_WARN_FIELDS:
                note, style = date_note(value, current)
                out.append(f"  ({note})", style=style)
        elif field.kind == "list":
            out.append(", ".join(clean(v) for v in value))
        elif field.kind == "state":
            out.append(clean(value), style=_state_style(str(value)))
        elif field.attr == "description":
            out.append(clean(value, multiline=True))
        else:
            out.append(clean(value))
        out.append("\n")
    out.append("\n")
    out.append(f"{'Region':<{width}}", style=LABEL_STYLE)
    out.append(clean(region) + "\n")
    out.append(f"{'etag':<{width}}", style=LABEL_STYLE)
    out.append((clean(etag) if etag else "—") + "\n", style="" if etag else MUTED)
    out.append(f"{'opc-request-id':<{width}}", style=LABEL_STYLE)
    out.append((clean(request_id) if request_id else "— (loading…)") + "\n", style="" if request_id else MUTED)
    out.rstrip()
    return out


def _nested_need(value: Any, indent: int, tags: bool) -> int:
    """The column a nested block needs so every one of its labels fits before its value."""
    need = 0
    if isinstance(value, dict):
        for key, item in value.items():
            if item is None or item == {} or item == []:
                continue
            if isinstance(item, (dict, list)):
                need = max(need, _nested_need(item, indent + 2, tags))
            else:
                label = clean(key) if tags else nested_label(key)
                need = max(need, indent + len(label) + 2)
    elif isinstance(value, list):
        for item in value:
            need = max(need, _nested_need(item, indent + 2, tags))
    return need


MAX_EXTRA_COLUMNS = 4  # how far nested labels may push the value column right of `label_width`


def _value_column(kind: ResourceKind, obj: Any, label_width: int) -> int:
    """One value column for the top level and the nested sections, so all values line up."""
    need = label_width
    for field in presentation(kind).detail_fields:
        value = getattr(obj, field.attr, None)
        if field.kind in ("nested", "tags") and value is not None:
            need = max(need, _nested_need(to_plain(value), 2, field.kind == "tags"))
    return min(need, label_width + MAX_EXTRA_COLUMNS)


def _state_style(state: str) -> str:
    state = state.upper()
    if state in ("ACTIVE", "SUCCEEDED"):
        return "bold green"
    if state == "FAILED":  # reverse: it stands out without colour (NO_COLOR) too
        return "bold reverse red"
    if state in ("DELETED", "CANCELED"):
        return "bold red"
    return "bold yellow"


def nested_label(key: str) -> str:
    """A nested key as the top level labels its fields: `dataset_type` -> "Dataset type"."""
    words = [_ACRONYMS.get(w, w) for w in clean(key).replace("_", " ").strip().split(" ")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


_ACRONYMS = {"ai": "AI", "id": "ID", "ocid": "OCID", "url": "URL", "hf": "HF", "lora": "LoRA", "tfew": "T-Few"}


def _nested(out: Text, value: Any, indent: int, *, width: int = 19, tags: bool = False) -> None:
    """Nested values as `label  value` lines whose values line up with the top level's (column
    `width`); a label too long for its column gets two spaces. Tag keys are shown as written."""
    pad = " " * indent
    if isinstance(value, dict):
        items = [(k, v) for k, v in value.items() if v is not None and v != {} and v != []]
        if not items:
            out.append(f"{pad}—\n", style=MUTED)
        for key, item in items:
            label = clean(key) if tags else nested_label(key)
            if isinstance(item, (dict, list)):
                out.append(f"{pad}{label}\n", style=LABEL_STYLE)
                _nested(out, item, indent + 2, width=width, tags=tags)
            else:
                column = max(width - indent, len(label) + 2)
                out.append(f"{pad}{label:<{column}}", style=LABEL_STYLE)
                out.append(clean(item) + "\n")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, (dict, list)):
                _nested(out, item, indent + 2, width=width, tags=tags)
            else:
                out.append(f"{pad}- {clean(item)}\n")
    else:
        out.append(f"{pad}{clean(value)}\n")
