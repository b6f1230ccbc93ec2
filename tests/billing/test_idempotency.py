from __future__ import annotations

from datetime import timedelta

import pytest

from propertyhub.billing.idempotency import prune, run_once
from propertyhub.billing.models import IdempotencyKey
from propertyhub.common.errors import ApiError
from propertyhub.common.models import utcnow
from tests.support.factories import register


async def test_keys_older_than_a_day_are_pruned_and_reusable(client):
    user = await register(client, role="seller")
    calls = []

    async def action():
        calls.append(1)
        return 201, {"n": len(calls)}

    first = await run_once(user.id, "test", "k", {"a": 1}, action)
    await IdempotencyKey.filter(key="k").update(created_at=utcnow() - timedelta(hours=25))
    after_expiry = await run_once(user.id, "test", "k", {"a": 2}, action)  # a new request
    await IdempotencyKey.filter(key="k").update(created_at=utcnow() - timedelta(hours=25))
    pruned = await prune()

    assert (first, after_expiry) == ((201, {"n": 1}), (201, {"n": 2}))
    assert pruned == 1
    assert await IdempotencyKey.all().count() == 0


async def test_keys_are_per_user_and_a_failed_action_frees_the_key(client):
    alice = await register(client, role="seller")
    bob = await register(client, role="seller")

    async def ok():
        return 201, {"ok": True}

    async def boom():
        raise RuntimeError("crashed")

    await run_once(alice.id, "test", "shared", {"x": 1}, ok)
    assert await run_once(bob.id, "test", "shared", {"x": 2}, ok) == (201, {"ok": True})
    with pytest.raises(RuntimeError):
        await run_once(bob.id, "test", "fresh", {}, boom)
    assert await run_once(bob.id, "test", "fresh", {}, ok) == (201, {"ok": True})


async def test_overlong_key_is_rejected(client):
    user = await register(client, role="seller")

    async def ok():
        return 201, {}

    with pytest.raises(ApiError) as refused:
        await run_once(user.id, "test", "k" * 201, {}, ok)
    assert refused.value.status == 400
