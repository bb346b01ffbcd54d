"""What the detail pane and the raw view say about one resource, as literal Rich `Text`.

Driven by the descriptor's `detail_fields`, so one function describes a Model, an ImportedModel or
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
from tui.ui.text import clean

SECRET_MARKERS = ("token", "password", "secret", "passphrase", "private_key", "privatekey")
MASK = "••••••••"
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
    width = label_width
    for field in kind.detail_fields:
        value = getattr(obj, field.attr, None)
        if field.kind == "nested":
            if value is None:
                continue
            out.append(f"{field.label}\n", style=f"{LABEL_STYLE} underline")
            _nested(out, to_plain(value), indent=2)
            continue
        if field.kind == "tags":
            if not value:
                continue
            out.append(f"{field.label}\n", style=f"{LABEL_STYLE} underline")
            _nested(out, to_plain(value), indent=2)
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


def _state_style(state: str) -> str:
    state = state.upper()
    if state in ("ACTIVE", "SUCCEEDED"):
        return "bold green"
    if state in ("FAILED", "DELETED", "CANCELED"):
        return "bold red"
    return "bold yellow"


def _nested(out: Text, value: Any, indent: int) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        items = [(k, v) for k, v in value.items() if v is not None and v != {} and v != []]
        if not items:
            out.append(f"{pad}—\n", style=MUTED)
        for key, item in items:
            label = clean(key).replace("_", " ")
            if isinstance(item, (dict, list)):
                out.append(f"{pad}{label}\n", style=LABEL_STYLE)
                _nested(out, item, indent + 2)
            else:
                out.append(f"{pad}{label}: ", style=LABEL_STYLE)
                out.append(clean(item) + "\n")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, (dict, list)):
                _nested(out, item, indent + 2)
            else:
                out.append(f"{pad}- {clean(item)}\n")
    else:
        out.append(f"{pad}{clean(value)}\n")
