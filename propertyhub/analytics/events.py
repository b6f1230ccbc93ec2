"""Counting what happens to listings, cheaply, into each listing's row for the day.

Views are the hot path: a viewer's first view of the day (viewers.py decides) adds to an
in-process counter and the counters are written every FLUSH_EVERY_S as one additive upsert
per listing, so several web processes add up and a view costs no database round trip. A process that
dies loses at most that many seconds of views. Cart adds, leads and calls are rare:
counted at once, so that reading today's numbers never scans the leads or calls. The
nightly rollup recounts leads and calls from their own tables, so a count lost here
(say, a crash between the insert and the count) is made good when the day closes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from datetime import UTC, date, datetime

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from propertyhub.common import sql
from propertyhub.common.models import utcnow

log = logging.getLogger(__name__)
FLUSH_EVERY_S = 2.0
_views: Counter[tuple[int, date]] = Counter()

_UPSERT = """
INSERT INTO listing_daily (property_id, day, views, cart_adds, leads, call_leads, calls,
                           call_seconds)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (property_id, day) DO UPDATE
SET views = listing_daily.views + excluded.views,
    cart_adds = listing_daily.cart_adds + excluded.cart_adds,
    leads = listing_daily.leads + excluded.leads,
    call_leads = listing_daily.call_leads + excluded.call_leads,
    calls = listing_daily.calls + excluded.calls,
    call_seconds = listing_daily.call_seconds + excluded.call_seconds"""


# The pair's first add only: adding, removing and adding again must not inflate the count.
_FIRST_CART_ADD = """
INSERT INTO counted_cart_adds (buyer_id, property_id) VALUES ($1, $2)
ON CONFLICT DO NOTHING RETURNING buyer_id"""


async def _count(property_id: int, day: date, views: int = 0, cart_adds: int = 0,
                 leads: int = 0, call_leads: int = 0, calls: int = 0,
                 call_seconds: int = 0, conn: BaseDBAsyncClient | None = None) -> None:
    await sql.execute(conn or sql.connection(), _UPSERT,
                      [property_id, day, views, cart_adds, leads, call_leads, calls,
                       call_seconds])


def record_view(property_id: int) -> None:
    _views[(property_id, utcnow().date())] += 1


async def record_cart_add(buyer_id: int, property_id: int) -> None:
    """Once per buyer and listing, ever."""
    async with in_transaction() as conn:  # the mark and the count, or neither
        if await sql.execute(conn, _FIRST_CART_ADD, [buyer_id, property_id]):
            await _count(property_id, utcnow().date(), cart_adds=1, conn=conn)


async def record_lead(property_id: int, created_at: datetime, from_call: bool) -> None:
    await _count(property_id, created_at.astimezone(UTC).date(), leads=1, call_leads=int(from_call))


async def record_call(property_id: int, started_at: datetime) -> None:
    await _count(property_id, started_at.astimezone(UTC).date(), calls=1)


async def record_call_seconds(property_id: int, started_at: datetime, seconds: int) -> None:
    """A call's minutes count on the day it started, as the rollup counts them."""
    await _count(property_id, started_at.astimezone(UTC).date(),
                 call_seconds=seconds)


async def flush_views() -> int:
    pending = dict(_views)
    _views.clear()
    for (property_id, day), n in pending.items():
        try:
            await _count(property_id, day, views=n)
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
