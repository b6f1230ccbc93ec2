"""Raw SQL on either database, for the few hot paths where the ORM's cost shows."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from tortoise import Tortoise
from tortoise.backends.base.client import BaseDBAsyncClient

_PARAM = re.compile(r"\$(\d+)")


def db_timestamp(value: datetime, pg: bool) -> Any:
    """A timestamp as the database compares it (SQLite stores Tortoise's text form)."""
    value = value.astimezone(UTC)
    return value if pg else str(value)


def connection() -> BaseDBAsyncClient:
    return Tortoise.get_connection("default")


def is_pg(conn: BaseDBAsyncClient) -> bool:
    return conn.capabilities.dialect == "postgres"


async def execute(conn: BaseDBAsyncClient, sql: str, values: list[Any]) -> list[dict]:
    """`$n` placeholders on both databases (SQLite reads them as `?n`)."""
    if not is_pg(conn):
        sql = _PARAM.sub(r"?\1", sql)
        values = [db_timestamp(v, False) if isinstance(v, datetime) else v for v in values]
    return await conn.execute_query_dict(sql, values)


async def rowcount(conn: BaseDBAsyncClient, sql: str, values: list[Any]) -> int:
    if not is_pg(conn):
        sql = _PARAM.sub(r"?\1", sql)
        values = [db_timestamp(v, False) if isinstance(v, datetime) else v for v in values]
    count, _ = await conn.execute_query(sql, values)
    return count
