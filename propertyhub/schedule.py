"""The one schedule: what runs when, for the Celery beat (production) and the in-process
scheduler (embedded mode) alike."""

from __future__ import annotations

from propertyhub.analytics import tasks as analytics
from propertyhub.analytics.rollup import CLOSE_AFTER
from propertyhub.billing import tasks as billing
from propertyhub.common.jobs import DailyAt, Every, Scheduled
from propertyhub.config import Settings
from propertyhub.viewings import tasks as viewings

PRUNE_EVERY_S = 3600.0
VIEWING_REMINDERS_EVERY_S = 60.0  # a reminder is due to the minute, whatever the tick


def schedule(settings: Settings) -> tuple[Scheduled, ...]:
    every = Every(settings.scheduler_interval_seconds)
    return (
        Scheduled("renew-due-subscriptions", billing.renew_due, every),
        Scheduled("reconcile-pending-payments", billing.reconcile_pending, every),
        Scheduled("viewing-reminders", viewings.remind, Every(VIEWING_REMINDERS_EVERY_S)),
        Scheduled("prune-idempotency-keys", billing.prune_idempotency_keys, Every(PRUNE_EVERY_S)),
        # Once yesterday's longest calls have ended (rollup.CLOSE_AFTER).
        Scheduled("rollup-yesterday", analytics.rollup_yesterday, DailyAt(CLOSE_AFTER)),
    )
