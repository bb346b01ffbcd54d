"""The emulator: a threaded HTTP/1.1 server (keep-alive) in a background thread, in front of the
per-region stores. One lock serialises handlers, so state changes are atomic; latency faults sleep
outside it. See DESIGN.md §3 and docs/CONTRACTS.md for the contract this keeps.

It also has to survive abuse, since anything on the machine can reach its port: before a request is
authenticated its body framing is checked (a missing, malformed or negative Content-Length is 400 /
411 at once, a body over MAX_BODY_BYTES is 413 unread), a body nested too deep is a 400, a handler
that fails answers 500 instead of dropping the connection, at most `max_connections` connections are
served at once (more get 503), and the request log is a ring of REQUEST_LOG_SIZE entries with paths
cut at LOGGED_PATH_CHARS, so memory stays bounded. Replies go out in one send on sockets with Nagle's
algorithm off: a keep-alive client would otherwise wait for its delayed ACK (~40 ms) on every reply.
"""

from __future__ import annotations

import hashlib
import json
import logging
import socket
import sys
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator
from urllib.parse import parse_qs

from tui.facts.regions import REGIONS, UnknownRegionError, lookup_region

from . import routes
from .clock import ManualClock
from .context import Ctx, RawBody as _Raw, Reply
from .faults import Faults, code_for
from .federation import AuthService
from .lifecycle import DEFAULT_DURATIONS
from .signing import AuthError, KeyRing, verify_request
from .store import IdentityStore, RegionStore, StoredReply
from .wire import ApiError, Minter

DEFAULT_TENANCY = "ocid1.tenancy.oc1..aaaaaaaaemulatortenancy000000000000000000000000000000"

MAX_BODY_BYTES = 10 * 1024 * 1024  # larger bodies get 413 without being read
REQUEST_LOG_SIZE = 5000  # entries kept in Emulator.requests (the oldest are dropped)
LOGGED_PATH_CHARS = 1024  # a logged path (with its query) is cut here
MAX_CONNECTIONS = 64  # connections served at once; more are answered 503 and closed

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RequestRecord:
    method: str
    path: str  # with the query, cut at LOGGED_PATH_CHARS
    region: str | None
    operation: str | None
    status: int | None  # None when the reply was dropped
    received: float = 0.0  # time.monotonic() when the request had been read


class RequestLog:
    """The last `limit` requests, oldest first; safe to read (iterate, index, slice) while handler
    threads append, because every read works on a snapshot."""

    def __init__(self, limit: int = REQUEST_LOG_SIZE) -> None:
        self._items: deque[RequestRecord] = deque(maxlen=limit)
        self._lock = threading.Lock()

    @property
    def limit(self) -> int | None:
        return self._items.maxlen

    def append(self, record: RequestRecord) -> None:
        with self._lock:
            self._items.append(record)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def snapshot(self) -> list[RequestRecord]:
        with self._lock:
            return list(self._items)

    def __iter__(self) -> Iterator[RequestRecord]:
        return iter(self.snapshot())

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index: Any) -> Any:
        return self.snapshot()[index]

    def __repr__(self) -> str:
        return f"RequestLog({len(self)} of at most {self.limit})"


class Emulator:
    def __init__(self, *, seed: str = "empty", home_region: str = "us-chicago-1", tenancy_id: str | None = None,
                 clock=None, verify_signatures: bool = True, durations: dict | None = None,
                 max_connections: int = MAX_CONNECTIONS):
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
        self.requests = RequestLog()
        self.max_connections = max_connections
        self.keys = KeyRing()
        self.auth = AuthService(self.tenancy_id, self.home_region, self.keys)  # IMDS, federation, tokens
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
        server = _BoundedServer((host, port), handler, self.max_connections)
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
        signed_in = self.auth.handle(method, target, headers, body)  # /opc/v2/..., /v1/x509: not regional
        if signed_in is not None:
            return signed_in[0], signed_in[1], None
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
            key = (str(route.operation), token or "")
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
            except RecursionError:  # json.loads on a body nested thousands deep
                return _error(ApiError(400, "CannotParseRequest", "The request body is nested too deeply"))
            if token and 200 <= reply.status < 300:
                store.retry_tokens[key] = StoredReply(fingerprint, reply.status, encode(reply.body), dict(reply.headers))
            return reply


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


