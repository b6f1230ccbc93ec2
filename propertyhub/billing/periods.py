from __future__ import annotations

from datetime import datetime

from dateutil.relativedelta import relativedelta

from propertyhub.billing.models import Plan
from propertyhub.config import Settings

PLANS = tuple(plan.value for plan in Plan)


def period_end(start: datetime, plan: str) -> datetime:
    return start + (relativedelta(months=1) if plan == Plan.MONTHLY else relativedelta(years=1))


def minimum_price(settings: Settings, plan: str) -> int:
    """The platform's minimum price of anything hired on a subscription, for the plan."""
    return (settings.min_price_monthly_cents if plan == Plan.MONTHLY
            else settings.min_price_yearly_cents)


def prorated_refund(amount_cents: int, start: datetime, end: datetime, now: datetime) -> int:
    """The unused part of a period, to the second, rounded down to the cent."""
    total = int((end - start).total_seconds())
    unused = max(0, min(total, int((end - now).total_seconds())))
    return amount_cents * unused // total if total > 0 else 0
