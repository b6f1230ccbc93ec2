from __future__ import annotations

from datetime import datetime

from dateutil.relativedelta import relativedelta

PLANS = ("monthly", "yearly")


def period_end(start: datetime, plan: str) -> datetime:
    return start + (relativedelta(months=1) if plan == "monthly" else relativedelta(years=1))


def prorated_refund(amount_cents: int, start: datetime, end: datetime, now: datetime) -> int:
    """The unused part of a period, to the second, rounded down to the cent."""
    total = int((end - start).total_seconds())
    unused = max(0, min(total, int((end - now).total_seconds())))
    return amount_cents * unused // total if total > 0 else 0
