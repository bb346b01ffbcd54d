"""Tokens, written once: the opc-retry-token generator and the mask that stands for a secret.

Light on purpose (no SDK): the console's forms create a retry token when they open and its views
mask secrets before the SDK is loaded.
"""

from __future__ import annotations

import secrets
import string

__all__ = ["MASK", "new_retry_token"]

#: what a secret value (a Hugging Face access token, a password) is shown and sent to the clipboard as
MASK = "********"
_TOKEN_ALPHABET = string.ascii_letters + string.digits


def new_retry_token() -> str:
    """A fresh opc-retry-token (32 alphanumerics, within the service's 64; the service keeps it 24 h)."""
    return "".join(secrets.choice(_TOKEN_ALPHABET) for _ in range(32))
