"""Money and status moves of subscriptions, each one safe to race and to repeat.

Every status change is a compare-and-set on the status it expects (`move`); a
subscription that ends ends its human agent's assignment in the same transaction; a
refund is a row committed `pending` before the processor is called, unique per
subscription and period (so two racing paths refund once), and keyed at the processor
by that row (so the reconciler can finish it after a crash).
"""

from __future__ import annotations

from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from propertyhub.billing.models import ENDED, MOVES, SubStatus, Transaction, TxKind, TxStatus
from propertyhub.common import sql
from propertyhub.common.models import utcnow
from propertyhub.crm.models import AssignmentStatus
from propertyhub.payments import processor
from propertyhub.payments.models import ChargeStatus

# failure_reason of a first charge voided before it settled: the processor's own word.
VOIDED = ChargeStatus.CANCELED.value


async def move(conn: BaseDBAsyncClient, sub_id: int, expected: SubStatus | tuple[SubStatus, ...],
               to: SubStatus, guard: dict[str, Any] | None = None, **changes: Any) -> bool:
    """Move a subscription from one of `expected` to `to` (and only while the `guard`
    columns hold their values); False if it was not there."""
    froms = (expected,) if isinstance(expected, SubStatus) else expected
    assert all(to in MOVES[SubStatus(f)] for f in froms), f"no move {froms} -> {to}"
    now = utcnow()
    if to == SubStatus.CANCELED:
        changes.setdefault("canceled_at", now)
    guard = guard or {}
    values = [to.value, *changes.values(), now, sub_id, *(SubStatus(f).value for f in froms),
              *guard.values()]
    n = len(changes)
    sets = "".join(f", {name} = ${i}" for i, name in enumerate(changes, start=2))
    marks = ", ".join(f"${i}" for i in range(n + 4, n + 4 + len(froms)))
    checks = "".join(f" AND {name} = ${i}"
                     for i, name in enumerate(guard, start=n + 4 + len(froms)))
    moved = await sql.rowcount(conn, f"""
        UPDATE subscriptions SET status = $1{sets}, updated_at = ${n + 2}
        WHERE id = ${n + 3} AND status IN ({marks}){checks}""", values)
    if moved and to in ENDED:
        await end_assignment(conn, sub_id)
    return bool(moved)


async def end_assignment(conn: BaseDBAsyncClient, sub_id: int) -> None:
    """A human agent's access ends with the subscription that pays for it."""
    await sql.rowcount(conn, """
        UPDATE agent_assignments SET status = $1, ended_at = $2
        WHERE id = (SELECT agent_assignment_id FROM subscriptions WHERE id = $3)
          AND status <> $1""", [AssignmentStatus.ENDED.value, utcnow(), sub_id])


async def activate_assignment(conn: BaseDBAsyncClient, sub_id: int) -> None:
    await sql.rowcount(conn, """
        UPDATE agent_assignments SET status = $1
        WHERE id = (SELECT agent_assignment_id FROM subscriptions WHERE id = $2)
          AND status = $3""", [AssignmentStatus.ACTIVE.value, sub_id,
                               AssignmentStatus.PENDING.value])


def outcome(charge: Any) -> tuple[TxStatus, str | None]:
    """A processor charge as our transaction records it: a voided one failed, `canceled`."""
    if charge.status == ChargeStatus.SUCCEEDED:
        return TxStatus.SUCCEEDED, None
    return TxStatus.FAILED, VOIDED if charge.status == VOIDED else charge.failure_code


async def settle_tx(conn: BaseDBAsyncClient, tx_id: int, status: str, reason: str | None,
                    processor_id: str | None) -> bool:
    """Record a pending transaction's outcome once; False if another path recorded it."""
    return bool(await sql.rowcount(conn, """
        UPDATE transactions SET status = $1, failure_reason = $2, processor_id = $3
        WHERE id = $4 AND status = $5""", [status, reason, processor_id, tx_id,
                                         TxStatus.PENDING.value]))


