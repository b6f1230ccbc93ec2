"""Billing's background work: thin tasks over the services, ids in.

Every task is idempotent: the services key processor calls by the row they settle and
re-check state under a row lock, so a redelivered task is harmless. The names are those
the tasks had in workers/tasks.py: queued messages, beat schedules and /metrics use them.
"""

from __future__ import annotations

from datetime import datetime

from propertyhub.billing import idempotency, ledger, reconcile, renewals
from propertyhub.common.jobs import Context, task
from propertyhub.common.models import utcnow
from propertyhub.payments import TransientPaymentError

FAN_OUT_CHUNK = 200


@task("workers.tasks.settle_charge_task", retry_on=(TransientPaymentError,), max_retries=8,
      backoff=lambda retries: min(2 ** retries, 60), notify=True)
async def settle_charge(ctx: Context, transaction_id: int) -> str:
    return await ledger.settle_charge(transaction_id)


@task("workers.tasks.renew_batch_task", retry_on=(TransientPaymentError,), max_retries=8)
async def renew_batch(ctx: Context, subscription_ids: list[int], as_of: str) -> dict[str, int]:
    """Renew a chunk; a redelivered chunk skips what is done (`not_due`)."""
    return await renewals.renew_many(subscription_ids, datetime.fromisoformat(as_of))


@task("workers.tasks.renew_due_task")
async def renew_due(ctx: Context, as_of: str | None = None) -> int:
    """The scheduled job: the due subscriptions, in chunks, spread over the workers."""
    moment = datetime.fromisoformat(as_of) if as_of else utcnow()
    ids = await renewals.due_ids(moment)
    await ctx.jobs.fan_out(renew_batch, [(ids[start:start + FAN_OUT_CHUNK], moment.isoformat())
                                         for start in range(0, len(ids), FAN_OUT_CHUNK)])
    return len(ids)


@task("workers.tasks.reconcile_task")
async def reconcile_pending(ctx: Context) -> dict[str, int]:
    """The scheduled job: finish charges and refunds left pending by a crash."""
    return await reconcile.reconcile(utcnow(), ctx.settings.reconcile_after_seconds)


@task("workers.tasks.prune_idempotency_task")
async def prune_idempotency_keys(ctx: Context) -> int:
    return await idempotency.prune()
