"""Untrusted text made safe to show: never markup, never a terminal escape.

Every string the console shows came from the API (names, descriptions, tags, error messages) or the
operator. Two things can go wrong with such a string: Rich/Textual markup in it is parsed (`[/x]`
crashes, `[@click=app.quit]` runs an action), and control characters reach the terminal (an ESC or
OSC sequence repaints or retitles it). Everything on screen goes through `clean` and leaves as a
`Text`/`Content` object, so neither can happen; the replacements are visible so nothing is hidden.
"""

from __future__ import annotations

import re

from rich.text import Text

#: C0 controls (except the ones handled below), DEL and C1 controls -> visible "control pictures"
_C0_PICTURES = {i: chr(0x2400 + i) for i in range(0x20)}  # NUL -> ␀, ESC -> ␛, ...
_C0_PICTURES[0x7F] = "\u2421"  # DEL -> ␡
_BIDI = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C}
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")

DEFAULT_LIMIT = 2000


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code in _C0_PICTURES:
        return _C0_PICTURES[code]
    if code in _BIDI:
        return f"<U+{code:04X}>"
    return f"<{code:#04x}>"  # C1 controls, e.g. CSI 0x9b


def clean(value: object, *, multiline: bool = False, limit: int | None = DEFAULT_LIMIT) -> str:
    """`value` as a one-line (or multi-line) string with every control character made visible.

    Long values are cut at `limit` characters with a note of how much was left out, so a
    10,000-character name cannot stall rendering.
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if limit is not None and len(text) > limit:
        text = f"{text[:limit]}… (+{len(text) - limit} chars)"
    if multiline:
        text = text.replace("\r\n", "\n")
        parts = text.split("\n")
        return "\n".join(_UNSAFE.sub(_picture, p.replace("\t", "    ")) for p in parts)
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(_picture, text.replace("\t", " ").replace("\n", "\u21b5"))


def safe(value: object, style: str = "", *, multiline: bool = False, limit: int | None = DEFAULT_LIMIT) -> Text:
    """A Rich `Text` for `value`: literal, styled as a whole, control characters visible."""
    return Text(clean(value, multiline=multiline, limit=limit), style=style, no_wrap=not multiline)


def join(*parts: tuple[object, str] | str | Text) -> Text:
    """Assemble literal pieces into one `Text` (`("name", "bold")` pairs or plain literals)."""
    out = Text()
    for part in parts:
        if isinstance(part, Text):
            out.append_text(part)
        elif isinstance(part, tuple):
            out.append(clean(part[0]), style=part[1])
        else:
            out.append(clean(part))
    return out
