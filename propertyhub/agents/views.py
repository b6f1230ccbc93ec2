from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

from propertyhub.accounts.deps import authorized, optional_user
from propertyhub.accounts.models import Role
from propertyhub.agents import services
from propertyhub.agents.schemas import AiAgentCreate, AiAgentPage, AiAgentPublic, AiAgentUpdate
from propertyhub.common.openapi import doc
from propertyhub.common.params import page_args, path_id
from propertyhub.common.schemas import PageQuery, load_body

bp = Blueprint("ai_agents", url_prefix="/api/ai-agents")
TAG = "ai-agents"
_one = AiAgentPublic()
_many = AiAgentPublic(many=True)


TERMS = ("Prices are at least the platform minimum per plan (`MIN_PRICE_MONTHLY_CENTS`, "
         "default 990, and `MIN_PRICE_YEARLY_CENTS`, default 9900); a name that reads as the "
         "platform's own (PropertyHub, official, platform, admin, staff, support, verified — "
         "look-alike spellings included) is refused with 422.")


def _minimums(request: Request) -> tuple[int, int]:
    settings = request.app.ctx.settings
    return settings.min_price_monthly_cents, settings.min_price_yearly_cents


@bp.get("", strict_slashes=True)
@doc("The public catalogue plus the caller's own agents", tag=TAG, query=PageQuery,
     responses={200: AiAgentPage}, errors=(400,))
async def catalogue(request: Request) -> HTTPResponse:
    user = await optional_user(request)
    limit, token = page_args(request)
    items, next_cursor = await services.catalogue(user.id if user else None, limit, token)
    return json({"items": _many.dump(items), "next_cursor": next_cursor})


@bp.post("", strict_slashes=True)
@authorized(Role.SELLER)
@doc("Create an AI agent", tag=TAG, body=AiAgentCreate, responses={201: AiAgentPublic},
     errors=(400, 403, 422), description=TERMS)
async def create(request: Request) -> HTTPResponse:
    data = load_body(request, AiAgentCreate())
    agent = await services.create(request.ctx.user.id, data, _minimums(request))
    return json(_one.dump(agent), 201)


@bp.put("/<agent_id>")
@authorized()
@doc("Change an AI agent (owner only)", tag=TAG, body=AiAgentUpdate,
     responses={200: AiAgentPublic}, errors=(400, 403, 404, 422),
     description="Fields not sent keep their values; `voice` is merged field by field. "
                 + TERMS)
async def update(request: Request, agent_id: str) -> HTTPResponse:
    data = load_body(request, AiAgentUpdate(), partial=True)
    agent = await services.update(request.ctx.user.id, path_id(agent_id, "ai agent"), data,
                                  _minimums(request))
    return json(_one.dump(agent))

