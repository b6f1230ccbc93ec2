"""Path and query parameter helpers."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sanic import Request

from propertyhub.common.errors import ApiError, Code
from propertyhub.common.schemas import TEXT_RULE, is_text

MAX_ID = 2**63 - 1
# The dates and times a client may ask about: far from the ends of Python's calendar
# (year 1 and 9999, where moving to UTC or adding a day overflows) and of any real data.
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
TIME_RANGE = "from 1970-01-01 to 2999-12-31 (UTC)"


def as_id(raw: Any) -> int | None:
    """An id as clients send it (a number, or a string of ASCII digits), or None when it
    cannot be one of ours. `str.isdigit` alone takes "²", which `int` refuses, and `int`
    refuses more than 4,300 digits too."""
    if isinstance(raw, str) and raw.isascii() and raw.isdigit() and len(raw) <= 19:
        raw = int(raw)
    if isinstance(raw, int) and not isinstance(raw, bool) and 0 < raw <= MAX_ID:
        return raw
    return None


def path_id(raw: str, what: str) -> int:
    """Ids are opaque to clients; one that cannot be ours is simply not found."""
    value = as_id(raw)
    if value is None:
        raise ApiError.not_found(what)
    return value


def query_args(request: Request) -> dict[str, Any]:
    args = {}
    for name, values in request.args.items():
        if len(values) > 1:
            raise ApiError(400, Code.BAD_REQUEST, f"query parameter {name!r} given twice",
                           {name: ["given more than once"]})
        if not (is_text(name) and is_text(values[0])):
            raise ApiError.bad_query(name, TEXT_RULE)
        args[name] = values[0]
    return args


def query_time(args: dict[str, str], name: str) -> datetime | None:
    """An ISO 8601 time (UTC when it names no offset) within the supported range."""
    raw = args.get(name)
    if not raw:
        return None
    try:
        # RFC 3339 lets "T" and "Z" be lower case; no other letter is part of a time.
        value = datetime.fromisoformat(raw.upper().replace("Z", "+00:00"))
    except ValueError:
        raise ApiError.bad_query(name, "must be an ISO 8601 time") from None
    # The local year first: moving 0001-01-01T00:00+01:00 to UTC would overflow.
    if not EARLIEST.year - 1 <= value.year <= LATEST.year + 1:
        raise ApiError.bad_query(name, f"must be {TIME_RANGE}")
    value = value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    if not EARLIEST <= value <= LATEST:
        raise ApiError.bad_query(name, f"must be {TIME_RANGE}")
    return value


def query_date(args: dict[str, str], name: str) -> date | None:
    """A YYYY-MM-DD day within the supported range."""
    raw = args.get(name)
    if raw is None:
        return None
    try:
        value = date.fromisoformat(raw)
    except ValueError:
        raise ApiError.bad_query(name, "must be a date, YYYY-MM-DD") from None
    if not EARLIEST.date() <= value <= LATEST.date():
        raise ApiError.bad_query(name, f"must be {TIME_RANGE}")
    return value


def page_args(request: Request) -> tuple[int, str | None]:
    args = query_args(request)
    raw = args.get("limit")
    limit = 20
    if raw is not None:
        if not (raw.isascii() and raw.isdigit() and len(raw) <= 3 and 1 <= int(raw) <= 100):
            raise ApiError.bad_query("limit", "must be a whole number from 1 to 100")
        limit = int(raw)
    return limit, args.get("cursor") or None
