"""Counting what happens to listings, cheaply.

Views are the hot path: a view adds to an in-process counter and the counters
are written every FLUSH_EVERY_S as one additive upsert per listing, so several
web processes add up and a view costs no database round trip. A process that
dies loses at most that many seconds of views. Cart adds are rare: counted at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from datetime import date

from propertyhub.common import sql
from propertyhub.common.models import utcnow

log = logging.getLogger(__name__)
FLUSH_EVERY_S = 2.0
_views: Counter[tuple[int, date]] = Counter()

_UPSERT = """
INSERT INTO listing_daily (property_id, day, views, cart_adds, leads, call_leads, calls,
                           call_seconds)
VALUES ($1, $2, $3, $4, 0, 0, 0, 0)
ON CONFLICT (property_id, day) DO UPDATE
SET views = listing_daily.views + excluded.views,
    cart_adds = listing_daily.cart_adds + excluded.cart_adds"""


def record_view(property_id: int) -> None:
    _views[(property_id, utcnow().date())] += 1


async def record_cart_add(property_id: int) -> None:
    await sql.execute(sql.connection(), _UPSERT, [property_id, utcnow().date(), 0, 1])


async def flush_views() -> int:
    pending = dict(_views)
    _views.clear()
    conn = sql.connection()
    for (property_id, day), n in pending.items():
        try:
            await sql.execute(conn, _UPSERT, [property_id, day, n, 0])
        except Exception:  # e.g. the listing was deleted meanwhile: drop those views
            log.warning("dropped %s views of listing %s", n, property_id)
    return len(pending)


async def run_flusher() -> None:
    try:
        while True:
            await asyncio.sleep(FLUSH_EVERY_S)
            with contextlib.suppress(Exception):
                await flush_views()
    finally:
        with contextlib.suppress(Exception):
            await flush_views()  # on shutdown
