"""Sockets end with their sign-in: logout, or a password changed elsewhere, closes them
(tokens used to be checked only at connect)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time

import httpx
import pytest

from tests.support.factories import PASSWORD, register
from tests.support.phone import Phone
from tests.support.processes import SECRETS_ENV, start_web, stop
from tests.support.servers import create_database


async def closed(phone: Phone, seconds: float = 5) -> bool:
    for _ in range(int(seconds / 0.05)):
        if not phone.sio.connected:
            return True
        await asyncio.sleep(0.05)
    return False


async def test_logout_closes_the_sessions_sockets(http, served):
    buyer = await register(http, email="leaver@calls.test")

    async with Phone(served, buyer.tokens["access_token"]) as phone:
        await http.post("/api/auth/logout", headers=buyer.auth,
                        json={"refresh_token": buyer.tokens["refresh_token"]})
        assert await closed(phone)


async def test_a_password_change_closes_the_other_sessions_sockets(http, served):
    buyer = await register(http, email="mover@calls.test")
    other = (await http.post("/api/auth/login", json={"email": "mover@calls.test",
                                                      "password": PASSWORD})).json()

    async with Phone(served, other["access_token"]) as elsewhere, \
            Phone(served, buyer.tokens["access_token"]) as here:
        changed = await http.patch("/api/auth/me", headers=buyer.auth, json={
            "password": "a brand new passphrase", "current_password": PASSWORD})
        assert changed.status_code == 200
        assert await closed(elsewhere)
        await asyncio.sleep(0.3)
        assert here.sio.connected  # the session that changed it stays


@pytest.mark.production_topology
async def test_logout_on_one_web_process_closes_a_socket_on_another(pg_admin_url, redis_url):
    db = create_database(pg_admin_url, f"signins_{os.getpid()}_{time.monotonic_ns()}")
    env = {**os.environ, "DATABASE_URL": db, "REDIS_URL": redis_url, "PROPERTYHUB_ENV": "test",
           **SECRETS_ENV, "LOG_LEVEL": "warning",
           "RATE_LIMIT_REGISTER": "1000/minute", "RATE_LIMIT_LOGIN": "1000/minute"}
    subprocess.run([sys.executable, "-m", "propertyhub.cli", "migrate"], env=env, check=True,
                   capture_output=True)
    web_a, base_a = start_web(env)
    web_b, base_b = start_web(env)
    try:
        async with httpx.AsyncClient(base_url=base_a, timeout=10) as http:
            buyer = await register(http)
            async with Phone(base_b, buyer.tokens["access_token"]) as on_b:
                await http.post("/api/auth/logout", headers=buyer.auth,
                                json={"refresh_token": buyer.tokens["refresh_token"]})
                assert await closed(on_b)
    finally:
        stop(web_a)
        stop(web_b)
