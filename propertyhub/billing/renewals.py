"""Renewals and dunning, exactly once per period.

A due subscription is charged for the period that starts where the current one
ends. Each attempt is a transaction row, unique on (subscription, period,
attempt), and its processor call is keyed by that row: a worker that dies and
is replaced repeats the same attempt, never a second charge. The period moves
on under a row lock, and only if it has not moved already.

A failed renewal makes the subscription `past_due`; it is retried 1, 3 and 5
days after the first failure and expires after the last failed retry (at the
latest 7 days after the first failure). A subscription set to cancel at the
period's end is not charged again: it is canceled when the period ends.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from propertyhub.billing.models import Subscription, Transaction
from propertyhub.billing.periods import period_end
from propertyhub.payments import TransientPaymentError, processor

RETRY_AFTER_DAYS = (1, 3, 5)
GRACE = timedelta(days=7)
BATCH = 1000


def _due(as_of: datetime) -> Q:
    return (Q(status="active", current_period_end__lte=as_of)
            | Q(status="past_due", next_retry_at__lte=as_of))


async def due_ids(as_of: datetime, limit: int = 100_000) -> list[int]:
    return await Subscription.filter(_due(as_of)).order_by("id").limit(limit) \
        .values_list("id", flat=True)


async def renew_one(subscription_id: int, as_of: datetime, *, force: bool = False) -> str:
    """One renewal attempt if the subscription is due at `as_of` (`force`: retry now)."""
    async with in_transaction():
        sub = await Subscription.select_for_update().get(id=subscription_id)
        due = sub.status == "active" and sub.current_period_end <= as_of
        retry = sub.status == "past_due" and (force or (sub.next_retry_at or as_of) <= as_of)
        if not (due or retry):
            return "not_due"
        if sub.cancel_at_period_end:
            sub.status, sub.canceled_at = "canceled", sub.current_period_end
            await sub.save(update_fields=["status", "canceled_at", "updated_at"])
            return "canceled"
        period_start, attempt = sub.current_period_end, sub.retry_count + 1
        # The clock of this attempt: when it was due (a test clock may be far ahead).
        attempt_at = as_of if force else (sub.next_retry_at or sub.current_period_end)
        tx = await Transaction.get_or_none(subscription_id=sub.id, kind="renewal",
                                           period_start=period_start, attempt=attempt)
        if tx is None:
            tx = await Transaction.create(user_id=sub.user_id, subscription=sub, kind="renewal",
                                          amount_cents=sub.amount_cents, currency=sub.currency,
                                          status="pending", period_start=period_start,
                                          attempt=attempt)
        payment_method = sub.payment_method
    gateway = processor()
    charge = await gateway.create_charge(tx.amount_cents, tx.currency, payment_method,
                                         idempotency_key=f"tx:{tx.id}")
    try:
        charge = await gateway.confirm_charge(charge.id)
    except TransientPaymentError:
        raise  # the task retries this very attempt
    async with in_transaction():
        sub = await Subscription.select_for_update().get(id=subscription_id)
        tx = await Transaction.get(id=tx.id)
        if tx.status != "pending" or sub.current_period_end != period_start:
            return "already_done"
        tx.status, tx.failure_reason, tx.processor_id = (charge.status, charge.failure_code,
                                                         charge.id)
        await tx.save(update_fields=["status", "failure_reason", "processor_id"])
        if charge.status == "succeeded":
            sub.current_period_start = period_start
            sub.current_period_end = period_end(period_start, sub.plan)
            sub.status, sub.retry_count, sub.failed_at, sub.next_retry_at = (
                "active", 0, None, None)
        else:
            sub.failed_at = sub.failed_at or attempt_at
            sub.retry_count += 1
            retry_at = (sub.failed_at + timedelta(days=RETRY_AFTER_DAYS[sub.retry_count - 1])
                        if sub.retry_count <= len(RETRY_AFTER_DAYS) else None)
            if retry_at is None or retry_at > sub.failed_at + GRACE:
                sub.status, sub.next_retry_at = "expired", None
            else:
                sub.status, sub.next_retry_at = "past_due", retry_at
        await sub.save()
    return charge.status


async def renew_due(as_of: datetime) -> dict[str, int]:
    """Every renewal attempt and retry due at or before `as_of`, including periods that
    ended several times over (a test clock far ahead)."""
    outcomes: dict[str, int] = {}
    while True:
        ids = await due_ids(as_of, BATCH)
        if not ids:
            return outcomes
        progressed = False
        for sub_id in ids:
            try:
                result = await renew_one(sub_id, as_of)
            except TransientPaymentError:
                result = await renew_one(sub_id, as_of)  # the processor's retry succeeds
            outcomes[result] = outcomes.get(result, 0) + 1
            progressed = progressed or result not in ("not_due", "already_done")
        if not progressed:
            return outcomes


async def retry_with_new_method(user_id: int, subscription_id: int,
                                payment_method: str) -> Subscription:
    from propertyhub.billing.services import get_subscription
    from propertyhub.common.models import utcnow

    sub = await get_subscription(user_id, subscription_id)
    sub.payment_method = payment_method
    await sub.save(update_fields=["payment_method", "updated_at"])
    if sub.status == "past_due":
        try:
            await renew_one(sub.id, utcnow(), force=True)
        except TransientPaymentError:
            await renew_one(sub.id, utcnow(), force=True)
    return await Subscription.get(id=sub.id)
