"""The ASGI application: Socket.IO in front, Sanic behind, a body-size guard around both.

Served as a factory (`uvicorn --factory propertyhub.asgi:build_application`), so
importing this module builds nothing.
"""

from __future__ import annotations

import socketio
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from propertyhub.app import create_app
from propertyhub.calls.setup import setup_calls
from propertyhub.common.bodylimit import BodyLimit
from propertyhub.config import Settings


def build_application(settings: Settings | None = None, name: str = "propertyhub"):
    sanic_app = create_app(settings, name=name)
    origins = list(sanic_app.ctx.settings.cors_origins)
    redis_url = sanic_app.ctx.settings.redis_url
    # With Redis, events reach a socket whichever web process holds it.
    manager = socketio.AsyncRedisManager(redis_url) if redis_url else None
    sio = socketio.AsyncServer(async_mode="asgi", cors_allowed_origins=origins,
                               client_manager=manager)
    sanic_app.ctx.sio = sio
    setup_calls(sio, sanic_app)
    # No on_startup/on_shutdown: lifespan must reach Sanic, which opens the pools.
    combined = socketio.ASGIApp(sio, other_asgi_app=sanic_app, socketio_path="socket.io")
    app = BodyLimit(combined, sanic_app.ctx.settings.max_body_bytes)
    proxies = sanic_app.ctx.settings.forwarded_allow_ips
    if proxies:
        # The one place that decides who the client is (see common/ratelimit.client_ip):
        # the forwarded client when the peer is a configured proxy, else the peer itself.
        app = ProxyHeadersMiddleware(app, trusted_hosts=list(proxies))
    app.sanic = sanic_app
    return app
