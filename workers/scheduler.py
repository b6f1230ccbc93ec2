"""The embedded mode's beat: the periodic jobs on the web process's own loop."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

log = logging.getLogger(__name__)
PRUNE_EVERY_S = 3600.0


class Scheduler:
    def __init__(self, interval_seconds: float, reconcile_after_seconds: float = 60.0) -> None:
        self.interval = interval_seconds
        self.reconcile_after = reconcile_after_seconds
        self._task: asyncio.Task | None = None
        self._last_prune = 0.0
        self._rolled_up: object = None  # the day whose "yesterday" was last rolled up
        self.ticked = asyncio.Event()  # set once the first round of jobs is over

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="propertyhub-scheduler")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def tick(self) -> None:
        from propertyhub.billing.idempotency import prune
        from propertyhub.billing.reconcile import reconcile
        from propertyhub.billing.renewals import renew_due
        from propertyhub.common.models import utcnow

        outcomes = await renew_due(utcnow())
        if outcomes:
            log.info("renewals: %s", outcomes)
        finished = await reconcile(utcnow(), self.reconcile_after)
        if finished:
            log.info("reconciled pending transactions: %s", finished)
        from propertyhub.viewings.notices import send_reminders

        reminded = await send_reminders(utcnow())
        if reminded:
            log.info("viewing reminders: %s", reminded)
        now = utcnow()
        today = now.date()
        from propertyhub.analytics.rollup import CLOSE_AFTER, rollup

        if self._rolled_up != today and now.time() >= CLOSE_AFTER:
            from datetime import timedelta

            await rollup(today - timedelta(days=1))
            self._rolled_up = today
        if time.monotonic() - self._last_prune > PRUNE_EVERY_S:
            self._last_prune = time.monotonic()
            await prune()

    async def _run(self) -> None:
        while True:
            try:
                await self.tick()
            except Exception:  # a failed tick must not stop the schedule
                log.exception("scheduled jobs failed")
            self.ticked.set()
            await asyncio.sleep(self.interval)
