"""Throwaway PostgreSQL and Redis servers for tests and benchmarks.

PostgreSQL refuses to run as root, so as root the server runs as the
`postgres` user. Both listen on loopback on a free port, keep their data in a
temporary directory, and are stopped and removed afterwards.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path


class MissingService(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_bin(name: str) -> str:
    found = shutil.which(name, path="/usr/lib/postgresql/bin")
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    if candidates:
        return candidates[0]
    if found or shutil.which(name):
        return found or shutil.which(name)  # type: ignore[return-value]
    raise MissingService("PostgreSQL is not installed: apt-get install postgresql")


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


def _wait_port(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port}")


@contextlib.contextmanager
def postgres_server(settings: dict[str, str] | None = None) -> Iterator[str]:
    """Yields the URL of the `postgres` database of a fresh cluster (superuser, trust)."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    root = Path(tempfile.mkdtemp(prefix="ph-pg-"))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    port = free_port()
    opts = {"listen_addresses": "127.0.0.1", "port": str(port), "unix_socket_directories": str(root),
            "fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
            "shared_buffers": "256MB", "max_connections": "200"}
    opts.update(settings or {})
    subprocess.run(_as_postgres([initdb, "-D", str(data), "-A", "trust", "-U", "postgres",
                                 "-E", "UTF8", "--locale=C"]), check=True, capture_output=True)
    with (data / "postgresql.conf").open("a") as conf:
        conf.writelines(f"{k} = '{v}'\n" for k, v in opts.items())
    subprocess.run(_as_postgres([pg_ctl, "-D", str(data), "-l", str(root / "log"), "-w", "start"]),
                   check=True, capture_output=True)
    try:
        _wait_port(port)
        yield f"postgres://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_postgres([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@contextlib.contextmanager
def redis_server() -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        raise MissingService("Redis is not installed: apt-get install redis-server")
    root = tempfile.mkdtemp(prefix="ph-redis-")
    port = free_port()
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", root],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_port(port)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(10)
        shutil.rmtree(root, ignore_errors=True)


def create_database(admin_url: str, name: str) -> str:
    subprocess.run(["psql", admin_url, "-q", "-c", f'CREATE DATABASE "{name}"'], check=True,
                   capture_output=True)
    return admin_url.rsplit("/", 1)[0] + f"/{name}"
