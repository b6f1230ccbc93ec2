"""Free slots and booking: the one way a viewing is made or moved, by REST and in a call.

A booking is one transaction. The listing's calendar is locked (on PostgreSQL its settings
row, FOR UPDATE; SQLite runs one transaction at a time), so the bookings, moves, open houses
and availability changes of one listing take turns and the check that a slot is free is
exact. An open house's place is taken by a conditional UPDATE (booked < capacity; a CHECK
holds it too). The viewing is inserted, and the partial unique index on (property_id,
starts_at) refuses a second viewing of a slot whatever the code above did. The buyer's lead
moves to `viewing_scheduled` (compare-and-set) and the notices are written. A crash
(kill -9) at any point leaves all of that or none of it: there is nothing to reconcile. A
request that dies after its commit is retried with its key (`request_key`), which finds
the viewing instead of booking another.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from propertyhub.common import sql
from propertyhub.common.errors import ApiError, Code
from propertyhub.common.models import utcnow
from propertyhub.crm.models import Lead, LeadSource, LeadStatus
from propertyhub.crm.services import open_lead
from propertyhub.listings.models import ListingStatus, Property
from propertyhub.listings.timezones import zone
from propertyhub.viewings import notices
from propertyhub.viewings.models import (
    HOLDS_SLOT,
    LIVE,
    MOVES,
    OpenHouse,
    Viewing,
    ViewingSettings,
    ViewingSource,
    ViewingStatus,
)
from propertyhub.viewings.slots import Availability, Slot, Span
from propertyhub.viewings.slots import free_slots as compute

NEXT_SLOTS = 3  # offered with a 409 slot_taken
NEXT_WITHIN = timedelta(days=14)
MARGIN = timedelta(days=1)  # bookings this far outside a range still bound its slots
# A lead in one of these moves to viewing_scheduled when a viewing is booked.
OPEN_LEADS = (LeadStatus.NEW, LeadStatus.CONTACTED, LeadStatus.QUALIFIED)


class _SlotTaken(Exception):
    pass


class _Changed(Exception):
    pass


def slot_json(slot: Slot) -> dict[str, Any]:
    return {"starts_at": slot.start.astimezone(UTC).isoformat(),
            "ends_at": slot.end.astimezone(UTC).isoformat(),
            "local_start": slot.start.isoformat(), "local_end": slot.end.isoformat(),
            "kind": slot.kind, "open_house_id": slot.open_house_id,
            "spots_left": slot.spots_left}


def confirmed(viewing: Viewing, to: ViewingStatus) -> dict[str, datetime]:
    """When a viewing is first confirmed: it counts as booked on that day (analytics)."""
    first = to == ViewingStatus.CONFIRMED and viewing.confirmed_at is None
    return {"confirmed_at": utcnow()} if first else {}


def status_conflict(viewing: Viewing, message: str) -> ApiError:
    return ApiError(409, Code.STATUS_CONFLICT, message, {"status": viewing.status})


async def lock_calendar(listing_id: int) -> ViewingSettings | None:
    """The listing's availability, locked until the transaction ends (PostgreSQL)."""
    return await ViewingSettings.filter(property_id=listing_id).select_for_update().first()


async def _spans(listing_id: int, start: datetime, end: datetime,
                 ignore: int | None) -> tuple[list[Span], list[Span]]:
    viewings = Viewing.filter(property_id=listing_id, status__in=HOLDS_SLOT,
                              open_house_id__isnull=True, starts_at__lt=end + MARGIN,
                              ends_at__gt=start - MARGIN)
    if ignore is not None:
        viewings = viewings.exclude(id=ignore)
    houses = await OpenHouse.filter(property_id=listing_id, starts_at__lt=end + MARGIN,
                                    ends_at__gt=start - MARGIN) \
        .values_list("id", "starts_at", "ends_at", "capacity", "booked")
    return ([Span(s, e) for s, e in await viewings.values_list("starts_at", "ends_at")],
            [Span(s, e, i, c - b) for i, s, e, c, b in houses])


async def slots_of(listing: Property, settings: ViewingSettings | None, start: datetime,
                   end: datetime, *, limit: int | None = None,
                   ignore: int | None = None) -> list[Slot]:
    """The listing's free slots starting in [start, end), within its notice and horizon."""
    if listing.status != ListingStatus.ACTIVE or settings is None:
        return []
    now = utcnow()
    start = max(start, now + timedelta(minutes=settings.notice_minutes))
    end = min(end, now + timedelta(days=settings.horizon_days))
    if start >= end:
        return []
    booked, houses = await _spans(listing.id, start, end, ignore)
    available = Availability.of(settings.slot_minutes, settings.buffer_minutes, settings.weekly,
                                settings.exceptions)
    return compute(available, zone(listing.time_zone), start, end, booked=booked,
                   open_houses=houses, limit=limit)


