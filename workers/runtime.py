"""Running the async services from Celery tasks: one event loop per worker process.

In a worker process the loop (and Tortoise's pool) is created once, when the
process starts. In the embedded mode the tasks run eagerly in a thread of the
web process, and their coroutines are handed back to the web process's loop,
which owns the database connections.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")
_web_loop: asyncio.AbstractEventLoop | None = None
_worker_loop: asyncio.AbstractEventLoop | None = None


def attach_web_loop(loop: asyncio.AbstractEventLoop | None) -> None:
    global _web_loop
    _web_loop = loop


def start_worker_loop(database_url: str) -> None:
    from tortoise import Tortoise

    from propertyhub.db import tortoise_config

    global _worker_loop
    _worker_loop = asyncio.new_event_loop()
    # Global fallback: each task runs in its own context, all share this pool.
    _worker_loop.run_until_complete(
        Tortoise.init(config=tortoise_config(database_url), _enable_global_fallback=True))


def stop_worker_loop() -> None:
    from tortoise import Tortoise

    if _worker_loop is not None:
        _worker_loop.run_until_complete(Tortoise.close_connections())


def run_async(coro: Coroutine[Any, Any, T]) -> T:
    if _web_loop is not None:
        return asyncio.run_coroutine_threadsafe(coro, _web_loop).result()
    if _worker_loop is None:
        raise RuntimeError("no event loop: the worker process was not initialised")
    return _worker_loop.run_until_complete(coro)
