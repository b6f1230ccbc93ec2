from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, empty, json

from propertyhub.accounts import services
from propertyhub.accounts.deps import authorized
from propertyhub.accounts.schemas import (
    AuthTokens,
    LoginBody,
    MeUpdate,
    RefreshBody,
    RegisterBody,
    UserEnvelope,
)
from propertyhub.accounts.services import normalize_email
from propertyhub.common.openapi import doc
from propertyhub.common.ratelimit import client_ip
from propertyhub.common.schemas import load_body

bp = Blueprint("auth", url_prefix="/api/auth")
TAG = "auth"
_tokens = AuthTokens()
_me = UserEnvelope()


@bp.post("/register")
@doc("Create an account and sign in", tag=TAG, body=RegisterBody, responses={201: AuthTokens},
     errors=(400, 409, 422, 429))
async def register(request: Request) -> HTTPResponse:
    ctx = request.app.ctx
    await ctx.rate_limiter.hit(ctx.register_rule, "register-ip", client_ip(request))
    data = load_body(request, RegisterBody())
    user = await services.register(**data)
    return json(_tokens.dump(await services.start_session(ctx.settings, user)), 201)


@bp.post("/login")
@doc("Sign in with e-mail and password", tag=TAG, body=LoginBody, responses={200: AuthTokens},
     errors=(400, 401, 422, 429))
async def login(request: Request) -> HTTPResponse:
    ctx = request.app.ctx
    data = load_body(request, LoginBody())
    await ctx.rate_limiter.hit(ctx.login_rule, "login-ip", client_ip(request))
    await ctx.rate_limiter.hit(ctx.login_rule, "login-account", normalize_email(data["email"]))
    user = await services.authenticate(data["email"], data["password"])
    return json(_tokens.dump(await services.start_session(ctx.settings, user)))


@bp.post("/refresh")
@doc("Spend a refresh token for a new pair", tag=TAG, body=RefreshBody,
     responses={200: AuthTokens}, errors=(400, 401, 422),
     description="Each refresh token works once. Presenting a spent one revokes its whole "
                 "family (every token of that sign-in).")
async def refresh(request: Request) -> HTTPResponse:
    data = load_body(request, RefreshBody())
    return json(_tokens.dump(await services.rotate(request.app.ctx.settings,
                                                   data["refresh_token"])))


@bp.post("/logout")
@authorized()
@doc("Sign out: revoke the refresh token's family", tag=TAG, body=RefreshBody,
     responses={204: None}, errors=(400, 422))
async def logout(request: Request) -> HTTPResponse:
    data = load_body(request, RefreshBody())
    await services.logout(request.ctx.user.id, data["refresh_token"])
    return empty()


@bp.get("/me")
@authorized()
@doc("The signed-in user", tag=TAG, responses={200: UserEnvelope})
async def me(request: Request) -> HTTPResponse:
    return json(_me.dump({"user": request.ctx.user}))


@bp.patch("/me")
@authorized()
@doc("Update the signed-in user's profile", tag=TAG, body=MeUpdate,
     responses={200: UserEnvelope}, errors=(400, 422),
     description="Changing `password` needs `current_password` and signs out every other "
                 "session (their tokens stop working and their live sockets are closed). "
                 "`bio`, fees and `service_areas` are for agents only; fees are at least "
                 "the platform minimum per plan (`MIN_PRICE_MONTHLY_CENTS`, "
                 "`MIN_PRICE_YEARLY_CENTS`).")
async def update_me(request: Request) -> HTTPResponse:
    data = load_body(request, MeUpdate(), partial=True)
    settings = request.app.ctx.settings
    user = await services.update_profile(
        request.ctx.user, data,
        (settings.min_price_monthly_cents, settings.min_price_yearly_cents), request.ctx.signin)
    return json(_me.dump({"user": user}))
