"""AI agents: the public catalogue and sellers' own agents."""

from __future__ import annotations

from typing import Any

from tortoise.expressions import Q

from propertyhub.agents.models import AiAgent
from propertyhub.common.errors import ApiError, Code
from propertyhub.common.models import utcnow
from propertyhub.common.names import impersonates_platform
from propertyhub.common.pagination import id_page


def visible_to(user_id: int | None) -> Q:
    scope = Q(is_public=True)
    if user_id is not None:
        scope |= Q(owner_id=user_id)
    return scope & Q(archived_at=None)


async def catalogue(user_id: int | None, limit: int, token: str | None):
    return await id_page(AiAgent.filter(visible_to(user_id)), limit, token)


async def get_visible(user_id: int | None, agent_id: int) -> AiAgent:
    agent = await AiAgent.filter(visible_to(user_id), id=agent_id).first()
    if agent is None:
        raise ApiError.not_found("ai agent")
    return agent


PRICES = ("price_monthly_cents", "price_yearly_cents")


def check_terms(fields: dict[str, Any], minimums: tuple[int, int]) -> None:
    """A seller's agent is priced at least the platform minimum per plan (an agent taking
    calls for free is the platform's cost), and its name never passes for the platform."""
    errors: dict[str, list[str]] = {}
    for name, minimum in zip(PRICES, minimums, strict=True):
        if name in fields and fields[name] is None:
            fields[name] = minimum
        if name in fields and fields[name] < minimum:
            errors[name] = [f"must be at least {minimum} (the platform minimum)"]
    if "name" in fields and impersonates_platform(fields["name"]):
        errors["name"] = ["must not look like the platform's own name or staff"]
    if errors:
        raise ApiError.validation(errors)


async def create(owner_id: int, fields: dict[str, Any], minimums: tuple[int, int]) -> AiAgent:
    check_terms(fields, minimums)
    return await AiAgent.create(owner_id=owner_id, **fields)


async def get_owned(owner_id: int, agent_id: int) -> AiAgent:
    # Someone else's private agent is indistinguishable from a missing one.
    agent = await get_visible(owner_id, agent_id)
    if agent.owner_id != owner_id:
        raise ApiError(403, Code.FORBIDDEN, "only the agent's owner may change it")
    return agent


async def update(owner_id: int, agent_id: int, changes: dict[str, Any],
                 minimums: tuple[int, int]) -> AiAgent:
    agent = await get_owned(owner_id, agent_id)
    check_terms(changes, minimums)
    if "voice" in changes:
        changes["voice"] = {**agent.voice, **changes["voice"]}
    for name, value in changes.items():
        setattr(agent, name, value)
    await agent.save()
    return agent


async def archive_or_delete(agent: AiAgent, has_history: bool) -> None:
    """Deleted agents with billing history are archived, so that history stays whole."""
    if has_history:
        agent.archived_at = utcnow()
        await agent.save(update_fields=["archived_at", "updated_at"])
    else:
        await agent.delete()
