"""List semantics shared by every collection: limit/page validation, sorting, page tokens.

Page tokens are keyset tokens (the sort key of the last item returned, base64url JSON), not
offsets, so a resource created or deleted while a client pages does not make it see an item twice
or skip one. `opc-next-page` is set only when another page exists (an empty header would make the
SDK paginate forever). An unparseable token is 400 InvalidParameter naming `page`.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Callable

from .context import Ctx
from .wire import invalid

MAX_LIMIT = 1000
DEFAULT_LIMIT = 100
SORT_ORDERS = ("ASC", "DESC")


def parse_limit(ctx: Ctx) -> int:
    raw = ctx.q("limit")
    if raw is None:
        return DEFAULT_LIMIT
    try:
        limit = int(raw)
    except ValueError:
        raise invalid("limit", f"{raw!r} is not an integer") from None
    if not 1 <= limit <= MAX_LIMIT:
        raise invalid("limit", f"must be between 1 and {MAX_LIMIT}, got {limit}")
    return limit


def encode_token(key: tuple) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(key), separators=(",", ":")).encode()).decode().rstrip("=")


def decode_token(token: str) -> tuple:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        value = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise invalid("page", f"{token!r} is not a page token this service issued") from None
    if not isinstance(value, list):
        raise invalid("page", f"{token!r} is not a page token this service issued")
    return tuple(value)


def field_key(field: str) -> Callable[[dict], tuple]:
    """Sort key: missing values first (ascending), ties broken by id."""
    def key(item: dict) -> tuple:
        v = item.get(field)
        return (v is not None, v if v is not None else "", item.get("id", ""))

    return key


def sort_params(ctx: Ctx, fields: tuple[str, ...], default_field: str) -> tuple[str, str]:
    """(sortBy, sortOrder); timestamps default DESC, names and states ASC."""
    by = ctx.q_enum("sortBy", fields, default_field)
    default_order = "DESC" if by.lower().startswith("time") else "ASC"
    order = ctx.q_enum("sortOrder", SORT_ORDERS, default_order)
    return by, order


def page(ctx: Ctx, items: list, key: Callable, descending: bool) -> tuple[list, dict]:
    """Sort `items`, cut the page after the token's key, and the headers for it."""
    limit = parse_limit(ctx)
    token = ctx.q("page")
    keyed = sorted(((key(i), i) for i in items), key=lambda p: p[0], reverse=descending)
    start = 0
    if token:
        last = decode_token(token)
        try:
            if descending:
                start = next((n for n, (k, _) in enumerate(keyed) if k < last), len(keyed))
            else:
                start = next((n for n, (k, _) in enumerate(keyed) if k > last), len(keyed))
        except TypeError:
            raise invalid("page", f"{token!r} does not belong to this sort order") from None
    window = keyed[start : start + limit]
    headers = {}
    if start + limit < len(keyed):
        headers["opc-next-page"] = encode_token(window[-1][0])
    return [i for _, i in window], headers


def sorted_page(ctx: Ctx, items: list[dict], by: str, order: str) -> tuple[list, dict]:
    return page(ctx, items, field_key(by), order == "DESC")
