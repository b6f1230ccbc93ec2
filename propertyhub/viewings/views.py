"""/api/viewings: booking, the buyer's and seller's moves, feedback, calendar files."""

from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json, raw

from propertyhub.accounts.deps import authorized
from propertyhub.billing import idempotency
from propertyhub.billing.views import IDEMPOTENCY_KEY
from propertyhub.common.openapi import doc
from propertyhub.common.params import page_args, path_id, query_args
from propertyhub.common.schemas import PageQuery, json_object, load, load_body, load_query
from propertyhub.listings.models import Property
from propertyhub.viewings import ics, services
from propertyhub.viewings.models import ViewingStatus
from propertyhub.viewings.schemas import (
    CrmViewing,
    NoticePage,
    NoticePublic,
    ViewingCancel,
    ViewingCreate,
    ViewingDecline,
    ViewingFeedback,
    ViewingFilter,
    ViewingMove,
    ViewingPage,
    ViewingPublic,
)

bp = Blueprint("viewings", url_prefix="/api/viewings")
TAG = "viewings"
_one, _many = ViewingPublic(), ViewingPublic(many=True)
_notices = NoticePublic(many=True)
BOOKING = (
    "Books a free slot (see `GET /api/properties/{listing_id}/viewing-slots`): `confirmed` at "
    "once, or `requested` until the seller confirms, as the listing's availability says. A "
    "slot is booked once, ever (the database refuses a second booking of it); an open "
    "house takes bookings up to its capacity. A slot that is not free (any more) is 409 "
    "`slot_taken`, with the next free slots in `details.next_slots`. A buyer has one "
    "upcoming viewing per listing (409 `already_booked`: reschedule it instead). The "
    "buyer's lead on the listing (made if there is none, source `viewing`) moves to "
    "`viewing_scheduled`. The `Idempotency-Key` header makes retries safe: the same key and "
    "body replay the first answer, another body is a 422, a request still running is a "
    "409; a request that died after booking is answered with its viewing when retried.")
MOVES = ("409 `status_conflict` when the viewing is no longer in a status that allows it "
         "(`details.status` says which it is in).")


def _user(request: Request):
    return request.ctx.user


@bp.post("", strict_slashes=True)
@authorized("buyer")
@doc("Book a viewing", tag=TAG, body=ViewingCreate, responses={201: ViewingPublic},
     errors=(400, 403, 404, 409, 422), description=BOOKING, headers=IDEMPOTENCY_KEY)
async def create(request: Request) -> HTTPResponse:
    body = json_object(request)
    key = request.headers.get("idempotency-key")
    buyer_id = _user(request).id

    async def action() -> tuple[int, dict]:
        data = load(ViewingCreate(), body)
        viewing = await services.book(buyer_id, data["property_id"], data["starts_at"],
                                      source="web", note=data["note"],
                                      idempotency_key=f"web:{key}" if key else None)
        return 201, _one.dump(viewing)

    status, payload = await idempotency.run_once(
        buyer_id, "viewing-book", key, body, action,
        request.app.ctx.settings.idempotency_lease_seconds)
    return json(payload, status)


@bp.get("", strict_slashes=True)
@authorized()
@doc("The caller's viewings, newest first", tag=TAG, query=ViewingFilter,
     responses={200: ViewingPage}, errors=(400,),
     description="A buyer's own; a seller's or agent's, those on the listings they manage.")
async def list_viewings(request: Request) -> HTTPResponse:
    limit, token = page_args(request)
    args = query_args(request)
    filters = load_query(ViewingFilter(), {k: v for k, v in args.items()
                                           if k in ("status", "property_id")})
    items, nxt = await services.list_for(_user(request), filters, limit, token)
    return json({"items": _many.dump(items), "next_cursor": nxt})


@bp.get("/notices")
@authorized()
@doc("What the caller was told about viewings, newest first", tag=TAG, query=PageQuery,
     responses={200: NoticePage}, errors=(400,),
     description="Status changes, reminders 24 hours and 1 hour before a confirmed viewing "
                 "(to its buyer and seller), feedback, and requests no slot could meet.")
async def notices(request: Request) -> HTTPResponse:
    limit, token = page_args(request)
    items, nxt = await services.notices_for(_user(request), limit, token)
    return json({"items": _notices.dump(items), "next_cursor": nxt})


@bp.get("/<viewing_id>")
@authorized()
@doc("One viewing", tag=TAG, responses={200: CrmViewing}, errors=(404,),
     description="Its buyer, and the seller and hired agent of its listing, may read it; "
                 "`contact` (the buyer's) is for the seller's side only.")
async def read(request: Request, viewing_id: str) -> HTTPResponse:
    viewing = await services.get(_user(request), path_id(viewing_id, "viewing"))
    if viewing.buyer_id == _user(request).id:
        return json(_one.dump(viewing))
    await viewing.fetch_related("buyer")
    return json(CrmViewing().dump(viewing))


