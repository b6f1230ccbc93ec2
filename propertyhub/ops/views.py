from __future__ import annotations

import logging
from pathlib import Path

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, file, json

from propertyhub.common.openapi import doc
from propertyhub.ops import checks as probes

bp = Blueprint("ops")
log = logging.getLogger(__name__)


@bp.get("/healthz")
@doc("The process is alive", tag="ops", responses={200: {"type": "object"}})
async def healthz(request: Request) -> HTTPResponse:
    return json({"status": "ok"})


@bp.get("/readyz")
@doc("Database and (when configured) Redis are reachable", tag="ops",
     responses={200: {"type": "object"}, 503: {"type": "object"}})
async def readyz(request: Request) -> HTTPResponse:
    checks = {"database": await probes.database()}
    redis = getattr(request.app.ctx, "redis", None)
    if redis is not None:
        checks["redis"] = await probes.redis(redis)
    ready = all(v == "ok" for v in checks.values())
    return json({"status": "ready" if ready else "unavailable", "checks": checks},
                200 if ready else 503)


STATIC = Path(__file__).resolve().parent.parent / "static"


@bp.get("/demo")
@doc("A try-it page: sign in, search, call a listing's agent", tag="ops",
     responses={200: None})
async def demo(request: Request) -> HTTPResponse:
    return await file(STATIC / "demo.html", mime_type="text/html; charset=utf-8")


@bp.get("/static/socket.io.min.js")
@doc("The official Socket.IO JavaScript client (v4), served for the demo page", tag="ops",
     responses={200: None})
async def socketio_client(request: Request) -> HTTPResponse:
    return await file(STATIC / "socket.io.min.js", mime_type="application/javascript")
