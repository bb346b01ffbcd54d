"""How long an interactive call takes to report an unreachable endpoint (goal: < 3 s; SDK default ~95 s).

    .venv/bin/python tests/bench/unreachable.py [--blackhole 10.255.255.1] [--runs 5]

Prints one line per scenario: the median and worst seconds until the CloudError, and its code.
A closed loopback port measures refusal handling (retry + backoff); --blackhole measures the
connect timeout against an address that never answers (only meaningful where it is routable).
"""

from __future__ import annotations

import argparse
import socket
import statistics
import tempfile
import time
from pathlib import Path


from tui.cloud.auth import load_profile
from tui.cloud.clients import CloudSession
from tui.cloud.errors import CloudError
from tui.cloud.operations import GenAI
from tui.emulator import make_identity


def closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def measure(template: str, config_file: Path, tenancy: str, runs: int) -> tuple[list[float], str]:
    times, code = [], "?"
    for _ in range(runs):
        genai = GenAI(CloudSession(load_profile(config_file=str(config_file)), endpoint_template=template))
        start = time.monotonic()
        try:
            genai.list_models(tenancy)
            code = "no error?!"
        except CloudError as exc:
            code = exc.code or str(exc.status)
        times.append(time.monotonic() - start)
    return times, code


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--blackhole", default=None, help="an IP that drops SYNs, e.g. 10.255.255.1")
    args = parser.parse_args()
    ident = make_identity(Path(tempfile.mkdtemp()))
    scenarios = [("closed loopback port", f"http://127.0.0.1:{closed_port()}/{{region}}")]
    if args.blackhole:
        scenarios.append((f"blackhole {args.blackhole}", f"http://{args.blackhole}:8080/{{region}}"))
    for label, template in scenarios:
        times, code = measure(template, ident.config_file, ident.tenancy_id, args.runs)
        print(f"unreachable endpoint ({label}): median {statistics.median(times):.3f} s, "
              f"worst {max(times):.3f} s over {len(times)} runs -> CloudError {code}")


if __name__ == "__main__":
    main()
