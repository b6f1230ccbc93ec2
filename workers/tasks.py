"""Thin task wrappers: ids in, a service call, retries on transient failures.

Every task is idempotent: the services key processor calls by the row they
settle and re-check state under a row lock, so a redelivered task is harmless.
"""

from __future__ import annotations

from datetime import datetime

from propertyhub.payments import TransientPaymentError
from workers.celery_app import celery_app
from workers.runtime import run_async


@celery_app.task(bind=True, max_retries=8, name="workers.tasks.settle_charge_task")
def settle_charge_task(self, transaction_id: int) -> str:
    from propertyhub.billing.services import settle_charge

    try:
        return run_async(settle_charge(transaction_id))
    except TransientPaymentError as exc:
        raise self.retry(exc=exc, countdown=min(2 ** self.request.retries, 60)) from exc


FAN_OUT_CHUNK = 200


@celery_app.task(bind=True, max_retries=8, name="workers.tasks.renew_batch_task")
def renew_batch_task(self, subscription_ids: list[int], as_of: str) -> dict[str, int]:
    """Renew a chunk; a redelivered chunk skips what is done (`not_due`)."""
    from propertyhub.billing.renewals import renew_many

    try:
        return run_async(renew_many(subscription_ids, datetime.fromisoformat(as_of)))
    except TransientPaymentError as exc:
        raise self.retry(exc=exc, countdown=1) from exc


@celery_app.task(name="workers.tasks.renew_due_task")
def renew_due_task(as_of: str | None = None) -> int:
    """The beat job: fan the due subscriptions out to the workers in chunks."""
    from propertyhub.billing.renewals import due_ids
    from propertyhub.common.models import utcnow

    moment = datetime.fromisoformat(as_of) if as_of else utcnow()
    ids = run_async(due_ids(moment))
    for start in range(0, len(ids), FAN_OUT_CHUNK):
        renew_batch_task.delay(ids[start:start + FAN_OUT_CHUNK], moment.isoformat())
    return len(ids)


@celery_app.task(name="workers.tasks.reconcile_task")
def reconcile_task() -> dict[str, int]:
    """The beat job: finish charges and refunds left pending by a crash."""
    from propertyhub.billing.reconcile import reconcile
    from propertyhub.common.models import utcnow
    from propertyhub.config import Settings

    return run_async(reconcile(utcnow(), Settings.from_env().reconcile_after_seconds))


@celery_app.task(name="workers.tasks.prune_idempotency_task")
def prune_idempotency_task() -> int:
    from propertyhub.billing.idempotency import prune

    return run_async(prune())


@celery_app.task(name="workers.tasks.flush_transcript_task")
def flush_transcript_task(call_id: int) -> int:
    from propertyhub.calls.transcript import flush

    return run_async(flush(call_id))


@celery_app.task(name="workers.tasks.rollup_task")
def rollup_task(day: str | None = None) -> int:
    """The daily analytics rollup; by default of yesterday (UTC), catching up missed days."""
    from datetime import date, timedelta

    from propertyhub.analytics.rollup import rollup
    from propertyhub.common.models import utcnow

    target = date.fromisoformat(day) if day else utcnow().date() - timedelta(days=1)
    return len(run_async(rollup(target)))


@celery_app.task(name="workers.tasks.viewing_reminders_task")
def viewing_reminders_task() -> dict[str, int]:
    """The beat job: viewings' 24-hour and 1-hour reminders, each once."""
    from propertyhub.viewings.notices import send_reminders

    return run_async(send_reminders())
