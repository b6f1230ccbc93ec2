"""Analytics' background work: the nightly rollup."""

from __future__ import annotations

from datetime import date, timedelta

from propertyhub.analytics.rollup import rollup
from propertyhub.common.jobs import Context, task
from propertyhub.common.models import utcnow


@task("workers.tasks.rollup_task")
async def rollup_yesterday(ctx: Context, day: str | None = None) -> int:
    """The daily rollup; by default of yesterday (UTC), catching up missed days."""
    target = date.fromisoformat(day) if day else utcnow().date() - timedelta(days=1)
    return len(await rollup(target))
