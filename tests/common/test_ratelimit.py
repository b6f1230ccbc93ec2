"""The rate limiter against both of its storages: memory and a real Redis."""

from __future__ import annotations

import pytest

from propertyhub.common.errors import ApiError
from propertyhub.common.ratelimit import RateLimiter, parse_rule


@pytest.fixture(params=["memory", "redis"])
async def limiter(request):
    url = request.getfixturevalue("redis_url") if request.param == "redis" else None
    limiter = RateLimiter(url)
    await limiter.reset()
    return limiter


async def test_limit_is_per_key_and_says_when_to_retry(limiter):
    rule = parse_rule("2/minute")

    await limiter.hit(rule, "login-ip", "10.0.0.1")
    await limiter.hit(rule, "login-ip", "10.0.0.1")
    with pytest.raises(ApiError) as refused:
        await limiter.hit(rule, "login-ip", "10.0.0.1")
    await limiter.hit(rule, "login-ip", "10.0.0.2")  # another client is unaffected

    assert refused.value.status == 429
    assert 1 <= int(refused.value.headers["Retry-After"]) <= 60


async def test_redis_storage_is_shared_between_processes(redis_url):
    rule = parse_rule("1/minute")
    web_a, web_b = RateLimiter(redis_url), RateLimiter(redis_url)
    await web_a.reset()

    await web_a.hit(rule, "register-ip", "10.0.0.9")
    with pytest.raises(ApiError):
        await web_b.hit(rule, "register-ip", "10.0.0.9")
