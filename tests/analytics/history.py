"""A made-up history of one seller's listings, written where the service writes it (the
leads and calls tables, and the live counters, as on the day it happened), and the
numbers a seller should see for any range, counted from that history by hand."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from propertyhub.agents.models import AiAgent
from propertyhub.analytics import events
from propertyhub.analytics.models import ListingDaily
from propertyhub.calls.models import CallLog
from propertyhub.crm.models import Lead

PUBLIC = ("views", "cart_adds", "leads", "calls")


@dataclass
class History:
    seller_id: int
    listing_ids: list[int]
    # (listing, day) -> counts of views, cart_adds, leads, call_leads, calls, call_seconds
    cells: dict[tuple[int, date], dict[str, int]] = field(default_factory=dict)

    def cell(self, listing_id: int, day: date) -> dict[str, int]:
        return self.cells.setdefault((listing_id, day), dict.fromkeys(
            ("views", "cart_adds", "leads", "call_leads", "calls", "call_seconds"), 0))

    def expected(self, first: date, last: date) -> dict:
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        inside = {k: c for k, c in self.cells.items() if first <= k[1] <= last}

        def total(name: str, keep=lambda key: True) -> int:
            return sum(c[name] for k, c in inside.items() if keep(k))

        return {
            "by_property": [{"property_id": pid, **{n: total(n, lambda k, p=pid: k[0] == p)
                                                    for n in PUBLIC}}
                            for pid in sorted(self.listing_ids)],
            "daily": [{"date": d.isoformat(), **{n: total(n, lambda k, d=d: k[1] == d)
                                                 for n in PUBLIC}} for d in days],
            "leads": total("leads"), "calls": total("calls"),
            "call_minutes": round(total("call_seconds") / 60, 1),
        }


def at(day: date, seconds: int) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC) + timedelta(seconds=seconds)


async def record_lead(history: History, buyer_id: int, listing_id: int, day: date,
                      source: str = "form") -> None:
    lead = await Lead.create(property_id=listing_id, buyer_id=buyer_id,
                             seller_id=history.seller_id, source=source, message="hi")
    created_at = at(day, 3600 * 5 + lead.id)
    await Lead.filter(id=lead.id).update(created_at=created_at)
    await events.record_lead(listing_id, created_at, source == "call")  # as on that day
    cell = history.cell(listing_id, day)
    cell["leads"] += 1
    cell["call_leads"] += source == "call"


async def record_call(history: History, buyer_id: int, agent: AiAgent, listing_id: int,
                      day: date, seconds: int) -> None:
    call = await CallLog.create(buyer_id=buyer_id, seller_id=history.seller_id, ai_agent=agent,
                                property_id=listing_id, status="ended",
                                duration_seconds=seconds)
    started_at = at(day, 86399 - call.id)
    await CallLog.filter(id=call.id).update(started_at=started_at)
    await events.record_call(listing_id, started_at)  # as the call service counts them
    await events.record_call_seconds(listing_id, started_at, seconds)
    cell = history.cell(listing_id, day)
    cell["calls"] += 1
    cell["call_seconds"] += seconds


async def record_views(history: History, listing_id: int, day: date, views: int,
                       cart_adds: int) -> None:
    """As the view counter's flush and the cart add write them: one row per listing-day."""
    row, _ = await ListingDaily.get_or_create(property_id=listing_id, day=day)
    row.views += views
    row.cart_adds += cart_adds
    await row.save(update_fields=["views", "cart_adds"])
    cell = history.cell(listing_id, day)
    cell["views"] += views
    cell["cart_adds"] += cart_adds


async def random_history(history: History, buyer_id: int, first: date, last: date,
                         seed: int) -> None:
    rng = random.Random(seed)
    agent = await AiAgent.create(name="Agent", owner_id=history.seller_id)
    day = first
    while day <= last:
        for listing_id in history.listing_ids:
            if rng.random() < 0.6:
                await record_views(history, listing_id, day, rng.randint(1, 9),
                                   rng.randint(0, 2))
            for _ in range(rng.randint(0, 2)):
                await record_lead(history, buyer_id, listing_id, day,
                                  rng.choice(("form", "call")))
            if rng.random() < 0.4:
                await record_call(history, buyer_id, agent, listing_id, day,
                                  rng.randint(10, 400))
        day += timedelta(days=1)
