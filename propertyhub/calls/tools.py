"""What the agent may do in a call, bound to that call: read listings, search through the
listings service with typed filters, keep the call's one lead, hand over, note questions."""

from __future__ import annotations

import contextlib
import time
from datetime import datetime, timedelta
from typing import Any

from propertyhub.accounts.models import User
from propertyhub.calls.agent.dialogue import Dialogue
from propertyhub.calls.agent.slots import Vocabulary
from propertyhub.calls.models import CallLog
from propertyhub.common.errors import ApiError, Code
from propertyhub.common.models import utcnow
from propertyhub.crm.models import AgentAssignment, AssignmentStatus, Lead, LeadSource, LeadStatus
from propertyhub.crm.services import open_lead
from propertyhub.listings.models import ListingStatus, Property
from propertyhub.listings.schemas import PropertyPublic, dump_search_rows
from propertyhub.listings.search_params import SearchParams
from propertyhub.listings.services import search_listings
from propertyhub.listings.timezones import zone
from propertyhub.viewings import services as viewings

AGENT_COUNT_CAP = 100  # "I found at least 100": a caller needs no more exact a number
NEAR_KM = 16.1
SLOT_HORIZON = timedelta(days=14)  # how far ahead the agent offers viewing slots
SLOTS_READ = 40  # "near here": ten miles around the call's listing
VOCABULARY_TTL_S = 300.0
_listing = PropertyPublic()
_vocabulary: tuple[float, Vocabulary] | None = None


def forget_vocabulary() -> None:
    """Read the cities again on next use (a new world: tests, the conversation sets)."""
    global _vocabulary
    _vocabulary = None


async def vocabulary() -> Vocabulary:
    """Every city with listings (sold and pending ones too: "anything in decatur" must be
    understood to be answered "nothing there now"), as written; re-read every few minutes."""
    global _vocabulary
    if _vocabulary is None or time.monotonic() - _vocabulary[0] > VOCABULARY_TTL_S:
        rows = await Property.exclude(status=ListingStatus.WITHDRAWN).distinct().values_list("city", "state")
        states: dict[str, set[str]] = {}
        for city, state in rows:
            if city:
                states.setdefault(city.lower(), set()).add((state or "").upper())
        _vocabulary = (
            time.monotonic(),
            Vocabulary(
                {c.lower(): c for c, _ in rows if c}, {c: tuple(sorted(s - {""})) for c, s in states.items()}
            ),
        )
    return _vocabulary[1]


def params_for(filters: dict[str, Any], limit: int, sort: str) -> SearchParams:
    """Typed filters as the listings service's own search parameters (no query strings)."""
    params = SearchParams(limit=limit, sort=sort)
    for key in (
        "city",
        "state",
        "listing_type",
        "min_price",
        "max_price",
        "min_bedrooms",
        "max_bedrooms",
        "min_bathrooms",
        "min_area",
        "max_area",
    ):
        if filters.get(key) is not None:
            setattr(params, key, filters[key])
    params.property_types = sorted(filters.get("property_type") or [])
    params.amenities = sorted(filters.get("amenities") or [])
    return params


