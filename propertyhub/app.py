"""The application factory: one setup function per concern."""

from __future__ import annotations

import gc
import logging

from redis.asyncio import Redis
from sanic import Sanic
from sanic_ext import Extend
from tortoise.contrib.sanic import register_tortoise

from propertyhub.accounts.views import bp as auth_bp
from propertyhub.agents.views import bp as agents_bp
from propertyhub.analytics.setup import setup_analytics
from propertyhub.analytics.views import bp as analytics_bp
from propertyhub.billing.views import ai_bp, hires_bp, subs_bp, tx_bp
from propertyhub.calls.views import bp as calls_bp
from propertyhub.cart import services as cart_services
from propertyhub.cart.views import bp as cart_bp
from propertyhub.common import cursor
from propertyhub.common.errors import setup_errors
from propertyhub.common.inprocess import InProcessJobs
from propertyhub.common.openapi import setup_openapi
from propertyhub.common.ratelimit import RateLimiter, parse_rule
from propertyhub.config import Settings
from propertyhub.crm import services as crm_services
from propertyhub.crm.views import crm_bp, leads_bp
from propertyhub.db import tortoise_config
from propertyhub.listings.views import bp as listings_bp
from propertyhub.ops.observability import setup_observability
from propertyhub.ops.views import bp as ops_bp
from propertyhub.schedule import schedule
from propertyhub.viewings.calendar_views import crm_bp as viewing_crm_bp
from propertyhub.viewings.calendar_views import listing_bp as viewing_calendar_bp
from propertyhub.viewings.views import bp as viewings_bp
from workers.jobs import CeleryJobs, make_celery

log = logging.getLogger(__name__)


def setup_config(app: Sanic, settings: Settings) -> None:
    app.ctx.settings = settings
    cursor.use_key(settings.cursor_key)
    app.config.REQUEST_MAX_SIZE = settings.max_body_bytes
    app.config.FALLBACK_ERROR_FORMAT = "json"
    # sanic-ext serves CORS; the OpenAPI document is ours (built from marshmallow).
    app.config.OAS = False
    app.config.CORS_ORIGINS = ",".join(settings.cors_origins) if settings.cors_origins else ""
    app.config.CORS_ALLOW_HEADERS = "authorization,content-type,idempotency-key"
    app.config.CORS_EXPOSE_HEADERS = "retry-after,x-request-id"
    # Sanic's own proxy handling would believe X-Forwarded-For or a real-IP header from any
    # peer once a SANIC_PROXIES_COUNT / SANIC_REAL_IP_HEADER / SANIC_FORWARDED_SECRET
    # variable is set: off for good. FORWARDED_ALLOW_IPS is the one rule (asgi.py).
    app.config.PROXIES_COUNT = 0
    app.config.REAL_IP_HEADER = None
    app.config.FORWARDED_SECRET = None
    Extend(app)


def setup_db(app: Sanic, settings: Settings) -> None:
    register_tortoise(app, config=tortoise_config(settings.database_url))


def setup_redis(app: Sanic, settings: Settings) -> None:
    app.ctx.redis = None
    if not settings.redis_url:
        return

    @app.before_server_start
    async def open_redis(app: Sanic) -> None:
        app.ctx.redis = Redis.from_url(settings.redis_url)

    @app.after_server_stop
    async def close_redis(app: Sanic) -> None:
        if app.ctx.redis is not None:
            await app.ctx.redis.aclose()


def setup_rate_limits(app: Sanic, settings: Settings) -> None:
    app.ctx.rate_limiter = RateLimiter(settings.redis_url)
    app.ctx.register_rule = parse_rule(settings.rate_limit_register)
    app.ctx.login_rule = parse_rule(settings.rate_limit_login)
    app.ctx.leads_rule = parse_rule(settings.rate_limit_leads)


def setup_routes(app: Sanic) -> None:
    # Who may still read a withdrawn listing, besides its owner (see listings.services).
    app.ctx.listing_holders = (cart_services.holds_listing, crm_services.holds_listing)
    for bp in (auth_bp, listings_bp, cart_bp, leads_bp, crm_bp, hires_bp, ai_bp, agents_bp,
               subs_bp, tx_bp, calls_bp, analytics_bp, ops_bp,
               viewings_bp, viewing_calendar_bp, viewing_crm_bp):  # issue 13
        app.blueprint(bp)


def setup_jobs(app: Sanic, settings: Settings) -> None:
    """The one place the embedded and production modes part: background work on this
    loop (and the schedule with it), or sent to Celery workers (and the beat's)."""
    app.ctx.jobs = (InProcessJobs() if settings.jobs_in_process
                    else CeleryJobs(make_celery(settings), settings.redis_url or ""))

    @app.before_server_start
    async def start_jobs(app: Sanic) -> None:
        # Tasks get the app's context: its settings, these jobs, the calls runtime.
        await app.ctx.jobs.start(app.ctx, schedule(settings), settings.scheduler_interval_seconds)
        app.ctx.scheduler = app.ctx.jobs.scheduler

    @app.after_server_stop
    async def stop_jobs(app: Sanic) -> None:
        await app.ctx.jobs.close()


def setup_gc(app: Sanic) -> None:
    @app.after_server_start
    async def freeze(app: Sanic) -> None:
        # Everything loaded so far lives as long as the process: keep it out of the
        # collector's full passes, which otherwise stall the loop for tens of ms.
        gc.collect()
        gc.freeze()
        # A socket server allocates fast: with the default 700-allocation young
        # generation, 1,000 live calls set off older-generation passes of 10-110 ms
        # (measured with gc.callbacks under `make bench-calls`). Fewer, larger young
        # collections keep those rare; a young pass stays around a millisecond.
        gc.set_threshold(20_000, 20, 20)


def create_app(settings: Settings | None = None, name: str = "propertyhub") -> Sanic:
    settings = settings or Settings.from_env()
    app = Sanic(name)
    setup_config(app, settings)
    setup_errors(app)
    setup_db(app, settings)
    setup_redis(app, settings)
    setup_rate_limits(app, settings)
    setup_jobs(app, settings)
    setup_routes(app)
    setup_openapi(app)
    setup_observability(app)
    setup_analytics(app)
    setup_gc(app)
    return app
