"""A listing's availability and open houses, published by its seller or hired agent.

Each change takes the listing's calendar lock (booking.py), so it never interleaves with a
booking's check that its slot is free: an open house never lands on a booked viewing.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tortoise.transactions import in_transaction

from propertyhub.accounts.models import User
from propertyhub.common import sql
from propertyhub.common.errors import ApiError, Code
from propertyhub.common.models import utcnow
from propertyhub.listings.models import Property
from propertyhub.viewings.access import managed_listing
from propertyhub.viewings.booking import lock_calendar
from propertyhub.viewings.models import HOLDS_SLOT, OpenHouse, Viewing, ViewingSettings

# The listing's settings row, made on first use so that there is a row to lock.
_ENSURE = """
INSERT INTO viewing_settings (property_id, slot_minutes, buffer_minutes, notice_minutes,
                              horizon_days, instant_confirm, weekly, exceptions, updated_at)
VALUES ($1, 30, 0, 60, 60, $2, '[]', '[]', $3)
ON CONFLICT (property_id) DO NOTHING"""


async def _calendar(listing: Property) -> ViewingSettings:
    await sql.execute(sql.connection(), _ENSURE, [listing.id, True, utcnow()])
    settings = await lock_calendar(listing.id)
    assert settings is not None
    return settings


async def _open_houses(listing_id: int) -> list[OpenHouse]:
    return await OpenHouse.filter(property_id=listing_id, ends_at__gt=utcnow()) \
        .order_by("starts_at")


def _public(listing: Property, settings: ViewingSettings | None,
            houses: list[OpenHouse]) -> dict[str, Any]:
    settings = settings or ViewingSettings(property_id=listing.id, weekly=[], exceptions=[])
    return {"property_id": listing.id, "time_zone": listing.time_zone,
            "slot_minutes": settings.slot_minutes, "buffer_minutes": settings.buffer_minutes,
            "notice_minutes": settings.notice_minutes, "horizon_days": settings.horizon_days,
            "instant_confirm": settings.instant_confirm, "weekly": settings.weekly,
            "exceptions": settings.exceptions, "open_houses": houses}


async def read(user: User, listing_id: int) -> dict[str, Any]:
    listing = await managed_listing(user, listing_id)
    settings = await ViewingSettings.get_or_none(property_id=listing.id)
    return _public(listing, settings, await _open_houses(listing.id))


async def publish(user: User, listing_id: int, data: dict[str, Any]) -> dict[str, Any]:
    """Replace the listing's availability. Booked viewings stay booked (and keep their slots
    from being offered) whatever the new windows are."""
    listing = await managed_listing(user, listing_id)
    data = {**data, "exceptions": [{"date": e["date"].isoformat(), "windows": e["windows"]}
                                   for e in data["exceptions"]]}
    async with in_transaction():
        settings = await _calendar(listing)
        for name, value in data.items():
            setattr(settings, name, value)
        settings.updated_by_id = user.id
        await settings.save()
    return _public(listing, settings, await _open_houses(listing.id))


async def add_open_house(user: User, listing_id: int, data: dict[str, Any]) -> OpenHouse:
    listing = await managed_listing(user, listing_id)
    start, end = data["starts_at"], data["ends_at"]
    if start <= utcnow():
        raise ApiError.validation({"starts_at": ["an open house starts in the future"]})
    async with in_transaction():
        settings = await _calendar(listing)
        pad = timedelta(minutes=settings.buffer_minutes)
        booked = Viewing.filter(property_id=listing.id, status__in=HOLDS_SLOT,
                                open_house_id__isnull=True, starts_at__lt=end + pad,
                                ends_at__gt=start - pad)
        other = OpenHouse.filter(property_id=listing.id, starts_at__lt=end, ends_at__gt=start)
        if await booked.exists() or await other.exists():
            raise ApiError(409, Code.CALENDAR_CONFLICT,
                           "a booked viewing or another open house is in that window")
        return await OpenHouse.create(property_id=listing.id, starts_at=start, ends_at=end,
                                      capacity=data["capacity"])


async def remove_open_house(user: User, listing_id: int, open_house_id: int) -> None:
    """Only while nobody is booked on it: cancel their viewings first."""
    listing = await managed_listing(user, listing_id)
    async with in_transaction():
        await _calendar(listing)
        house = await OpenHouse.get_or_none(id=open_house_id, property_id=listing.id)
        if house is None:
            raise ApiError.not_found("open house")
        if not await OpenHouse.filter(id=house.id, booked=0).delete():
            raise ApiError(409, Code.OPEN_HOUSE_BOOKED,
                           f"{house.booked} buyers are booked on this open house: cancel "
                           "their viewings first", {"booked": house.booked})