class CallTools:
    def __init__(self, call: CallLog) -> None:
        self.call = call
        self._catalogue: list[dict[str, Any]] | None = None

    async def seller_catalogue(self) -> list[dict[str, Any]]:
        """Every listing of the seller but withdrawn ones (sold and pending included: callers
        ask about those by name), newest first."""
        if self._catalogue is None:
            found = (
                await Property.filter(owner_id=self.call.seller_id)
                .exclude(status=ListingStatus.WITHDRAWN)
                .order_by("-id")
                .limit(200)
            )
            self._catalogue = [_listing.dump(x) for x in found]
        return self._catalogue

    async def listing(self, listing_id: int) -> dict[str, Any] | None:
        found = await Property.get_or_none(id=listing_id)
        if found is None or found.status == ListingStatus.WITHDRAWN:
            return None
        return _listing.dump(found)

    async def _run(self, params: SearchParams) -> tuple[int, str, list[dict]]:
        page = await search_listings(params, count_cap=AGENT_COUNT_CAP)
        return page.total, page.total_relation, dump_search_rows(page.items)

    async def search(
        self, filters: dict[str, Any], limit: int, *, sort: str, near: dict[str, Any] | None = None
    ) -> tuple[int, str, list[dict]]:
        params = params_for(filters, limit, sort)
        if near is not None and near.get("latitude") is not None:
            params.lat, params.lng, params.radius_km = (near["latitude"], near["longitude"], NEAR_KM)
            params.sort = "distance"
        return await self._run(params)

    async def seller_listings(
        self, filters: dict[str, Any], limit: int, *, sort: str
    ) -> tuple[int, str, list[dict]]:
        params = params_for(filters, limit, sort)
        params.owner_id = self.call.seller_id
        return await self._run(params)

    async def save_lead(self, dialogue: Dialogue, note: str) -> int:
        """The call's one lead: created at the first request, updated after."""
        listing = await Property.get(id=self.call.property_id)
        fields: dict[str, Any] = {
            "phone": dialogue.contact.get("phone"),
            "contact_name": dialogue.contact.get("name"),
            "contact_email": dialogue.contact.get("email"),
        }
        if dialogue.viewing:
            tz = zone(listing.time_zone)
            day = dialogue.viewing["date"]
            fields["requested_from"] = datetime.fromisoformat(f"{day}T{dialogue.viewing['start']}").replace(
                tzinfo=tz
            )
            fields["requested_to"] = datetime.fromisoformat(f"{day}T{dialogue.viewing['end']}").replace(
                tzinfo=tz
            )
        lead = await Lead.get_or_none(call_id=self.call.id)
        if lead is None:
            lead = await open_lead(
                property_id=self.call.property_id,
                buyer_id=self.call.buyer_id,
                seller_id=self.call.seller_id,
                source=LeadSource.CALL,
                status=LeadStatus.NEW,
                message=note,
                call_id=self.call.id,
                **{k: v for k, v in fields.items() if v is not None},
            )
        else:
            changes = {k: v for k, v in fields.items() if v is not None}
            if note not in lead.message:
                changes["message"] = f"{lead.message} {note}".strip()
            if changes:
                await Lead.filter(id=lead.id).update(**changes, updated_at=utcnow())
        dialogue.lead_id = lead.id
        return lead.id

    async def hand_over(self) -> dict[str, Any] | None:
        hire = (
            await AgentAssignment.filter(seller_id=self.call.seller_id, status=AssignmentStatus.ACTIVE)
            .order_by("id")
            .first()
        )
        if hire is None:
            return None
        agent = await User.get(id=hire.agent_id)
        await Lead.filter(call_id=self.call.id).update(assigned_agent_id=agent.id)
        self.handed_to = agent.id
        return {"id": agent.id, "name": agent.name}

    async def free_slots(self) -> list[dict[str, Any]]:
        """The call's listing's free viewing slots over the next two weeks (local times); none
        when it publishes no availability."""
        now = utcnow()
        try:
            found = await viewings.free_slots(
                self.call.property_id, start=now, end=now + SLOT_HORIZON, limit=SLOTS_READ
            )
        except ApiError:  # withdrawn since the call began
            return []
        return [{"start": s.start.isoformat(), "end": s.end.isoformat()} for s in found]

    async def book(self, start: str, dialogue: Dialogue) -> dict[str, Any] | None:
        """Book that slot for the caller through the viewings service; the call's lead is the
        viewing's. None when it is no longer free."""
        try:
            viewing = await viewings.book(
                self.call.buyer_id,
                self.call.property_id,
                datetime.fromisoformat(start),
                source="call",
                call_id=self.call.id,
                lead_id=dialogue.lead_id,
                idempotency_key=f"call-{self.call.id}-{start}",
                note="Booked in a call with the AI agent.",
            )
        except ApiError as exc:
            if exc.code in (Code.SLOT_TAKEN, Code.ALREADY_BOOKED):
                return None
            raise
        dialogue.lead_id = viewing.lead_id or dialogue.lead_id
        zone_of = zone(viewing.time_zone)
        return {
            "id": viewing.id,
            "status": str(viewing.status),
            "start": viewing.starts_at.astimezone(zone_of).isoformat(),
            "end": viewing.ends_at.astimezone(zone_of).isoformat(),
        }

    async def request_viewing(self, dialogue: Dialogue) -> None:
        """No slot booked: the seller is told the buyer asked (and when, if said)."""
        wanted = dialogue.viewing or {}
        tz = zone((await Property.get(id=self.call.property_id)).time_zone)
        start = end = None
        if wanted.get("date"):
            start = datetime.fromisoformat(f"{wanted['date']}T{wanted['start']}").replace(tzinfo=tz)
            end = datetime.fromisoformat(f"{wanted['date']}T{wanted['end']}").replace(tzinfo=tz)
        with contextlib.suppress(ApiError):  # withdrawn since the call began: the lead keeps it
            await viewings.request_without_slot(
                self.call.buyer_id,
                self.call.property_id,
                wanted_from=start,
                wanted_to=end,
                call_id=self.call.id,
                lead_id=dialogue.lead_id,
            )

    async def note_question(self, question: dict[str, Any]) -> None:
        call = await CallLog.get(id=self.call.id)
        await CallLog.filter(id=call.id).update(questions=[*(call.questions or []), question])


async def people(seller_id: int) -> tuple[str, ...]:
    """Names of the human agents the seller employs now (callers ask for them by name)."""
    ids = await AgentAssignment.filter(seller_id=seller_id, status=AssignmentStatus.ACTIVE).values_list(
        "agent_id", flat=True
    )
    return tuple(await User.filter(id__in=ids).values_list("name", flat=True)) if ids else ()
