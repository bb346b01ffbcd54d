"""tui/ui/sgr.py: the rewritten output leaves a terminal in exactly the state the original does.

Two emulated terminals (pyte) are fed the same random streams, one as written and one through
`SgrDelta` (split into several `encode` calls, as frames are): every cell (character, colours,
attributes), the cursor and the attributes it would print with next must match after each call.
Streams are built the way Textual writes (Rich's `Style.render`: all attributes, text, reset) mixed
with cursor moves, erases, line breaks, save/restore, unmodelled SGR codes and partial resets.
"""

from __future__ import annotations

import pyte
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.color import ColorSystem
from rich.style import Style

from tui.ui.sgr import DEFAULT, SgrDelta, apply_sgr, transition

COLS, LINES = 30, 6

colors = st.one_of(
    st.none(),
    st.sampled_from(["red", "bright_green", "blue", "default"]),
    st.integers(16, 255).map(lambda n: f"color({n})"),
    st.tuples(st.integers(0, 255), st.integers(0, 255), st.integers(0, 255)).map(lambda c: f"rgb({c[0]},{c[1]},{c[2]})"),
)
styles = st.builds(
    lambda fg, bg, bold, dim, italic, underline, reverse, strike, blink: Style(
        color=fg, bgcolor=bg, bold=bold, dim=dim, italic=italic, underline=underline, reverse=reverse,
        strike=strike, blink=blink),
    colors, colors, st.booleans(), st.booleans(), st.booleans(), st.booleans(), st.booleans(), st.booleans(),
    st.booleans(),
)
words = st.text(alphabet="ab ▏█é", min_size=1, max_size=6)


def segment(style: Style, text: str) -> str:
    return style.render(text, color_system=ColorSystem.TRUECOLOR)


chunks = st.one_of(
    st.builds(segment, styles, words),
    words,
    st.builds(lambda r, c: f"\x1b[{r};{c}H", st.integers(1, LINES), st.integers(1, COLS)),
    st.sampled_from(["\r\n", "\x1b[K", "\x1b[2K", "\x1b[3X", "\x1b[m", "\x1b[0m", "\x1b[22m", "\x1b[39;49m",
                     "\x1b[?25l", "\x1b[?2026h", "\x1b[?2026l", "\x1b7", "\x1b8", "\x1b[6m", "\x1b[1;6m", "\x1b[0;6m",
                     "\x1b]0;title\x07", "\x1b[2C", "\x1b[A", "\x1b[1;38;5;200m", "\x1b[24m", "\x1b[5;7m"]),
)


def state(screen: pyte.Screen) -> tuple:
    cells = tuple(
        tuple((c.data, c.fg, c.bg, c.bold, c.italics, c.underscore, c.strikethrough, c.reverse, c.blink)
              for c in (screen.buffer[y][x] for x in range(COLS)))
        for y in range(LINES)
    )
    a = screen.cursor.attrs
    cursor = (screen.cursor.x, screen.cursor.y, a.fg, a.bg, a.bold, a.italics, a.underscore, a.strikethrough,
              a.reverse, a.blink)
    return cells, cursor


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(chunks, max_size=12), min_size=1, max_size=5))
def test_rewritten_stream_paints_the_same(frames):
    plain, rewritten = pyte.Screen(COLS, LINES), pyte.Screen(COLS, LINES)
    feed_plain, feed_rewritten = pyte.Stream(plain), pyte.Stream(rewritten)
    delta = SgrDelta()
    for frame in frames:
        data = "".join(frame)
        feed_plain.feed(data)
        feed_rewritten.feed(delta.encode(data))
        assert state(rewritten) == state(plain), (frame, delta.encode(data))


def test_repeated_colours_are_sent_once():
    fg_bg = Style(color="rgb(226,228,232)", bgcolor="rgb(30,35,43)")
    line = "".join(segment(fg_bg + Style(bold=b), f"w{i} ") for i, b in enumerate([True, False, False, True]))
    out = SgrDelta().encode(line)
    assert out.count("38;2;226;228;232") == 1 and out.count("48;2;30;35;43") == 1, repr(out)
    assert len(out) < len(line) * 0.6


def test_a_frame_ends_in_the_original_state():
    assert SgrDelta().encode(segment(Style(bold=True), "x")).endswith("\x1b[0m")
    assert SgrDelta().encode("\x1b[1mx").endswith("x")  # left bold, as the original leaves it


def test_transition_picks_the_shorter_form():
    bold_red = apply_sgr(DEFAULT, "1;31")
    red = apply_sgr(DEFAULT, "31")
    assert transition(bold_red, red) == "\x1b[22m"
    assert transition(red, bold_red) == "\x1b[1m"
    assert transition(None, red) == "\x1b[0;31m"  # unknown state: reset first
    assert transition(red, DEFAULT) == "\x1b[0m"
    assert apply_sgr(DEFAULT, "6") is None and apply_sgr(DEFAULT, "4:3") is None
