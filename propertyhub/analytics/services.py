"""A seller's numbers: rollups for past days, live counts for today."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from propertyhub.analytics.rollup import bounds, live_counts
from propertyhub.billing.models import Subscription
from propertyhub.common import sql
from propertyhub.common.models import utcnow
from propertyhub.listings.models import ListingStatus, Property

FIELDS = ("views", "cart_adds", "leads", "call_leads", "calls", "call_seconds")


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


_SUMS = """
    sum(d.views) AS views, sum(d.cart_adds) AS cart_adds,
    sum(CASE WHEN d.day = $4 THEN 0 ELSE d.leads END) AS leads,
    sum(CASE WHEN d.day = $4 THEN 0 ELSE d.call_leads END) AS call_leads,
    sum(CASE WHEN d.day = $4 THEN 0 ELSE d.calls END) AS calls,
    sum(CASE WHEN d.day = $4 THEN 0 ELSE d.call_seconds END) AS call_seconds"""
_FROM = """FROM listing_daily d JOIN properties p ON p.id = d.property_id
    WHERE p.owner_id = $1 AND d.day >= $2 AND d.day <= $3"""


def _add(into: dict[str, int], row: dict[str, Any]) -> None:
    for name in FIELDS:
        into[name] += int(row.get(name) or 0)


async def seller_analytics(seller_id: int, first: date, last: date) -> dict[str, Any]:
    """Sums in SQL (a year of 1,000 listings is 365,000 rows); today's leads and calls are
    counted live from their tables, since the rollup has not seen today yet."""
    today = utcnow().date()
    conn = sql.connection()
    args = [seller_id, first, last, today]
    listing_ids = await Property.filter(owner_id=seller_id).exclude(
        status=ListingStatus.WITHDRAWN).order_by("id").values_list("id", flat=True)
    by_property: dict[int, dict[str, int]] = {pid: dict.fromkeys(FIELDS, 0)
                                              for pid in listing_ids}
    by_day: dict[date, dict[str, int]] = defaultdict(lambda: dict.fromkeys(FIELDS, 0))
    if sql.is_pg(conn):  # one pass over the rows for both breakdowns
        rows = await sql.execute(conn, f"SELECT d.property_id, d.day, {_SUMS} {_FROM} "
                                       "GROUP BY GROUPING SETS ((d.property_id), (d.day))", args)
    else:
        rows = [*await sql.execute(conn, f"SELECT d.property_id, NULL AS day, {_SUMS} {_FROM} "
                                         "GROUP BY d.property_id", args),
                *await sql.execute(conn, f"SELECT NULL AS property_id, d.day, {_SUMS} {_FROM} "
                                         "GROUP BY d.day", args)]
    for row in rows:
        if row["day"] is None:
            _add(by_property.setdefault(row["property_id"], dict.fromkeys(FIELDS, 0)), row)
        else:
            _add(by_day[_day(row["day"])], row)
    if first <= today <= last:
        for property_id, live in (await live_counts(today, seller_id)).items():
            _add(by_property.setdefault(property_id, dict.fromkeys(FIELDS, 0)), live)
            _add(by_day[today], live)
    totals = dict.fromkeys(FIELDS, 0)
    for cell in by_day.values():
        _add(totals, cell)
    start, _ = bounds(first)
    _, end = bounds(last)
    hires = await Subscription.filter(user_id=seller_id, created_at__gte=start,
                                      created_at__lt=end).count()
    public = ("views", "cart_adds", "leads", "calls")
    return {
        "from": first.isoformat(), "to": last.isoformat(),
        "totals": {"listings": len(listing_ids), "views": totals["views"],
                   "cart_adds": totals["cart_adds"], "leads": totals["leads"],
                   "calls": totals["calls"],
                   "call_minutes": round(totals["call_seconds"] / 60, 1), "hires": hires},
        "conversion": {"view_to_lead": _ratio(totals["leads"], totals["views"]),
                       "call_to_lead": _ratio(totals["call_leads"], totals["calls"])},
        "by_property": [{"property_id": pid, **{k: c[k] for k in public}}
                        for pid, c in sorted(by_property.items())],
        "daily": [{"date": (first + timedelta(days=i)).isoformat(),
                   **{k: by_day[first + timedelta(days=i)][k] for k in public}}
                  for i in range((last - first).days + 1)],
    }
