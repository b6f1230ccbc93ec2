"""Calls' background work: buffered transcript turns written to the database."""

from __future__ import annotations

from propertyhub.calls.lifecycle import Calls
from propertyhub.calls.runtime import CallRuntime
from propertyhub.calls.transcript import Transcripts
from propertyhub.common.jobs import Context, task


def _transcripts(ctx: Context) -> Transcripts:
    calls = getattr(ctx, "calls", None)
    if calls is None:
        # A worker process: the turns wait in Redis, shared with the web processes; the
        # process's calls runtime is made at its first calls task.
        calls = ctx.calls = Calls(CallRuntime.build(ctx.settings, ctx.redis))
    return calls.runtime.transcripts


@task("workers.tasks.flush_transcript_task", coalesce=True)
async def flush_transcripts(ctx: Context, *call_ids: int) -> int:
    """Several calls' turns in one statement (the embedded mode batches the calls due
    together; a worker gets one call a message)."""
    return await _transcripts(ctx).flush_calls(list(call_ids))
