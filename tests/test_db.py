"""The PostgreSQL pool as configured for the service: what one user of a pooled connection
leaves behind never reaches the next one."""

from __future__ import annotations

import pytest
from tortoise.backends.asyncpg import AsyncpgDBClient

from propertyhub.db import keep_session, tortoise_config

# asyncpg's pool: the PostgreSQL pass only.
pytestmark = pytest.mark.production_topology


@pytest.fixture
async def one_connection_pool(app):
    """The service's pool settings, one connection: the next user gets the same one."""
    config = tortoise_config(app.sanic.ctx.settings.database_url)
    credentials = config["connections"]["default"]["credentials"]
    assert credentials["reset"] is keep_session
    engine = config["connections"]["default"]["engine"]
    assert engine.endswith("asyncpg")
    pool = AsyncpgDBClient(connection_name="reset_probe",
                           **{**credentials, "minsize": 1, "maxsize": 1})
    await pool.create_connection(with_db=True)
    await pool.execute_script("CREATE TABLE IF NOT EXISTS reset_probe (n INT)")
    try:
        yield pool
    finally:
        await pool.execute_script("DROP TABLE IF EXISTS reset_probe")
        await pool.close()


@pytest.mark.parametrize("left_behind", ["open", "failed"])
async def test_release_rolls_back_a_transaction_left_open(one_connection_pool, left_behind):
    async with one_connection_pool.acquire_connection() as first:
        pid = await first.fetchval("SELECT pg_backend_pid()")
        await first.execute("BEGIN")
        await first.execute("INSERT INTO reset_probe VALUES (1)")
        if left_behind == "failed":
            with pytest.raises(Exception, match="division by zero"):
                await first.execute("SELECT 1 / 0")
        assert first.is_in_transaction()
        # Released without COMMIT or ROLLBACK, as a cancelled task might.

    async with one_connection_pool.acquire_connection() as second:
        same = await second.fetchval("SELECT pg_backend_pid()")
        in_transaction = second.is_in_transaction()
        # Inside the old transaction the INSERT would have an id assigned already.
        xid = await second.fetchval("SELECT txid_current_if_assigned()")
        rows = await second.fetchval("SELECT count(*) FROM reset_probe")

    assert same == pid
    assert not in_transaction
    assert xid is None
    assert rows == 0
