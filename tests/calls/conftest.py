"""A served app in its own process (uvicorn, as in production), for real socket clients."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import BACKEND, SECRETS_ENV
from tests.support.factories import create_listing, register
from tests.support.processes import start_web, stop
from tests.support.servers import create_database

_n = itertools.count()


@pytest.fixture(scope="module")
def served(request, tmp_path_factory) -> Iterator[str]:
    if BACKEND == "sqlite":
        url = f"sqlite://{Path(tmp_path_factory.mktemp('served')) / 'app.sqlite3'}"
    else:
        url = create_database(request.getfixturevalue("pg_admin_url"),
                              f"served_{os.getpid()}_{time.monotonic_ns()}")
    env = {**os.environ, "DATABASE_URL": url, "PROPERTYHUB_ENV": "test",
           **SECRETS_ENV, "LOG_LEVEL": "warning",
           "RATE_LIMIT_REGISTER": "1000/minute", "RATE_LIMIT_LOGIN": "1000/minute",
           "CALL_RECONNECT_GRACE": "1", "CALL_BILLING_CHECK_S": "1",
           "CALL_JOIN_TIMEOUT_S": "2"}
    env.pop("REDIS_URL", None)
    subprocess.run([sys.executable, "-m", "propertyhub.cli", "migrate"], env=env, check=True,
                   capture_output=True)
    proc, base = start_web(env)
    yield base
    stop(proc)


@pytest.fixture
async def http(served) -> Iterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=served, timeout=10) as client:
        yield client


@pytest.fixture
async def scene(http):
    seller = await register(http, role="seller", email=f"s{next(_n)}@calls.test")
    buyer = await register(http, email=f"b{next(_n)}@calls.test")
    home = await create_listing(http, seller, title="Sunny family home", price=450_000,
                                amenities=["pool", "garage"], city="Austin")
    other = await create_listing(http, seller, title="Round Rock four bedroom",
                                 city="Round Rock", bedrooms=4, price=590_000,
                                 latitude=30.5083, longitude=-97.6789)
    agent = (await http.post("/api/ai-agents", headers=seller.auth, json={
        "name": "Ava", "greeting": "Hi, I'm Ava! Ask me about this home.",
        "price_monthly_cents": 990})).json()
    return {"seller": seller, "buyer": buyer, "home": home, "other": other, "agent": agent}


async def subscribe(http, scene) -> None:
    response = await http.post("/api/ai-agents/hire", headers=scene["seller"].auth, json={
        "ai_agent_id": scene["agent"]["id"], "plan": "monthly"})
    assert response.status_code == 201, response.text
