"""Who is calling: bearer authentication and role checks for handlers.

`authorized` is the one declaration of a route's auth: it checks the token (and the role)
and marks the handler for the OpenAPI document, which then lists the bearer security entry
and the 401 answer.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from sanic import Request

from propertyhub.accounts.models import Role, User
from propertyhub.accounts.services import signed_in
from propertyhub.common.errors import ApiError, Code
from propertyhub.common.openapi import requires_bearer


async def optional_user(request: Request) -> User | None:
    """The signed-in caller, or None without an Authorization header (a bad one is a 401)."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if not header:
        return None
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, Code.INVALID_TOKEN, "expected 'Authorization: Bearer <token>'")
    found = await signed_in(request.app.ctx.settings, token.strip())
    if found is None:
        raise ApiError(401, Code.INVALID_TOKEN, "token is invalid, expired or revoked",
                       headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
    user, request.ctx.signin = found
    return user


def authorized(*roles: Role) -> Callable:
    """The caller must be signed in (and hold one of `roles`, when given); the handler finds
    them in `request.ctx.user`."""

    def decorator(handler: Callable) -> Callable:
        @wraps(handler)
        async def wrapper(request: Request, *args: Any, **kwargs: Any):
            user = await optional_user(request)
            if user is None:
                raise ApiError(401, Code.UNAUTHORIZED, "authentication required",
                               headers={"WWW-Authenticate": "Bearer"})
            if roles and user.role not in roles:
                raise ApiError(403, Code.FORBIDDEN,
                               f"this needs the role {' or '.join(roles)}")
            request.ctx.user = user
            return await handler(request, *args, **kwargs)

        return requires_bearer(wrapper)

    return decorator
