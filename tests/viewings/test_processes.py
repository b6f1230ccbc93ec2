"""No double booking across web processes: two real servers on one PostgreSQL database,
fifty buyers booking the same slot through both at once."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import httpx
import pytest

from tests.conftest import SECRETS_ENV
from tests.support.factories import create_listing, register
from tests.support.processes import start_web, stop
from tests.support.servers import create_database
from tests.viewings.conftest import book, days_ahead, free, local_day, publish

pytestmark = pytest.mark.production_topology
BUYERS = 50


async def test_fifty_buyers_on_two_processes_book_one_slot_once(pg_admin_url, redis_url):
    env = {**os.environ, **SECRETS_ENV, "PROPERTYHUB_ENV": "test", "LOG_LEVEL": "warning",
           "DATABASE_URL": create_database(pg_admin_url, f"viewings_{os.getpid()}"),
           "REDIS_URL": redis_url, "RATE_LIMIT_REGISTER": "1000/minute",
           "RATE_LIMIT_LOGIN": "1000/minute"}
    subprocess.run([sys.executable, "-m", "propertyhub.cli", "migrate"], env=env, check=True,
                   capture_output=True)
    webs = [start_web(env) for _ in range(2)]
    try:
        async with httpx.AsyncClient(base_url=webs[0][1], timeout=60) as one, \
                httpx.AsyncClient(base_url=webs[1][1], timeout=60) as two:
            seller = await register(one, role="seller")
            listing = await create_listing(one, seller)
            await publish(one, seller, listing["id"])
            at = (await free(two, listing["id"], *local_day(days_ahead(3))))[5]["starts_at"]
            buyers = await asyncio.gather(*(register(one) for _ in range(BUYERS)))

            responses = await asyncio.gather(*(
                book(two if i % 2 else one, buyer, listing["id"], at, key=f"k{i}")
                for i, buyer in enumerate(buyers)))
            mine = [(await one.get("/api/viewings", headers=b.auth)).json()["items"]
                    for b in buyers]
    finally:
        for proc, _ in webs:
            stop(proc)

    assert sorted(r.status_code for r in responses) == [201] + [409] * (BUYERS - 1)
    assert {r.json()["error"]["code"] for r in responses if r.status_code == 409} == {
        "slot_taken"}
    assert sum(len(items) for items in mine) == 1
