"""Fixtures: the whole ASGI app on SQLite and on a real PostgreSQL, and a real Redis.

`PH_TEST_DB` (sqlite or postgres) picks the database; `make test` runs the suite
once with each. (One process cannot switch: Tortoise binds its query builders
to the first dialect it meets.)
"""

from __future__ import annotations

import asyncio
import itertools
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from tortoise import Tortoise

from propertyhub.asgi import build_application
from propertyhub.cli import migrate
from propertyhub.config import Settings
from tests.support.lifespan import Lifespan
from tests.support.processes import SECRETS_ENV, TEST_PAYMENTS_SECRET, TEST_SECRET
from tests.support.servers import create_database, postgres_server, redis_server

__all__ = ["SECRETS_ENV", "TEST_SECRET"]
TABLES = ("viewing_notices", "viewings", "open_houses", "viewing_settings", "analytics_days",
          "seller_daily", "listing_daily", "payment_refunds", "payment_charges",
          "payment_events", "idempotency_keys", "transcripts", "call_logs", "transactions",
          "subscriptions", "ai_agents", "leads", "agent_assignments", "counted_cart_adds", "carts",
          "properties", "refresh_tokens", "auth_sessions", "users")
_names = itertools.count()


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    with postgres_server() as url:
        yield url


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    with redis_server() as url:
        yield url


def make_settings(database_url: str, **overrides) -> Settings:
    values = {"env": "test", "database_url": database_url, "jwt_secret": TEST_SECRET,
              "payments_signing_secret": TEST_PAYMENTS_SECRET,
              "rate_limit_register": "10000/minute", "rate_limit_login": "10000/minute",
              "rate_limit_leads": "10000/minute",
              # Background work on the app's own loop, beside Redis: the tests that want
              # Celery workers swap them in (tests/workers/conftest.py).
              "jobs": "inprocess"}
    values.update(overrides)
    return Settings(**values)


BACKEND = os.environ.get("PH_TEST_DB", "sqlite")
assert BACKEND in ("sqlite", "postgres"), f"PH_TEST_DB={BACKEND!r}: sqlite or postgres"


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "production_topology: needs the PostgreSQL + Redis app")
    config.addinivalue_line("markers", "embedded: the embedded mode's own processes (SQLite)")


def pytest_collection_modifyitems(config, items) -> None:
    """The SQLite run is the embedded mode: tests of the Redis-backed app belong to the other
    run, and tests that start embedded-mode processes of their own run once, in this one."""
    other = "embedded" if BACKEND == "postgres" else "production_topology"
    keep = [i for i in items if not i.get_closest_marker(other)]
    dropped = [i for i in items if i.get_closest_marker(other)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


@pytest.fixture(scope="session")
def backend() -> str:
    return BACKEND


@pytest.fixture(scope="session")
async def app(backend: str, request, tmp_path_factory) -> AsyncIterator:
    if backend == "sqlite":
        path = Path(tmp_path_factory.mktemp("db")) / "test.sqlite3"
        database_url = f"sqlite://{path}"
    else:
        admin = request.getfixturevalue("pg_admin_url")
        database_url = create_database(admin, f"test_{os.getpid()}_{next(_names)}")
    # PostgreSQL runs as production does: with Redis (rate limits, readiness).
    redis = request.getfixturevalue("redis_url") if backend == "postgres" else None
    settings = make_settings(database_url, redis_url=redis)
    await migrate(settings)
    application = build_application(settings, name=f"test_{backend}_{next(_names)}")
    async with Lifespan(application):
        scheduler = getattr(application.sanic.ctx, "scheduler", None)
        if scheduler is not None:  # its start-up round must not land inside a test
            await asyncio.wait_for(scheduler.ticked.wait(), 30)
        yield application


@pytest.fixture
async def client(app) -> AsyncIterator[httpx.AsyncClient]:
    conn = Tortoise.get_connection("default")
    if conn.capabilities.dialect == "postgres":
        await conn.execute_script(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
    else:
        await conn.execute_script("".join(f"DELETE FROM {t};" for t in TABLES))
    await app.sanic.ctx.rate_limiter.reset()
    await app.sanic.ctx.viewers.reset()
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c
