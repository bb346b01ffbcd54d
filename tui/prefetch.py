"""The first list, fetched by a child process while the console starts (POSIX).

Start-up is two imports of ~0.2 s of CPU each: Textual (to paint) and the OCI SDK (to sign and send
the first request). One process runs them one after the other under one GIL. `start` forks before
either: the child imports the SDK, opens the session and lists the first view on the other core
while the parent imports Textual and paints the shell. The child sends back what the parent's
connect and first list would have learnt (profile name and warnings, default region, tenancy, the
rows, the request id) as one pickle over a pipe, and exits. The parent then needs the SDK only once
those rows are on screen (the compartment names load then, through the parent's own session).

In demo mode the child is forked before the local service starts and waits for the settings that
point at it (`start(deferred=True)`, `Prefetch.resume`): it imports the SDK meanwhile. No child when
anything is unusual: a compartment given by name, `--region all`, no `os.fork`,
`OCI_GENAI_TUI_PREFETCH=0`. A child that fails sends
only that it failed: the parent then connects the usual way, so every error reads as it always has.
The child never touches the terminal (its stdin, stdout and stderr are /dev/null).
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import select
import signal
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from tui.cloud.resources import MODEL, ResourceKind

if TYPE_CHECKING:
    from tui.cloud.operations import GenAI
    from tui.facts.regions import Region
    from tui.settings import Settings
    from tui.ui.data.columns import Column
    from tui.ui.data.rows import Row
    from tui.ui.data.rowset import PageRows
    from tui.ui.data.server_filters import ServerFilters

log = logging.getLogger(__name__)

__all__ = ["FIRST_KIND", "Prefetch", "Prefetched", "SessionFacts", "LateLoader", "open_genai", "start"]

#: what the console lists first (tui/ui/screens/main.py `VIEWS`: its first view; a test keeps them equal)
FIRST_KIND: ResourceKind = MODEL
#: `OCI_GENAI_TUI_PREFETCH=0` starts the usual way (one process)
ENV = "OCI_GENAI_TUI_PREFETCH"


def open_genai(settings: Settings) -> GenAI:
    """The service layer for `settings` (profile, auth, region, endpoint template): what the console
    connects with, in the child and in the parent alike."""
    from tui.cloud.auth import load_profile
    from tui.cloud.clients import CloudSession
    from tui.cloud.operations import GenAI

    profile = load_profile(settings.profile, settings.config_file, settings.auth, region=settings.region,
                           federation_endpoint=getattr(settings, "federation_endpoint", None),
                           auth_source=settings.sources.get("auth"))
    return GenAI(CloudSession(profile, endpoint_template=settings.endpoint_template, region=settings.region))


@dataclass(frozen=True)
class ProfileFacts:
    name: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class SessionFacts:
    """What `ConsoleApp._connected` reads of a session (a `CloudSession` has the same attributes)."""

    profile: ProfileFacts
    default_region: Region
    tenancy_id: str


@dataclass
class Prefetched:
    """The child's answer: the session's facts and the first list's rows, as `fetch_region` gave them."""

    profile_name: str
    warnings: tuple[str, ...]
    region_id: str
    tenancy_id: str
    compartment_id: str
    kind_key: str
    columns: list[Column]
    filters: ServerFilters
    rows: list[Row]
    pages: PageRows
    request_id: str | None
    seconds: float
    loader: LateLoader

    def session(self) -> SessionFacts:
        from tui.facts.regions import lookup_region

        return SessionFacts(ProfileFacts(self.profile_name, self.warnings), lookup_region(self.region_id),
                            self.tenancy_id)

    def matches(self, kind: ResourceKind, compartment_id: str | None, region: Region, all_regions: bool,
                columns: list[Column], filters: ServerFilters) -> bool:
        """Whether a list request asks exactly what the child listed."""
        return (not all_regions and kind.key == self.kind_key and compartment_id == self.compartment_id
                and region.id == self.region_id and columns == self.columns and filters == self.filters)


class LateLoader:
    """`row.obj` for the child's rows: one loader they all share (pickle keeps it shared), bound in the
    parent to its own service layer (built on first use), which reads the item."""

    def __init__(self, kind_key: str) -> None:
        self.kind_key = kind_key
        self._genai: Callable[[], Any] | None = None

    def bind(self, genai: Callable[[], Any]) -> None:
        self._genai = genai

    def __call__(self, item: Any) -> Any:
        if self._genai is None:
            raise RuntimeError("a prefetched row was read before the console bound its loader")
        return self._genai().summary_from_raw(self.kind_key, item)

    def __getstate__(self) -> dict[str, Any]:
        return {"kind_key": self.kind_key, "_genai": None}


