"""Small wire helpers shared by every handler: API errors, timestamps, OCID and etag minting."""

from __future__ import annotations

import random
from datetime import datetime, timezone

_B32 = "abcdefghijklmnopqrstuvwxyz234567"


class ApiError(Exception):
    """An OCI error reply: HTTP status plus the JSON `{code, message}` body."""

    def __init__(self, status: int, code: str, message: str, headers: dict | None = None):
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def invalid(field: str, rule: str) -> ApiError:
    return ApiError(400, "InvalidParameter", f"Invalid {field}: {rule}")


def missing(field: str) -> ApiError:
    return ApiError(400, "MissingParameter", f"Missing required parameter: {field}")


def not_found(what: str, ocid: str) -> ApiError:
    return ApiError(
        404,
        "NotAuthorizedOrNotFound",
        f"Authorization failed or requested resource not found: {what} {ocid}",
    )


def iso(dt: datetime | None) -> str | None:
    """RFC3339 UTC with milliseconds and Z, the form the SDK parses first."""
    if dt is None:
        return None
    dt = dt.astimezone(timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


class Minter:
    """Mints OCIDs and etags from one RNG, so a seeded emulator is reproducible."""

    def __init__(self, seed: int | float | str | bytes | None = None) -> None:
        self.rng = random.Random(seed)

    def unique(self, n: int = 52) -> str:
        return "".join(self.rng.choices(_B32, k=n))

    def regional(self, resource_type: str, region: str) -> str:
        return f"ocid1.{resource_type}.oc1.{region}.amaaaaaa{self.unique()}"

    def global_(self, resource_type: str) -> str:
        return f"ocid1.{resource_type}.oc1..aaaaaaaa{self.unique()}"

    def etag(self) -> str:
        return f"{self.rng.getrandbits(128):032x}"

    def hex_id(self) -> str:
        return f"{self.rng.getrandbits(128):032X}"
