"""Raw SQL on either database, for the few hot paths where the ORM's cost shows."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

from tortoise import Tortoise
from tortoise.backends.base.client import BaseDBAsyncClient

_PARAM = re.compile(r"\$(\d+)")


def db_timestamp(value: datetime, pg: bool) -> Any:
    """A timestamp as the database compares it (SQLite stores Tortoise's text form)."""
    value = value.astimezone(UTC)
    return value if pg else str(value)


def as_date(value: Any) -> date:
    """A DATE or TIMESTAMP value as read back: `date`/`datetime` on PostgreSQL, ISO text
    on SQLite (timestamps are stored in UTC)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def connection() -> BaseDBAsyncClient:
    return Tortoise.get_connection("default")


def is_pg(conn: BaseDBAsyncClient) -> bool:
    """The one dialect test: PostgreSQL, or else SQLite (the embedded default)."""
    return conn.capabilities.dialect == "postgres"


def _dialect(conn: BaseDBAsyncClient, sql: str, values: list[Any]) -> tuple[str, list[Any]]:
    """`$n` placeholders on both databases: SQLite reads them as `?n`, timestamps as text."""
    if is_pg(conn):
        return sql, values
    return _PARAM.sub(r"?\1", sql), [db_timestamp(v, False) if isinstance(v, datetime) else v
                                     for v in values]


async def execute(conn: BaseDBAsyncClient, sql: str, values: list[Any]) -> list[dict]:
    return await conn.execute_query_dict(*_dialect(conn, sql, values))


async def rows(conn: BaseDBAsyncClient, sql: str, values: list[Any]) -> list[Any]:
    """Like `execute`, but rows as the driver gives them (asyncpg `Record`, `sqlite3.Row`):
    read by position or name, without a dict made per row. Not for INSERT/UPDATE/DELETE ...
    RETURNING: Tortoise's asyncpg client runs those for their status tag only and returns no
    rows on PostgreSQL (`execute` returns them)."""
    _, found = await conn.execute_query(*_dialect(conn, sql, values))
    return list(found)


async def rowcount(conn: BaseDBAsyncClient, sql: str, values: list[Any]) -> int:
    """Rows hit by an UPDATE or DELETE. Not for INSERT: Tortoise's asyncpg client reads the
    `INSERT 0 n` status tag's second word (always 0); count `RETURNING` rows instead."""
    count, _ = await conn.execute_query(*_dialect(conn, sql, values))
    return count


async def execute_many(conn: BaseDBAsyncClient, sql: str, rows: list[list[Any]]) -> None:
    if rows:
        query = _dialect(conn, sql, [])[0]
        await conn.execute_many(query, [_dialect(conn, sql, row)[1] for row in rows])
