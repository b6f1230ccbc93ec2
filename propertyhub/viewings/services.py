"""Viewings, as REST and the call agent use them (no `request` in sight).

For the agent in a call (booking.py), the same functions the REST routes use:
- `free_slots(listing_id, *, start, end, limit=None) -> list[Slot]`: free slots starting in
  [start, end), each with `start`/`end` aware in the listing's time zone;
- `book(buyer_id, listing_id, slot_start, *, source="call", call_id=None, lead_id=None,
  idempotency_key=None, note="") -> Viewing`: raises ApiError 409 `slot_taken`, with the
  next free slots in `details["next_slots"]`, when the slot is not free;
- `request_without_slot(buyer_id, listing_id, *, wanted_from=None, wanted_to=None, note="",
  call_id=None, lead_id=None) -> Lead`: no slot suits; the seller is asked for a time.

Every status change is a compare-and-set on the statuses it may leave (`MOVES`), with its
notices in the same transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tortoise.expressions import F, Q
from tortoise.transactions import in_transaction

from propertyhub.accounts.models import User
from propertyhub.common import cursor
from propertyhub.common.errors import ApiError
from propertyhub.common.models import utcnow
from propertyhub.common.pagination import id_page
from propertyhub.crm.models import Lead
from propertyhub.crm.services import visible_leads
from propertyhub.listings.models import Property
from propertyhub.viewings import notices
from propertyhub.viewings.access import (
    forbidden,
    managed_viewings,
    viewing_for,
    visible_viewings,
)
from propertyhub.viewings.booking import (  # noqa: F401  (the agent's API)
    book,
    confirmed,
    free_slots,
    leave_open_house,
    listing_slots,
    request_without_slot,
    reschedule,
    status_conflict,
)
from propertyhub.viewings.models import (
    HOLDS_SLOT,
    MOVES,
    Viewing,
    ViewingNotice,
    ViewingStatus,
)


class _Changed(Exception):
    pass


async def _move(viewing: Viewing, to: ViewingStatus, *, only: Q | None = None,
                **changes: Any) -> Viewing:
    """Move the viewing from a status that may go to `to`, as it was read (its version: not
    moved meanwhile) and while `only` holds, with its notices; 409 when it is not so."""
    froms = [s for s, targets in MOVES.items() if to in targets and s != to]
    if to in (ViewingStatus.CANCELED, ViewingStatus.DECLINED):
        changes["sequence"] = F("sequence") + 1  # a calendar must drop it
    changes.update(confirmed(viewing, to))
    title = (await Property.get(id=viewing.property_id)).title
    try:
        async with in_transaction():
            qs = Viewing.filter(id=viewing.id, status__in=froms, sequence=viewing.sequence)
            moved = await (qs.filter(only) if only else qs).update(status=to,
                                                                   updated_at=utcnow(), **changes)
            if not moved:
                raise _Changed
            if to in (ViewingStatus.CANCELED, ViewingStatus.DECLINED):
                await leave_open_house(viewing.open_house_id)
            viewing = await Viewing.get(id=viewing.id)
            await notices.about(viewing, title, to)
    except _Changed:
        now = await Viewing.get(id=viewing.id)
        raise status_conflict(now, f"a {now.status} viewing cannot become {to}") from None
    return viewing


async def get(user: User, viewing_id: int) -> Viewing:
    return (await viewing_for(user, viewing_id))[0]


async def _managed(user: User, viewing_id: int, what: str) -> Viewing:
    viewing, manager = await viewing_for(user, viewing_id)
    if not manager:
        raise forbidden(f"only the listing's seller or their agent may {what}")
    return viewing


async def confirm(user: User, viewing_id: int) -> Viewing:
    viewing = await _managed(user, viewing_id, "confirm a viewing")
    return await _move(viewing, ViewingStatus.CONFIRMED)


async def decline(user: User, viewing_id: int, reason: str | None) -> Viewing:
    viewing = await _managed(user, viewing_id, "decline a viewing")
    return await _move(viewing, ViewingStatus.DECLINED, reason=reason)


async def cancel(user: User, viewing_id: int, reason: str) -> Viewing:
    viewing, _ = await viewing_for(user, viewing_id)
    return await _move(viewing, ViewingStatus.CANCELED, reason=reason)


async def finish(user: User, viewing_id: int, outcome: ViewingStatus) -> Viewing:
    """Done or no-show: once it has started."""
    viewing = await _managed(user, viewing_id, "say how a viewing went")
    if viewing.starts_at > utcnow():
        raise status_conflict(viewing, "the viewing has not started yet")
    return await _move(viewing, outcome, only=Q(starts_at__lte=utcnow()))


async def move(user: User, viewing_id: int, slot_start: datetime) -> Viewing:
    viewing, manager = await viewing_for(user, viewing_id)
    return await reschedule(viewing, slot_start, by_manager=manager)


async def feedback(user: User, viewing_id: int, rating: int, notes: str) -> Viewing:
    """The buyer's rating (1-5) and notes, once, after the viewing; the seller sees them."""
    viewing, manager = await viewing_for(user, viewing_id)
    if manager:
        raise forbidden("only the buyer rates a viewing")
    now = utcnow()
    if viewing.ends_at > now or viewing.status not in (ViewingStatus.CONFIRMED,
                                                       ViewingStatus.DONE):
        raise status_conflict(viewing, "feedback comes after a viewing that took place")
    title = (await Property.get(id=viewing.property_id)).title
    async with in_transaction():
        given = await Viewing.filter(id=viewing.id, rating__isnull=True, ends_at__lte=now,
                                     status__in=(ViewingStatus.CONFIRMED, ViewingStatus.DONE)) \
            .update(rating=rating, feedback=notes, feedback_at=now, updated_at=now)
        if given:
            viewing = await Viewing.get(id=viewing.id)
            await notices.about(viewing, title, "feedback")
    if not given:
        raise status_conflict(await Viewing.get(id=viewing.id), "this viewing was rated already")
    return viewing