async def open_refund(conn: BaseDBAsyncClient, paid: Transaction, amount: int) -> int | None:
    """A pending refund row for `paid` (at most one per subscription and period)."""
    if amount <= 0:
        return None
    rows = await sql.execute(conn, """
        INSERT INTO transactions (user_id, subscription_id, kind, amount_cents, currency,
                                  status, period_start, attempt, refund_of_id, created_at)
        VALUES ($1, $2, $8, $3, $4, $9, $5, 1, $6, $7)
        ON CONFLICT (subscription_id, kind, period_start, attempt)
        DO UPDATE SET attempt = excluded.attempt
        RETURNING id""", [paid.user_id, paid.subscription_id, amount, paid.currency,
                          paid.period_start, paid.id, utcnow(), TxKind.REFUND.value,
                          TxStatus.PENDING.value])
    return rows[0]["id"]


async def send_refund(refund_id: int) -> Transaction:
    """Ask the processor for a pending refund row's money back (keyed by the row)."""
    refund = await Transaction.get(id=refund_id)
    if refund.status != TxStatus.PENDING or refund.refund_of_id is None:
        return refund
    paid = await Transaction.get(id=refund.refund_of_id)
    try:
        record = await processor().refund(paid.processor_id or "", refund.amount_cents,
                                          idempotency_key=f"refund:{refund.id}")
        outcome, reason, processor_id = TxStatus.SUCCEEDED, None, record.id
    except ValueError as exc:  # nothing left to refund, or the charge never succeeded
        outcome, reason, processor_id = TxStatus.FAILED, str(exc)[:64], None
    await settle_tx(sql.connection(), refund.id, outcome, reason, processor_id)
    return await Transaction.get(id=refund.id)


async def refund_in_full(paid_id: int) -> None:
    """A charge that paid for nothing (its subscription ended while it settled)."""
    async with in_transaction() as conn:
        paid = await Transaction.get(id=paid_id).using_db(conn)
        refund_id = await open_refund(conn, paid, paid.amount_cents)
    if refund_id is not None:
        await send_refund(refund_id)


async def void_charge(tx: Transaction, payment_method: str) -> str:
    """Stop a pending charge whose subscription ended before it settled: void it at the
    processor, or refund it if it landed first. Returns the transaction's status."""
    charge = await processor().void(f"tx:{tx.id}", tx.amount_cents, tx.currency, payment_method)
    conn = sql.connection()
    if charge.status == ChargeStatus.SUCCEEDED:
        await settle_tx(conn, tx.id, TxStatus.SUCCEEDED, None, charge.id)
        await refund_in_full(tx.id)
        return TxStatus.SUCCEEDED
    await settle_tx(conn, tx.id, *outcome(charge), charge.id)
    return TxStatus.FAILED


async def settle_charge(transaction_id: int) -> str:
    """Charge a pending first payment and activate (or expire) its subscription.

    Safe to run again and to race a terminate: the processor call is keyed by the
    transaction, the outcome is recorded once, and the subscription only moves from
    `incomplete`. A subscription that is no longer incomplete has its charge voided (or
    refunded). Raises TransientPaymentError to be retried.
    """
    tx = await Transaction.get(id=transaction_id).select_related("subscription")
    if tx.status != TxStatus.PENDING:
        return tx.status
    sub = tx.subscription
    if sub.status != SubStatus.INCOMPLETE:
        return await void_charge(tx, sub.payment_method)
    charge = await processor().charge(tx.amount_cents, tx.currency, sub.payment_method,
                                      idempotency_key=f"tx:{tx.id}")
    status, reason = outcome(charge)
    succeeded = status == TxStatus.SUCCEEDED
    refund = False
    async with in_transaction() as conn:
        if not await settle_tx(conn, tx.id, status, reason, charge.id):
            return (await Transaction.get(id=tx.id).using_db(conn)).status
        if succeeded:
            if await move(conn, sub.id, SubStatus.INCOMPLETE, SubStatus.ACTIVE):
                await activate_assignment(conn, sub.id)
            else:
                refund = True  # terminated while it settled: it paid for nothing
        else:
            await move(conn, sub.id, SubStatus.INCOMPLETE, SubStatus.EXPIRED)
    if refund:
        await refund_in_full(tx.id)
    return status
