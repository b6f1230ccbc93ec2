"""Money nobody is finishing: pending charges and refunds older than a lease.

A request or worker that dies (kill -9, a lost deploy) between committing a pending row
and recording the processor's answer leaves that row pending. The scheduler asks the
processor again with the row's own idempotency key — which returns the charge or refund
already made, or makes it now — and records the outcome, moving the subscription only
along its state machine. Safe to run anywhere, any number of times, concurrently with
the request or task that is still working on a row.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import datetime, timedelta

from propertyhub.billing import ledger
from propertyhub.billing.models import Subscription, SubStatus, Transaction, TxKind, TxStatus
from propertyhub.billing.renewals import renew_one
from propertyhub.payments import TransientPaymentError

log = logging.getLogger(__name__)
BATCH = 500


async def _renewal(tx: Transaction, now: datetime) -> None:
    sub = await Subscription.get(id=tx.subscription_id)
    current = (sub.status in (SubStatus.ACTIVE, SubStatus.PAST_DUE)
               and sub.current_period_end == tx.period_start
               and sub.retry_count + 1 == tx.attempt)
    # Still the attempt that is due: finish it (same row, same processor key).
    if current and await renew_one(sub.id, now) != "not_due":
        return
    # Its subscription moved on without it: it must not charge (or is refunded if it did).
    await ledger.void_charge(tx, sub.payment_method)


async def reconcile(now: datetime, after_seconds: float) -> dict[str, int]:
    """Finish every transaction pending for at least `after_seconds`; what was done, by kind."""
    done: Counter[str] = Counter()
    stale = await Transaction.filter(status=TxStatus.PENDING,
                                     created_at__lt=now - timedelta(seconds=after_seconds)
                                     ).order_by("id").limit(BATCH)
    for tx in stale:
        try:
            if tx.kind == TxKind.CHARGE:
                await ledger.settle_charge(tx.id)
            elif tx.kind == TxKind.RENEWAL:
                await _renewal(tx, now)
            else:
                await ledger.send_refund(tx.id)
            done[tx.kind] += 1
        except TransientPaymentError:
            done["transient"] += 1  # the processor could not decide: the next pass asks again
        except Exception:  # one bad row must not stop the others
            log.exception("reconciling transaction %s failed", tx.id)
            done["error"] += 1
    return dict(done)
