"""`python -m tui.emulator` writes a config the SDK accepts, prints the endpoint template on one
line, and serves until interrupted."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import oci

REPO = Path(__file__).resolve().parents[2]


def test_standalone_serves_with_written_config(tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui.emulator", "--port", "0", "--write-config", str(tmp_path), "--seed", "demo",
         "--region", "fra", "--pace", "50"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        template = proc.stdout.readline().strip()
        assert template.startswith("http://127.0.0.1:") and template.endswith("/{region}")
        hint = proc.stdout.readline()
        assert "config" in hint
        assert (tmp_path / "key.pem").stat().st_mode & 0o777 == 0o600
        config = oci.config.from_file(str(tmp_path / "config"), "DEFAULT")
        assert config["region"] == "eu-frankfurt-1"
        base = template.replace("/{region}", "")
        gen = oci.generative_ai.GenerativeAiClient(config, service_endpoint=base,  # bare URL = home region
                                                   retry_strategy=oci.retry.NoneRetryStrategy())
        items = gen.list_models(config["tenancy"], limit=1000).data.items
        assert items and all(".eu-frankfurt-1." in i.id for i in items)
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)  # a bound for a loaded machine, not a speed goal
    assert proc.returncode == 0


def test_bad_arguments_exit_nonzero(tmp_path):
    bad = subprocess.run([sys.executable, "-m", "tui.emulator", "--region", "moon-1", "--write-config",
                          str(tmp_path)], cwd=REPO, capture_output=True, text=True, timeout=30)
    assert bad.returncode == 2 and "moon-1" in bad.stderr


def test_ready_json_for_a_parent_process_and_exit_when_stdin_closes(tmp_path):
    """What `--demo` relies on: one JSON line to connect with, and no orphan when the parent goes."""
    import json

    proc = subprocess.Popen(
        [sys.executable, "-m", "tui.emulator", "--port", "0", "--write-config", str(tmp_path),
         "--seed", "demo", "--ready-json", "--exit-with-stdin"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        info = json.loads(proc.stdout.readline())
        assert info["endpoint_template"].endswith("/{region}") and info["url"].startswith("http://127.0.0.1:")
        assert info["config_file"] == str(tmp_path / "config") and info["profile"] == "DEFAULT"
        assert info["extras"]["models_compartment_id"].startswith("ocid1.compartment.")
        proc.stdin.close()
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
