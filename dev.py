#!/usr/bin/env python3
"""Set up the project in ./.venv and run it: `python3 dev.py demo`, `python3 dev.py test`, `python3 dev.py check`.

Needs only python3. The first run creates the virtual environments (the OCI CLI, which one test
drives, gets its own in ./.venv-cli because it pins its own `oci` version); later runs reuse them
and reinstall only when pyproject.toml changed.

`check` runs the three checkers configured in pyproject.toml (ruff, mypy, import-linter) from
./.venv, prints each one's result and exits non-zero if any failed. `test --thorough` runs the
property tests with the thorough hypothesis profile (more examples) instead of the CI one, and
the terminal burst tests with 40 rounds instead of 10.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
import venv
from concurrent.futures import ThreadPoolExecutor
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
    # --no-compile: the OCI SDK is thousands of modules and a run imports a few hundred; Python
    # writes the bytecode of those on first import instead of pip compiling every one up front
    pip = [str(_bin(env, "python")), "-m", "pip", "install", "--disable-pip-version-check", "-q", "--no-compile"]
    print(f"installing into {env.name}: {' '.join(requirement_args)}", flush=True)
    subprocess.run(pip + requirement_args, check=True, cwd=ROOT)
    stamp.write_text(want)


def setup(with_tests: bool) -> None:
    pyproject = (ROOT / "pyproject.toml").read_text()
    target = ".[test]" if with_tests else "."
    if not with_tests:
        _ensure(VENV, ["-e", target], pyproject + target)
        return
    # the two environments are independent: build them side by side (installing is mostly waiting
    # on the disk and unpacking, so two at once finish well before two in a row)
    with ThreadPoolExecutor(max_workers=2) as pool:
        jobs = [pool.submit(_ensure, VENV, ["-e", target], pyproject + target),
                pool.submit(_ensure, CLI_VENV, [OCI_CLI], OCI_CLI)]
        for job in jobs:
            job.result()
    _tests_importable(VENV)


def _tests_importable(env: Path) -> None:
    """Put the checkout on the dev environment's path, so `tests` is a package there: what pytest's
    `pythonpath = ["."]` does for the suite, this does for the scripts in tests/bench (run as
    `.venv/bin/python tests/bench/X.py`), which then import `tests.bench._service` with no
    `sys.path` edits of their own. Only the dev environment: the wheel ships `tui` alone."""
    found = subprocess.run([str(_bin(env, "python")), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                           check=True, capture_output=True, text=True).stdout.strip()
    pth = Path(found) / "oci_genai_tui_checkout.pth"
    if not pth.exists() or pth.read_text().strip() != str(ROOT):
        pth.write_text(f"{ROOT}\n")


# The checkers, in the order CI runs them: (name, argv after the venv's bin directory).
CHECKS: list[tuple[str, list[str]]] = [
    ("ruff", ["ruff", "check", "tui", "tests"]),
    ("mypy", ["mypy"]),  # the packages and the strictness are in [tool.mypy]
    ("import-linter", ["lint-imports"]),  # the contracts are in [tool.importlinter]
]


def check() -> int:
    """Run every checker (all of them, even after a failure) and summarise; 0 only if all pass."""
    setup(with_tests=True)
    failed: list[str] = []
    for name, argv in CHECKS:
        print(f"== {name}", flush=True)
        started = time.monotonic()
        code = subprocess.call([str(_bin(VENV, argv[0])), *argv[1:]], cwd=ROOT)
        verdict = "ok" if code == 0 else f"FAILED (exit {code})"
        print(f"== {name}: {verdict} in {time.monotonic() - started:.1f} s", flush=True)
        if code != 0:
            failed.append(name)
    print("check: " + (f"failed: {', '.join(failed)}" if failed else "all passed"), flush=True)
    return 1 if failed else 0


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "help"
    rest = argv[1:]
    if command == "demo":
        setup(with_tests=False)
        return subprocess.call([str(_bin(VENV, "oci-genai-tui")), "--demo", *rest])
    if command == "test":
        setup(with_tests=True)
        env = dict(os.environ, OCI_CLI_BIN=str(_bin(CLI_VENV, "oci")))
        if "--thorough" in rest:  # more hypothesis examples (tests/conftest.py registers the profiles)
            rest = [arg for arg in rest if arg != "--thorough"]
            env["OCI_GENAI_TUI_HYPOTHESIS"] = "thorough"
            env.setdefault("BURST_ROUNDS", "40")  # the terminal burst tests: more rounds per burst
        # one worker more than cores: the suite waits on the local service, child consoles and
        # pilots for about a third of its time (5:36 at -n 2 used 63% of 2 cores; -n 3: 4:06)
        args = rest or ["-q", "-n", str((os.cpu_count() or 1) + 1)]
        return subprocess.call([str(_bin(VENV, "python")), "-m", "pytest", *args], cwd=ROOT, env=env)
    if command == "check":
        return check()
    if command == "setup":
        setup(with_tests=True)
        return 0
    print(__doc__)
    return 0 if command in ("help", "-h", "--help") else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
