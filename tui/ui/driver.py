"""The terminal driver, guarded: bytes on stdin that are not UTF-8 never end the console.

Textual's Linux driver decodes stdin with a strict UTF-8 decoder on its input thread. One byte that
is not UTF-8 (an 8-bit meta key or C1 CSI `0x9B`, a Latin-1 paste `caf\\xe9`) raises
UnicodeDecodeError there, the thread dies, and the console exits with status 0 and nothing logged,
taking a half-typed wizard draft with it (issue 10 §2). `GuardedLinuxDriver` reads stdin exactly as
Textual 8.2.8 does (`LinuxDriver.run_input_thread`, copied below with one change) except that its
decoder replaces each invalid sequence with U+FFFD (a harmless character: no key is bound to it and
inputs show it as is), counts the bad bytes, and logs the first occurrence once with its count (and
the total when the input thread ends). `UPSTREAM_SOURCE_SHA256` pins the copied method; a test fails
when Textual's changes, so an upgrade re-checks the copy.
"""

from __future__ import annotations

import codecs
import logging
import os
import selectors
import threading
from typing import Any

from textual._loop import loop_last
from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver

from tui.ui.sgr import SgrDelta

log = logging.getLogger(__name__)

#: sha256 of `inspect.getsource(LinuxDriver.run_input_thread)` in Textual 8.2.8 (the copy below)
UPSTREAM_SOURCE_SHA256 = "d796af6d69db337d6fa6bd463984f7d17188d991dbb22f60efb92a8a9619507c"
ERROR_HANDLER = "oci-genai-tui-stdin"

_lock = threading.Lock()
_bad_bytes = 0
_sample = b""


def _replace_and_count(error: UnicodeError) -> tuple[str, int]:
    """codecs error handler: one U+FFFD per invalid sequence, the bytes counted."""
    global _bad_bytes, _sample
    if not isinstance(error, UnicodeDecodeError):
        raise error
    with _lock:
        _bad_bytes += error.end - error.start
        if not _sample:
            _sample = bytes(error.object[error.start:error.end])
    return "\ufffd", error.end


codecs.register_error(ERROR_HANDLER, _replace_and_count)


def bad_bytes_seen() -> int:
    """How many bytes that are not UTF-8 stdin has delivered in this process."""
    with _lock:
        return _bad_bytes


class StdinDecoder:
    """Incremental UTF-8 decoding that never raises: invalid bytes become U+FFFD, counted and
    logged once. A sequence split across two reads is still decoded whole (incremental decoder)."""

    def __init__(self) -> None:
        self._decode = codecs.getincrementaldecoder("utf-8")(errors=ERROR_HANDLER).decode
        self._logged = False

    def decode(self, data: bytes, final: bool = False) -> str:
        text = self._decode(data, final)
        if not self._logged and "\ufffd" in text:
            count = bad_bytes_seen()
            if count:
                self._logged = True
                with _lock:
                    sample = _sample
                log.warning("stdin: %d byte(s) that are not UTF-8 (first %r) read as U+FFFD; the console "
                            "carries on (further ones are counted, not logged)", count, sample)
        return text

    def close(self) -> None:
        if self._logged:
            log.info("stdin: %d byte(s) that are not UTF-8 read as U+FFFD in all", bad_bytes_seen())


class GuardedLinuxDriver(LinuxDriver):
    """LinuxDriver whose input thread survives bytes that are not UTF-8 (see the module docstring),
    and whose output sends only the attributes that change (`tui.ui.sgr`: 35-45 % fewer bytes per
    repaint over SSH; OCI_GENAI_TUI_FULL_SGR=1 writes Textual's output unchanged)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._sgr = None if os.environ.get("OCI_GENAI_TUI_FULL_SGR") == "1" else SgrDelta()

    def write(self, data: str) -> None:
        super().write(self._sgr.encode(data) if self._sgr is not None else data)

    def run_input_thread(self) -> None:
        """Wait for input and dispatch events (Textual 8.2.8's loop; the decoder is `StdinDecoder`)."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)

        fileno = self.fileno
        EVENT_READ = selectors.EVENT_READ

        parser = XTermParser(self._debug)
        feed = parser.feed
        tick = parser.tick

        decoder = StdinDecoder()  # the one change: Textual uses getincrementaldecoder("utf-8")()
        decode = decoder.decode
        read = os.read

        def process_selector_events(
            selector_events: list[tuple[selectors.SelectorKey, int]],
            final: bool = False,
        ) -> None:
            for last, (_selector_key, mask) in loop_last(selector_events):
                if mask & EVENT_READ:
                    unicode_data = decode(read(fileno, 1024 * 4), final=final and last)
                    if not unicode_data:
                        # This can occur if the stdin is piped
                        break
                    for event in feed(unicode_data):
                        self.process_message(event)
            for event in tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                process_selector_events(selector.select(0.1))
            selector.unregister(self.fileno)
            process_selector_events(selector.select(0.1), final=True)

        finally:
            selector.close()
            decoder.close()
            try:
                for _event in feed(""):
                    pass
            except (EOFError, ParseError):
                pass


def guarded(driver_class: type[Driver]) -> type[Driver]:
    """The guarded driver in place of Textual's Linux driver; any other driver as it is."""
    return GuardedLinuxDriver if driver_class is LinuxDriver else driver_class
