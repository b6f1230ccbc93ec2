"""Listings: create, read, update, withdraw, search."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from tortoise import Tortoise

from propertyhub.accounts.models import Role, User
from propertyhub.common.errors import ApiError, Code
from propertyhub.listings import search
from propertyhub.listings.models import ListingStatus, Property
from propertyhub.listings.search_params import SearchParams
from propertyhub.listings.text import city_key, search_text
from propertyhub.listings.timezones import zone_for

OWNER_ROLES = (Role.SELLER, Role.AGENT)


def _derived(fields: dict[str, Any]) -> dict[str, Any]:
    out = dict(fields)
    if "amenities" in out:
        # Normalised, so the `amenities` filter matches whatever case was typed.
        out["amenities"] = sorted({a.strip().lower() for a in out["amenities"] if a.strip()})
    if "city" in out:
        out["city"] = out["city"].strip()
        out["city_key"] = city_key(out["city"])
    return out


def _zone(listing: Property) -> None:
    listing.time_zone = zone_for(listing.time_zone, listing.state)


def _refresh_search_text(listing: Property) -> None:
    listing.search_text = search_text(listing.title, listing.description, listing.address,
                                      listing.city)


async def create(owner_id: int, fields: dict[str, Any]) -> Property:
    listing = Property(owner_id=owner_id, **_derived(fields))
    _zone(listing)
    _refresh_search_text(listing)
    await listing.save()
    return listing


async def get(listing_id: int) -> Property:
    listing = await Property.get_or_none(id=listing_id)
    if listing is None:
        raise ApiError.not_found("listing")
    return listing


# Whether a user holds a listing in another feature (a cart, a lead): the features above
# listings answer it (the app hands their checks in), so that listings need not know them.
Holds = Callable[[User, int], Awaitable[bool]]


async def holds(user: User | None, listing: Property, holders: Sequence[Holds]) -> bool:
    """Whether a withdrawn listing is still the user's business: the owner's, or held by the
    user elsewhere (in their cart, the subject of a lead they can see)."""
    if user is None:
        return False
    if user.id == listing.owner_id:
        return True
    for held in holders:
        if await held(user, listing.id):
            return True
    return False


async def get_visible(listing_id: int, viewer: User | None, holders: Sequence[Holds]) -> Property:
    """A listing as `viewer` may read it: a withdrawn one is gone (404, as if it had never
    existed) for everyone who does not hold it."""
    listing = await get(listing_id)
    if listing.status == ListingStatus.WITHDRAWN and not await holds(viewer, listing, holders):
        raise ApiError.not_found("listing")
    return listing


async def get_owned(owner_id: int, listing_id: int) -> Property:
    listing = await get(listing_id)
    if listing.owner_id != owner_id:
        if listing.status == ListingStatus.WITHDRAWN:
            raise ApiError.not_found("listing")  # not even its existence, as for reads
        # Writes on someone else's listing: refuse without saying more.
        raise ApiError(403, Code.FORBIDDEN, "only the listing's owner may change it")
    return listing


async def update(owner_id: int, listing_id: int, changes: dict[str, Any]) -> Property:
    listing = await get_owned(owner_id, listing_id)
    merged_lat = changes.get("latitude", listing.latitude)
    merged_lng = changes.get("longitude", listing.longitude)
    if (merged_lat is None) != (merged_lng is None):
        raise ApiError.validation({"latitude": ["latitude and longitude go together"]})
    for name, value in _derived(changes).items():
        setattr(listing, name, value)
    if "time_zone" in changes or "state" in changes:
        listing.time_zone = changes.get("time_zone") or ""
        _zone(listing)
    _refresh_search_text(listing)
    await listing.save()
    return listing


async def withdraw(owner_id: int, listing_id: int) -> None:
    listing = await get_owned(owner_id, listing_id)
    if listing.status != ListingStatus.WITHDRAWN:
        listing.status = ListingStatus.WITHDRAWN
        await listing.save(update_fields=["status", "updated_at"])


@dataclass
class SearchPage:
    items: list[dict[str, Any]]
    next_cursor: str | None
    total: int
    total_relation: str


async def search_listings(
    params: SearchParams, *, with_total: bool = True, count_cap: int | None = None
) -> SearchPage:
    """`with_total=False`: the page only (a lower bound for `total`), for callers that show
    a few matches and no count, such as the voice agent."""
    conn = Tortoise.get_connection("default")
    result = await search.run(conn, params, with_total=with_total, count_cap=count_cap)
    return SearchPage(result.rows, result.next_cursor, result.total, result.relation)
