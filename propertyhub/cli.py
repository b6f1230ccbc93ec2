"""The `propertyhub` command."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

import uvicorn
from aerich import Command
from tortoise import Tortoise

from propertyhub.analytics.rollup import DayNotOver, rollup
from propertyhub.billing.renewals import renew_due
from propertyhub.common.models import utcnow
from propertyhub.config import ROOT, Settings
from propertyhub.db import tortoise_config
from propertyhub.listings.seed import seed
from propertyhub.ops.observability import setup_logging

T = TypeVar("T")


async def migrate(settings: Settings) -> list[str]:
    if settings.is_sqlite:
        Path(settings.database_url.removeprefix("sqlite://")).parent.mkdir(parents=True,
                                                                          exist_ok=True)
    command = Command(tortoise_config(settings.database_url, with_aerich=True), app="models",
                      location=str(ROOT / "migrations"))
    async with command:
        await command.init()
        return await command.upgrade(run_in_transaction=True)


def cmd_migrate(args: argparse.Namespace) -> int:
    applied = asyncio.run(migrate(Settings.from_env()))
    print(f"applied {len(applied)} migration(s)" + (f": {', '.join(applied)}" if applied else ""))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    if settings.web_concurrency > 1 and not settings.prometheus_multiproc_dir:
        # Before the workers import prometheus_client: /metrics then sums all of them. The
        # workers inherit it through the environment (prometheus_client reads it there).
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="propertyhub-metrics-")
    setup_logging(settings)
    uvicorn.run(
        "propertyhub.asgi:build_application",
        factory=True,
        host=settings.host,
        port=args.port or settings.port,
        workers=settings.web_concurrency,
        log_config=None,  # keep our JSON logging
        timeout_graceful_shutdown=settings.graceful_timeout_seconds,
        # Off: uvicorn's own would trust X-Forwarded-For from 127.0.0.1 whatever the
        # settings say. The app applies FORWARDED_ALLOW_IPS itself (asgi.py).
        proxy_headers=False,
        access_log=settings.access_log,
        log_level=settings.log_level,
    )
    return 0


def cmd_seed(args: argparse.Namespace) -> int:
    result = asyncio.run(seed(Settings.from_env(), args.listings, args.users, args.seed))
    print(f"seeded {result['users']} users and {result['listings']} listings "
          f"in {result['seconds']:.1f} s")
    return 0


async def with_database(settings: Settings, work: Callable[[], Awaitable[T]]) -> T:
    """Run `work` with the ORM connected to the configured database, as a command does."""
    await Tortoise.init(config=tortoise_config(settings.database_url))
    try:
        return await work()
    finally:
        await Tortoise.close_connections()


def cmd_renew(args: argparse.Namespace) -> int:
    try:
        as_of = datetime.fromisoformat(args.as_of.replace("Z", "+00:00"))
    except ValueError:
        print(f"--as-of: not an ISO 8601 time: {args.as_of!r}", file=sys.stderr)
        return 2
    as_of = as_of if as_of.tzinfo else as_of.replace(tzinfo=UTC)
    outcomes = asyncio.run(with_database(Settings.from_env(), lambda: renew_due(as_of)))
    print(f"renewal pass as of {as_of.isoformat()}: " + (", ".join(
        f"{n} {outcome}" for outcome, n in sorted(outcomes.items())) or "nothing due"))
    return 0


def cmd_rollup(args: argparse.Namespace) -> int:
    try:
        day = date.fromisoformat(args.date) if args.date else utcnow().date() - timedelta(days=1)
    except ValueError:
        print(f"--date: not a date (YYYY-MM-DD): {args.date!r}", file=sys.stderr)
        return 2
    try:
        rolled = asyncio.run(with_database(Settings.from_env(), lambda: rollup(day)))
    except DayNotOver as exc:
        print(f"--date: {exc}", file=sys.stderr)
        return 2
    for rolled_day, n in sorted(rolled.items()):
        print(f"rolled up {rolled_day.isoformat()}: {n} listing(s) with leads or calls")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="propertyhub", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the web process (REST + Socket.IO) on $PORT")
    serve.add_argument("--port", type=int, default=None)
    serve.set_defaults(func=cmd_serve)
    sub.add_parser("migrate", help="apply the committed migrations to $DATABASE_URL") \
        .set_defaults(func=cmd_migrate)
    seed = sub.add_parser("seed", help="fill the database with realistic demo data")
    seed.add_argument("--listings", type=int, default=1000)
    seed.add_argument("--users", type=int, default=100)
    seed.add_argument("--seed", type=int, default=42, help="random seed (repeatable data)")
    seed.set_defaults(func=cmd_seed)
    renew_cmd = sub.add_parser("renew", help="run the renewal pass as if the clock read --as-of")
    renew_cmd.add_argument("--as-of", required=True, help="ISO 8601 time, e.g. 2027-01-01T00:00Z")
    renew_cmd.set_defaults(func=cmd_renew)
    rollup_cmd = sub.add_parser("rollup", help="recompute the analytics rollup of one day (and "
                                               "of any days between it and the rolled ones)")
    rollup_cmd.add_argument("--date", help="YYYY-MM-DD (UTC), an ended day; default yesterday")
    rollup_cmd.set_defaults(func=cmd_rollup)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
