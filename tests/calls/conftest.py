"""A served app in its own process (uvicorn, as in production), for real socket clients."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import BACKEND, TEST_SECRET
from tests.support.servers import create_database, free_port


@pytest.fixture(scope="module")
def served(request, tmp_path_factory) -> Iterator[str]:
    if BACKEND == "sqlite":
        url = f"sqlite://{Path(tmp_path_factory.mktemp('served')) / 'app.sqlite3'}"
    else:
        url = create_database(request.getfixturevalue("pg_admin_url"),
                              f"served_{os.getpid()}_{time.monotonic_ns()}")
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "PORT": str(port), "PROPERTYHUB_ENV": "test",
           "JWT_SECRET": TEST_SECRET, "LOG_LEVEL": "warning",
           "RATE_LIMIT_REGISTER": "1000/minute", "RATE_LIMIT_LOGIN": "1000/minute"}
    env.pop("REDIS_URL", None)
    subprocess.run([sys.executable, "-m", "propertyhub.cli", "migrate"], env=env, check=True,
                   capture_output=True)
    proc = subprocess.Popen([sys.executable, "-m", "propertyhub.cli", "serve"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.1)
    yield base
    proc.terminate()
    proc.wait(30)


@pytest.fixture
async def http(served) -> Iterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=served, timeout=10) as client:
        yield client