@bp.get("/<viewing_id:ext=ics>")
@authorized()
@doc("A viewing as a calendar file (iCalendar)", tag=TAG, responses={200: {"type": "string"}},
     errors=(404,), media_type=ics.MEDIA_TYPE,
     description="The same UID for the life of the viewing; SEQUENCE goes up when it is "
                 "moved or canceled, and a canceled or declined viewing is "
                 "STATUS:CANCELLED, so a calendar that imported it updates its entry.")
async def calendar_file(request: Request, viewing_id: str, ext: str) -> HTTPResponse:
    viewing = await services.get(_user(request), path_id(viewing_id, "viewing"))
    listing = await Property.get(id=viewing.property_id)
    return raw(ics.calendar_file(viewing, listing), content_type=ics.MEDIA_TYPE, headers={
        "Content-Disposition": f'attachment; filename="viewing-{viewing.id}.ics"'})


@bp.post("/<viewing_id>/reschedule")
@authorized()
@doc("Move a viewing to another free slot", tag=TAG, body=ViewingMove,
     responses={200: ViewingPublic}, errors=(400, 404, 409, 422),
     description="By its buyer or the listing's seller or agent. The same viewing, one "
                 "version (`sequence`) up; a buyer's move waits for confirmation again when "
                 "the listing asks for it. 409 `slot_taken` with `details.next_slots`, or " + MOVES)
async def reschedule(request: Request, viewing_id: str) -> HTTPResponse:
    data = load_body(request, ViewingMove())
    viewing = await services.move(_user(request), path_id(viewing_id, "viewing"),
                                  data["starts_at"])
    return json(_one.dump(viewing))


@bp.post("/<viewing_id>/cancel")
@authorized()
@doc("Cancel a viewing, with a reason", tag=TAG, body=ViewingCancel,
     responses={200: ViewingPublic}, errors=(400, 404, 409, 422),
     description="By its buyer or the listing's seller or agent; the slot is free again. "
                 + MOVES)
async def cancel(request: Request, viewing_id: str) -> HTTPResponse:
    data = load_body(request, ViewingCancel())
    viewing = await services.cancel(_user(request), path_id(viewing_id, "viewing"),
                                    data["reason"])
    return json(_one.dump(viewing))


@bp.post("/<viewing_id>/confirm")
@authorized("seller", "agent")
@doc("Confirm a requested viewing", tag=TAG, responses={200: ViewingPublic},
     errors=(403, 404, 409), description="The listing's seller or agent. " + MOVES)
async def confirm(request: Request, viewing_id: str) -> HTTPResponse:
    viewing = await services.confirm(_user(request), path_id(viewing_id, "viewing"))
    return json(_one.dump(viewing))


@bp.post("/<viewing_id>/decline")
@authorized("seller", "agent")
@doc("Decline a requested viewing", tag=TAG, body=ViewingDecline,
     responses={200: ViewingPublic}, errors=(400, 403, 404, 409, 422),
     description="The listing's seller or agent; the slot is free again. " + MOVES)
async def decline(request: Request, viewing_id: str) -> HTTPResponse:
    data = load(ViewingDecline(), json_object(request) if request.body else {})
    viewing = await services.decline(_user(request), path_id(viewing_id, "viewing"),
                                     data["reason"])
    return json(_one.dump(viewing))


async def _finish(request: Request, viewing_id: str, outcome: ViewingStatus) -> HTTPResponse:
    viewing = await services.finish(_user(request), path_id(viewing_id, "viewing"), outcome)
    return json(_one.dump(viewing))


FINISH = "The listing's seller or agent, once the viewing has started. " + MOVES


@bp.post("/<viewing_id>/done")
@authorized("seller", "agent")
@doc("Mark a confirmed viewing done", tag=TAG, responses={200: ViewingPublic},
     errors=(403, 404, 409), description=FINISH)
async def done(request: Request, viewing_id: str) -> HTTPResponse:
    return await _finish(request, viewing_id, ViewingStatus.DONE)


@bp.post("/<viewing_id>/no-show")
@authorized("seller", "agent")
@doc("Mark a confirmed viewing as a no-show", tag=TAG, responses={200: ViewingPublic},
     errors=(403, 404, 409), description=FINISH)
async def no_show(request: Request, viewing_id: str) -> HTTPResponse:
    return await _finish(request, viewing_id, ViewingStatus.NO_SHOW)


@bp.post("/<viewing_id>/feedback")
@authorized("buyer")
@doc("Rate a viewing (1-5) with notes", tag=TAG, body=ViewingFeedback,
     responses={200: ViewingPublic}, errors=(400, 403, 404, 409, 422),
     description="Its buyer, once, after it ended (and unless it was canceled, declined or "
                 "a no-show); the seller sees the rating and notes. " + MOVES)
async def feedback(request: Request, viewing_id: str) -> HTTPResponse:
    data = load_body(request, ViewingFeedback())
    viewing = await services.feedback(_user(request), path_id(viewing_id, "viewing"),
                                      data["rating"], data["notes"])
    return json(_one.dump(viewing))
