"""Facts about the service that are plain data: no OCI SDK, no Textual, no I/O.

Both the local service (``tui.emulator``) and the service layer (``tui.cloud``) need the same
answers (which cluster shapes exist, which suit which base model), and neither may import the
other; a data-only package both may import keeps one copy of each fact.
"""
