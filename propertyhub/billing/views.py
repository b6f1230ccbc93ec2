from __future__ import annotations

from collections.abc import Awaitable, Callable

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, empty, json

from propertyhub.accounts.deps import authorized
from propertyhub.accounts.models import Role
from propertyhub.billing import idempotency, services
from propertyhub.billing.idempotency import MAX_KEY
from propertyhub.billing.models import TxStatus
from propertyhub.billing.periods import minimum_price
from propertyhub.billing.schemas import (
    AssignmentPage,
    AssignmentPublic,
    AvailableAgent,
    AvailableAgentPage,
    HireAi,
    HireAiResult,
    HireHuman,
    HireHumanResult,
    PaymentMethodUpdate,
    SubscriptionPage,
    SubscriptionPublic,
    Terminate,
    TerminateResult,
    TransactionPage,
    TransactionPublic,
)
from propertyhub.common.errors import ApiError, Code
from propertyhub.common.openapi import doc
from propertyhub.common.params import page_args, path_id
from propertyhub.common.schemas import PageQuery, json_object, load, load_body

ai_bp = Blueprint("billing_ai", url_prefix="/api/ai-agents")
subs_bp = Blueprint("subscriptions", url_prefix="/api/subscriptions")
tx_bp = Blueprint("transactions", url_prefix="/api/transactions")
hires_bp = Blueprint("crm_agents", url_prefix="/api/crm/agents")
TAG = "billing"
_sub, _subs = SubscriptionPublic(), SubscriptionPublic(many=True)
_txs = TransactionPublic(many=True)
_hire, _hire_human, _terminate = HireAiResult(), HireHumanResult(), TerminateResult()
IDEMPOTENCY_KEY = ({"name": "Idempotency-Key", "in": "header", "required": False,
                    "schema": {"type": "string", "minLength": 1, "maxLength": MAX_KEY}},)
IDEMPOTENCY = ("The `Idempotency-Key` header makes retries safe: the same key and body "
               "replay the first answer, another body is a 422, a request still running is "
               "a 409. Keys live 24 hours. A request that died half-way (a crash) leaves "
               "its key retryable after a short lease (`IDEMPOTENCY_LEASE_S`, 30 s); the "
               "retry resumes the subscription it opened. At most one subscription per "
               "seller and agent is live (incomplete, active or past_due): concurrent hires, "
               "whatever their keys, open one and charge once; the others get 409 "
               "`already_subscribed`. An agent priced below the platform minimum for the "
               "plan (`MIN_PRICE_MONTHLY_CENTS`, `MIN_PRICE_YEARLY_CENTS`) is 409 "
               "`agent_unavailable`.")
TERMINATE = ("Now, with the unused time refunded pro rata (to the second, rounded down to "
             "the cent), or with `at_period_end: true`: no refund, no renewal. Terminating "
             "a subscription whose first charge has not settled (`incomplete`) voids that "
             "charge, or refunds it in full if it lands.")


def _declined(result: dict) -> ApiError:
    return ApiError(402, Code.PAYMENT_FAILED, "the card was declined",
                    {"reason": result["transaction"]["failure_reason"], **result})


async def _hire_once(request: Request, scope: str,
                     open_hire: Callable[[dict, str | None], Awaitable[dict]]) -> HTTPResponse:
    """Parse, open the subscription once per Idempotency-Key, let the charge settle, answer
    201 (or 402 when the card was declined). `open_hire` gets the body and the request's
    key, which the subscription keeps so that a retry after a crash resumes it."""
    body = json_object(request)
    key = request.headers.get("idempotency-key")
    request_key = f"{scope}:{key}" if key else None

    async def action() -> tuple[int, dict]:
        result = await open_hire(body, request_key)
        if result["transaction"]["status"] == TxStatus.FAILED:
            raise _declined(result)
        return 201, result

    settings = request.app.ctx.settings
    status, payload = await idempotency.run_once(request.ctx.user.id, scope, key, body, action,
                                                 settings.idempotency_lease_seconds)
    return json(payload, status)


def _minimum(request: Request, plan: str) -> int:
    return minimum_price(request.app.ctx.settings, plan)


@ai_bp.post("/hire")
@authorized(Role.SELLER)
@doc("Hire an AI agent on a subscription", tag=TAG, body=HireAi, responses={201: HireAiResult},
     errors=(400, 402, 403, 404, 409, 422),
     description="`subscription.status` is `active` when the charge settled within the "
                 "request, `incomplete` while the workers still process it. " + IDEMPOTENCY,
     headers=IDEMPOTENCY_KEY)
async def hire_ai(request: Request) -> HTTPResponse:
    user_id = request.ctx.user.id

    async def open_hire(body: dict, request_key: str | None) -> dict:
        data = load(HireAi(), body)
        sub, tx = await services.hire_ai(user_id, data["ai_agent_id"], data["plan"],
                                         data["property_ids"], data["payment_method"],
                                         _minimum(request, data["plan"]), request_key)
        sub, tx = await services.settle_first_charge(request.app.ctx.jobs, sub.id, tx.id)
        return _hire.dump({"subscription": sub, "transaction": tx})

    return await _hire_once(request, "ai-hire", open_hire)


@ai_bp.delete("/<agent_id>")
@authorized()
@doc("Delete an AI agent (owner only)", tag="ai-agents", responses={204: None},
     errors=(403, 404, 409),
     description="Refused with 409 while a subscription on it is active.")
