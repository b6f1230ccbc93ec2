"""The daily rollup: closes a day's numbers per listing and per seller.

Rolling up a day recounts its leads and calls from their tables and sets absolute
numbers, so running it twice (or backfilling any past day) gives the same result. It
writes each seller's day (`seller_daily`) and each seller's running totals per listing
(`seller_totals`). Rolled-up days always form one unbroken range: rolling up a day
after a gap (or before the first rolled day) rolls up the days in between too, so
running totals are the sums of everything before them. Days are UTC; only ended days
roll up.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import groupby
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from propertyhub.analytics.packing import pack, unpack
from propertyhub.calls.models import CallStatus
from propertyhub.common import sql
from propertyhub.common.models import utcnow
from propertyhub.crm.models import LeadSource

# The nightly rollup closes yesterday once every call that started on it has ended (the
# longest call is 2 hours, plus the reconnect grace), so its minutes are all counted.
# Until then yesterday reads live, like today.
CLOSE_AFTER = time(2, 15)

# One rollup at a time across processes: two would interleave the running totals.
_LOCK = "SELECT pg_advisory_xact_lock(7468150311)"


class DayNotOver(ValueError):
    pass


def bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=UTC)
    return start, start + timedelta(days=1)


def day_range(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


# The statuses and sources are the enums' own constants, written into the SQL.
_EVENTS = f"""
    SELECT property_id, sum(leads) AS leads, sum(call_leads) AS call_leads,
           sum(calls) AS calls, sum(secs) AS call_seconds
    FROM (SELECT property_id, 1 AS leads,
                 CASE WHEN source = '{LeadSource.CALL.value}' THEN 1 ELSE 0 END AS call_leads,
                 0 AS calls, 0 AS secs
          FROM leads WHERE created_at >= $2 AND created_at < $3
          UNION ALL
          SELECT property_id, 0, 0, 1, coalesce(duration_seconds, 0)
          FROM call_logs WHERE started_at >= $2 AND started_at < $3
            -- a call counts once the buyer joined it (never-joined calls end `failed`)
            AND status NOT IN ('{CallStatus.CONNECTING.value}', '{CallStatus.FAILED.value}')) e
    WHERE property_id IS NOT NULL
    GROUP BY property_id"""

_COUNT = f"""
    INSERT INTO listing_daily (property_id, day, views, cart_adds, leads, call_leads, calls,
                               call_seconds)
    SELECT property_id, $1, 0, 0, leads, call_leads, calls, call_seconds FROM ({_EVENTS}) c
    WHERE true
    ON CONFLICT (property_id, day) DO UPDATE
    SET leads = excluded.leads, call_leads = excluded.call_leads, calls = excluded.calls,
        call_seconds = excluded.call_seconds
    RETURNING property_id"""

_SELLERS = """
    INSERT INTO seller_daily (seller_id, day, views, cart_adds, leads, call_leads, calls,
                              call_seconds)
    SELECT p.owner_id, $1, sum(d.views), sum(d.cart_adds), sum(d.leads), sum(d.call_leads),
           sum(d.calls), sum(d.call_seconds)
    FROM listing_daily d JOIN properties p ON p.id = d.property_id
    WHERE d.day = $1
    GROUP BY p.owner_id"""


# Sellers with numbers on day $1: their running totals from $1 on move.
_MOVED = """SELECT DISTINCT p.owner_id FROM listing_daily d JOIN properties p ON p.id = d.property_id
    WHERE d.day = $1"""

_BEFORE = f"""
    SELECT t.seller_id, t.listing_ids, t.views, t.cart_adds, t.leads, t.calls
    FROM seller_totals t
    WHERE t.id IN (SELECT (SELECT x.id FROM seller_totals x
                           WHERE x.seller_id = m.owner_id AND x.day < $1
                           ORDER BY x.day DESC LIMIT 1)
                   FROM ({_MOVED}) m)"""

_SINCE = f"""
    SELECT p.owner_id, d.day, d.property_id, d.views, d.cart_adds, d.leads, d.calls
    FROM listing_daily d JOIN properties p ON p.id = d.property_id
    WHERE d.day >= $1 AND d.day <= $2 AND p.owner_id IN ({_MOVED})
    ORDER BY p.owner_id, d.day"""

_WRITE = """
    INSERT INTO seller_totals (seller_id, day, listing_ids, views, cart_adds, leads, calls)
    VALUES ($1, $2, $3, $4, $5, $6, $7)
    ON CONFLICT (seller_id, day) DO UPDATE
    SET listing_ids = excluded.listing_ids, views = excluded.views,
        cart_adds = excluded.cart_adds, leads = excluded.leads, calls = excluded.calls"""

COUNTERS = ("views", "cart_adds", "leads", "calls")


async def _running_totals(conn: BaseDBAsyncClient, day: date, through: date) -> None:
    """Rewrites the running totals of the sellers with numbers on `day`, for every day from
    `day` to `through` on which they had numbers: the totals before, plus each day."""
    start: dict[int, dict[int, list[int]]] = {}
    for row in await sql.execute(conn, _BEFORE, [day]):
        columns = [unpack(row[c]) for c in COUNTERS]
        start[row["seller_id"]] = {pid: [col[i] for col in columns]
                                   for i, pid in enumerate(unpack(row["listing_ids"]))}
    writes: list[list[Any]] = []
    rows = await sql.rows(conn, _SINCE, [day, through])  # a night's rows: no dict per row
    for seller_id, seller_rows in groupby(rows, key=lambda r: r[0]):
        totals = start.get(seller_id, {})
        for on_day, day_rows in groupby(seller_rows, key=lambda r: r[1]):
            for _, _, pid, views, cart_adds, leads, calls in day_rows:
                cell = totals.get(pid)
                if cell is None:
                    cell = totals[pid] = [0, 0, 0, 0]
                cell[0] += views
                cell[1] += cart_adds
                cell[2] += leads
                cell[3] += calls
            ids = sorted(totals)
            writes.append([seller_id, on_day, pack(ids),
                           *(pack([totals[pid][i] for pid in ids]) for i in range(4))])
    await sql.execute_many(conn, _WRITE, writes)


async def rolled_range(conn: BaseDBAsyncClient | None = None
                       ) -> tuple[date | None, date | None]:
    """The first and last closed days (None, None before any rollup)."""
    rows = await sql.rows(conn or sql.connection(),
                          "SELECT min(day), max(day) FROM analytics_days", [])
    first, last = rows[0]
    return (sql.as_date(first) if first else None), (sql.as_date(last) if last else None)


async def _earliest_activity() -> date | None:
    rows = await sql.execute(sql.connection(), """
        SELECT (SELECT min(day) FROM listing_daily) AS d,
               (SELECT min(created_at) FROM leads) AS l,
               (SELECT min(started_at) FROM call_logs) AS c""", [])
    found = [sql.as_date(v) for v in rows[0].values() if v is not None]
    return min(found) if found else None


async def days_to_roll(day: date) -> list[date]:
    """`day`, and the days that keep the rolled range unbroken once it is added."""
    first, last = await rolled_range()
    if last is None:  # never rolled up: start where anything first happened
        return day_range(min(day, await _earliest_activity() or day), day)
    if day < first:
        return day_range(day, first - timedelta(days=1))
    if day > last:
        return day_range(last + timedelta(days=1), day)
    return [day]


async def rollup_day(day: date) -> int:
    """Closes one day in one transaction; the number of listings with leads or calls."""
    start, end = bounds(day)
    async with in_transaction() as conn:
        if sql.is_pg(conn):
            await sql.execute(conn, _LOCK, [])
        _, last = await rolled_range(conn)
        through = max(day, last or day)
        await sql.execute(conn, "UPDATE listing_daily SET leads = 0, call_leads = 0, "
                                "calls = 0, call_seconds = 0 WHERE day = $1", [day])
        listings = len(await sql.execute(conn, _COUNT, [day, start, end]))
        await sql.execute(conn, "DELETE FROM seller_daily WHERE day = $1", [day])
        await sql.execute(conn, _SELLERS, [day])
        await _running_totals(conn, day, through)
        await sql.execute(conn, """
            INSERT INTO analytics_days (day, rolled_at) VALUES ($1, $2)
            ON CONFLICT (day) DO UPDATE SET rolled_at = excluded.rolled_at""",
                          [day, utcnow()])
    return listings


async def rollup(day: date) -> dict[date, int]:
    """Rolls up `day` (and any days needed to keep the rolled range unbroken)."""
    if day >= utcnow().date():
        raise DayNotOver(f"{day.isoformat()} has not ended yet (days are UTC)")
    return {d: await rollup_day(d) for d in await days_to_roll(day)}
