"""A local OCI Generative AI management service (API 20231130) plus the Identity calls a console
needs, served over real HTTP with signature verification, for tests and demo mode.
Never imports Textual."""

from .clock import ManualClock, RealClock
from .credentials import Identity, make_identity
from .server import Emulator, RequestRecord

__all__ = ["Emulator", "ManualClock", "RealClock", "make_identity", "Identity", "RequestRecord"]
