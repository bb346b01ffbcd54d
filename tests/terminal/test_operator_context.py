"""On a real terminal: the header keeps the compartment's own name at any width, a failed
connection says so in the header (and `r` retries it), and bad flags stop before the screen opens."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from tui.emulator import Emulator, RealClock

LEAF = "genai-prod-models-archive"


@pytest.mark.parametrize("width", [60, 80, 120])
def test_header_keeps_the_leaf_of_a_deep_compartment(launch, make_emulator, width):
    emu = make_emulator("demo", clock=RealClock(1.0))
    archive = emu.seed_info.compartments[LEAF]
    console = launch(emulator=emu, compartment=archive, size=(width, 24))
    console.wait_until(lambda: LEAF in console.header(), 20, "the compartment's name in the header")
    header = console.header()
    assert len(header) <= width
    if width >= 120:
        assert "genai-prod/genai-prod-models/" + LEAF in header  # the whole path fits
    else:
        assert "…/" in header and header.rstrip().endswith(LEAF), header  # elided from the left
    assert "DEFAULT" in header or width < 80  # the profile goes only when nothing else fits
    assert "us-chicago-1" in header or "ord" in header


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_failed_connection_says_so_and_r_retries(launch, identity, make_emulator):
    port = free_port()  # nothing listens there yet
    emu = Emulator(seed="demo", tenancy_id=identity.tenancy_id, clock=RealClock(1.0))
    emu.add_key(identity.key_id, identity.public_key_pem)
    compartment = emu.seed_info["models_compartment_id"]
    try:
        console = launch(args=["--endpoint-template", f"http://127.0.0.1:{port}/{{region}}", "--refresh", "0"],
                         compartment=compartment, emulator=make_emulator("empty"), wait_connected=False)
        console.wait_until(lambda: "not connected" in console.header(), 30, "'not connected' in the header")
        assert "connecting…" not in console.header()
        assert "refused" in console.header().lower()
        console.type_burst("n")
        console.wait_for("Not connected:")
        assert "Choose a compartment first" not in console.screen_text()
        emu.start(port=port)  # the service comes up: `r` retries the connection
        console.type_burst("r")
        console.wait_for("support-bot-v1", timeout=30)
        console.wait_until(lambda: "not connected" not in console.header(), 10, "the header to clear")
    finally:
        emu.stop()


@pytest.mark.parametrize("flags, says", [
    (["--region", "mars-north-1"], "unknown region 'mars-north-1'"),
    (["--profile", "NOPE"], "unknown profile 'NOPE'"),
    (["--theme", "no-such-theme"], "unknown theme 'no-such-theme'"),
    (["--compartment", "ocid1.compartment.oc1..bad id"], "is not a compartment OCID"),
    (["--compartment", "genai prod/models"], "neither an OCID nor a compartment name"),
    (["--refresh", "soon"], "refresh interval"),
])
def test_bad_flags_end_with_one_line_and_exit_2(identity, tmp_path, flags, says):
    from .harness import console_env

    result = subprocess.run([sys.executable, "-m", "tui", "--config-file", str(identity.config_file), *flags],
                            env=console_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0], result.stderr
    assert result.stdout == ""
