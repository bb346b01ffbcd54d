"""Shorter terminal output: each run of text is preceded only by the attributes that change.

Textual (through Rich) writes every segment as `ESC[<all its attributes>m text ESC[0m`: in truecolour
a 40-column line of five segments spends ~200 bytes on colours it repeats (the same foreground and
background, segment after segment). Over SSH that is most of what a keystroke costs. `SgrDelta`
rewrites what the console writes so that the terminal ends up in exactly the same state, cell by
cell, while only differences are sent: a reset followed by the same colours becomes nothing, a
change of foreground alone becomes `ESC[38;2;r;g;bm`, an attribute turned off becomes its own "off"
code (22, 23, 24, 27, ...) when that is shorter than a reset and the full set.

Rules that keep it exact (tests/ui/test_sgr.py feeds random streams to two emulated terminals):
- attributes are applied lazily, just before something that paints (text, control characters,
  erase/insert sequences) and before anything whose effect is not known; cursor moves and the
  private modes that do not touch attributes pass through without forcing them;
- a sequence that restores attributes (ESC 8, CSI u, ESC c, the alternate screen 1049/1047/1048) or
  an SGR parameter this module does not model makes the state unknown: SGR then passes through as
  written until one starts with a reset, and the next change after that is sent in full;
- every `encode` call ends with the terminal in the state the original text left it in, so output
  written without this filter (or a crash between two writes) never inherits stray attributes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: attribute codes kept as flags, and the code that turns each off
_OFF = {1: 22, 2: 22, 3: 23, 4: 24, 21: 24, 5: 25, 7: 27, 8: 28, 9: 29, 53: 55}
_ATTRS = frozenset(_OFF)
#: CSI finals that only move the cursor (they neither paint nor touch attributes)
_MOVES = frozenset("ABCDEFGHfd`ae")
#: private modes that save or restore the cursor, attributes included
_RESTORING_MODES = frozenset({"1047", "1048", "1049"})

_TOKEN = re.compile(
    r"(?P<csi>\x1b\[(?P<params>[0-?]*)(?P<inter>[ -/]*)(?P<final>[@-~]))"
    r"|(?P<string>\x1b[\]P^_X].*?(?:\x07|\x1b\\))"
    r"|(?P<esc>\x1b[ -/]*[0-~])"
    r"|(?P<text>[^\x1b]+)"
    r"|(?P<other>\x1b)",
    re.DOTALL,
)


@dataclass(frozen=True)
class Attrs:
    """What SGR has set: flags, and the colour parameters as written (e.g. "38;2;1;2;3", "31")."""

    flags: frozenset[int] = frozenset()
    fg: str | None = None
    bg: str | None = None
    ul: str | None = None

    def params(self) -> list[str]:
        out = [str(f) for f in sorted(self.flags)]
        out += [c for c in (self.fg, self.bg, self.ul) if c is not None]
        return out


DEFAULT = Attrs()


def apply_sgr(state: Attrs, params: str) -> Attrs | None:
    """`state` after `ESC[<params>m`, or None when a parameter is not one this module models."""
    if any(ch in params for ch in ":<=>?"):
        return None
    codes = params.split(";") if params else ["0"]
    flags, fg, bg, ul = set(state.flags), state.fg, state.bg, state.ul
    i = 0
    try:
        while i < len(codes):
            code = int(codes[i] or "0")
            if code == 0:
                flags, fg, bg, ul = set(), None, None, None
            elif code in _ATTRS:
                flags.add(code)
            elif code == 22:
                flags -= {1, 2}
            elif code in (23, 25, 27, 28, 29):
                flags.discard(code - 20)
            elif code == 24:
                flags -= {4, 21}
            elif code == 55:
                flags.discard(53)
            elif 30 <= code <= 37 or 90 <= code <= 97:
                fg = str(code)
            elif 40 <= code <= 47 or 100 <= code <= 107:
                bg = str(code)
            elif code == 39:
                fg = None
            elif code == 49:
                bg = None
            elif code == 59:
                ul = None
            elif code in (38, 48, 58):
                mode = int(codes[i + 1])
                size = {5: 3, 2: 5}[mode]
                parts = codes[i:i + size]
                if len(parts) != size or not all(p.isdigit() for p in parts):
                    return None
                value = ";".join(str(int(p)) for p in parts)
                if code == 38:
                    fg = value
                elif code == 48:
                    bg = value
                else:
                    ul = value
                i += size
                continue
            else:
                return None
            i += 1
    except (ValueError, IndexError, KeyError):
        return None
    return Attrs(frozenset(flags), fg, bg, ul)


def transition(actual: Attrs | None, want: Attrs) -> str:
    """The shortest SGR sequence that takes the terminal from `actual` (None: unknown) to `want`."""
    if actual == want:
        return ""
    full = ";".join(["0", *want.params()]) if want != DEFAULT else "0"
    if actual is None or want == DEFAULT:
        return f"\x1b[{full}m"
    codes: list[str] = []
    turned_off = actual.flags - want.flags
    off = sorted({_OFF[f] for f in turned_off})
    codes += [str(c) for c in off]
    add = want.flags - actual.flags
    if 22 in off:  # 22 clears bold and dim together: put back the one still wanted
        add |= want.flags & {1, 2}
    if 24 in off:
        add |= want.flags & {4, 21}
    codes += [str(f) for f in sorted(add)]
    for mine, theirs, reset in ((want.fg, actual.fg, "39"), (want.bg, actual.bg, "49"), (want.ul, actual.ul, "59")):
        if mine != theirs:
            codes.append(mine if mine is not None else reset)
    delta = ";".join(codes)
    return f"\x1b[{delta if len(delta) < len(full) else full}m"


class SgrDelta:
    """Stateful rewriter for one terminal (see the module docstring). Not thread-safe: one writer."""

    def __init__(self) -> None:
        self._actual: Attrs | None = DEFAULT  # what the terminal has (None: unknown)
        self._want: Attrs | None = DEFAULT  # what the original stream has set by now (None: unknown)

    def _sync(self, out: list[str]) -> None:
        if self._want is None:
            return  # the original's raw SGR already went out verbatim
        if self._actual != self._want:
            out.append(transition(self._actual, self._want))
            self._actual = self._want

    def encode(self, data: str) -> str:
        out: list[str] = []
        for match in _TOKEN.finditer(data):
            kind = match.lastgroup
            token = match.group(0)
            if kind == "text":
                self._sync(out)
                out.append(token)
            elif kind == "csi":
                final, params, inter = match.group("final"), match.group("params"), match.group("inter")
                if final == "m" and not inter:
                    resets = params in ("", "0") or params.startswith("0;")
                    base = self._want if self._want is not None else (DEFAULT if resets else None)
                    state = apply_sgr(base, params) if base is not None else None
                    if state is None:
                        # a parameter not modelled (or no known state to apply it to): send it as it
                        # is, on top of what the original had set; the state is unknown from here
                        if not resets:
                            self._sync(out)
                        out.append(token)
                        self._actual = self._want = None
                        continue
                    self._want = state
                elif final in _MOVES and not inter and not params.startswith("?"):
                    out.append(token)
                elif params.startswith("?") and final in "hl" and not inter:
                    modes = set(params[1:].split(";"))
                    if modes & _RESTORING_MODES:
                        self._sync(out)
                        out.append(token)
                        self._actual = self._want = None
                    else:
                        out.append(token)
                else:
                    self._sync(out)
                    out.append(token)
                    if final == "u" or (final == "p" and inter == "!"):
                        self._actual = self._want = None  # CSI u restores the cursor, attributes too
            elif kind == "string":
                out.append(token)  # OSC / DCS: titles, clipboard, queries; no attributes
            else:  # a lone or two-character escape (ESC 7, ESC 8, ESC c, ESC ( B, ...) or a stray ESC
                self._sync(out)
                out.append(token)
                if kind == "other" or token in ("\x1b8", "\x1bc"):
                    self._actual = self._want = None  # restored or reset: whatever they were
        self._sync(out)
        return "".join(out)