async def list_for(user: User, filters: dict[str, Any], limit: int, token: str | None):
    qs = Viewing.filter(await visible_viewings(user))
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("property_id"):
        qs = qs.filter(property_id=filters["property_id"])
    return await id_page(qs, limit, token)


async def calendar(user: User, start: datetime, end: datetime, filters: dict[str, Any],
                   limit: int, token: str | None) -> tuple[list[Viewing], str | None]:
    """Viewings starting in [start, end) on listings the user manages, by start time."""
    qs = Viewing.filter(await managed_viewings(user), starts_at__gte=start, starts_at__lt=end) \
        .select_related("buyer")
    if filters.get("property_id"):
        qs = qs.filter(property_id=filters["property_id"])
    qs = qs.filter(status__in=[filters["status"]] if filters.get("status") else HOLDS_SLOT)
    if token:
        state = cursor.decode(token)
        at, last = state.get("t"), state.get("i")
        if not (isinstance(at, str) and isinstance(last, int)):
            raise cursor.invalid()
        at = datetime.fromisoformat(at)
        qs = qs.filter(Q(starts_at__gt=at) | Q(starts_at=at, id__gt=last))
    rows = await qs.order_by("starts_at", "id").limit(limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (cursor.encode({"t": rows[-1].starts_at.isoformat(), "i": rows[-1].id})
                  if more else None)


async def of_lead(user: User, lead_id: int, limit: int, token: str | None):
    if not await Lead.filter(await visible_leads(user), id=lead_id).exists():
        raise ApiError.not_found("lead")
    return await id_page(Viewing.filter(lead_id=lead_id).select_related("buyer"), limit, token)


async def notices_for(user: User, limit: int, token: str | None):
    return await id_page(ViewingNotice.filter(user_id=user.id), limit, token)
