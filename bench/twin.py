"""The raw-asyncpg twin: the service's search SQL and totals strategy, without the service."""

from __future__ import annotations

import json
from typing import Any

import asyncpg

from propertyhub.db import PG_SERVER_SETTINGS
from propertyhub.listings.search import (
    COUNT_TIMEOUT_MS,
    ESTIMATE_COUNT_CEILING,
    TEXT_COUNT_CEILING,
)
from propertyhub.listings.search_params import SearchParams
from propertyhub.listings.search_sql import count_sql, estimate_sql, page_sql


async def pool(dsn: str, size: int) -> asyncpg.Pool:
    return await asyncpg.create_pool(dsn, min_size=size, max_size=size,
                                     server_settings=dict(PG_SERVER_SETTINGS))


async def total(conn: asyncpg.Connection, p: SearchParams) -> tuple[int, str]:
    estimate = None
    if not p.has_geo:
        q = estimate_sql(p)
        plan = json.loads(await conn.fetchval(q.sql, *q.values))
        estimate = int(plan[0]["Plan"]["Plan Rows"])
        if estimate > (TEXT_COUNT_CEILING if p.words else ESTIMATE_COUNT_CEILING):
            return estimate, "approx"
    q = count_sql(p, True)
    try:
        async with conn.transaction():
            await conn.execute(f"SET LOCAL statement_timeout = '{COUNT_TIMEOUT_MS}ms'")
            n = await conn.fetchval(q.sql, *q.values)
    except asyncpg.QueryCanceledError:
        return (estimate, "approx") if estimate is not None else (p.limit + 1, "gte")
    return (n, "eq") if n <= 10_000 else (10_000, "gte")


async def search(conn: asyncpg.Connection, p: SearchParams,
                 after: tuple[Any, int] | None) -> tuple[list, tuple[Any, int] | None]:
    q = page_sql(p, True, after)
    rows = await conn.fetch(q.sql, *q.values)
    has_next = len(rows) > p.limit
    rows = rows[: p.limit]
    if after is None and has_next and "n" not in rows[0]:
        await total(conn, p)
    return rows, ((rows[-1]["k"], rows[-1]["id"]) if has_next else None)
