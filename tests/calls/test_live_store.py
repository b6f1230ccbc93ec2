"""The live-call stores: the same behaviour in memory and in Redis, where any web
process may touch any call at any moment."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from propertyhub.calls.sessions import Live, MemoryStore, RedisStore


@pytest.fixture(params=["memory", pytest.param("redis",
                                               marks=pytest.mark.production_topology)])
async def store(request) -> AsyncIterator[MemoryStore | RedisStore]:
    if request.param == "memory":
        yield MemoryStore()
        return
    redis = Redis.from_url(request.getfixturevalue("redis_url"))
    await redis.flushdb()
    yield RedisStore(redis)
    await redis.aclose()


async def test_attach_keeps_the_start_and_resets_the_rest(store):
    await store.attach(7, now=100.0, max_seconds=900, silence_seconds=60)
    await store.touch(7, "detached_at", 130.0)

    await store.attach(7, now=150.0, max_seconds=900, silence_seconds=60)  # came back

    assert await store.get(7) == Live(7, 100.0, 150.0, 900, 60, None)
    assert [live.call_id for live in await store.all()] == [7]


async def test_a_forgotten_call_is_not_brought_back_by_a_late_event(store):
    await store.attach(7, now=100.0, max_seconds=900, silence_seconds=60)
    await store.forget(7)

    await store.touch(7, "last_input", 200.0)
    await store.touch(7, "detached_at", 201.0)

    assert await store.get(7) is None
    assert await store.all() == []


async def test_two_clocks_touched_at_once_both_stick(store):
    await store.attach(7, now=100.0, max_seconds=900, silence_seconds=60)
    await store.attach(8, now=100.0, max_seconds=900, silence_seconds=60)

    await asyncio.gather(store.touch(7, "last_input", 120.5),
                         store.touch(7, "detached_at", 121.25))

    assert await store.get(7) == Live(7, 100.0, 120.5, 900, 60, 121.25)
    assert sorted(live.call_id for live in await store.all()) == [7, 8]
