"""The official OCI CLI, kept running: one process answers many commands (run by the CLI's own Python).

Each `oci` process spends about a second (more under load) importing the CLI before it sends a
request; the CLI tests issue some 40 commands. This server imports the CLI once and then runs each
command through the CLI's own click entry point (`oci_cli.cli.cli`), exactly as the `oci` script
does, with the command's argv, environment and a closed stdin (a prompt fails instead of waiting).
Protocol: one JSON object per line on stdin, {"argv": [...], "env": {...}}; one JSON line back,
{"code": exit status, "stdout": ..., "stderr": ...}. `tests/emulator/test_oci_cli.py` keeps a few
of these side by side; the token-mode test still starts the real `oci` binary once per mode.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import traceback


def main() -> None:
    requests = os.fdopen(os.dup(0), "r")
    replies = sys.stdout
    sys.stdin = open(os.devnull)  # noqa: SIM115 - a prompt reads EOF, it never eats the next request
    sys.argv = ["oci", "generative-ai"]  # the CLI's dynamic loader reads argv to pick service modules
    import click
    from oci_cli.cli import cli

    for line in requests:
        request = json.loads(line)
        argv, env = list(request["argv"]), dict(request.get("env") or {})
        saved = dict(os.environ)
        os.environ.update(env)
        sys.argv = ["oci", *argv]
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                result = cli.main(args=argv, prog_name="oci", standalone_mode=False)
                code = result if isinstance(result, int) else 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            except click.exceptions.ClickException as exc:
                exc.show()
                code = exc.exit_code
            except click.exceptions.Abort:
                code = 1
            except Exception:
                traceback.print_exc()
                code = 1
        os.environ.clear()
        os.environ.update(saved)
        replies.write(json.dumps({"code": code, "stdout": out.getvalue(), "stderr": err.getvalue()}) + "\n")
        replies.flush()


if __name__ == "__main__":
    main()
