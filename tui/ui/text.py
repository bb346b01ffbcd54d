"""Untrusted text made safe to show: never markup, never a terminal escape. The one sanitiser.

Every string the console shows came from the API (names, descriptions, tags, error messages) or the
operator. Two things can go wrong with such a string: Rich/Textual markup in it is parsed (`[/x]`
crashes, `[@click=app.quit]` runs an action), and control characters reach the terminal (an ESC
starts an OSC 52 that writes the operator's clipboard, an OSC 0 that retitles the window, SGR / ED
that restyle or erase the screen; a C1 CSI U+009B does the same in one character; a bidi override
reorders what the operator reads). Everything on screen goes through `clean` (widgets get it as a
`Text`/`Content`, inputs through `tui.ui.forms.inputs.SafeInput`), so neither can happen.

The replacement scheme (one rule, every unsafe code point becomes exactly ONE visible character, so
lengths, cursor positions and column widths do not move):

- C0 controls U+0000–U+001F and DEL U+007F: their Unicode control picture (U+2400–U+241F, U+2421):
  ESC → ␛, NUL → ␀, BEL → ␇, TAB → ␉, LF → ␊, CR → ␍, DEL → ␡.
- Everything else that is unsafe has no picture and becomes U+FFFD (�): the C1 controls
  U+0080–U+009F (CSI U+009B, OSC U+009D, DCS U+0090, ST U+009C, ...), the bidi embeddings and
  overrides U+202A–U+202E, the isolates U+2066–U+2069, the marks LRM U+200E, RLM U+200F, ALM U+061C,
  and lone surrogates U+D800–U+DFFF (which cannot even be encoded to the terminal).

Single-line text (table cells, names, inputs) pictures tab and newline too. `multiline=True` (the
detail pane's description, the raw JSON) keeps newlines as line breaks, reads CRLF as one break and
expands a tab to four spaces; every other control is pictured as above.
"""

from __future__ import annotations

import re

from rich.text import Text

REPLACEMENT = "\ufffd"
_TABLE: dict[int, str] = {i: chr(0x2400 + i) for i in range(0x20)}  # NUL -> ␀, ESC -> ␛, ...
_TABLE[0x7F] = "\u2421"  # DEL -> ␡
for _code in (*range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C,
              *range(0xD800, 0xE000)):
    _TABLE[_code] = REPLACEMENT
del _code
_OTHER_UNSAFE = "\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ud800-\udfff"
_UNSAFE = re.compile(f"[\x00-\x1f{_OTHER_UNSAFE}]")
#: the same set without tab and newline (multi-line text keeps those as layout)
_UNSAFE_MULTILINE = re.compile(f"[\x00-\x08\x0b-\x1f{_OTHER_UNSAFE}]")

DEFAULT_LIMIT = 2000


def is_clean(text: str) -> bool:
    """True when `text` holds nothing `clean` would replace (single-line rules)."""
    return _UNSAFE.search(text) is None


def unsafe_characters(text: str) -> list[str]:
    """The unsafe code points in `text`, in order (for "field X holds control characters" notes)."""
    return _UNSAFE.findall(text)


def clean(value: object, *, multiline: bool = False, limit: int | None = DEFAULT_LIMIT) -> str:
    """`value` as a one-line (or multi-line) string with every control character made visible.

    Long values are cut at `limit` characters with a note of how much was left out, so a
    10,000-character name cannot stall rendering; `limit=None` keeps the length (inputs).
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if limit is not None and len(text) > limit:
        text = f"{text[:limit]}… (+{len(text) - limit} chars)"
    if multiline:
        if _UNSAFE_MULTILINE.search(text) is None and "\t" not in text:
            return text
        text = text.replace("\r\n", "\n").replace("\t", "    ")
        return "\n".join(part.translate(_TABLE) for part in text.split("\n"))
    if _UNSAFE.search(text) is None:
        return text
    return text.translate(_TABLE)


def safe(value: object, style: str = "", *, multiline: bool = False, limit: int | None = DEFAULT_LIMIT) -> Text:
    """A Rich `Text` for `value`: literal, styled as a whole, control characters visible."""
    return Text(clean(value, multiline=multiline, limit=limit), style=style, no_wrap=not multiline)


def cleaned(text: Text) -> Text:
    """`text` with every unsafe code point of its plain text replaced (one for one: spans keep their places).

    For `Text` assembled elsewhere (a picker's `describe`): the last guard before it is painted.
    """
    plain = text.plain
    if _UNSAFE.search(plain) is None:
        return text
    out = text.copy()
    out.plain = plain.translate(_TABLE)
    return out


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
