from __future__ import annotations

from datetime import timedelta

from marshmallow import Schema, fields
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

from propertyhub.accounts.deps import authorized
from propertyhub.accounts.models import Role
from propertyhub.analytics.services import seller_analytics
from propertyhub.common.errors import ApiError
from propertyhub.common.models import utcnow
from propertyhub.common.openapi import doc
from propertyhub.common.params import EARLIEST, TIME_RANGE, query_args, query_date

bp = Blueprint("analytics", url_prefix="/api/analytics")
MAX_DAYS = 366


class AnalyticsQuery(Schema):
    from_ = fields.Date(data_key="from", metadata={
        "description": f"UTC day, {TIME_RANGE}; default: 29 days before `to`"})
    to = fields.Date(metadata={"description": f"UTC day, inclusive, {TIME_RANGE}; default today"})


class Analytics(Schema):
    from_ = fields.String(data_key="from")
    to = fields.String()
    totals = fields.Dict(metadata={"description": "listings, views, cart_adds, leads, calls, "
                                                  "call_minutes, hires"})
    conversion = fields.Dict(metadata={"description": "view_to_lead, call_to_lead"})
    by_property = fields.List(fields.Dict())
    daily = fields.List(fields.Dict())
    viewings = fields.Dict(metadata={
        "description": "totals {requested, booked, done, no_show}, conversion "
                       "{lead_to_viewing, view_to_viewing} (viewings booked / leads, / "
                       "views), by_property and daily with the same four numbers"})


@bp.get("", strict_slashes=True)
@authorized(Role.SELLER)
@doc("A seller's listings and agents in numbers", tag="analytics", query=AnalyticsQuery,
     responses={200: Analytics}, errors=(400, 403),
     description="Days are UTC and inclusive, at most 366. Days closed by the nightly "
                 "rollup (02:15 UTC) come from it; later days, today included, are counted "
                 "live. A view is a GET of a listing by anyone but its owner, counted once "
                 "per viewer, listing and UTC day (see `GET /api/properties/{listing_id}`); "
                 "a cart add counts once per buyer and listing, ever. `by_property` "
                 "lists every listing that is not withdrawn (withdrawn ones only where they "
                 "have numbers in the range), by id; `daily` has one entry per day of the "
                 "range; `call_minutes` is rounded to a tenth. `viewings`: viewings requested "
                 "(asked for that day), booked (confirmed that day), done and no-shows (that "
                 "took place that day), counted from the viewings themselves.")
async def analytics(request: Request) -> HTTPResponse:
    args = query_args(request)
    last = query_date(args, "to") or utcnow().date()
    first = query_date(args, "from") or max(last - timedelta(days=29), EARLIEST.date())
    if first > last:
        raise ApiError.bad_query("from", "must not be after to")
    if (last - first).days >= MAX_DAYS:
        raise ApiError.bad_query("from", f"at most {MAX_DAYS} days at a time")
    return json(await seller_analytics(request.ctx.user.id, first, last))
