"""Path and query parameter helpers."""

from __future__ import annotations

from typing import Any

from sanic import Request

from propertyhub.common.errors import ApiError, Code

MAX_ID = 2**63 - 1


def path_id(raw: str, what: str) -> int:
    """Ids are opaque to clients; one that cannot be ours is simply not found."""
    if not raw.isdigit() or not 0 < int(raw) <= MAX_ID:
        raise ApiError.not_found(what)
    return int(raw)


def query_args(request: Request) -> dict[str, Any]:
    args = {}
    for name, values in request.args.items():
        if len(values) > 1:
            raise ApiError(400, Code.BAD_REQUEST, f"query parameter {name!r} given twice",
                           {name: ["given more than once"]})
        args[name] = values[0]
    return args


def page_args(request: Request) -> tuple[int, str | None]:
    args = query_args(request)
    raw = args.get("limit")
    limit = 20
    if raw is not None:
        if not raw.isdigit() or not 1 <= int(raw) <= 100:
            raise ApiError.bad_query("limit", "must be a whole number from 1 to 100")
        limit = int(raw)
    return limit, args.get("cursor") or None
