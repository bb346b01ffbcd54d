"""The emulator: a threaded HTTP/1.1 server (keep-alive) in a background thread, in front of the
per-region stores. One lock serialises handlers, so state changes are atomic; latency faults sleep
outside it. See DESIGN.md §3 and docs/CONTRACTS.md for the contract this keeps.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
import uuid
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

from tui.cloud.regions import REGIONS, UnknownRegionError, lookup_region

from . import routes
from .clock import ManualClock
from .context import Ctx, Reply
from .faults import Faults, code_for
from .lifecycle import DEFAULT_DURATIONS
from .signing import AuthError, KeyRing, verify_request
from .store import IdentityStore, RegionStore, StoredReply
from .wire import ApiError, Minter

DEFAULT_TENANCY = "ocid1.tenancy.oc1..aaaaaaaaemulatortenancy000000000000000000000000000000"


@dataclass(frozen=True)
class RequestRecord:
    method: str
    path: str
    region: str | None
    operation: str | None
    status: int | None  # None when the reply was dropped


class Emulator:
    def __init__(self, *, seed: str = "empty", home_region: str = "us-chicago-1", tenancy_id: str | None = None,
                 clock=None, verify_signatures: bool = True, durations: dict | None = None):
        from . import seed as seeds

        self.home_region = lookup_region(home_region).id
        self.tenancy_id = tenancy_id or DEFAULT_TENANCY
        self.clock = clock or ManualClock()
        self.verify_signatures = verify_signatures
        unknown = set(durations or {}) - set(DEFAULT_DURATIONS)
        if unknown:
            raise ValueError(f"unknown duration keys {sorted(unknown)}; valid: {sorted(DEFAULT_DURATIONS)}")
        # the pace shortens jobs, never the clock: timestamps stay real time (`RealClock.duration`)
        scale = getattr(self.clock, "duration", lambda seconds: seconds)
        self.durations = {k: scale(v) for k, v in {**DEFAULT_DURATIONS, **(durations or {})}.items()}
        self.faults = Faults()
        self.requests: list[RequestRecord] = []
        self.keys = KeyRing()
        self.minter = Minter(f"runtime:{seed}")
        self.identity = IdentityStore(self.tenancy_id)
        self._stores = {r.id: RegionStore(r.id, self.minter) for r in REGIONS}
        self.lock = threading.RLock()
        self.seed_name = seed
        self.seed_info = seeds.apply(self, seed)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- public API ---------------------------------------------------------------------------
    def store(self, region_id: str) -> RegionStore:
        return self._stores[lookup_region(region_id).id]

    def add_key(self, key_id: str, public_key_pem: str) -> None:
        self.keys.add(key_id, public_key_pem)

    def start(self, host: str = "127.0.0.1", port: int = 0) -> "Emulator":
        handler = type("BoundHandler", (_Handler,), {"emu": self})
        server = ThreadingHTTPServer((host, port), handler)
        server.daemon_threads = True
        server.block_on_close = False
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                                        name="oci-genai-emulator", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> "Emulator":
        if self._server is None:
            self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the emulator is not started")
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def endpoint_template(self) -> str:
        return self.url + "/{region}"

    # -- request processing -------------------------------------------------------------------
    def process(self, method: str, target: str, headers: dict[str, str], body: bytes):
        """Returns (Reply | None for a dropped reply, operation, region)."""
        path, _, query = target.partition("?")
        region, rest = self.home_region, path
        first = path.split("/", 2)[1] if path.startswith("/") else ""
        if first and not first.startswith("20"):
            try:
                region = lookup_region(first).id
            except UnknownRegionError:
                return _error(ApiError(404, "NotFound", f"Unknown region {first!r} in the path")), None, None
            rest = path[len(first) + 1:] or "/"
        found = routes.match(method, rest)
        if found is None:
            if routes.path_exists(rest):
                return _error(ApiError(405, "MethodNotAllowed", f"{method} is not allowed on {rest}")), None, region
            return _error(ApiError(404, "NotFound", f"No such route: {method} {rest}")), None, region
        route, params = found
        if self.verify_signatures:
            try:
                verify_request(method, target, headers, body, self.keys)
            except AuthError as exc:
                return _error(ApiError(401, "NotAuthenticated", str(exc))), route.operation, region
        fault = self.faults.take(route.operation, region)
        if fault is not None:
            if fault.latency:
                time.sleep(fault.latency)
            if not fault.after:
                if fault.drop:
                    return None, route.operation, region
                if fault.status is not None:
                    return _fault_reply(fault), route.operation, region
        reply = self._run(route, params, region, method, query, headers, body, path)
        if fault is not None and fault.after:
            if fault.drop:
                return None, route.operation, region
            if fault.status is not None:
                return _fault_reply(fault), route.operation, region
        return reply, route.operation, region

    def _run(self, route, params, region, method, query, headers, body, path) -> Reply:
        with self.lock:
            now = self.clock.now()
            store = self._stores[region]
            store.settle(now)
            token = headers.get("opc-retry-token") if route.retry_token else None
            key = (route.operation, token)
            fingerprint = hashlib.sha256(path.encode() + b"\0" + body).hexdigest()
            if token:
                stored = store.retry_tokens.get(key)
                if stored is not None:
                    if stored.fingerprint != fingerprint:
                        return _error(ApiError(409, "InvalidatedRetryToken",
                                               "The opc-retry-token was already used for a different request"))
                    return Reply(stored.status, _Raw(stored.body), dict(stored.headers))
            ctx = Ctx(method=method, region=region, store=store, identity=self.identity, stores=self._stores,
                      now=now, query=parse_qs(query, keep_blank_values=True), headers=headers, raw_body=body,
                      params=params, durations=self.durations, minter=self.minter)
            try:
                reply = route.handler(ctx)
            except ApiError as exc:
                return _error(exc)
            if token and 200 <= reply.status < 300:
                store.retry_tokens[key] = StoredReply(fingerprint, reply.status, encode(reply.body), dict(reply.headers))
            return reply


class _Raw(bytes):
    """An already-encoded body (a replayed reply)."""


def encode(body) -> bytes:
    if body is None:
        return b""
    if isinstance(body, _Raw):
        return bytes(body)
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _error(exc: ApiError) -> Reply:
    return Reply(exc.status, {"code": exc.code, "message": exc.message}, dict(exc.headers))


def _fault_reply(fault) -> Reply:
    headers = {}
    if fault.retry_after is not None:
        ra = fault.retry_after
        headers["retry-after"] = str(int(ra)) if float(ra).is_integer() else str(ra)
    return Reply(fault.status, {"code": code_for(fault.status), "message": f"Injected fault ({fault.status})"},
                 headers)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    emu: Emulator
    timeout = 60

    def log_message(self, *args) -> None:  # quiet
        pass

    def _handle(self) -> None:
        headers = {k.lower(): v for k, v in self.headers.items()}
        length = int(headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        request_id = headers.get("opc-request-id") or uuid.uuid4().hex.upper()
        reply, operation, region = self.emu.process(self.command, self.path, headers, body)
        status = reply.status if reply is not None else None
        self.emu.requests.append(RequestRecord(self.command, self.path, region, operation, status))
        if reply is None:
            self.close_connection = True
            return
        payload = encode(reply.body)
        self.send_response(reply.status)
        self.send_header("opc-request-id", request_id)
        if payload:
            self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(payload)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if payload and self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = _handle