async def bookable(listing_id: int) -> Property:
    listing = await Property.get_or_none(id=listing_id)
    if listing is None or listing.status == ListingStatus.WITHDRAWN:
        raise ApiError.not_found("listing")
    return listing


async def listing_slots(listing: Property, *, start: datetime, end: datetime,
                        limit: int | None = None) -> list[Slot]:
    settings = await ViewingSettings.get_or_none(property_id=listing.id)
    return await slots_of(listing, settings, start.astimezone(UTC), end.astimezone(UTC),
                          limit=limit)


async def free_slots(listing_id: int, *, start: datetime, end: datetime,
                     limit: int | None = None) -> list[Slot]:
    return await listing_slots(await bookable(listing_id), start=start, end=end, limit=limit)


async def slot_taken(listing: Property, at: datetime) -> ApiError:
    after = max(at, utcnow())
    offered = await listing_slots(listing, start=after, end=after + NEXT_WITHIN,
                                  limit=NEXT_SLOTS)
    return ApiError(409, Code.SLOT_TAKEN, "this slot is not free (any more)",
                    {"next_slots": [slot_json(s) for s in offered]})


async def _slot_at(listing: Property, settings: ViewingSettings | None, at: datetime,
                   ignore: int | None = None) -> Slot:
    found = await slots_of(listing, settings, at, at + timedelta(seconds=1), ignore=ignore)
    slot = next((s for s in found if s.start == at), None)
    if slot is None:
        raise _SlotTaken
    if slot.open_house_id is not None and not await sql.rowcount(sql.connection(), """
            UPDATE open_houses SET booked = booked + 1
            WHERE id = $1 AND booked < capacity""", [slot.open_house_id]):
        raise _SlotTaken  # full since it was read
    return slot


async def leave_open_house(open_house_id: int | None) -> None:
    if open_house_id is not None:
        await sql.rowcount(sql.connection(), """
            UPDATE open_houses SET booked = booked - 1 WHERE id = $1 AND booked > 0""",
                           [open_house_id])


async def _lead_for(buyer_id: int, listing: Property, lead_id: int | None,
                    call_id: int | None, note: str) -> Lead:
    """The buyer's lead on the listing (the call's, when booked in one), or a new one."""
    mine = Lead.filter(buyer_id=buyer_id, property_id=listing.id)
    lead = await mine.filter(id=lead_id).first() if lead_id is not None else None
    if lead is None and call_id is not None:
        lead = await mine.filter(call_id=call_id).first()
    if lead is None:
        lead = await mine.exclude(status__in=(LeadStatus.WON, LeadStatus.LOST)) \
            .order_by("-id").first()
    if lead is None:
        # One lead per call (a unique index): a call's other listings get leads of their own.
        own_call = call_id is not None and not await Lead.filter(call_id=call_id).exists()
        lead = await open_lead(property_id=listing.id, buyer_id=buyer_id,
                               seller_id=listing.owner_id,
                               source=LeadSource.CALL if call_id else LeadSource.VIEWING,
                               message=note or "Booked a viewing.",
                               call_id=call_id if own_call else None)
    return lead