async def delete_ai_agent(request: Request, agent_id: str) -> HTTPResponse:
    # Here, not with the agents' other routes: whether an agent may go is billing's call.
    await services.delete_ai_agent(request.ctx.user.id, path_id(agent_id, "ai agent"))
    return empty()


@ai_bp.post("/<agent_id>/terminate")
@authorized(Role.SELLER)
@doc("End the caller's subscription on an AI agent", tag=TAG, body=Terminate,
     responses={200: TerminateResult}, errors=(400, 403, 404, 422),
     description=TERMINATE)
async def terminate(request: Request, agent_id: str) -> HTTPResponse:
    data = load(Terminate(), json_object(request) if request.body else {})
    sub, refund = await services.terminate(request.ctx.user.id, path_id(agent_id, "ai agent"),
                                           data["at_period_end"])
    return json(_terminate.dump({"subscription": sub, "refund": refund}))


@subs_bp.get("", strict_slashes=True)
@authorized()
@doc("The caller's subscriptions", tag=TAG, query=PageQuery, responses={200: SubscriptionPage},
     errors=(400,))
async def list_subscriptions(request: Request) -> HTTPResponse:
    limit, token = page_args(request)
    items, nxt = await services.list_subscriptions(request.ctx.user.id, limit, token)
    return json({"items": _subs.dump(items), "next_cursor": nxt})


@subs_bp.get("/<sub_id>")
@authorized()
@doc("One of the caller's subscriptions", tag=TAG, responses={200: SubscriptionPublic},
     errors=(404,))
async def get_subscription(request: Request, sub_id: str) -> HTTPResponse:
    sub = await services.get_subscription(request.ctx.user.id, path_id(sub_id, "subscription"))
    return json(_sub.dump(sub))


@subs_bp.put("/<sub_id>/payment-method")
@authorized()
@doc("Change the card; a past_due subscription is retried at once", tag=TAG,
     body=PaymentMethodUpdate, responses={200: SubscriptionPublic},
     errors=(400, 404, 422))
async def payment_method(request: Request, sub_id: str) -> HTTPResponse:
    data = load_body(request, PaymentMethodUpdate())
    sub = await services.retry_with_new_method(request.ctx.user.id, path_id(sub_id, "subscription"),
                                      data["payment_method"])
    return json(_sub.dump(sub))


@tx_bp.get("", strict_slashes=True)
@authorized()
@doc("The caller's transactions, newest first", tag=TAG, query=PageQuery, responses={200: TransactionPage},
     errors=(400,))
async def list_transactions(request: Request) -> HTTPResponse:
    limit, token = page_args(request)
    items, nxt = await services.list_transactions(request.ctx.user.id, limit, token)
    return json({"items": _txs.dump(items), "next_cursor": nxt})


@hires_bp.post("", strict_slashes=True)
@authorized(Role.SELLER)
@doc("Hire a human agent on a subscription", tag=TAG, body=HireHuman,
     responses={201: HireHumanResult}, errors=(400, 402, 403, 404, 409, 422),
     description=IDEMPOTENCY, headers=IDEMPOTENCY_KEY)
async def hire_human(request: Request) -> HTTPResponse:
    user_id = request.ctx.user.id

    async def open_hire(body: dict, request_key: str | None) -> dict:
        data = load(HireHuman(), body)
        assignment, sub, tx = await services.hire_human(
            user_id, data["agent_id"], data["plan"], data["property_ids"],
            data["payment_method"], _minimum(request, data["plan"]), request_key)
        sub, tx = await services.settle_first_charge(request.app.ctx.jobs, sub.id, tx.id)
        assignment = await services.get_assignment(assignment.id)
        return _hire_human.dump({"assignment": assignment, "subscription": sub,
                                 "transaction": tx})

    return await _hire_once(request, "human-hire", open_hire)


@hires_bp.post("/<assignment_id>/terminate")
@authorized(Role.SELLER)
@doc("End the caller's hire of a human agent", tag=TAG, body=Terminate,
     responses={200: TerminateResult}, errors=(400, 403, 404, 422),
     description=TERMINATE + " The agent loses access to the seller's leads at once (and "
                             "when the subscription expires unpaid).")
async def terminate_hire(request: Request, assignment_id: str) -> HTTPResponse:
    data = load(Terminate(), json_object(request) if request.body else {})
    sub, refund = await services.terminate_hire(
        request.ctx.user.id, path_id(assignment_id, "assignment"), data["at_period_end"])
    return json(_terminate.dump({"subscription": sub, "refund": refund}))


@hires_bp.get("", strict_slashes=True)
@authorized(Role.SELLER, Role.AGENT)
@doc("Assignments: a seller's hires, or an agent's clients", tag=TAG, query=PageQuery,
     responses={200: AssignmentPage}, errors=(400, 403))
async def list_assignments(request: Request) -> HTTPResponse:
    limit, token = page_args(request)
    user = request.ctx.user
    items, nxt = await services.list_assignments(user.id, user.role, limit, token)
    return json({"items": AssignmentPublic(many=True).dump(items), "next_cursor": nxt})


@hires_bp.get("/available")
@doc("Human agents for hire", tag=TAG, query=PageQuery, responses={200: AvailableAgentPage}, errors=(400,))
async def available(request: Request) -> HTTPResponse:
    limit, token = page_args(request)
    items, nxt = await services.available_agents(limit, token)
    return json({"items": AvailableAgent(many=True).dump(items), "next_cursor": nxt})
