"""The describe screen's body: one resource as YAML or as the API's camelCase JSON, highlighted.

Why a module of its own: the describe screen (`d`), the detail pane's raw JSON and the wizards'
review all show JSON that must be indented by nesting level, highlighted, and safe. Safety comes
first: every string is cleaned (`tui.ui.text.clean`, control characters made visible) BEFORE the
highlighter sees it, and the highlighter returns a literal `Text` (no markup is ever parsed).
Secrets are masked here, whatever the caller passes. Pure: no widgets, testable without Textual.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from rich.syntax import Syntax
from rich.text import Text

from tui.ui.data.describe import MASK, is_secret
from tui.ui.text import clean

#: API keys whose OCID value gets the name the app knows for it (compartment tree, base models)
NAMED_KEYS = ("compartmentId", "baseModelId", "modelId", "dedicatedAiClusterId")
BODY_LIMIT = 400_000
_PLAIN_SCALAR = re.compile(r"^[A-Za-z0-9_./@+-][A-Za-z0-9_ ./@:+-]*$")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "~", ""}


def _masked(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): (MASK if is_secret(str(k)) and v else _masked(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_masked(v) for v in value]
    return value


def to_api(obj: Any) -> Any:
    """An SDK object as the API's camelCase dicts (None fields omitted), every secret masked."""
    # imported here: builders imports the SDK (~0.3 s), which must load in the connect worker, not
    # on the UI thread before the first paint (the main screen imports this module)
    from tui.cloud import builders

    return _masked(builders.request_body(obj, mask_secrets=True))


def api_json(obj: Any) -> str:
    """The object as the API (and `oci ... get`) writes it: camelCase, indented two per level."""
    return json.dumps(to_api(obj), indent=2, ensure_ascii=False, default=str)


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if _PLAIN_SCALAR.match(text) and text.lower() not in _YAML_WORDS and not text[0].isdigit():
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def _yaml(value: Any, indent: int, names: Mapping[str, str], out: list[str]) -> None:
    pad = "  " * indent
    if isinstance(value, dict):
        if not value:
            out.append(f"{pad}{{}}")
        for key, item in value.items():
            if isinstance(item, dict) and item:
                out.append(f"{pad}{_scalar(key)}:")
                _yaml(item, indent + 1, names, out)
            elif isinstance(item, list) and item:
                out.append(f"{pad}{_scalar(key)}:")
                _yaml(item, indent + 1, names, out)
            else:
                name = names.get(item) if key in NAMED_KEYS and isinstance(item, str) else None
                if name:  # above, not after: an OCID fills a line, a trailing comment is off-screen
                    out.append(f"{pad}# {name}")
                out.append(f"{pad}{_scalar(key)}: {_inline(item)}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, (dict, list)) and item:
                sub: list[str] = []
                _yaml(item, indent + 1, names, sub)
                first = sub[0].lstrip()
                out.append(f"{pad}- {first}")
                out.extend(sub[1:])
            else:
                out.append(f"{pad}- {_inline(item)}")
    else:
        out.append(f"{pad}{_inline(value)}")


def _inline(value: Any) -> str:
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return _scalar(value)


def api_yaml(obj: Any, names: Mapping[str, str] | None = None) -> str:
    """The same object as readable YAML; an OCID the app can name (compartment, base model, cluster)
    gets a `# name` comment line just above it."""
    safe_names = {k: clean(v, limit=200) for k, v in (names or {}).items()}
    out: list[str] = []
    _yaml(to_api(obj), 0, safe_names, out)
    return "\n".join(out)


def highlighted(code: str, lexer: str) -> Text:
    """`code` (JSON or YAML) cleaned, then syntax-highlighted, as a literal `Text` (never markup)."""
    safe_code = clean(code, multiline=True, limit=BODY_LIMIT)
    syntax = Syntax("", lexer, theme="ansi_dark", background_color="default")
    text = syntax.highlight(safe_code)
    text.rstrip()
    text.no_wrap = False
    text.overflow = "fold"
    return text


def find_all(plain: str, needle: str) -> list[int]:
    """Start offsets of every case-insensitive, non-overlapping occurrence of `needle` in `plain`."""
    if not needle:
        return []
    hay, pin = plain.lower(), needle.lower()
    out: list[int] = []
    start = hay.find(pin)
    while start >= 0:
        out.append(start)
        start = hay.find(pin, start + len(pin))
    return out
