"""A seller's viewings in numbers, per listing and UTC day, for their analytics.

- requested: viewings asked for that day (booked on the web or in a call, whatever came
  of them);
- booked: viewings confirmed that day (at once, or by the seller), each once;
- done and no_show: viewings that took place that day with that outcome.

Counted from the viewings themselves at each read: a seller has few (a viewing marked done
days later counts on the day it took place), so there is no rollup to keep in step.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from tortoise.expressions import Q

from propertyhub.viewings.models import Viewing, ViewingStatus

KINDS = ("requested", "booked", "done", "no_show")


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


async def seller_viewings(seller_id: int, first: date, last: date, views: int,
                          leads: int) -> dict[str, Any]:
    """The numbers of days `first`..`last`, and the funnel on from the seller's `views` and
    `leads` of the same days: lead -> viewing booked."""
    start = datetime.combine(first, time.min, tzinfo=UTC)
    end = datetime.combine(last, time.min, tzinfo=UTC) + timedelta(days=1)
    ended = (ViewingStatus.DONE, ViewingStatus.NO_SHOW)
    rows = await Viewing.filter(
        Q(created_at__gte=start, created_at__lt=end)
        | Q(confirmed_at__gte=start, confirmed_at__lt=end)
        | Q(starts_at__gte=start, starts_at__lt=end, status__in=ended),
        seller_id=seller_id).values_list("property_id", "created_at", "confirmed_at",
                                         "starts_at", "status")
    totals: Counter[str] = Counter()
    by_listing: defaultdict[int, Counter[str]] = defaultdict(Counter)
    by_day: defaultdict[date, Counter[str]] = defaultdict(Counter)
    for property_id, created, confirmed, starts, status in rows:
        for kind, at in (("requested", created), ("booked", confirmed),
                         (status, starts if status in ended else None)):
            if at is not None and start <= at < end:
                totals[kind] += 1
                by_listing[property_id][kind] += 1
                by_day[at.astimezone(UTC).date()][kind] += 1
    return {
        "totals": {kind: totals[kind] for kind in KINDS},
        "conversion": {"lead_to_viewing": _ratio(totals["booked"], leads),
                       "view_to_viewing": _ratio(totals["booked"], views)},
        "by_property": [{"property_id": pid, **{k: by_listing[pid][k] for k in KINDS}}
                        for pid in sorted(by_listing)],
        "daily": [{"date": day.isoformat(), **{k: by_day[day][k] for k in KINDS}}
                  for day in (first + timedelta(days=i) for i in range((last - first).days + 1))],
    }