class Prefetch:
    """The parent's end: the child's pid and the pipe its answer comes through."""

    def __init__(self, pid: int, fd: int, control: int | None = None) -> None:
        self._pid, self._fd, self._control = pid, fd, control
        self._lock = threading.Lock()  # one reader
        self._child_lock = threading.Lock()  # reaping and signalling: never a pid already reaped
        self._reaped = False
        self._done = False
        self._answer: Prefetched | None = None

    def resume(self, changes: dict[str, Any] | None) -> None:
        """A deferred child: the settings that point it at the service (None: it did not start)."""
        with self._child_lock:
            control, self._control = self._control, None
        if control is None:
            return
        try:
            if changes is not None:
                os.write(control, json.dumps(changes).encode())  # small: one write, never a short one
        except OSError as exc:
            log.info("prefetch: could not resume the child: %s", exc)
        finally:
            os.close(control)

    def result(self) -> Prefetched | None:
        """The child's answer (waits for it; None when it failed). Read once: later calls give the same."""
        with self._lock:
            if not self._done:
                self._done = True
                self._answer = self._read()
            return self._answer

    def _read(self) -> Prefetched | None:
        started = time.perf_counter()
        chunks: list[bytes] = []
        try:
            while chunk := os.read(self._fd, 1 << 20):
                chunks.append(chunk)
        except OSError as exc:
            log.info("prefetch: reading the child failed: %s", exc)
        finally:
            os.close(self._fd)
            self._reap()
        try:
            status, payload = pickle.loads(b"".join(chunks))
        except Exception as exc:  # noqa: BLE001 - a child that died mid-way: connect the usual way
            log.info("prefetch: no answer from the child (%s)", type(exc).__name__)
            return None
        if status != "ok":
            log.info("prefetch: the child failed (%s); connecting the usual way", payload)
            return None
        log.info("prefetch: %d rows in %.3f s, read %.3f s after", len(payload.rows), payload.seconds,
                 time.perf_counter() - started)
        return payload

    def discard(self) -> None:
        """Not needed (or the console is quitting): stop the child if it still runs. A reader waiting
        in `result` then sees the pipe close and gives up (None)."""
        with self._child_lock:
            if not self._reaped:
                try:
                    os.kill(self._pid, signal.SIGTERM)
                except OSError:
                    pass
        self.resume(None)
        with self._lock:
            if self._done:
                return
            self._done = True
            os.close(self._fd)
            self._reap()

    def _reap(self) -> None:
        with self._child_lock:
            if self._reaped:
                return
            try:
                os.waitpid(self._pid, 0)
            except ChildProcessError:
                pass
            self._reaped = True


def wanted(settings: Settings) -> bool:
    """Whether start-up forks a child for the first list (see the module docstring)."""
    from tui.facts.regions import is_region

    compartment = settings.compartment_id or ""
    return (hasattr(os, "fork") and os.environ.get(ENV, "1") != "0"
            and (not compartment or compartment.startswith("ocid1."))
            and (not settings.region or is_region(settings.region)))


def start(settings: Settings, *, deferred: bool = False) -> Prefetch | None:
    """Fork the child that lists the first view (call before Textual or any thread starts).

    `deferred`: the child first waits for `Prefetch.resume(changes)`, the settings that point it
    at the service (demo mode: the local service says where it listens once it is up)."""
    if not wanted(settings):
        return None
    try:
        read_fd, write_fd = os.pipe()
        control = os.pipe() if deferred else None
        pid = os.fork()
    except OSError as exc:
        log.info("prefetch: no child (%s)", exc)
        return None
    if pid == 0:  # the child
        os.close(read_fd)
        if control is not None:
            os.close(control[1])
        _child(settings, write_fd, control[0] if control is not None else None)
    os.close(write_fd)
    if control is not None:
        os.close(control[0])
    return Prefetch(pid, read_fd, control[1] if control is not None else None)


#: how long a deferred child waits for its settings (demo.START_TIMEOUT: the service's start)
RESUME_TIMEOUT = 30.0


def _resumed(settings: Settings, control: int) -> None:
    """A deferred child: wait for the settings changes (JSON), apply them; none (EOF) = give up."""
    data = b""
    deadline = time.monotonic() + RESUME_TIMEOUT
    while (left := deadline - time.monotonic()) > 0 and select.select([control], [], [], left)[0]:
        chunk = os.read(control, 65536)
        if not chunk:
            break
        data += chunk
    os.close(control)
    if not data:
        raise RuntimeError("no settings came (the service did not start)")
    for name, value in json.loads(data).items():
        setattr(settings, name, value)


def _child(settings: Settings, fd: int, control: int | None) -> None:
    """List the first view, send the answer, exit (never returns, never runs the parent's exit code)."""
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a ^C before the console is up is for the parent
        devnull = os.open(os.devnull, os.O_RDWR)
        for target in (0, 1, 2):
            os.dup2(devnull, target)
        try:
            if control is not None:
                import tui.cloud.operations  # noqa: F401  (the SDK loads while the service starts)
                _resumed(settings, control)
            answer: tuple[str, Any] = ("ok", _list_first_view(settings))
        except BaseException as exc:  # noqa: BLE001 - the parent connects the usual way and says why
            answer = ("failed", f"{type(exc).__name__}: {str(exc)[:200]}")
        data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except BaseException:  # noqa: BLE001, S110 - the parent reads a short pipe as "failed"
        pass
    finally:
        os._exit(0)


def _list_first_view(settings: Settings) -> Prefetched:
    from tui.ui.data.loading import fetch_region
    from tui.ui.data.presentation import list_columns
    from tui.ui.data.server_filters import ServerFilters

    started = time.perf_counter()
    genai = open_genai(settings)
    session = genai.session
    kind = FIRST_KIND
    tenancy = session.tenancy_id
    compartment = settings.compartment_id or tenancy
    if not tenancy or not compartment:  # the usual path says what is missing
        raise ValueError("the profile names no tenancy")
    region = session.default_region
    columns = list_columns(kind)
    filters = ServerFilters().for_kind(kind)
    pages: PageRows = {}
    rows, request_id = fetch_region(genai, kind, compartment, region, filters, columns, pages=pages)
    loader = LateLoader(kind.key)  # the child's loader (its GenAI) cannot cross the pipe
    for row in rows:
        row.rebind_load(loader)
    return Prefetched(profile_name=session.profile.name, warnings=tuple(getattr(session.profile, "warnings", ())),
                      region_id=region.id, tenancy_id=tenancy, compartment_id=compartment,
                      kind_key=kind.key, columns=columns, filters=filters, rows=rows, pages=pages,
                      request_id=request_id, seconds=time.perf_counter() - started, loader=loader)
