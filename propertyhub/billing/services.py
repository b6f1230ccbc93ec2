"""Subscriptions: hire (AI and human agents), settle the first charge, terminate, list."""

from __future__ import annotations

from typing import Any

from tortoise.transactions import in_transaction

from propertyhub.agents.services import get_visible
from propertyhub.billing.models import Subscription, Transaction
from propertyhub.billing.periods import period_end, prorated_refund
from propertyhub.common.errors import ApiError, Code
from propertyhub.common.models import utcnow
from propertyhub.common.pagination import id_page
from propertyhub.crm.models import AgentAssignment
from propertyhub.listings.models import Property
from propertyhub.payments import processor

LIVE = ("incomplete", "active", "past_due")


async def _check_listings(seller_id: int, property_ids: list[int]) -> list[int]:
    ids = sorted(set(property_ids))
    owned = await Property.filter(id__in=ids, owner_id=seller_id).count() if ids else 0
    if owned != len(ids):
        raise ApiError.validation({"property_ids": ["every listing must be one of yours"]})
    return ids


async def _open(user_id: int, kind: str, plan: str, amount: int, payment_method: str,
                property_ids: list[int], **link: Any) -> tuple[Subscription, Transaction]:
    now = utcnow()
    sub = await Subscription.create(
        user_id=user_id, kind=kind, plan=plan, status="incomplete", current_period_start=now,
        current_period_end=period_end(now, plan), amount_cents=amount,
        payment_method=payment_method, property_ids=property_ids, **link)
    tx = await Transaction.create(user_id=user_id, subscription=sub, kind="charge",
                                  amount_cents=amount, status="pending", period_start=now)
    return sub, tx


async def hire_ai(user_id: int, ai_agent_id: int, plan: str, property_ids: list[int],
                  payment_method: str) -> tuple[Subscription, Transaction]:
    agent = await get_visible(user_id, ai_agent_id)
    ids = await _check_listings(user_id, property_ids)
    amount = agent.price_monthly_cents if plan == "monthly" else agent.price_yearly_cents
    if await Subscription.filter(user_id=user_id, ai_agent_id=agent.id, status__in=LIVE).exists():
        raise ApiError(409, Code.ALREADY_SUBSCRIBED, "you already have this agent")
    async with in_transaction():
        return await _open(user_id, "ai", plan, amount, payment_method, ids, ai_agent=agent)


async def hire_human(user_id: int, agent_id: int, plan: str, property_ids: list[int],
                     payment_method: str) -> tuple[AgentAssignment, Subscription, Transaction]:
    from propertyhub.accounts.models import Role, User

    agent = await User.get_or_none(id=agent_id, role=Role.AGENT)
    fee = None if agent is None else (
        agent.monthly_fee_cents if plan == "monthly" else agent.yearly_fee_cents)
    if agent is None or fee is None:
        raise ApiError.not_found("agent for hire")
    ids = await _check_listings(user_id, property_ids)
    if await AgentAssignment.filter(seller_id=user_id, agent_id=agent.id,
                                    status__in=["pending", "active"]).exists():
        raise ApiError(409, Code.ALREADY_SUBSCRIBED, "this agent already works for you")
    async with in_transaction():
        assignment = await AgentAssignment.create(seller_id=user_id, agent_id=agent.id,
                                                  property_ids=ids, plan=plan, status="pending")
        sub, tx = await _open(user_id, "human", plan, fee, payment_method, ids,
                              agent_assignment=assignment)
    return assignment, sub, tx


async def settle_charge(transaction_id: int) -> str:
    """Charge a pending first payment and activate (or expire) its subscription.

    Safe to run again: the processor call is keyed by the transaction, and a
    settled transaction is left alone. Raises TransientPaymentError to be retried.
    """
    tx = await Transaction.get(id=transaction_id).select_related("subscription")
    if tx.status != "pending":
        return tx.status
    sub = tx.subscription
    charge = await processor().charge(tx.amount_cents, tx.currency, sub.payment_method,
                                      idempotency_key=f"tx:{tx.id}")
    async with in_transaction():
        sub = await Subscription.select_for_update().get(id=sub.id)
        tx = await Transaction.get(id=transaction_id)
        if tx.status != "pending":
            return tx.status
        tx.status, tx.failure_reason, tx.processor_id = (charge.status, charge.failure_code,
                                                         charge.id)
        await tx.save(update_fields=["status", "failure_reason", "processor_id"])
        sub.status = "active" if charge.status == "succeeded" else "expired"
        await sub.save(update_fields=["status", "updated_at"])
        if sub.agent_assignment_id:
            await AgentAssignment.filter(id=sub.agent_assignment_id).update(
                status="active" if charge.status == "succeeded" else "ended")
    return tx.status


async def terminate(user_id: int, ai_agent_id: int, at_period_end: bool
                    ) -> tuple[Subscription, Transaction | None]:
    now = utcnow()
    async with in_transaction():
        sub = await Subscription.select_for_update().filter(
            user_id=user_id, ai_agent_id=ai_agent_id, status__in=LIVE).first()
        if sub is None:
            raise ApiError.not_found("active subscription on this agent")
        if at_period_end:
            sub.cancel_at_period_end = True
            await sub.save(update_fields=["cancel_at_period_end", "updated_at"])
            return sub, None
        paid = await Transaction.filter(subscription_id=sub.id, kind__in=["charge", "renewal"],
                                        status="succeeded", period_start=sub.current_period_start
                                        ).first()
        sub.status, sub.canceled_at = "canceled", now
        await sub.save(update_fields=["status", "canceled_at", "updated_at"])
        amount = prorated_refund(paid.amount_cents, sub.current_period_start,
                                 sub.current_period_end, now) if paid else 0
        refund = None
        if amount > 0 and paid is not None:
            refund = await Transaction.create(user_id=user_id, subscription=sub, kind="refund",
                                              amount_cents=amount, currency=paid.currency,
                                              status="pending")
    if refund is not None:
        assert paid is not None and paid.processor_id is not None
        record = await processor().refund(paid.processor_id, amount,
                                          idempotency_key=f"refund:{refund.id}")
        refund.status, refund.processor_id = "succeeded", record.id
        await refund.save(update_fields=["status", "processor_id"])
    return sub, refund


async def get_subscription(user_id: int, subscription_id: int) -> Subscription:
    sub = await Subscription.get_or_none(id=subscription_id, user_id=user_id)
    if sub is None:
        raise ApiError.not_found("subscription")
    return sub


async def list_subscriptions(user_id: int, limit: int, token: str | None):
    return await id_page(Subscription.filter(user_id=user_id), limit, token)


async def list_transactions(user_id: int, limit: int, token: str | None):
    return await id_page(Transaction.filter(user_id=user_id), limit, token)


async def list_assignments(user_id: int, role: str, limit: int, token: str | None):
    qs = AgentAssignment.filter(**({"agent_id": user_id} if role == "agent"
                                   else {"seller_id": user_id}))
    return await id_page(qs, limit, token)

