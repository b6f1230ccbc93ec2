"""Readiness: can this process reach what it needs (the database, and Redis when set)?"""

from __future__ import annotations

import logging
from typing import Any

from tortoise import Tortoise

log = logging.getLogger(__name__)


async def database() -> str:
    try:
        await Tortoise.get_connection("default").execute_query("SELECT 1")
        return "ok"
    except Exception as exc:  # any failure means not ready
        log.warning("readyz: database: %s", exc)
        return "down"


async def redis(client: Any) -> str:
    try:
        await client.ping()
        return "ok"
    except Exception as exc:
        log.warning("readyz: redis: %s", exc)
        return "down"
