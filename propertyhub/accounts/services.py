"""Accounts: registration, credentials, token rotation, profile."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from propertyhub.accounts import tokens
from propertyhub.accounts.models import AuthSession, RefreshToken, Role, User
from propertyhub.accounts.passwords import hash_password, verify_password
from propertyhub.accounts.schemas import AGENT_FIELDS
from propertyhub.common.errors import ApiError, Code
from propertyhub.common.models import utcnow
from propertyhub.common.names import impersonates_platform
from propertyhub.common.signals import Signal
from propertyhub.config import Settings

# Sent with the ids (str) of sign-ins just revoked, after the revocation is committed:
# their live sockets must close too.
signins_revoked = Signal("signins_revoked")


def normalize_email(email: str) -> str:
    return email.strip().lower()


async def register(email: str, password: str, name: str, role: str,
                   phone: str | None = None) -> User:
    email = normalize_email(email)
    if await User.filter(email=email).exists():
        raise ApiError(409, Code.EMAIL_TAKEN, "an account with this e-mail already exists")
    password_hash = await hash_password(password)
    try:
        return await User.create(email=email, password_hash=password_hash, name=name.strip(),
                                 role=Role(role), phone=phone)
    except IntegrityError:  # lost a race with a concurrent registration
        raise ApiError(409, Code.EMAIL_TAKEN, "an account with this e-mail already exists") from None


async def authenticate(email: str, password: str) -> User:
    user = await User.get_or_none(email=normalize_email(email))
    if not await verify_password(user.password_hash if user else None, password):
        raise ApiError(401, Code.INVALID_CREDENTIALS, "e-mail or password is wrong")
    assert user is not None
    return user


async def start_session(settings: Settings, user: User) -> dict[str, Any]:
    session = await AuthSession.create(id=uuid.uuid4(), user=user)
    return await _issue_pair(settings, user, session.id)


async def _issue_pair(settings: Settings, user: User, session_id: uuid.UUID) -> dict[str, Any]:
    token, token_hash = tokens.new_refresh_token()
    await RefreshToken.create(session_id=session_id, token_hash=token_hash,
                              expires_at=utcnow() + timedelta(seconds=settings.refresh_ttl_seconds))
    return {
        "user": user,
        "access_token": tokens.issue_access(settings, user.id, user.role, session_id),
        "refresh_token": token,
        "token_type": "bearer",
        "expires_in": settings.access_ttl_seconds,
    }


def _invalid_refresh() -> ApiError:
    return ApiError(401, Code.INVALID_TOKEN, "refresh token is invalid, expired or revoked")


async def rotate(settings: Settings, refresh_token: str) -> dict[str, Any]:
    """Spend a refresh token for a new pair; reuse of a spent one revokes its family."""
    now = utcnow()
    token_hash = tokens.hash_refresh(refresh_token)
    row = await RefreshToken.get_or_none(token_hash=token_hash).select_related("session__user")
    if row is None or row.session.revoked_at is not None or row.expires_at <= now:
        raise _invalid_refresh()
    # The conditional update is the lock: of two concurrent uses, exactly one wins.
    async with in_transaction():
        spent = await RefreshToken.filter(id=row.id, used_at=None).update(used_at=now)
        if spent:
            return await _issue_pair(settings, row.session.user, row.session.id)
    await revoke(AuthSession.filter(id=row.session.id))
    raise _invalid_refresh()


async def _revoke_rows(sessions: Any) -> list[str]:
    ids = [str(i) for i in await sessions.filter(revoked_at=None).values_list("id", flat=True)]
    if ids:
        await AuthSession.filter(id__in=ids, revoked_at=None).update(revoked_at=utcnow())
    return ids


async def revoke(sessions: Any) -> list[str]:
    """Revoke these sign-ins (a queryset of AuthSession) and announce it."""
    ids = await _revoke_rows(sessions)
    if ids:
        await signins_revoked.send(ids)
    return ids


async def logout(user_id: int, refresh_token: str) -> None:
    row = await RefreshToken.get_or_none(token_hash=tokens.hash_refresh(refresh_token)) \
        .select_related("session")
    if row is not None and row.session.user_id == user_id:
        await revoke(AuthSession.filter(id=row.session.id))


async def signed_in(settings: Settings, token: str) -> tuple[User, uuid.UUID] | None:
    """The user behind a valid access token and the id of its sign-in (not revoked)."""
    claims = tokens.decode_access(settings, token)
    if claims is None:
        return None
    session = await AuthSession.filter(
        id=claims.session_id, user_id=claims.user_id, revoked_at=None
    ).select_related("user").first()
    return (session.user, session.id) if session else None


async def user_for_access(settings: Settings, token: str) -> User | None:
    found = await signed_in(settings, token)
    return found[0] if found else None


async def is_signed_in(signin: str) -> bool:
    return await AuthSession.filter(id=signin, revoked_at=None).exists()


async def update_profile(user: User, changes: dict[str, Any],
                         minimums: tuple[int, int] = (0, 0),
                         signin: uuid.UUID | None = None) -> User:
    """A new password signs out every other sign-in (`signin` is the caller's own)."""
    errors: dict[str, list[str]] = {}
    if user.role != Role.AGENT:
        for name in AGENT_FIELDS:
            if name in changes:
                errors[name] = ["only agents have this field"]
    for name, minimum in zip(("monthly_fee_cents", "yearly_fee_cents"), minimums, strict=True):
        if changes.get(name) is not None and changes[name] < minimum:
            errors[name] = [f"must be at least {minimum} (the platform minimum)"]
    if user.role == Role.AGENT and impersonates_platform(changes.get("name", "")):
        errors["name"] = ["must not look like the platform's own name or staff"]
    new_password = changes.pop("password", None)
    current = changes.pop("current_password", None)
    if new_password is not None:
        if current is None:
            errors["current_password"] = ["required to change the password"]
        elif not await verify_password(user.password_hash, current):
            errors["current_password"] = ["is wrong"]
    elif current is not None:
        errors["current_password"] = ["only with a new password"]
    if errors:
        raise ApiError.validation(errors)
    if new_password is not None:
        user.password_hash = await hash_password(new_password)
    for name, value in changes.items():
        setattr(user, name, value.strip() if name == "name" else value)
    revoked: list[str] = []
    async with in_transaction():  # no new password without the old sign-ins ending
        await user.save()
        if new_password is not None:
            others = AuthSession.filter(user_id=user.id)
            revoked = await _revoke_rows(others.exclude(id=signin) if signin else others)
    if revoked:
        await signins_revoked.send(revoked)
    return user
