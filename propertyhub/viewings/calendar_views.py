"""A listing's viewing calendar: availability, open houses and free slots
(/api/properties/{id}/...), and the seller's and agent's calendar in the CRM (/api/crm/...)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, empty, json

from propertyhub.accounts.deps import authorized, optional_user
from propertyhub.common.errors import ApiError
from propertyhub.common.models import utcnow
from propertyhub.common.openapi import doc
from propertyhub.common.params import page_args, path_id, query_args, query_time
from propertyhub.common.schemas import PageQuery, load_body, load_query
from propertyhub.listings.services import get_visible
from propertyhub.viewings import availability, services
from propertyhub.viewings.booking import slot_json
from propertyhub.viewings.schemas import (
    AvailabilityPublic,
    AvailabilityWrite,
    CalendarQuery,
    CrmViewing,
    CrmViewingPage,
    OpenHouseCreate,
    OpenHousePublic,
    SlotList,
    SlotsQuery,
    ViewingFilter,
)

listing_bp = Blueprint("viewing_calendar", url_prefix="/api/properties")
crm_bp = Blueprint("viewing_crm", url_prefix="/api/crm")
TAG = "viewings"
MAX_RANGE = timedelta(days=62)
MANAGERS = ("The listing's seller, or the human agent the seller hired for it (while the "
            "hire is live); others get 403 (404 for a withdrawn listing they do not hold).")
_crm_viewings = CrmViewing(many=True)


def _range(request: Request, default: timedelta) -> tuple[datetime, datetime]:
    args = query_args(request)
    start = query_time(args, "from") or utcnow()
    end = query_time(args, "to") or start + default
    if end <= start:
        raise ApiError.bad_query("to", "must be after from")
    if end - start > MAX_RANGE:
        raise ApiError.bad_query("to", f"at most {MAX_RANGE.days} days after from")
    return start, end


@listing_bp.get("/<listing_id>/viewing-slots")
@doc("Free viewing slots of a listing", tag=TAG, query=SlotsQuery, responses={200: SlotList},
     errors=(400, 401, 404),
     description="Slots starting in [from, to) that are free: the listing's availability "
                 "(weekly windows and exceptions, in its time zone) minus what is booked, "
                 "with the open houses that have room. At most 62 days at a time. Each slot "
                 "gives UTC times and the listing's local ones; across a daylight-saving "
                 "change no slot falls in the skipped hour, no local time is offered twice, "
                 "and every slot lasts its real length. A listing that is not active has "
                 "none.")
async def slots(request: Request, listing_id: str) -> HTTPResponse:
    start, end = _range(request, timedelta(days=14))
    listing = await get_visible(path_id(listing_id, "listing"), await optional_user(request),
                                request.app.ctx.listing_holders)
    found = await services.listing_slots(listing, start=start, end=end)
    return json({"time_zone": listing.time_zone, "items": [slot_json(s) for s in found]})


@listing_bp.get("/<listing_id>/availability")
@authorized()
@doc("A listing's viewing availability and open houses", tag=TAG,
     responses={200: AvailabilityPublic}, errors=(403, 404), description=MANAGERS)
async def read_availability(request: Request, listing_id: str) -> HTTPResponse:
    found = await availability.read(request.ctx.user, path_id(listing_id, "listing"))
    return json(AvailabilityPublic().dump(found))


@listing_bp.put("/<listing_id>/availability")
@authorized()
@doc("Publish a listing's viewing availability", tag=TAG, body=AvailabilityWrite,
     responses={200: AvailabilityPublic}, errors=(400, 403, 404, 422),
     description="Replaces it whole. Weekly windows are local times of the listing's time "
                 "zone; an exception gives a day other windows, or none (closed). Booked "
                 "viewings stay booked whatever changes. " + MANAGERS)
async def publish(request: Request, listing_id: str) -> HTTPResponse:
    data = load_body(request, AvailabilityWrite())
    found = await availability.publish(request.ctx.user, path_id(listing_id, "listing"), data)
    return json(AvailabilityPublic().dump(found))


@listing_bp.post("/<listing_id>/open-houses")
@authorized()
@doc("Add an open house", tag=TAG, body=OpenHouseCreate, responses={201: OpenHousePublic},
     errors=(400, 403, 404, 409, 422),
     description="A window up to `capacity` buyers can book. 409 `calendar_conflict` when a "
                 "booked viewing or another open house is in it. " + MANAGERS)
async def add_open_house(request: Request, listing_id: str) -> HTTPResponse:
    data = load_body(request, OpenHouseCreate())
    house = await availability.add_open_house(request.ctx.user, path_id(listing_id, "listing"),
                                              data)
    return json(OpenHousePublic().dump(house), 201)


@listing_bp.delete("/<listing_id>/open-houses/<open_house_id>")
@authorized()
@doc("Remove an open house nobody is booked on", tag=TAG, responses={204: None},
     errors=(403, 404, 409),
     description="409 `open_house_booked` while buyers are booked on it. " + MANAGERS)
async def remove_open_house(request: Request, listing_id: str,
                            open_house_id: str) -> HTTPResponse:
    await availability.remove_open_house(request.ctx.user, path_id(listing_id, "listing"),
                                         path_id(open_house_id, "open house"))
    return empty()


@crm_bp.get("/viewings")
@authorized("seller", "agent")
@doc("The viewing calendar: viewings on the caller's listings (agents: their clients')",
     tag=TAG, query=CalendarQuery, responses={200: CrmViewingPage}, errors=(400, 403),
     description="Viewings starting in [from, to) (at most 62 days), by start time; "
                 "canceled and declined ones only when `status` asks for them.")
async def calendar(request: Request) -> HTTPResponse:
    limit, token = page_args(request)
    start, end = _range(request, timedelta(days=30))
    args = query_args(request)
    filters = load_query(ViewingFilter(), {k: v for k, v in args.items()
                                           if k in ("status", "property_id")})
    items, nxt = await services.calendar(request.ctx.user, start, end, filters, limit, token)
    return json({"items": _crm_viewings.dump(items), "next_cursor": nxt})


@crm_bp.get("/leads/<lead_id>/viewings")
@authorized("seller", "agent")
@doc("A lead's viewings, newest first", tag=TAG, query=PageQuery,
     responses={200: CrmViewingPage}, errors=(400, 403, 404),
     description="The lead's timeline of viewings, booked on the web or in a call.")
async def lead_viewings(request: Request, lead_id: str) -> HTTPResponse:
    limit, token = page_args(request)
    items, nxt = await services.of_lead(request.ctx.user, path_id(lead_id, "lead"), limit,
                                        token)
    return json({"items": _crm_viewings.dump(items), "next_cursor": nxt})
