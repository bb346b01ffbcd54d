"""No terminal escape from service data reaches the operator's terminal (issue 10 §1, DESIGN.md §5).

The `hostile` seed puts OSC 52 (clipboard), OSC 0 / 2 (window title), SGR, ED, DCS, APC, the 8-bit C1
forms of CSI / OSC / DCS and bidi overrides into every name, description, vendor, version and tag.
The console, on a real pseudo-terminal, opens every view, the detail pane, the raw JSON, the edit,
move and delete dialogs and both wizards' steps that show service text; then the exact bytes it
wrote are scanned. Textual writes one kind of OSC of its own (OSC 22, the mouse pointer shape:
`default` at start, `text` once a click lands on text; measured on the `demo` seed by
`test_textual_writes_only_the_pointer_shape_osc`); any other OSC, and any DCS, APC, C1 control, bidi
control or data SGR / ED sequence, came from the data.

Keys are written one at a time, each waiting for what it opens (key routing after a focus change
is proved elsewhere). A click on a row gives the table the focus first.
"""

from __future__ import annotations

import re
import time

from .harness import Console, escape_counts
from tui.emulator.seed_hostile import ESCAPE_PAYLOADS

#: The only OSC Textual itself writes in these runs: the mouse pointer shape.
TEXTUAL_OSC = re.compile(rb"\x1b\]22;[a-z-]+\x07")
#: Bidi embeddings, overrides, isolates and marks, and the C1 controls, as UTF-8 or as 8-bit bytes.
BIDI_OR_C1 = re.compile("[\u0080-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
#: SGR / ED forms that appear in the data and that Textual never writes (it writes 38;2;r;g;b colours).
DATA_CSI = (b"\x1b[5;31;47m", b"\x1b[31m", b"\x1b[1J", b"\x1b[2J")


def click(console: Console, x: int, y: int) -> None:
    """A left click at 0-based screen cell (x, y), as an xterm sends it (SGR mouse mode)."""
    console.type_burst(f"\x1b[<0;{x + 1};{y + 1}M\x1b[<0;{x + 1};{y + 1}m")


def line_of(console: Console, needle: str) -> int:
    console.wait_for(needle)
    return next(n for n, line in enumerate(console.screen_lines()) if needle in line)


def key(console: Console, name: str, then: str | None = None) -> None:
    """One key; wait for `then` on screen (or for the console to go quiet)."""
    console.press(name)
    if then is not None:
        console.wait_for(then)
    console.wait_quiet(0.2)


def type_text(console: Console, text: str) -> None:
    for ch in text:
        console.type_burst(ch)
        console.wait_quiet(0.05)


def scan(raw: bytes) -> dict[str, int]:
    """What in `raw` did not come from Textual: counts by kind (all must be 0)."""
    counts = escape_counts(raw)
    text = raw.decode("utf-8", errors="replace")
    found = {
        "OSC (not Textual's)": counts["OSC"] - len(TEXTUAL_OSC.findall(raw)),
        "OSC 52": counts["OSC 52"],
        "OSC 0": counts["OSC 0"],
        "OSC 2": raw.count(b"\x1b]2;"),
        "DCS": counts["DCS"],
        "APC": counts["APC"],
        "C1 or bidi": len(BIDI_OR_C1.findall(text)),
    }
    for seq in DATA_CSI:
        found[f"CSI {seq[1:].decode()}"] = raw.count(seq)
    for name, payload in ESCAPE_PAYLOADS.items():
        found[f"payload {name}"] = raw.count(payload.encode("utf-8"))
    return found


def open_row_views(console: Console, row_text: str, title: str) -> None:
    """Select the row showing `row_text`, open its detail pane and its raw JSON, then close them;
    then its full-screen describe (`d`) in YAML and JSON."""
    click(console, 3, line_of(console, row_text))
    console.wait_quiet(0.3)
    key(console, "enter", title)
    key(console, "y", "(raw JSON")
    key(console, "y")
    key(console, "enter")
    key(console, "d", "YAML  y: YAML/JSON")  # the full-screen describe, YAML then JSON
    key(console, "y", "JSON (camelCase")
    key(console, "escape")
    console.wait_gone("y: YAML/JSON")


def open_dialogs(console: Console, kind_title: str) -> None:
    """Edit, move (through the compartment picker) and delete on the selected row, each cancelled."""
    key(console, "e", f"Edit {kind_title}")
    console.wait_for("Loaded ")
    key(console, "escape")
    console.wait_gone(f"Edit {kind_title}")
    key(console, "m", "type to search")
    key(console, "enter", f"Move {kind_title} to another compartment")
    console.wait_for("already in that compartment")
    key(console, "escape")
    console.wait_gone(f"Move {kind_title}")
    key(console, "ctrl+d", f"Delete {kind_title}?")
    console.wait_for("etag")
    key(console, "escape")
    console.wait_gone(f"Delete {kind_title}?")


def walk_fine_tune_wizard(console: Console) -> None:
    """The base-model list (a hostile base model in it), then on to the cluster list (a hostile cluster)."""
    key(console, "n", "Fine-tune a base model")
    console.wait_for("base-esc:")  # the hostile base model, listed
    click(console, 4, line_of(console, "filter fine-tunable base models"))
    console.wait_quiet(0.2)
    type_text(console, "command-r-08-2024")
    console.wait_for("1 of ")
    key(console, "enter", "Methods offered for cohere.command-r-08-2024")
    key(console, "ctrl+n", "Prefilled with the documented defaults")
    key(console, "ctrl+n", "The training data")
    console.wait_quiet(0.2)
    console.type_burst("ns\tbucket\ttrain.jsonl")  # the step focuses Namespace; Tab moves on (one burst)
    console.wait_for("train.jsonl")
    key(console, "ctrl+n", "An ACTIVE fine-tuning dedicated AI cluster")
    console.wait_for("ft-esc:")  # the hostile cluster, listed
    key(console, "escape", "Press esc again")
    key(console, "escape")
    console.wait_gone("Fine-tune a base model")


def test_textual_writes_only_the_pointer_shape_osc(launch):
    """The baseline: on the demo seed, the only OSC in the stream is Textual's pointer shape."""
    console = launch("demo")
    click(console, 3, line_of(console, "legal-summarizer"))
    key(console, "enter", "Model: legal-summarizer")
    console.wait_quiet(0.5)
    raw = bytes(console.raw)
    counts = escape_counts(raw)
    assert counts["OSC"] == len(TEXTUAL_OSC.findall(raw)) >= 1
    assert b"\x1b]22;default\x07" in TEXTUAL_OSC.findall(raw)
    assert all(raw.count(seq) == 0 for seq in DATA_CSI)
    assert not BIDI_OR_C1.search(raw.decode("utf-8", errors="replace"))


def test_no_escape_from_hostile_data_reaches_the_terminal(launch):
    console = launch("hostile")
    start = time.monotonic()
    # 1: models (the escapes model: its name, description, vendor, version and tags carry them all)
    open_row_views(console, "esc:␛]52", "Model:")
    open_dialogs(console, "model")
    walk_fine_tune_wizard(console)
    # 2: imported models
    key(console, "2", "imported models in")
    open_row_views(console, "TEXT_TO_TEXT", "Imported model:")
    open_dialogs(console, "imported model")
    key(console, "n", "Import a model")
    console.wait_for("Where the model artifacts come from.")
    key(console, "escape")
    console.wait_gone("Import a model")
    # 3: work requests (the failed fine-tune's error message carries them)
    key(console, "3", "work requests")
    click(console, 3, line_of(console, "FAILED"))
    console.wait_quiet(0.3)
    key(console, "enter")
    console.wait_quiet(0.5)
    found = scan(bytes(console.raw))
    print(f"escape scan after {time.monotonic() - start:.0f} s: {found}")
    assert found == dict.fromkeys(found, 0), found
    assert console.exitstatus() is None, "the console is still running"
