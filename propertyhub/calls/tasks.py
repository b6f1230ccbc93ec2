"""Calls' background work: buffered transcript turns written to the database."""

from __future__ import annotations

from propertyhub.calls import transcript
from propertyhub.common.jobs import Context, task


@task("workers.tasks.flush_transcript_task", coalesce=True)
async def flush_transcripts(ctx: Context, *call_ids: int) -> int:
    """Several calls' turns in one statement (the embedded mode batches the calls due
    together; a worker gets one call a message)."""
    return await transcript.flush_calls(list(call_ids))
