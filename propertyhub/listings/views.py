from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, empty, json

from propertyhub.accounts.deps import authorized, optional_user
from propertyhub.common.activity import ANONYMOUS_PER_ADDRESS, ListingViewed, activity
from propertyhub.common.openapi import doc
from propertyhub.common.params import path_id, query_args
from propertyhub.common.ratelimit import client_ip
from propertyhub.common.schemas import load_body
from propertyhub.listings import services
from propertyhub.listings.models import ListingStatus
from propertyhub.listings.schemas import (
    PropertyCreate,
    PropertyPage,
    PropertyPublic,
    PropertyUpdate,
    dump_search_rows,
)
from propertyhub.listings.search_params import SearchQuery, parse_search

bp = Blueprint("properties", url_prefix="/api/properties")
TAG = "properties"
_one = PropertyPublic()


@bp.get("", strict_slashes=True)
@doc("Search listings", tag=TAG, query=SearchQuery, responses={200: PropertyPage},
     errors=(400,),
     description="All filters combine. `total` counts every match; `total_relation` says "
                 "whether it is exact (`eq`), a lower bound (`gte`) or an estimate (`approx`). "
                 "Pages after the first reuse the first page's total.")
async def search(request: Request) -> HTTPResponse:
    viewer = await optional_user(request)
    params = parse_search(query_args(request), viewer.id if viewer else None)
    page = await services.search_listings(params)
    return json({"items": dump_search_rows(page.items), "next_cursor": page.next_cursor,
                 "total": page.total, "total_relation": page.total_relation})


@bp.post("", strict_slashes=True)
@authorized(*services.OWNER_ROLES)
@doc("List a home", tag=TAG, body=PropertyCreate, responses={201: PropertyPublic},
     errors=(400, 403, 422))
async def create(request: Request) -> HTTPResponse:
    data = load_body(request, PropertyCreate())
    listing = await services.create(request.ctx.user.id, data)
    return json(_one.dump(listing), 201)


@bp.get("/<listing_id>")
@doc("One listing", tag=TAG, responses={200: PropertyPublic}, errors=(401, 404),
     description="A withdrawn listing can be read only by its owner and by those who hold "
                 "it: buyers with it in their cart or a lead, agents with a lead on it in "
                 "their CRM. Everyone else gets 404.\n\n"
                 "Views, for the seller's analytics: a read by anyone but the owner counts "
                 "once per viewer, listing and UTC day. A signed-in viewer is their user; an "
                 "anonymous one is a keyed hash of client address and User-Agent under a "
                 "salt that changes every day (no address is stored), and one address counts "
                 f"at most {ANONYMOUS_PER_ADDRESS} anonymous viewers per listing and day. "
                 "Withdrawn listings count no views.")
async def read(request: Request, listing_id: str) -> HTTPResponse:
    viewer = await optional_user(request)
    listing = await services.get_visible(path_id(listing_id, "listing"), viewer,
                                         request.app.ctx.listing_holders)
    if listing.status != ListingStatus.WITHDRAWN and (viewer is None
                                                      or viewer.id != listing.owner_id):
        await activity.report(ListingViewed(listing.id, viewer.id if viewer else None,
                                            client_ip(request),
                                            request.headers.get("user-agent", "")))
    return json(_one.dump(listing))


@bp.patch("/<listing_id>")
@authorized()
@doc("Change a listing (owner only)", tag=TAG, body=PropertyUpdate,
     responses={200: PropertyPublic}, errors=(400, 403, 404, 422))
async def update(request: Request, listing_id: str) -> HTTPResponse:
    data = load_body(request, PropertyUpdate(), partial=True)
    listing = await services.update(request.ctx.user.id, path_id(listing_id, "listing"), data)
    return json(_one.dump(listing))


@bp.delete("/<listing_id>")
@authorized()
@doc("Withdraw a listing (owner only)", tag=TAG, responses={204: None}, errors=(403, 404),
     description="The listing leaves search and can no longer be added to a cart, inquired "
                 "about or called about. It stays readable, with status `withdrawn`, for its "
                 "owner and those who hold it (in their cart or a lead); for everyone else it "
                 "is 404.")
async def withdraw(request: Request, listing_id: str) -> HTTPResponse:
    await services.withdraw(request.ctx.user.id, path_id(listing_id, "listing"))
    return empty()
