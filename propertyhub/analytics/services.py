"""A seller's numbers: rolled-up days from the rollup's tables, later days counted live.

A range splits at the last rolled-up day. The closed part costs the same for a week or
a year and for ten listings or a thousand: the daily series is one `seller_daily` row a
day, and each listing's sums are the difference of two `seller_totals` rows. The open
part (normally just today) reads the listing-day rows everything is counted into.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from propertyhub.analytics.packing import unpack
from propertyhub.analytics.rollup import COUNTERS, bounds, day_range, rolled_range
from propertyhub.billing.models import Subscription
from propertyhub.common import sql
from propertyhub.listings.models import ListingStatus
from propertyhub.viewings.stats import seller_viewings

_LISTINGS = "SELECT id, status FROM properties WHERE owner_id = $1 ORDER BY id"

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


class _ListingSums:
    """Each listing's views, cart adds, leads and calls over the range, as four columns in
    `ids` order: a big seller's request adds up thousands of numbers, so no per-listing
    objects."""

    def __init__(self, ids: list[int]) -> None:
        self.ids = ids
        self.pos = {pid: i for i, pid in enumerate(ids)}
        self.columns = [[0] * len(ids) for _ in COUNTERS]

    def index(self, property_id: int) -> int:
        i = self.pos.get(property_id)
        if i is None:
            i = self.pos[property_id] = len(self.ids)
            self.ids.append(property_id)
            for column in self.columns:
                column.append(0)
        return i

    def add_running_totals(self, rows: list[Any]) -> None:
        """The closed range: each listing's running totals at its end less those before
        its start (rows: at_end, listing_ids, then one packed column per counter)."""
        ends = {row[0]: row for row in rows}
        if 1 not in ends:
            return
        end_ids, end = unpack(ends[1][1]), [unpack(c) for c in ends[1][2:]]
        sums = end
        if 0 in ends:
            start_ids, start = unpack(ends[0][1]), [unpack(c) for c in ends[0][2:]]
            if start_ids != end_ids:  # listings came since: align by id
                at = {pid: j for j, pid in enumerate(start_ids)}
                start = [[col[at[pid]] if pid in at else 0 for pid in end_ids] for col in start]
            sums = [[e - s for e, s in zip(e_col, s_col, strict=True)]
                    for e_col, s_col in zip(end, start, strict=True)]
        if end_ids == self.ids:
            self.columns = [[a + b for a, b in zip(mine, add, strict=True)]
                            for mine, add in zip(self.columns, sums, strict=True)]
            return
        for i, pid in enumerate(end_ids):
            j = self.index(pid)
            for column, add in zip(self.columns, sums, strict=True):
                column[j] += add[i]

    def add_open_days(self, rows: list[Any]) -> dict[Any, list[int]]:
        """Listing-day rows of days not closed yet; their sums by day, as the rows name it."""
        views, cart_adds, leads, calls = self.columns
        days: dict[Any, list[int]] = {}
        for pid, day, v, c, le, k, call_leads, call_seconds in rows:
            i = self.pos.get(pid)
            if i is None:
                i = self.index(pid)
            views[i] += v
            cart_adds[i] += c
            leads[i] += le
            calls[i] += k
            cell = days.get(day)
            if cell is None:
                cell = days[day] = [0] * 6
            cell[0] += v
            cell[1] += c
            cell[2] += le
            cell[3] += k
            cell[4] += call_leads
            cell[5] += call_seconds
        return days

    def public(self, hidden: set[int]) -> list[dict[str, int]]:
        return [{"property_id": pid, "views": v, "cart_adds": c, "leads": le, "calls": k}
                for pid, v, c, le, k in sorted(zip(self.ids, *self.columns, strict=True))
                if pid not in hidden or v or c or le or k]


async def seller_analytics(seller_id: int, first: date, last: date) -> dict[str, Any]:
    conn = sql.connection()
    _, rolled = await rolled_range()
    closed_end = min(last, rolled) if rolled and rolled >= first else None
    open_from = closed_end + timedelta(days=1) if closed_end else first

    listings = await sql.rows(conn, _LISTINGS, [seller_id])
    gone = ListingStatus.WITHDRAWN.value
    withdrawn = {pid for pid, status in listings if status == gone}
    sums = _ListingSums([pid for pid, _ in listings])
    by_day: dict[date, list[int]] = {}  # views, cart_adds, leads, calls, call_leads, call_seconds
    if closed_end:
        sums.add_running_totals(await sql.rows(conn, _ENDS, [seller_id, first, closed_end]))
        for day, *counts in await sql.rows(conn, _SELLER_DAYS, [seller_id, first, closed_end]):
            by_day[sql.as_date(day)] = counts
    if open_from <= last:
        open_days = sums.add_open_days(
            await sql.rows(conn, _OPEN_DAYS, [seller_id, open_from, last]))
        by_day.update((sql.as_date(day), cell) for day, cell in open_days.items())

    views, cart_adds, leads, calls, call_leads, call_seconds = (
        [sum(column) for column in zip(*by_day.values(), strict=True)] or [0] * 6)
    start, _ = bounds(first)
    _, end = bounds(last)
    hires = await Subscription.filter(user_id=seller_id, created_at__gte=start,
                                      created_at__lt=end).count()
    zero = [0] * 6
    return {
        "from": first.isoformat(), "to": last.isoformat(),
        "totals": {"listings": len(listings) - len(withdrawn), "views": views,
                   "cart_adds": cart_adds, "leads": leads, "calls": calls,
                   "call_minutes": round(call_seconds / 60, 1), "hires": hires},
        "conversion": {"view_to_lead": _ratio(leads, views),
                       "call_to_lead": _ratio(call_leads, calls)},
        "by_property": sums.public(withdrawn),
        "daily": [{"date": d.isoformat(), "views": c[0], "cart_adds": c[1], "leads": c[2],
                   "calls": c[3]}
                  for d in day_range(first, last) for c in (by_day.get(d, zero),)],
        # Issue 13: the funnel on from leads to viewings.
        "viewings": await seller_viewings(seller_id, first, last, views, leads),
    }
