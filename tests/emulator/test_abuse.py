"""The local service under abuse: bounded memory and threads, body framing checked before
authentication, a deep JSON body, and replies written in one piece (no Nagle wait on keep-alive).

Raw sockets here, because the point is what a client that is not the SDK can do to the port.
"""

from __future__ import annotations

import http.client
import json
import select
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tui.emulator.server import LOGGED_PATH_CHARS, MAX_BODY_BYTES, RequestLog, RequestRecord

ROOT = Path(__file__).resolve().parents[2]
LONG_ID = "ocid1.generativeaimodel.oc1.us-chicago-1." + "a" * (60 * 1024)


def raw(emu, request: bytes, *, timeout: float = 5.0) -> bytes:
    """Send `request` on a fresh connection; what came back before the server closed or went quiet."""
    with socket.create_connection(("127.0.0.1", emu.port), timeout=timeout) as sock:
        sock.sendall(request)
        chunks = []
        try:
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
                if b"\r\n\r\n" in b"".join(chunks):
                    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
                    length = [int(line.split(b":")[1]) for line in head.split(b"\r\n")
                              if line.lower().startswith(b"content-length:")]
                    if length and len(body) >= length[0]:
                        break
        except TimeoutError:
            pytest.fail(f"no complete reply within {timeout} s; got {b''.join(chunks)[:200]!r}")
        return b"".join(chunks)


def status_of(reply: bytes) -> int:
    return int(reply.split(b" ", 2)[1])


def body_of(reply: bytes) -> dict:
    return json.loads(reply.partition(b"\r\n\r\n")[2])


POST_HEAD = b"POST /20231130/models HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n"


@pytest.mark.parametrize("value", [b"abc", b"-1", b"1.5", b" 12x", b"99999999999999999999999"])
def test_a_malformed_content_length_is_400_at_once(make_emulator, value):
    emu = make_emulator()
    reply = raw(emu, POST_HEAD + b"Content-Length: " + value + b"\r\n\r\n{}")
    assert status_of(reply) == 400 and body_of(reply)["code"] == "InvalidContentLength"
    assert emu.requests[-1].status == 400


def test_a_body_without_content_length_is_411(make_emulator):
    emu = make_emulator()
    assert status_of(raw(emu, POST_HEAD + b"\r\n")) == 411
    chunked = raw(emu, POST_HEAD + b"Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n")
    assert status_of(chunked) == 411


def test_conflicting_content_lengths_are_400(make_emulator):
    emu = make_emulator()
    assert status_of(raw(emu, POST_HEAD + b"Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}x")) == 400


def test_a_body_over_the_cap_is_413_without_being_read(make_emulator):
    emu = make_emulator()
    reply = raw(emu, POST_HEAD + f"Content-Length: {MAX_BODY_BYTES + 1}\r\n\r\n".encode() + b"{")  # 1 byte sent
    assert status_of(reply) == 413 and b"connection: close" in reply.lower()


def test_a_deeply_nested_json_body_is_400_and_the_connection_lives(make_emulator, signed, send):
    emu = make_emulator()
    body = b"[" * 100_000 + b"]" * 100_000
    reply = send(signed("POST", emu.url + "/20231130/models", body))
    assert reply.status_code == 400 and reply.json()["code"] == "CannotParseRequest"
    again = send(signed("GET", emu.url + f"/20231130/models?compartmentId={emu.tenancy_id}"))
    assert again.status_code == 200  # same pooled session: nothing was dropped


def test_request_log_is_a_ring_and_paths_are_cut(make_emulator):
    log = RequestLog(limit=3)
    for n in range(5):
        log.append(RequestRecord("GET", f"/{n}", None, None, 200))
    assert [r.path for r in log] == ["/2", "/3", "/4"] and [r.path for r in log[-2:]] == ["/3", "/4"]
    emu = make_emulator()
    assert status_of(raw(emu, f"GET /20231130/models/{LONG_ID} HTTP/1.1\r\nHost: x\r\n\r\n".encode())) == 401
    assert len(emu.requests[-1].path) == LOGGED_PATH_CHARS and emu.requests.limit


def test_connections_beyond_the_bound_get_503_and_a_freed_slot_serves_again(make_emulator):
    emu = make_emulator(max_connections=3)
    idle = [socket.create_connection(("127.0.0.1", emu.port), timeout=5) for _ in range(3)]
    try:
        with socket.create_connection(("127.0.0.1", emu.port), timeout=5) as extra:
            extra.sendall(b"GET /20231130/models HTTP/1.1\r\nHost: x\r\n\r\n")
            reply = extra.recv(65536)
        assert status_of(reply) == 503 and b"retry-after: 1" in reply.lower()
    finally:
        idle.pop().close()
    try:
        for _ in range(100):  # the freed handler thread notices the close and gives its slot back
            got = raw(emu, b"GET /20231130/models HTTP/1.1\r\nHost: x\r\n\r\n")
            if status_of(got) != 503:
                break
            time.sleep(0.05)
        assert status_of(got) == 401
    finally:
        for sock in idle:
            sock.close()


def test_keep_alive_replies_arrive_whole(make_emulator):
    """Headers and body in one send with Nagle off: the first read after a request has all of it
    (with two sends and Nagle on, the body waits for the client's delayed ACK)."""
    emu = make_emulator()
    request = b"GET /20231130/models?compartmentId=x HTTP/1.1\r\nHost: x\r\n\r\n"
    with socket.create_connection(("127.0.0.1", emu.port), timeout=5) as sock:
        for n in range(8):
            sock.sendall(request)
            select.select([sock], [], [], 5)
            first = sock.recv(65536)
            head, _, body = first.partition(b"\r\n\r\n")
            length = int(next(v for k, _, v in (line.partition(b":") for line in head.split(b"\r\n"))
                              if k.lower() == b"content-length"))
            assert len(body) == length, f"reply {n} arrived in pieces: {len(body)} of {length} body bytes"


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_memory_stays_bounded_under_3000_unauthenticated_requests_with_60kb_paths(tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui.emulator", "--port", "0", "--write-config", str(tmp_path), "--seed", "empty",
         "--ready-json", "--exit-with-stdin"],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )
    try:
        assert proc.stdout is not None
        port = int(json.loads(proc.stdout.readline())["url"].rsplit(":", 1)[1])
        path = f"/20231130/models/{LONG_ID}"
        failures: list[str] = []

        def hammer(count: int) -> None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                for _ in range(count):
                    conn.request("GET", path)
                    reply = conn.getresponse()
                    reply.read()
                    if reply.status != 401:
                        failures.append(str(reply.status))
            finally:
                conn.close()

        hammer(50)  # warm-up: imports, first thread, allocator arenas
        before = _rss_kb(proc.pid)
        threads = [threading.Thread(target=hammer, args=(750,)) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        after = _rss_kb(proc.pid)
        print(f"\nemulator RSS before {before / 1024:.1f} MB, after 3,000 requests {after / 1024:.1f} MB "
              f"(+{(after - before) / 1024:.1f} MB)")
        assert not failures, failures[:5]
        assert after - before <= 20 * 1024, f"RSS grew {(after - before) / 1024:.1f} MB"
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(10)
