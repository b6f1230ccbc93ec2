from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from propertyhub.common.models import utcnow
from tests.support.factories import Actor, create_listing, register

CHICAGO = ZoneInfo("America/Chicago")
ALL_WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def week(start: str = "09:00", end: str = "17:00", days=ALL_WEEK) -> list[dict[str, str]]:
    return [{"day": d, "start": start, "end": end} for d in days]


async def publish(client, who: Actor, listing_id: int, **body: Any):
    payload = {"weekly": week(), "slot_minutes": 30, "horizon_days": 365, **body}
    response = await client.put(f"/api/properties/{listing_id}/availability", json=payload,
                                headers=who.auth)
    assert response.status_code == 200, response.text
    return response.json()


async def free(client, listing_id: int, start: datetime, end: datetime) -> list[dict]:
    response = await client.get(f"/api/properties/{listing_id}/viewing-slots",
                                params={"from": start.isoformat(), "to": end.isoformat()})
    assert response.status_code == 200, response.text
    return response.json()["items"]


async def book(client, buyer: Actor, listing_id: int, starts_at: str, key: str | None = None,
               **extra: Any):
    headers = {**buyer.auth, **({"Idempotency-Key": key} if key else {})}
    return await client.post("/api/viewings", headers=headers,
                             json={"property_id": listing_id, "starts_at": starts_at, **extra})


def days_ahead(n: int) -> date:
    return utcnow().astimezone(CHICAGO).date() + timedelta(days=n)


def local_day(day: date) -> tuple[datetime, datetime]:
    start = datetime(day.year, day.month, day.day, tzinfo=CHICAGO)
    return start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC)


@pytest.fixture
async def home(client) -> dict[str, Any]:
    """A seller's listing in Austin (America/Chicago) open for viewings every day 09-17,
    30-minute slots, confirmed at once; two buyers."""
    seller = await register(client, role="seller")
    listing = await create_listing(client, seller)
    await publish(client, seller, listing["id"])
    buyer, other = await register(client), await register(client)
    day = days_ahead(3)
    slots = await free(client, listing["id"], *local_day(day))
    return {"seller": seller, "listing": listing, "id": listing["id"], "buyer": buyer,
            "other": other, "day": day, "slots": slots}