class _BoundedServer(ThreadingHTTPServer):
    """A thread per connection, at most `max_connections` of them; the rest get 503 and are closed."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], handler: type, max_connections: int) -> None:
        self._slots = threading.BoundedSemaphore(max(1, max_connections))
        super().__init__(address, handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            self._refuse(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def _refuse(self, request: socket.socket) -> None:
        body = b'{"code":"ServiceUnavailable","message":"Too many connections to the local service; retry"}'
        head = (f"HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\n"
                f"content-length: {len(body)}\r\nretry-after: 1\r\nconnection: close\r\n\r\n").encode("ascii")
        try:
            request.settimeout(1.0)
            request.sendall(head + body)
        except OSError:
            pass
        self.shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):  # the client went away: nothing to tell
            return
        log.warning("local service: a connection from %s failed", client_address, exc_info=True)


def _header_value(value: object) -> str:
    return " ".join(str(value).split())  # never a CR/LF into the reply head


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    emu: Emulator
    timeout = 60
    disable_nagle_algorithm = True  # TCP_NODELAY: no wait for the client's delayed ACK

    def log_message(self, *args) -> None:  # quiet
        pass

    def _read_body(self) -> tuple[bytes, Reply | None]:
        """The body, or an error reply for a body whose framing is wrong (checked before authentication)."""
        if self.headers.get("transfer-encoding") is not None:
            self.close_connection = True
            return b"", _error(ApiError(411, "LengthRequired",
                                        "Send the body with a Content-Length; chunked transfer is not accepted"))
        values = [v.strip() for v in self.headers.get_all("content-length") or []]
        if not values:
            if self.command in ("POST", "PUT", "PATCH"):
                self.close_connection = True  # whatever follows could be a body: do not read it as a request
                return b"", _error(ApiError(411, "LengthRequired",
                                            f"A {self.command} request needs a Content-Length header"))
            return b"", None
        text = values[0]
        if len(set(values)) != 1 or not (text.isascii() and text.isdigit()) or len(text) > 18:
            self.close_connection = True
            return b"", _error(ApiError(400, "InvalidContentLength",
                                        f"Content-Length {text[:40]!r} is not a whole number of bytes"))
        length = int(text)
        if length > MAX_BODY_BYTES:
            self.close_connection = True
            return b"", _error(ApiError(413, "PayloadTooLarge",
                                        f"The body of {length} bytes is over the {MAX_BODY_BYTES} byte limit"))
        if length == 0:
            return b"", None
        try:
            body = self.rfile.read(length)
        except OSError:
            body = b""
        if len(body) < length:
            self.close_connection = True
            return b"", _error(ApiError(400, "IncompleteBody",
                                        f"The body ended after {len(body)} of {length} bytes"))
        return body, None

    def _handle(self) -> None:
        received = time.monotonic()
        headers = {k.lower(): v for k, v in self.headers.items()}
        request_id = headers.get("opc-request-id") or uuid.uuid4().hex.upper()
        body, reply = self._read_body()
        operation = region = None
        if reply is None:
            try:
                reply, operation, region = self.emu.process(self.command, self.path, headers, body)
            except Exception:  # a bug must not drop the connection or kill the thread silently
                log.exception("local service: %s %s failed", self.command, self.path[:200])
                reply = _error(ApiError(500, "InternalServerError", "The local service failed on this request"))
        status = reply.status if reply is not None else None
        self.emu.requests.append(RequestRecord(self.command, self.path[:LOGGED_PATH_CHARS], region, operation,
                                               status, received))
        if reply is None:
            self.close_connection = True
            return
        payload = encode(reply.body)
        lines = [f"{self.protocol_version} {reply.status} {self.responses.get(reply.status, ('',))[0]}",
                 f"opc-request-id: {_header_value(request_id)}"]
        if payload:
            lines.append("content-type: application/json")
        lines.append(f"content-length: {len(payload)}")
        lines.extend(f"{_header_value(name)}: {_header_value(value)}" for name, value in reply.headers.items())
        if self.close_connection:
            lines.append("connection: close")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "replace")
        self.wfile.write(head + payload if payload and self.command != "HEAD" else head)  # one send

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = _handle
