"""Reply latency of the local service on a keep-alive connection, and a 100-page list through the SDK.

Run: .venv/bin/python tests/bench/keepalive.py [REQUESTS]

Why: a reply written as two small sends (headers, then body) on a socket with Nagle's algorithm on
waits for the client's delayed ACK (~40 ms) on every keep-alive request. The local service runs in
its own process (seed scale:160) like a remote endpoint would; the figures are:
- raw: median / p90 per-request time of unauthenticated GETs on one http.client connection;
- sdk get: median per `GenAI.get_model` on the SDK's pooled keep-alive connection;
- 100-page list: `GenAI.list_models(page_size=2)` over 200 models (160 custom + 40 base) (100 round trips).
"""

from __future__ import annotations

import http.client
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def start_service(seed: str) -> tuple[subprocess.Popen[bytes], dict[str, object], Path]:
    directory = Path(tempfile.mkdtemp(prefix="bench-keepalive-"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui.emulator", "--port", "0", "--write-config", str(directory), "--seed", seed,
         "--ready-json", "--exit-with-stdin"],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )
    assert proc.stdout is not None
    info = json.loads(proc.stdout.readline())
    return proc, info, directory


def main(count: int) -> None:
    proc, info, directory = start_service("scale:160")
    try:
        from tui.cloud.auth import load_profile
        from tui.cloud.clients import CloudSession
        from tui.cloud.operations import GenAI

        url = str(info["url"])
        host, port = url.removeprefix("http://").split(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        raw: list[float] = []
        for _ in range(count):
            started = time.perf_counter()
            conn.request("GET", "/20231130/models?compartmentId=x")
            conn.getresponse().read()
            raw.append(time.perf_counter() - started)
        conn.close()

        session = CloudSession(load_profile(config_file=str(info["config_file"])),
                               endpoint_template=str(info["endpoint_template"]))
        genai = GenAI(session)
        extras = info["extras"]
        assert isinstance(extras, dict)
        compartment = str(extras["scale_compartment_id"])
        first = genai.list_models(compartment, page_size=1).data[0].id
        sdk: list[float] = []
        for _ in range(count):
            started = time.perf_counter()
            genai.get_model(first)
            sdk.append(time.perf_counter() - started)
        started = time.perf_counter()
        listed = genai.list_models(compartment, page_size=2)
        list_time = time.perf_counter() - started

        def ms(values: list[float], q: float = 0.5) -> float:
            ordered = sorted(values)
            return 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))]

        print(f"raw keep-alive GET: median {ms(raw):.2f} ms, p90 {ms(raw, 0.9):.2f} ms "
              f"(mean {1000 * statistics.fmean(raw):.2f} ms, n={count})")
        print(f"sdk get_model:      median {ms(sdk):.2f} ms, p90 {ms(sdk, 0.9):.2f} ms (n={count})")
        print(f"100-page list:      {listed.pages} pages, {len(listed.data)} items in {list_time:.3f} s "
              f"({1000 * list_time / listed.pages:.2f} ms/page)")
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(10)
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
