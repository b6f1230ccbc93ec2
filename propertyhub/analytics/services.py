"""A seller's numbers: rolled-up days from the rollup's tables, later days counted live.

A range splits at the last rolled-up day. The closed part costs the same for a week or
a year and for ten listings or a thousand: the daily series is one `seller_daily` row a
day, and each listing's sums are the difference of two `seller_totals` rows. The open
part (normally just today) reads the listing-day rows everything is counted into.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from propertyhub.analytics.packing import unpack
from propertyhub.analytics.rollup import COUNTERS, bounds, day_range
from propertyhub.billing.models import Subscription
from propertyhub.common import sql
from propertyhub.listings.models import ListingStatus

_LISTINGS = "SELECT id, status FROM properties WHERE owner_id = $1"

# The seller's running totals at the end of the closed range and before its start.
_ENDS = """
    SELECT 1 AS at_end, e.* FROM (
        SELECT listing_ids, views, cart_adds, leads, calls FROM seller_totals
        WHERE seller_id = $1 AND day <= $3 ORDER BY day DESC LIMIT 1) e
    UNION ALL
    SELECT 0 AS at_end, s.* FROM (
        SELECT listing_ids, views, cart_adds, leads, calls FROM seller_totals
        WHERE seller_id = $1 AND day < $2 ORDER BY day DESC LIMIT 1) s"""

_SELLER_DAYS = """
    SELECT day, views, cart_adds, leads, calls, call_leads, call_seconds FROM seller_daily
    WHERE seller_id = $1 AND day >= $2 AND day <= $3"""

_OPEN_DAYS = """
    SELECT d.property_id, d.day, d.views, d.cart_adds, d.leads, d.calls, d.call_leads,
           d.call_seconds
    FROM listing_daily d JOIN properties p ON p.id = d.property_id
    WHERE p.owner_id = $1 AND d.day >= $2 AND d.day <= $3"""


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


class _Tally:
    """Sums by listing (views, cart_adds, leads, calls) and by day (those, call_leads,
    call_seconds); plain lists, since a big seller's request adds up thousands of rows."""

    def __init__(self) -> None:
        self.by_property: dict[int, list[int]] = {}
        self.withdrawn: set[int] = set()
        self.by_day: dict[date, list[int]] = defaultdict(lambda: [0] * 6)

    def listing(self, property_id: int) -> list[int]:
        cell = self.by_property.get(property_id)
        if cell is None:
            cell = self.by_property[property_id] = [0, 0, 0, 0]
        return cell

    def add_days(self, rows: list[dict]) -> None:
        """Listing-day rows of open days, counted as things happened."""
        for row in rows:
            counts = [row["views"], row["cart_adds"], row["leads"], row["calls"]]
            cell = self.listing(row["property_id"])
            day = self.by_day[sql.as_date(row["day"])]
            for i, n in enumerate(counts):
                cell[i] += n
                day[i] += n
            day[4] += row["call_leads"]
            day[5] += row["call_seconds"]

    def add_running_totals(self, rows: list[dict]) -> None:
        """Each listing's sums over the closed range: its running total at the end of
        the range less its running total before the start."""
        ends = {row["at_end"]: row for row in rows}
        if 1 not in ends:
            return
        before: dict[int, int] = {}
        start_columns: list[list[int]] = []
        if 0 in ends:
            before = {pid: i for i, pid in enumerate(unpack(ends[0]["listing_ids"]))}
            start_columns = [unpack(ends[0][c]) for c in COUNTERS]
        end_columns = [unpack(ends[1][c]) for c in COUNTERS]
        for i, pid in enumerate(unpack(ends[1]["listing_ids"])):
            cell = self.listing(pid)
            j = before.get(pid)
            for k, column in enumerate(end_columns):
                cell[k] += column[i] - (start_columns[k][j] if j is not None else 0)


async def _last_rolled() -> date | None:
    rows = await sql.execute(sql.connection(), "SELECT max(day) AS last FROM analytics_days", [])
    return sql.as_date(rows[0]["last"]) if rows[0]["last"] else None


async def _closed_part(tally: _Tally, seller_id: int, first: date, closed_end: date) -> None:
    conn = sql.connection()
    tally.add_running_totals(await sql.execute(conn, _ENDS, [seller_id, first, closed_end]))
    for row in await sql.execute(conn, _SELLER_DAYS, [seller_id, first, closed_end]):
        tally.by_day[sql.as_date(row["day"])] = [
            row["views"], row["cart_adds"], row["leads"], row["calls"], row["call_leads"],
            row["call_seconds"]]


async def seller_analytics(seller_id: int, first: date, last: date) -> dict[str, Any]:
    rolled = await _last_rolled()
    closed_end = min(last, rolled) if rolled and rolled >= first else None
    open_from = closed_end + timedelta(days=1) if closed_end else first
    tally = _Tally()
    conn = sql.connection()
    withdrawn = ListingStatus.WITHDRAWN.value
    for row in await sql.execute(conn, _LISTINGS, [seller_id]):
        tally.listing(row["id"])
        if row["status"] == withdrawn:
            tally.withdrawn.add(row["id"])
    if closed_end:
        await _closed_part(tally, seller_id, first, closed_end)
    if open_from <= last:
        tally.add_days(await sql.execute(conn, _OPEN_DAYS, [seller_id, open_from, last]))

    totals = [sum(column) for column in zip(*tally.by_day.values(), strict=True)] or [0] * 6
    views, cart_adds, leads, calls, call_leads, call_seconds = totals
    start, _ = bounds(first)
    _, end = bounds(last)
    hires = await Subscription.filter(user_id=seller_id, created_at__gte=start,
                                      created_at__lt=end).count()
    zero = [0] * 6
    return {
        "from": first.isoformat(), "to": last.isoformat(),
        "totals": {"listings": len(tally.by_property) - len(tally.withdrawn), "views": views,
                   "cart_adds": cart_adds, "leads": leads, "calls": calls,
                   "call_minutes": round(call_seconds / 60, 1), "hires": hires},
        "conversion": {"view_to_lead": _ratio(leads, views),
                       "call_to_lead": _ratio(call_leads, calls)},
        "by_property": [{"property_id": pid, "views": c[0], "cart_adds": c[1], "leads": c[2],
                         "calls": c[3]}
                        for pid, c in sorted(tally.by_property.items())
                        if pid not in tally.withdrawn or any(c)],
        "daily": [{"date": d.isoformat(), "views": c[0], "cart_adds": c[1], "leads": c[2],
                   "calls": c[3]}
                  for d in day_range(first, last) for c in (tally.by_day.get(d, zero),)],
    }
