"""Buffered transcript turns reach the database in batches: one statement for many calls."""

from __future__ import annotations

from datetime import timedelta

import pytest

from propertyhub.agents.models import AiAgent
from propertyhub.calls.models import CallLog, Transcript
from propertyhub.common.models import utcnow
from tests.support.factories import create_listing, register


@pytest.fixture
def transcript(app):
    """The app's transcripts: its turn buffer and its one way to the database."""
    return app.sanic.ctx.calls.runtime.transcripts


@pytest.fixture
def turns(transcript):
    return lambda: transcript.turns


async def _calls(client, n: int) -> list[int]:
    seller = await register(client, role="seller")
    buyer = await register(client)
    home = await create_listing(client, seller)
    agent = await AiAgent.create(name="Ava", owner_id=seller.id)
    return [(await CallLog.create(buyer_id=buyer.id, seller_id=seller.id, ai_agent=agent,
                                  property_id=home["id"], status="active")).id
            for _ in range(n)]


async def _say(turns, call_id: int, text: str, seconds_ago: float) -> None:
    async def base() -> int:
        return 0

    at = (utcnow() - timedelta(seconds=seconds_ago)).isoformat()
    await turns().append(call_id, base, {"role": "buyer", "text": text, "at": at})


async def test_quiet_calls_are_flushed_together_and_only_once(client, transcript, turns):
    quiet, other_quiet, talking = await _calls(client, 3)
    await _say(turns, quiet, "hello", seconds_ago=5)
    await _say(turns, quiet, "anyone there?", seconds_ago=4)
    await _say(turns, other_quiet, "hi", seconds_ago=3)
    await _say(turns, talking, "how much is it?", seconds_ago=0.1)

    stale = await transcript.flush_calls([quiet, other_quiet, talking], older_than_s=2)
    again = await transcript.flush_calls([quiet, other_quiet, talking], older_than_s=2)
    rest = await transcript.flush_calls([quiet, other_quiet, talking])

    assert (stale, again, rest) == (3, 0, 1)
    written = await Transcript.all().order_by("call_id", "seq").values_list("call_id", "text")
    assert written == [(quiet, "hello"), (quiet, "anyone there?"), (other_quiet, "hi"),
                       (talking, "how much is it?")]
    assert await turns().pending(quiet) == []
