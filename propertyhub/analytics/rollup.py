"""The daily rollup: leads and calls per listing and day, recomputed from their tables.

Recomputing a day sets absolute numbers, so running it twice (or backfilling any
past day) gives the same result. Days are UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from propertyhub.common import sql


def bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=UTC)
    return start, start + timedelta(days=1)


async def live_counts(day: date, seller_id: int | None = None) -> dict[int, dict[str, int]]:
    """leads, call_leads, calls, call_seconds per listing for one day, from the sources."""
    start, end = bounds(day)
    conn = sql.connection()
    seller = " AND seller_id = $3" if seller_id is not None else ""
    args = [start, end] + ([seller_id] if seller_id is not None else [])
    out: dict[int, dict[str, int]] = {}
    for row in await sql.execute(conn, f"""
            SELECT property_id, count(*) AS leads,
                   sum(CASE WHEN source = 'call' THEN 1 ELSE 0 END) AS call_leads
            FROM leads WHERE created_at >= $1 AND created_at < $2{seller}
            GROUP BY property_id""", args):
        out.setdefault(row["property_id"], {}).update(
            leads=int(row["leads"]), call_leads=int(row["call_leads"] or 0))
    for row in await sql.execute(conn, f"""
            SELECT property_id, count(*) AS calls, sum(coalesce(duration_seconds, 0)) AS secs
            FROM call_logs WHERE started_at >= $1 AND started_at < $2{seller}
            GROUP BY property_id""", args):
        out.setdefault(row["property_id"], {}).update(calls=int(row["calls"]),
                                                      call_seconds=int(row["secs"] or 0))
    return out


async def rollup(day: date) -> int:
    conn = sql.connection()
    counts = await live_counts(day)
    await sql.execute(conn, "UPDATE listing_daily SET leads = 0, call_leads = 0, calls = 0, "
                            "call_seconds = 0 WHERE day = $1", [day])
    for property_id, c in counts.items():
        await sql.execute(conn, """
            INSERT INTO listing_daily (property_id, day, views, cart_adds, leads, call_leads,
                                       calls, call_seconds)
            VALUES ($1, $2, 0, 0, $3, $4, $5, $6)
            ON CONFLICT (property_id, day) DO UPDATE
            SET leads = excluded.leads, call_leads = excluded.call_leads,
                calls = excluded.calls, call_seconds = excluded.call_seconds""",
            [property_id, day, c.get("leads", 0), c.get("call_leads", 0), c.get("calls", 0),
             c.get("call_seconds", 0)])
    return len(counts)
