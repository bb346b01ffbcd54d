#!/usr/bin/env python3
"""Set up the project in ./.venv and run it: `python3 dev.py demo` or `python3 dev.py test`.

Needs only python3. The first run creates the virtual environments (the OCI CLI, which one test
drives, gets its own in ./.venv-cli because it pins its own `oci` version); later runs reuse them
and reinstall only when pyproject.toml changed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
CLI_VENV = ROOT / ".venv-cli"
OCI_CLI = "oci-cli==3.95.1"


def _bin(env: Path, name: str) -> Path:
    return env / ("Scripts" if os.name == "nt" else "bin") / name


def _ensure(env: Path, requirement_args: list[str], stamp_text: str) -> None:
    stamp = env / ".installed"
    want = hashlib.sha256(stamp_text.encode()).hexdigest()
    if stamp.exists() and stamp.read_text() == want and _bin(env, "python").exists():
        return
    if not _bin(env, "python").exists():
        print(f"creating {env.name} ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(env)
    pip = [str(_bin(env, "python")), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    print(f"installing into {env.name}: {' '.join(requirement_args)}", flush=True)
    subprocess.run(pip + requirement_args, check=True, cwd=ROOT)
    stamp.write_text(want)


def setup(with_tests: bool) -> None:
    pyproject = (ROOT / "pyproject.toml").read_text()
    target = ".[test]" if with_tests else "."
    _ensure(VENV, ["-e", target], pyproject + target)
    if with_tests:
        _ensure(CLI_VENV, [OCI_CLI], OCI_CLI)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "help"
    rest = argv[1:]
    if command == "demo":
        setup(with_tests=False)
        return subprocess.call([str(_bin(VENV, "oci-genai-tui")), "--demo", *rest])
    if command == "test":
        setup(with_tests=True)
        env = dict(os.environ, OCI_CLI_BIN=str(_bin(CLI_VENV, "oci")))
        args = rest or ["-q", "-n", "2"]
        return subprocess.call([str(_bin(VENV, "python")), "-m", "pytest", *args], cwd=ROOT, env=env)
    if command == "setup":
        setup(with_tests=True)
        return 0
    print(__doc__)
    return 0 if command in ("help", "-h", "--help") else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
