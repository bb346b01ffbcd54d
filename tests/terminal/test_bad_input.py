"""Bytes on stdin that are not UTF-8 never kill the console (issue 10 §2).

Before the guard, Textual's input thread died on the first such byte (an 8-bit C1 CSI `0x9B`, a
Latin-1 paste `caf\\xe9`) and the console exited with status 0, nothing logged, the wizard draft
lost. Here the bytes are written to the pseudo-terminal into a wizard field holding a typed draft:
the console must still run, show each bad sequence as U+FFFD, still answer keys, keep the draft,
and say once in its log how many bytes it replaced.
"""

from __future__ import annotations

from .harness import Console
from .test_escapes import click, key, line_of, type_text

MODEL_ID = "google/gemma-2-9b-it"


def test_non_utf8_bytes_on_stdin_keep_the_console_and_the_draft(launch, tmp_path):
    console: Console = launch("demo")
    click(console, 3, line_of(console, "legal-summarizer"))
    console.wait_quiet(0.3)
    key(console, "2", "imported models in")
    key(console, "n", "Import a model")
    console.wait_for("Where the model artifacts come from.")
    click(console, 2, line_of(console, "Model id (org/name)") + 1)
    console.wait_quiet(0.2)
    type_text(console, MODEL_ID)
    console.wait_for(MODEL_ID)

    console.type_burst(b"\x9b")  # 8-bit CSI / a meta key
    console.wait_quiet(0.2)
    console.type_burst(b"caf\xe9 cr\xe8me")  # a Latin-1 paste
    console.wait_quiet(0.2)
    console.type_burst(b"\xff\xfe")  # never UTF-8
    console.wait_for(MODEL_ID + "\ufffdcaf\ufffd cr\ufffdme\ufffd\ufffd")  # the draft, each bad byte shown as �
    assert console.exitstatus() is None, "the console is still running"

    # it still answers keys: next refuses the field (its rule shows in the status line too), then
    # the wizard closes and help opens over the list
    key(console, "ctrl+n")
    console.wait_until(lambda: console.screen_text().count("✗ Model id (org/name)") == 2,
                       what="the wizard to refuse the field in its status line")
    console.wait_for(MODEL_ID)  # the draft is still there
    key(console, "escape")
    console.wait_gone("Import a model")
    key(console, "?", "Keys")
    key(console, "escape")
    console.wait_gone("Keys")
    assert console.exitstatus() is None

    log = (tmp_path / "console-0.log").read_text(encoding="utf-8")
    warnings = [line for line in log.splitlines() if "not UTF-8" in line]
    assert len(warnings) == 1, log  # logged once, with the count of the first read
    assert "WARNING" in warnings[0] and "byte(s)" in warnings[0]
