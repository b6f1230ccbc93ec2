"""The OpenAPI document, generated from the marshmallow schemas the handlers use.

Handlers carry their description in `@doc(...)`; the spec builder walks the
router, so a route cannot exist without appearing in `/docs/openapi.json`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from marshmallow import Schema, fields
from sanic import Sanic
from sanic.response import file, html, json
from swagger_ui_bundle import swagger_ui_path

from propertyhub.common.errors import ApiError

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "details"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "details": {"type": "object"},
            },
        }
    },
}

DESCRIPTION = (
    "REST API of PropertyHub. Errors always have the shape of the `Error` schema.\n\n"
    "Text, in bodies and in query parameters, is Unicode text without NUL (U+0000) or "
    "unpaired surrogates (U+D800-U+DFFF): a body holding such a string (as a value or a "
    "name) is a 422, such a query parameter a 400. A query parameter given empty (`?x=`) "
    "is as if it were not given."
)

ERROR_TEXT = {
    400: "Malformed JSON or query parameter",
    401: "Missing, expired, revoked or invalid token; bad credentials",
    402: "An active subscription is needed",
    403: "The caller's role may not do this",
    404: "Not found (or someone else's private object)",
    409: "Conflict",
    413: "Body larger than 1 MiB",
    422: "Validation failed: `details` maps each field to its messages",
    429: "Rate limited; see Retry-After",
}


@dataclass
class Doc:
    summary: str
    tag: str
    body: type[Schema] | Schema | None = None
    query: type[Schema] | None = None
    responses: dict[int, Any] = field(default_factory=dict)
    errors: tuple[int, ...] = ()
    description: str = ""
    headers: tuple[dict[str, Any], ...] = ()
    media_type: str = "application/json"


def doc(summary: str, *, tag: str, body: Any = None, query: Any = None,
        responses: dict[int, Any] | None = None, errors: tuple[int, ...] = (),
        description: str = "", headers: tuple[dict[str, Any], ...] = (),
        media_type: str = "application/json") -> Callable:
    """`headers`: OpenAPI header parameters the handler reads; `media_type`: that of the
    successful answers (errors are always JSON). Auth is not declared here: the auth
    decorator marks its handlers (`requires_bearer`)."""
    def wrap(handler: Callable) -> Callable:
        handler.__openapi__ = Doc(summary, tag, body, query, responses or {}, errors,
                                  description, headers, media_type)
        return handler
    return wrap


def requires_bearer(handler: Callable) -> Callable:
    """Documents the handler as needing a bearer token (security entry and 401); whichever
    decorator enforces auth calls this, so a route's auth is declared once."""
    handler.__openapi_bearer__ = True
    return handler


def _needs_bearer(handler: Callable) -> bool:
    return getattr(handler, "__openapi_bearer__", False)


def page_of(item: type[Schema], name: str, extra: dict[str, Any] | None = None) -> type[Schema]:
    attrs = {"items": fields.List(fields.Nested(item), required=True),
             "next_cursor": fields.String(allow_none=True, required=True)}
    attrs.update(extra or {})
    return Schema.from_dict(attrs, name=name)


def _schema_ref(spec: APISpec, schema: Any) -> dict[str, Any]:
    if schema is None:
        return {}
    if isinstance(schema, dict):
        return schema
    cls = schema if isinstance(schema, type) else type(schema)
    name = cls.__name__.removesuffix("Schema")
    if name not in spec.components.schemas:
        spec.components.schema(name, schema=cls)
    return {"$ref": f"#/components/schemas/{name}"}


def build_spec(app: Sanic) -> dict[str, Any]:
    spec = APISpec("PropertyHub API", "1.0.0", "3.0.3", plugins=[MarshmallowPlugin()],
                   info={"description": DESCRIPTION})
    spec.components.schema("Error", ERROR_SCHEMA)
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer",
                                               "bearerFormat": "JWT"})
    paths: dict[str, dict[str, Any]] = {}
    for route in app.router.routes:
        meta: Doc | None = getattr(route.handler, "__openapi__", None)
        if meta is None:
            continue
        # `<name:ext=ics>`: the parameter, then its fixed extension (`{name}.ics`).
        path = re.sub(r"<(\w+):ext=(\w+)>", r"{\1}.\2", route.path)
        path = "/" + re.sub(r"<(\w+)(?::[^>]*)?>", r"{\1}", path).lstrip("/")
        params = [{"name": p, "in": "path", "required": True, "schema": {"type": "string"}}
                  for p in re.findall(r"{(\w+)}", path)]
        if meta.query is not None:
            params.append({"in": "query", "schema": meta.query})
        params += meta.headers
        op: dict[str, Any] = {"summary": meta.summary, "tags": [meta.tag], "parameters": params,
                              "responses": {}}
        if meta.description:
            op["description"] = meta.description
        auth = _needs_bearer(route.handler)
        if auth:
            op["security"] = [{"bearer": []}]
        if meta.body is not None:
            op["requestBody"] = {"required": True, "content": {
                "application/json": {"schema": _schema_ref(spec, meta.body)}}}
        for status, schema in meta.responses.items():
            entry: dict[str, Any] = {"description": "OK" if status < 300 else "See schema"}
            if schema is not None:
                entry["content"] = {meta.media_type: {"schema": _schema_ref(spec, schema)}}
            op["responses"][str(status)] = entry
        statuses = set(meta.errors) | ({401} if auth else set())
        for status in sorted(statuses):
            op["responses"][str(status)] = {
                "description": ERROR_TEXT.get(status, "Error"),
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            }
        for method in sorted(route.methods - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = op
    for path, ops in sorted(paths.items()):
        spec.path(path=path, operations=ops)
    document = spec.to_dict()
    for ops in document["paths"].values():
        for op in ops.values():
            for param in op.get("parameters", ()):
                if param["in"] == "query":
                    # Sanic drops `?x=` before a handler looks: empty is as if not given.
                    param["allowEmptyValue"] = True
    return document


# Swagger UI comes from the swagger-ui-bundle package, not a CDN: the docs work offline,
# and no third party's script runs on this origin. Only these files are served.
SWAGGER_ASSETS = {"swagger-ui.css": "text/css; charset=utf-8",
                  "swagger-ui-bundle.js": "application/javascript; charset=utf-8"}
SWAGGER_PAGE = """<!doctype html><html><head><title>PropertyHub API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({url: "/docs/openapi.json", dom_id: "#ui"});</script>
</body></html>"""


def setup_openapi(app: Sanic) -> None:
    @app.get("/docs")
    async def docs_page(request):
        return html(SWAGGER_PAGE)

    @app.get("/docs/assets/<name>")
    async def docs_asset(request, name: str):
        if name not in SWAGGER_ASSETS:
            raise ApiError.not_found("asset")
        return await file(Path(swagger_ui_path) / name, mime_type=SWAGGER_ASSETS[name])

    @app.get("/docs/openapi.json")
    async def openapi_json(request):
        if getattr(app.ctx, "openapi", None) is None:
            app.ctx.openapi = build_spec(app)
        return json(app.ctx.openapi)
