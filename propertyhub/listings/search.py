"""Run a listing search: one page by keyset, and an honest total.

Totals follow shared/search-physics.md: an exact count is affordable only when
few rows match, so PostgreSQL first asks the planner for an estimate, counts
(capped, under a short statement timeout) only when the estimate is small, and
otherwise reports the estimate as `approx`. The planner is no judge of
geometric filters, so those are always counted, and a count that times out
becomes a lower bound. SQLite has no planner estimate worth reporting: it
counts within a time budget, and an unfinished count is a lower bound (`gte`).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from asyncpg import QueryCanceledError
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import OperationalError
from tortoise.transactions import in_transaction

from propertyhub.common import cursor, sql
from propertyhub.listings.search_params import SearchParams
from propertyhub.listings.search_sql import (
    COUNT_CAP,
    count_sql,
    estimate_sql,
    matches_sql,
    page_sql,
)

ESTIMATE_COUNT_CEILING = 20_000
# GIN-filtered counts read every matching row (search-physics trap 4, ~20 µs a row
# measured here), so text searches are counted only when few rows match.
TEXT_COUNT_CEILING = 500
COUNT_TIMEOUT_MS = 15
SQLITE_COUNT_BUDGET_S = 0.03


@dataclass
class Result:
    rows: list[dict[str, Any]]
    next_cursor: str | None
    total: int
    relation: str


def _key_out(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def _key_in(value: Any, sort: str, pg: bool) -> Any:
    if sort == "newest" and pg:
        return datetime.fromisoformat(value)
    return value


def listing_row(row: dict[str, Any]) -> dict[str, Any]:
    """A raw row (either database) in the shape the models give."""
    out = dict(row)
    out.pop("k", None)
    out.pop("n", None)
    for name in ("amenities", "images"):
        if isinstance(out[name], str):
            out[name] = json.loads(out[name])
    for name in ("created_at", "updated_at"):
        if isinstance(out[name], str):
            out[name] = datetime.fromisoformat(out[name])
    out["bathrooms"] = float(out["bathrooms"])
    return out


def _rounded(estimate: int) -> int:
    if estimate < 1000:
        return estimate
    digits = len(str(estimate)) - 2
    return round(estimate, -digits)


async def _sqlite_count(conn: BaseDBAsyncClient, params: SearchParams) -> tuple[int, bool]:
    """Count matches for at most SQLITE_COUNT_BUDGET_S; returns (counted, finished).

    SQLite has no statement timeout, so the rows are counted in batches and the
    count stops when the budget is spent: what was counted is a lower bound.
    """
    q = matches_sql(params, False)
    deadline = time.monotonic() + SQLITE_COUNT_BUDGET_S
    counted = 0
    async with conn.acquire_connection() as raw:
        cursor = await raw.execute(q.sql, q.values)
        try:
            while True:
                batch = await cursor.fetchmany(500)
                counted += len(batch)
                if len(batch) < 500:
                    return counted, True
                if time.monotonic() > deadline:
                    return counted, False
        finally:
            await cursor.close()


async def _pg_count(conn: BaseDBAsyncClient, params: SearchParams) -> int | None:
    q = count_sql(params, True)
    try:
        async with in_transaction(conn.connection_name) as tx:
            await tx.execute_script(f"SET LOCAL statement_timeout = '{COUNT_TIMEOUT_MS}ms'")
            return (await tx.execute_query_dict(q.sql, q.values))[0]["n"]
    except QueryCanceledError:
        return None
    except OperationalError as exc:
        if not isinstance(exc.__cause__, QueryCanceledError):
            raise
        return None


async def _estimate(conn: BaseDBAsyncClient, params: SearchParams) -> int:
    q = estimate_sql(params)
    rows = await conn.execute_query_dict(q.sql, q.values)
    plan = rows[0]["QUERY PLAN"]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


async def total_for(conn: BaseDBAsyncClient, params: SearchParams, pg: bool,
                    seen: int) -> tuple[int, str]:
    """`seen` is how many matches the first page proved exist (page + 1 when there is more)."""
    estimate = None
    if pg and not params.has_geo:
        estimate = await _estimate(conn, params)
        ceiling = TEXT_COUNT_CEILING if params.words else ESTIMATE_COUNT_CEILING
        if estimate > ceiling:
            return max(_rounded(estimate), seen), "approx"
    if not pg:
        counted, finished = await _sqlite_count(conn, params)
        if not finished:
            return max(counted, seen), "gte"
        return (counted, "eq") if counted <= COUNT_CAP else (COUNT_CAP, "gte")
    n = await _pg_count(conn, params)
    if n is None:
        if estimate is not None:
            return max(_rounded(estimate), seen), "approx"
        return seen, "gte"
    return (n, "eq") if n <= COUNT_CAP else (COUNT_CAP, "gte")


async def run(
    conn: BaseDBAsyncClient, params: SearchParams, *, with_total: bool = True, count_cap: int | None = None
) -> Result:
    """`count_cap`: count exactly up to that many and no further (the voice agent says "over
    100", and a turn must not pay for counting a city of 10,000)."""
    pg = sql.is_pg(conn)
    fingerprint = params.fingerprint()
    after = None
    total: int | None = None
    relation = "eq"
    if params.cursor:
        state = cursor.decode(params.cursor)
        try:
            if state["f"] != fingerprint:
                raise cursor.invalid()
            after = (_key_in(state["k"], params.sort, pg), int(state["i"]))
            total, relation = int(state["t"]), str(state["r"])
        except (KeyError, TypeError, ValueError):
            raise cursor.invalid() from None
    q = page_sql(params, pg, after)
    rows = await conn.execute_query_dict(q.sql, q.values)
    has_next = len(rows) > params.limit
    rows = rows[: params.limit]
    if total is None and not with_total:
        total, relation = len(rows) + int(has_next), "gte"
    if total is None:
        if rows and "n" in rows[0]:
            total, relation = rows[0]["n"], "eq"  # counted by the page query itself
        elif not has_next:
            total, relation = len(rows), "eq"  # the whole result is on this page
        elif count_cap is not None:
            q = count_sql(params, pg, cap=count_cap)
            n = (await conn.execute_query_dict(q.sql, q.values))[0]["n"]
            total, relation = (n, "eq") if n <= count_cap else (count_cap, "gte")
        else:
            total, relation = await total_for(conn, params, pg, len(rows) + 1)
    next_cursor = None
    if has_next:
        last = rows[-1]
        next_cursor = cursor.encode({"f": fingerprint, "k": _key_out(last["k"]),
                                     "i": last["id"], "t": total, "r": relation})
    return Result([listing_row(r) for r in rows], next_cursor, total, relation)
