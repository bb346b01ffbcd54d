"""`BuilderError`: the one error type for request input that breaks a rule, raised before any call.

Its own module because both the descriptors (tui/cloud/resources.py, normalising enum values) and
the request-body builders (tui/cloud/builders.py) raise it, and builders import the descriptors:
defining it in either made the other import it inside a function to dodge an import cycle.
"""

from __future__ import annotations

from tui.cloud.errors import CloudError

__all__ = ["BuilderError"]


class BuilderError(CloudError, ValueError):
    """Invalid input for a request body: ``field`` names the field, ``rule`` the rule it broke.

    Rules: required, type, range, shape, choice, length, conflict.
    It is a CloudError too, so callers of the operations layer catch a single type.
    """

    def __init__(self, field: str, rule: str, message: str) -> None:
        CloudError.__init__(self, message, code="InvalidParameter", hint=f"Fix the field '{field}' ({rule}).")
        self.field = field
        self.rule = rule

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"BuilderError(field={self.field!r}, rule={self.rule!r}, message={self.message!r})"
