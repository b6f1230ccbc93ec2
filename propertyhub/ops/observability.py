"""Request ids, JSON logs and Prometheus metrics.

Metrics are correct with several web processes: `propertyhub serve` points
prometheus_client's multiprocess mode at a shared directory when it starts more
than one worker, and /metrics then sums every process's values.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from contextvars import ContextVar

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from sanic import Request, Sanic
from sanic.response import HTTPResponse, raw

from propertyhub.common.openapi import doc
from propertyhub.config import Settings

request_id: ContextVar[str] = ContextVar("request_id", default="-")

REQUESTS = Counter("propertyhub_http_requests_total", "HTTP requests",
                   ["method", "route", "status"])
LATENCY = Histogram("propertyhub_http_request_seconds", "HTTP request latency",
                    ["method", "route"],
                    buckets=(.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5))
SOCKETS = Gauge("propertyhub_connected_sockets", "Connected Socket.IO clients (/calls)",
                multiprocess_mode="livesum")
ACTIVE_CALLS = Gauge("propertyhub_active_calls", "Calls attached to this process",
                     multiprocess_mode="livesum")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {"ts": round(record.created, 3), "level": record.levelname,
                 "logger": record.name, "message": record.getMessage(),
                 "request_id": request_id.get()}
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry)


def setup_logging(settings: Settings) -> None:
    if settings.log_format != "json":
        return
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level.upper())


def _route(request: Request) -> str:
    """The route's pattern (`/api/properties/{listing_id}`), never the raw path: a bounded
    label set."""
    route = getattr(request, "route", None)
    if route is None:
        return "unmatched"
    return "/" + re.sub(r"<(\w+)(?::[^>]*)?>", r"{\1}", route.path).lstrip("/")


def setup_observability(app: Sanic) -> None:
    @app.on_request
    async def start(request: Request) -> None:
        incoming = request.headers.get("x-request-id", "")
        rid = incoming if 0 < len(incoming) <= 128 else uuid.uuid4().hex
        request.ctx.request_id = rid
        request.ctx.started = time.perf_counter()
        request_id.set(rid)

    @app.on_response
    async def finish(request: Request, response: HTTPResponse) -> None:
        response.headers["X-Request-ID"] = getattr(request.ctx, "request_id", "-")
        started = getattr(request.ctx, "started", None)
        if started is None or request.path == "/metrics":
            return
        route = _route(request)
        REQUESTS.labels(request.method, route, str(response.status)).inc()
        LATENCY.labels(request.method, route).observe(time.perf_counter() - started)

    @app.get("/metrics")
    @doc("Prometheus metrics (text format)", tag="ops", responses={200: None})
    async def metrics(request: Request) -> HTTPResponse:
        if request.app.ctx.settings.prometheus_multiproc_dir:
            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)
            body = generate_latest(registry)
        else:
            body = generate_latest()
        outcomes = render_task_outcomes(await request.app.ctx.jobs.outcomes())
        return raw(body + outcomes.encode(), content_type=CONTENT_TYPE_LATEST)


def render_task_outcomes(counts: dict[str, int]) -> str:
    """Background task outcomes (`{"<task>|<outcome>": n}`), whoever ran the tasks."""
    lines = ["# HELP propertyhub_celery_tasks_total Celery task outcomes",
             "# TYPE propertyhub_celery_tasks_total counter"]
    for field, n in sorted(counts.items()):
        task, _, outcome = field.rpartition("|")
        lines.append(f'propertyhub_celery_tasks_total{{task="{task}",outcome="{outcome}"}} {n}')
    return "\n".join(lines) + "\n"
