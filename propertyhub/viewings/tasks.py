"""Viewings' background work: the 24-hour and 1-hour reminders."""

from __future__ import annotations

from propertyhub.common.jobs import Context, task
from propertyhub.common.models import utcnow
from propertyhub.viewings.notices import send_reminders


@task("workers.tasks.viewing_reminders_task")
async def remind(ctx: Context) -> dict[str, int]:
    """Each confirmed viewing's reminders, once each (a unique row per reminder sent)."""
    return await send_reminders(utcnow())
