"""Subscriptions: hire (AI and human agents), settle the first charge, terminate, list.

A hire opens an `incomplete` subscription and a pending charge in one transaction; the
database refuses a second live subscription on the same agent (partial unique index),
so concurrent hires charge once whatever their Idempotency-Keys. The charge settles in a
worker: only an `incomplete` subscription is activated by it, so a subscription
terminated meanwhile stays canceled and the charge is voided, or refunded if it landed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from propertyhub.accounts.models import Role, User
from propertyhub.agents.services import archive_or_delete, get_owned, get_visible
from propertyhub.billing import ledger, renewals, tasks
from propertyhub.billing.models import (
    LIVE,
    Plan,
    SubKind,
    Subscription,
    SubStatus,
    Transaction,
    TxKind,
    TxStatus,
)
from propertyhub.billing.periods import period_end, prorated_refund
from propertyhub.common.errors import ApiError, Code
from propertyhub.common.jobs import Jobs
from propertyhub.common.models import utcnow
from propertyhub.common.pagination import id_page
from propertyhub.crm.models import AgentAssignment, AssignmentStatus
from propertyhub.listings.models import Property
from propertyhub.payments import TransientPaymentError

# How long a hire's request waits for its first charge to settle.
SETTLE_WAIT_S = 2.0


async def _check_listings(seller_id: int, property_ids: list[int]) -> list[int]:
    ids = sorted(set(property_ids))
    owned = await Property.filter(id__in=ids, owner_id=seller_id).count() if ids else 0
    if owned != len(ids):
        raise ApiError.validation({"property_ids": ["every listing must be one of yours"]})
    return ids


def _check_price(amount: int | None, minimum: int) -> int:
    if amount is None or amount < minimum:
        raise ApiError(409, Code.AGENT_UNAVAILABLE,
                       "this agent's price is below the platform minimum for the plan")
    return amount


async def _resume(user_id: int, request_key: str | None) -> tuple[Subscription, Transaction] | None:
    """The subscription a retried request opened before it died, with its first charge."""
    if request_key is None:
        return None
    sub = await Subscription.get_or_none(user_id=user_id, request_key=request_key)
    if sub is None:
        return None
    tx = await Transaction.filter(subscription_id=sub.id, kind=TxKind.CHARGE).order_by("id").first()
    assert tx is not None
    return sub, tx


async def _open(user_id: int, kind: str, plan: str, amount: int, payment_method: str,
                property_ids: list[int], request_key: str | None,
                **link: Any) -> tuple[Subscription, Transaction]:
    now = utcnow()
    sub = await Subscription.create(
        user_id=user_id, kind=kind, plan=plan, status=SubStatus.INCOMPLETE,
        current_period_start=now, current_period_end=period_end(now, plan), amount_cents=amount,
        payment_method=payment_method, property_ids=property_ids, request_key=request_key, **link)
    tx = await Transaction.create(user_id=user_id, subscription=sub, kind=TxKind.CHARGE,
                                  amount_cents=amount, status=TxStatus.PENDING, period_start=now)
    return sub, tx


def _taken(message: str) -> ApiError:
    return ApiError(409, Code.ALREADY_SUBSCRIBED, message)


async def hire_ai(user_id: int, ai_agent_id: int, plan: str, property_ids: list[int],
                  payment_method: str, minimum: int,
                  request_key: str | None = None) -> tuple[Subscription, Transaction]:
    if (resumed := await _resume(user_id, request_key)) is not None:
        return resumed
    agent = await get_visible(user_id, ai_agent_id)
    ids = await _check_listings(user_id, property_ids)
    amount = _check_price(agent.price_monthly_cents if plan == Plan.MONTHLY
                          else agent.price_yearly_cents, minimum)
    if await Subscription.filter(user_id=user_id, ai_agent_id=agent.id, status__in=LIVE).exists():
        raise _taken("you already have this agent")
    try:
        async with in_transaction():
            return await _open(user_id, SubKind.AI, plan, amount, payment_method, ids, request_key,
                               ai_agent=agent)
    except IntegrityError:  # a concurrent hire won the live-subscription index
        if (resumed := await _resume(user_id, request_key)) is not None:
            return resumed
        raise _taken("you already have this agent") from None


async def hire_human(user_id: int, agent_id: int, plan: str, property_ids: list[int],
                     payment_method: str, minimum: int, request_key: str | None = None
                     ) -> tuple[AgentAssignment, Subscription, Transaction]:
    if (resumed := await _resume(user_id, request_key)) is not None:
        sub, tx = resumed
        return await AgentAssignment.get(id=sub.agent_assignment_id), sub, tx
    agent = await User.get_or_none(id=agent_id, role=Role.AGENT)
    fee = None if agent is None else (
        agent.monthly_fee_cents if plan == Plan.MONTHLY else agent.yearly_fee_cents)
    if agent is None or fee is None:
        raise ApiError.not_found("agent for hire")
    fee = _check_price(fee, minimum)
    ids = await _check_listings(user_id, property_ids)
    live = [AssignmentStatus.PENDING, AssignmentStatus.ACTIVE]
    if await AgentAssignment.filter(seller_id=user_id, agent_id=agent.id, status__in=live).exists():
        raise _taken("this agent already works for you")
    try:
        async with in_transaction():
            assignment = await AgentAssignment.create(
                seller_id=user_id, agent_id=agent.id, property_ids=ids, plan=plan,
                status=AssignmentStatus.PENDING)
            sub, tx = await _open(user_id, SubKind.HUMAN, plan, fee, payment_method, ids, request_key,
                                  agent_assignment=assignment)
    except IntegrityError:  # a concurrent hire won the live-assignment index
        if (resumed := await _resume(user_id, request_key)) is not None:
            sub, tx = resumed
            return await AgentAssignment.get(id=sub.agent_assignment_id), sub, tx
        raise _taken("this agent already works for you") from None
    return assignment, sub, tx


async def settle_first_charge(jobs: Jobs, sub_id: int, tx_id: int
                              ) -> tuple[Subscription, Transaction]:
    """Hand a hire's first charge to the workers and give it a moment to settle within the
    request: woken when the task is done (no polling), then read once, as the database is
    the word on how it went (still `incomplete` if the workers are slow)."""
    await jobs.run_and_wait(tasks.settle_charge, tx_id, timeout=SETTLE_WAIT_S)
    return await Subscription.get(id=sub_id), await Transaction.get(id=tx_id)


async def get_assignment(assignment_id: int) -> AgentAssignment:
    return await AgentAssignment.get(id=assignment_id)


async def _terminate(find: Callable[[], Awaitable[Subscription | None]], at_period_end: bool
                     ) -> tuple[Subscription, Transaction | None]:
    """Cancel the live subscription `find` returns, from whatever live status it is in (a
    settle or a renewal may move it meanwhile: then look again); refund the unused time,
    or stop a first charge that has not settled."""
    now = utcnow()
    if at_period_end:
        sub = await find()
        if sub is None or not await Subscription.filter(id=sub.id, status__in=LIVE).update(
                cancel_at_period_end=True, updated_at=now):
            raise ApiError.not_found("active subscription on this agent")
        return await Subscription.get(id=sub.id), None
    for _ in range(5):
        sub = await find()
        if sub is None:
            break
        refund_id = None
        pending: list[Transaction] = []
        async with in_transaction() as conn:
            if not await ledger.move(conn, sub.id, sub.status, SubStatus.CANCELED):
                continue
            if sub.status == SubStatus.INCOMPLETE:
                pending = await Transaction.filter(subscription_id=sub.id, kind=TxKind.CHARGE,
                                                   status=TxStatus.PENDING).using_db(conn)
            else:
                paid = await Transaction.filter(
                    subscription_id=sub.id, kind__in=[TxKind.CHARGE, TxKind.RENEWAL],
                    status=TxStatus.SUCCEEDED, period_start=sub.current_period_start
                ).using_db(conn).first()
                if paid is not None:
                    amount = prorated_refund(paid.amount_cents, sub.current_period_start,
                                             sub.current_period_end, now)
                    refund_id = await ledger.open_refund(conn, paid, amount)
        for tx in pending:  # its first charge never settled: stop it
            await ledger.void_charge(tx, sub.payment_method)
        refund = await ledger.send_refund(refund_id) if refund_id is not None else None
        return await Subscription.get(id=sub.id), refund
    raise ApiError.not_found("active subscription on this agent")


async def terminate(user_id: int, ai_agent_id: int, at_period_end: bool
                    ) -> tuple[Subscription, Transaction | None]:
    return await _terminate(Subscription.filter(user_id=user_id, ai_agent_id=ai_agent_id,
                                                status__in=LIVE).first, at_period_end)


async def terminate_hire(user_id: int, assignment_id: int, at_period_end: bool
                         ) -> tuple[Subscription, Transaction | None]:
    return await _terminate(Subscription.filter(user_id=user_id,
                                                agent_assignment_id=assignment_id,
                                                status__in=LIVE).first, at_period_end)


async def get_subscription(user_id: int, subscription_id: int) -> Subscription:
    sub = await Subscription.get_or_none(id=subscription_id, user_id=user_id)
    if sub is None:
        raise ApiError.not_found("subscription")
    return sub


async def list_subscriptions(user_id: int, limit: int, token: str | None):
    return await id_page(Subscription.filter(user_id=user_id), limit, token)


async def list_transactions(user_id: int, limit: int, token: str | None):
    return await id_page(Transaction.filter(user_id=user_id), limit, token)


async def available_agents(limit: int, token: str | None):
    """Human agents for hire: those who set a monthly fee."""
    qs = User.filter(role=Role.AGENT, monthly_fee_cents__isnull=False)
    return await id_page(qs, limit, token)


async def delete_ai_agent(owner_id: int, agent_id: int) -> None:
    """An agent on a live subscription stays; one with billing history is archived."""
    agent = await get_owned(owner_id, agent_id)
    if await Subscription.filter(ai_agent_id=agent.id, status__in=LIVE).exists():
        raise ApiError(409, Code.AGENT_IN_USE,
                       "this agent has an active subscription; terminate it first")
    await archive_or_delete(agent, await Subscription.filter(ai_agent_id=agent.id).exists())


async def list_assignments(user_id: int, role: str, limit: int, token: str | None):
    qs = AgentAssignment.filter(**({"agent_id": user_id} if role == Role.AGENT
                                   else {"seller_id": user_id}))
    return await id_page(qs, limit, token)


async def retry_with_new_method(user_id: int, subscription_id: int,
                                payment_method: str) -> Subscription:
    sub = await get_subscription(user_id, subscription_id)
    sub.payment_method = payment_method
    await sub.save(update_fields=["payment_method", "updated_at"])
    if sub.status == SubStatus.PAST_DUE:
        try:
            await renewals.renew_one(sub.id, utcnow(), force=True)
        except TransientPaymentError:
            await renewals.renew_one(sub.id, utcnow(), force=True)
    return await Subscription.get(id=sub.id)
