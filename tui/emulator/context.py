"""What a handler receives (`Ctx`) and returns (`Reply`), plus query-string and body accessors that
raise 400s naming the parameter."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from collections.abc import Collection
from datetime import datetime
from typing import overload

from .store import IdentityStore, RegionStore
from .wire import ApiError, Minter, invalid, missing


class RawBody(bytes):
    """An already-encoded reply body (a replayed reply, a PEM file): sent as it is, never as JSON."""


@dataclass
class Reply:
    status: int = 200
    body: object = None  # JSON-able, or None for an empty body
    headers: dict = field(default_factory=dict)


@dataclass
class Ctx:
    method: str
    region: str
    store: RegionStore
    identity: IdentityStore
    stores: dict  # region id -> RegionStore (for cross-region checks)
    now: datetime
    query: dict[str, list[str]]
    headers: dict[str, str]
    raw_body: bytes
    params: dict[str, str]
    durations: dict[str, float]
    minter: Minter
    _body: dict | None = None

    # -- query ---------------------------------------------------------------------------------
    def q(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[-1] if values else default

    def q_all(self, name: str) -> list[str]:
        return list(self.query.get(name, []))

    def q_required(self, name: str) -> str:
        value = self.q(name)
        if value is None or value == "":
            raise missing(name)
        return value

    @overload
    def q_enum(self, name: str, allowed: Collection[str], default: str, *, fold: bool = False) -> str: ...
    @overload
    def q_enum(self, name: str, allowed: Collection[str], default: None = None, *,
               fold: bool = False) -> str | None: ...
    def q_enum(self, name: str, allowed: Collection[str], default: str | None = None, *,
               fold: bool = False) -> str | None:
        value = self.q(name)
        if value is None:
            return default
        check = value.upper() if fold else value
        if check not in allowed:
            raise invalid(name, f"{value!r} is not one of {', '.join(allowed)}")
        return check

    def q_bool(self, name: str, default: bool = False) -> bool:
        value = self.q(name)
        if value is None:
            return default
        if value.lower() not in ("true", "false"):
            raise invalid(name, f"{value!r} is not a boolean")
        return value.lower() == "true"

    # -- body ----------------------------------------------------------------------------------
    @property
    def body(self) -> dict:
        if self._body is None:
            if not self.raw_body:
                raise ApiError(400, "CannotParseRequest", "The request body is empty")
            try:
                parsed = json.loads(self.raw_body)
            except (ValueError, UnicodeDecodeError) as exc:
                raise ApiError(400, "CannotParseRequest", f"The request body is not valid JSON: {exc}") from None
            if not isinstance(parsed, dict):
                raise ApiError(400, "CannotParseRequest", "The request body must be a JSON object")
            self._body = parsed
        return self._body
