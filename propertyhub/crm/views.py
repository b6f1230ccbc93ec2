from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

from propertyhub.accounts.deps import authorized
from propertyhub.accounts.models import Role
from propertyhub.common.openapi import doc
from propertyhub.common.params import page_args, path_id, query_args
from propertyhub.common.schemas import load_body, load_query
from propertyhub.crm import services
from propertyhub.crm.schemas import (
    CrmLead,
    CrmLeadPage,
    LeadCreate,
    LeadFilter,
    LeadPublic,
    LeadUpdate,
)

leads_bp = Blueprint("leads", url_prefix="/api/leads")
crm_bp = Blueprint("crm", url_prefix="/api/crm")
TAG = "leads"
_lead = LeadPublic()
_crm_lead = CrmLead()
_crm_leads = CrmLead(many=True)


@leads_bp.post("", strict_slashes=True)
@authorized(Role.BUYER)
@doc("Send an inquiry about a listing", tag=TAG, body=LeadCreate, responses={201: LeadPublic},
     errors=(400, 403, 404, 422, 429),
     description="404 for an unknown or withdrawn listing. Each buyer may send "
                 "`RATE_LIMIT_LEADS` inquiries (default 20 an hour, a moving window); "
                 "more are refused with 429 and `Retry-After`.")
async def create_lead(request: Request) -> HTTPResponse:
    data = load_body(request, LeadCreate())
    ctx = request.app.ctx
    await ctx.rate_limiter.hit(ctx.leads_rule, "lead-buyer", str(request.ctx.user.id))
    lead = await services.create_lead(request.ctx.user.id, data["property_id"], data["message"],
                                      data.get("phone"))
    return json(_lead.dump(lead), 201)


@crm_bp.get("/leads")
@authorized(Role.SELLER, Role.AGENT)
@doc("Leads on the caller's listings (agents: also their clients')", tag=TAG,
     query=LeadFilter, responses={200: CrmLeadPage}, errors=(400, 403))
async def list_leads(request: Request) -> HTTPResponse:
    limit, token = page_args(request)
    args = query_args(request)
    filters = load_query(LeadFilter(), {k: v for k, v in args.items() if k in ("status", "property_id")})
    items, next_cursor = await services.list_leads(request.ctx.user, filters, limit, token)
    return json({"items": _crm_leads.dump(items), "next_cursor": next_cursor})


@crm_bp.patch("/leads/<lead_id>")
@authorized(Role.SELLER, Role.AGENT)
@doc("Move a lead along the pipeline", tag=TAG, body=LeadUpdate, responses={200: CrmLead},
     errors=(400, 403, 404, 422))
async def update_lead(request: Request, lead_id: str) -> HTTPResponse:
    data = load_body(request, LeadUpdate(), partial=True)
    lead = await services.update_lead(request.ctx.user, path_id(lead_id, "lead"), data)
    return json(_crm_lead.dump(lead))
