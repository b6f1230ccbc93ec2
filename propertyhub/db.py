"""Tortoise configuration and the database's lifecycle on the app."""

from __future__ import annotations

from typing import Any

from tortoise.backends.base.config_generator import expand_db_url

MODEL_MODULES = [
    "propertyhub.accounts.models",
    "propertyhub.listings.models",
    "propertyhub.cart.models",
    "propertyhub.crm.models",
    "propertyhub.agents.models",
    "propertyhub.billing.models",
    "propertyhub.calls.models",
    "propertyhub.payments.models",
    "propertyhub.analytics.models",
    "propertyhub.viewings.models",
]

# search-physics.md, traps 1 and 6: generic plans and a lossy text bitmap.
PG_SERVER_SETTINGS = {"plan_cache_mode": "force_custom_plan", "work_mem": "32MB"}


async def keep_session(connection: Any) -> None:
    """asyncpg's pool otherwise runs `RESET ALL; UNLISTEN *; ...` on every release: a round
    trip per query, since Tortoise acquires per query. The service keeps no session state
    (no LISTEN, advisory locks or SET outside a transaction), so there is nothing to reset.
    An open or failed transaction is still rolled back: asyncpg's pool runs its own
    `Connection._reset()` (ROLLBACK when in a transaction) before this hook; tests/test_db.py
    holds it to that, as it relies on a private method."""


def tortoise_config(database_url: str, *, with_aerich: bool = False) -> dict[str, Any]:
    connection = expand_db_url(database_url)
    if connection["engine"].endswith("asyncpg"):
        creds = connection["credentials"]
        creds["server_settings"] = dict(PG_SERVER_SETTINGS)
        creds["reset"] = keep_session
        creds.setdefault("minsize", 2)
        creds.setdefault("maxsize", 10)
    models = list(MODEL_MODULES)
    if with_aerich:
        models.append("aerich.models")
    return {
        "connections": {"default": connection},
        "apps": {"models": {"models": models, "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }
