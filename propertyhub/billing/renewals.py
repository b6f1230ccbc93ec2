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

import asyncio
from datetime import datetime, timedelta

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from propertyhub.billing import ledger
from propertyhub.billing.models import ENDED, Subscription, SubStatus, TxKind, TxStatus
from propertyhub.billing.periods import period_end
from propertyhub.common import sql
from propertyhub.common.models import utcnow
from propertyhub.payments import TransientPaymentError, processor
from propertyhub.payments.models import ChargeStatus

RETRY_AFTER_DAYS = (1, 3, 5)
GRACE = timedelta(days=7)
BATCH = 1000
CONCURRENCY = 8


def _due(as_of: datetime) -> Q:
    return (Q(status=SubStatus.ACTIVE, current_period_end__lte=as_of)
            | Q(status=SubStatus.PAST_DUE, next_retry_at__lte=as_of))


async def due_ids(as_of: datetime, limit: int = 100_000) -> list[int]:
    return await Subscription.filter(_due(as_of)).order_by("id").limit(limit) \
        .values_list("id", flat=True)


def _after_failure(sub: Subscription, attempt_at: datetime) -> tuple[SubStatus, dict]:
    failed_at = sub.failed_at or attempt_at
    retries = sub.retry_count + 1
    retry_at = (failed_at + timedelta(days=RETRY_AFTER_DAYS[retries - 1])
                if retries <= len(RETRY_AFTER_DAYS) else None)
    expired = retry_at is None or retry_at > failed_at + GRACE
    return (SubStatus.EXPIRED if expired else SubStatus.PAST_DUE,
            {"failed_at": failed_at, "retry_count": retries,
             "next_retry_at": None if expired else retry_at})


async def _attempt(sub: Subscription, as_of: datetime, force: bool) -> str:
    """One renewal attempt if the subscription is due at `as_of` (`force`: retry now).

    No lock is held while the processor is called: the attempt's row is unique,
    its charge is keyed by that row, and the outcome is written by conditional
    updates that only the first finisher wins.
    """
    due = sub.status == SubStatus.ACTIVE and sub.current_period_end <= as_of
    retry = sub.status == SubStatus.PAST_DUE and (force or (sub.next_retry_at or as_of) <= as_of)
    if not (due or retry):
        return "not_due"
    period_start, attempt = sub.current_period_end, sub.retry_count + 1
    # Only while nobody else moved it: not renewed already, not terminated meanwhile.
    guard = {"current_period_end": period_start, "retry_count": sub.retry_count}
    if sub.cancel_at_period_end:
        async with in_transaction() as conn:
            ended = await ledger.move(conn, sub.id, sub.status, SubStatus.CANCELED, guard,
                                      canceled_at=period_start)
        return "canceled" if ended else "already_done"
    # The clock of this attempt: when it was due (a test clock may be far ahead).
    attempt_at = as_of if force else (sub.next_retry_at or sub.current_period_end)
    conn = sql.connection()
    # One row per attempt: a redelivered task gets the same row (and so the same charge).
    tx = (await sql.execute(conn, """
        INSERT INTO transactions (user_id, subscription_id, kind, amount_cents, currency,
                                  status, period_start, attempt, created_at)
        VALUES ($1, $2, $8, $3, $4, $9, $5, $6, $7)
        ON CONFLICT (subscription_id, kind, period_start, attempt)
        DO UPDATE SET attempt = excluded.attempt
        RETURNING id, amount_cents, currency""",
        [sub.user_id, sub.id, sub.amount_cents, sub.currency, period_start, attempt,
         utcnow(), TxKind.RENEWAL.value, TxStatus.PENDING.value]))[0]
    charge = await processor().charge(tx["amount_cents"], tx["currency"], sub.payment_method,
                                      idempotency_key=f"tx:{tx['id']}")
    succeeded = charge.status == ChargeStatus.SUCCEEDED
    if succeeded:
        to, changes = SubStatus.ACTIVE, {
            "current_period_start": period_start,
            "current_period_end": period_end(period_start, sub.plan),
            "retry_count": 0, "failed_at": None, "next_retry_at": None}
    else:
        to, changes = _after_failure(sub, attempt_at)
    refund = False
    async with in_transaction() as conn:
        await ledger.settle_tx(conn, tx["id"], *ledger.outcome(charge), charge.id)
        # Only the first finisher moves the subscription on; the charge is the same for all.
        moved = await ledger.move(conn, sub.id, sub.status, to, guard, **changes)
        if not moved and succeeded:
            # Terminated while it was charged: this renewal paid for nothing.
            now = await Subscription.get(id=sub.id).using_db(conn)
            refund = now.status in ENDED and now.current_period_end == period_start
    if refund:
        await ledger.refund_in_full(tx["id"])
    if not moved:
        raise _AlreadyDone
    return charge.status


class _AlreadyDone(Exception):
    pass


async def renew_many(ids: list[int], as_of: datetime) -> dict[str, int]:
    """Several at a time: each waits on the database most of its time."""
    outcomes: dict[str, int] = {}
    gate = asyncio.Semaphore(CONCURRENCY)

    async def one(sub: Subscription) -> None:
        async with gate:
            try:
                result = await _settled(sub, as_of)
            except TransientPaymentError:
                result = await _settled(sub, as_of)  # the processor's retry succeeds
            outcomes[result] = outcomes.get(result, 0) + 1

    # One read for the chunk; each attempt re-checks its row when it writes.
    await asyncio.gather(*(one(sub) for sub in await Subscription.filter(id__in=ids)))
    return outcomes


async def _settled(sub: Subscription, as_of: datetime, force: bool = False) -> str:
    try:
        return await _attempt(sub, as_of, force)
    except _AlreadyDone:
        return "already_done"


async def renew_one(sub_id: int, as_of: datetime, *, force: bool = False) -> str:
    """Renew one subscription if due; says what happened. Safe to repeat."""
    return await _settled(await Subscription.get(id=sub_id), as_of, force)


async def renew_due(as_of: datetime) -> dict[str, int]:
    """Every renewal attempt and retry due at or before `as_of`, including periods that
    ended several times over (a test clock far ahead)."""
    outcomes: dict[str, int] = {}
    while True:
        ids = await due_ids(as_of, BATCH)
        if not ids:
            return outcomes
        batch = await renew_many(ids, as_of)
        for result, n in batch.items():
            outcomes[result] = outcomes.get(result, 0) + n
        if not set(batch) - {"not_due", "already_done"}:
            return outcomes