async def book(buyer_id: int, listing_id: int, slot_start: datetime, *, source: str = "call",
               call_id: int | None = None, lead_id: int | None = None,
               idempotency_key: str | None = None, note: str = "") -> Viewing:
    """Book the free slot starting at `slot_start` (any offset) for the buyer. The same
    `idempotency_key` (at most 240 characters) books once: a repeat returns the viewing."""
    if idempotency_key is not None and not 0 < len(idempotency_key) <= 240:
        raise ValueError("idempotency_key: 1 to 240 characters")
    if idempotency_key and (done := await Viewing.get_or_none(buyer_id=buyer_id,
                                                             request_key=idempotency_key)):
        return done
    listing = await bookable(listing_id)
    at = slot_start.astimezone(UTC)
    try:
        async with in_transaction():
            settings = await lock_calendar(listing.id)
            slot = await _slot_at(listing, settings, at)
            mine = await Viewing.filter(property_id=listing.id, buyer_id=buyer_id,
                                        status__in=LIVE).first()
            if mine is not None:
                raise ApiError(409, Code.ALREADY_BOOKED, "you already have a viewing of this "
                               "home booked: reschedule or cancel it", {"viewing_id": mine.id})
            lead = await _lead_for(buyer_id, listing, lead_id, call_id, note)
            assert settings is not None  # slots need availability
            viewing = await Viewing.create(
                property_id=listing.id, buyer_id=buyer_id, seller_id=listing.owner_id,
                open_house_id=slot.open_house_id, lead_id=lead.id, call_id=call_id,
                source=ViewingSource(source), starts_at=slot.start.astimezone(UTC),
                ends_at=slot.end.astimezone(UTC), time_zone=listing.time_zone, note=note,
                status=(ViewingStatus.CONFIRMED if settings.instant_confirm
                        else ViewingStatus.REQUESTED), request_key=idempotency_key,
                confirmed_at=utcnow() if settings.instant_confirm else None)
            await Lead.filter(id=lead.id, status__in=OPEN_LEADS).update(
                status=LeadStatus.VIEWING_SCHEDULED, updated_at=utcnow())
            await notices.about(viewing, listing.title, viewing.status)
    except (_SlotTaken, IntegrityError):
        if idempotency_key and (done := await Viewing.get_or_none(buyer_id=buyer_id,
                                                                 request_key=idempotency_key)):
            return done  # the same request, retried at once, booked it
        raise await slot_taken(listing, at) from None
    return viewing


async def reschedule(viewing: Viewing, slot_start: datetime, *, by_manager: bool) -> Viewing:
    """Move an upcoming viewing to another free slot: the same viewing (and calendar UID),
    one version up. The buyer's move waits for confirmation again if the listing says so."""
    if viewing.status not in LIVE:
        raise status_conflict(viewing, f"a {viewing.status} viewing cannot be moved")
    listing = await Property.get(id=viewing.property_id)
    at = slot_start.astimezone(UTC)
    try:
        async with in_transaction():
            settings = await lock_calendar(listing.id)
            slot = await _slot_at(listing, settings, at, ignore=viewing.id)
            assert settings is not None
            to = (ViewingStatus.CONFIRMED if by_manager or settings.instant_confirm
                  else ViewingStatus.REQUESTED)
            assert to in MOVES[ViewingStatus(viewing.status)]
            moved = await Viewing.filter(id=viewing.id, status=viewing.status,
                                         sequence=viewing.sequence).update(
                **confirmed(viewing, to), status=to, starts_at=slot.start.astimezone(UTC),
                ends_at=slot.end.astimezone(UTC), open_house_id=slot.open_house_id,
                time_zone=listing.time_zone, sequence=viewing.sequence + 1, updated_at=utcnow())
            if not moved:
                raise _Changed
            await leave_open_house(viewing.open_house_id)
            viewing = await Viewing.get(id=viewing.id)
            await notices.about(viewing, listing.title, "rescheduled")
    except (_SlotTaken, IntegrityError):
        raise await slot_taken(listing, at) from None
    except _Changed:
        raise status_conflict(await Viewing.get(id=viewing.id),
                              "the viewing changed meanwhile: read it again") from None
    return viewing


async def request_without_slot(buyer_id: int, listing_id: int, *,
                               wanted_from: datetime | None = None,
                               wanted_to: datetime | None = None, note: str = "",
                               call_id: int | None = None, lead_id: int | None = None) -> Lead:
    """No slot suits the buyer: the viewing they asked for goes on their lead (made if need
    be) for the seller to offer a time, and the seller is told."""
    listing = await bookable(listing_id)
    asked = f"for {notices.when(wanted_from, listing.time_zone)}" if wanted_from else "soon"
    async with in_transaction():
        lead = await _lead_for(buyer_id, listing, lead_id, call_id,
                               note or "Asked for a viewing; no slot was free.")
        changes: dict[str, Any] = {}
        if wanted_from is not None:
            changes.update(requested_from=wanted_from, requested_to=wanted_to or wanted_from)
        if note and note not in lead.message:
            changes["message"] = f"{lead.message} {note}".strip()
        if changes:
            await Lead.filter(id=lead.id).update(**changes, updated_at=utcnow())
        text = notices.TEXT["no_slot"].format(title=listing.title, when=asked)
        await notices.send("no_slot", [listing.owner_id], text, property_id=listing.id,
                           lead_id=lead.id)
    return await Lead.get(id=lead.id)
