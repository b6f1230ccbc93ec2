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


async def seller_analytics(seller_id: int, first: date, last: date) -> dict[str, Any]:
    today = utcnow().date()
    cells: dict[tuple[int, date], dict[str, int]] = {}
    for row in await sql.execute(sql.connection(), """
            SELECT d.property_id, d.day, d.views, d.cart_adds, d.leads, d.call_leads, d.calls,
                   d.call_seconds
            FROM listing_daily d JOIN properties p ON p.id = d.property_id
            WHERE p.owner_id = $1 AND d.day >= $2 AND d.day <= $3""",
            [seller_id, first, last]):
        cells[(row["property_id"], _day(row["day"]))] = {f: int(row[f]) for f in FIELDS}
    if first <= today <= last:  # today is live: the rollup has not run yet
        for cell in (c for (_, d), c in cells.items() if d == today):
            cell.update(leads=0, call_leads=0, calls=0, call_seconds=0)
        for property_id, live in (await live_counts(today, seller_id)).items():
            cell = cells.setdefault((property_id, today), dict.fromkeys(FIELDS, 0))
            cell.update(live)

    listing_ids = await Property.filter(owner_id=seller_id).exclude(
        status=ListingStatus.WITHDRAWN).order_by("id").values_list("id", flat=True)
    by_property: dict[int, dict[str, int]] = {pid: dict.fromkeys(FIELDS, 0)
                                              for pid in listing_ids}
    by_day: dict[date, dict[str, int]] = defaultdict(lambda: dict.fromkeys(FIELDS, 0))
    totals = dict.fromkeys(FIELDS, 0)
    for (property_id, day), cell in cells.items():
        for name, value in cell.items():
            by_property.setdefault(property_id, dict.fromkeys(FIELDS, 0))[name] += value
            by_day[day][name] += value
            totals[name] += value
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
