"""Who may see and do what with a listing's viewings.

A listing's viewings are managed by its seller (the owner) and by the human agents the
seller employs now, for all their listings or the ones the hire names; a buyer sees their
own viewings. Anyone else is told nothing exists (404); a user who can see a listing but
not manage its calendar is refused (403).
"""

from __future__ import annotations

from tortoise.expressions import Q

from propertyhub.accounts.models import User
from propertyhub.common.errors import ApiError, Code
from propertyhub.crm.services import active_hires, managed_scope
from propertyhub.listings.models import Property
from propertyhub.listings.services import get_visible
from propertyhub.viewings.models import Viewing


async def manages(user: User, listing: Property) -> bool:
    if user.id == listing.owner_id:
        return True
    return any(hire["seller_id"] == listing.owner_id
               and (not hire["property_ids"] or listing.id in hire["property_ids"])
               for hire in await active_hires(user))


async def managed_listing(user: User, listing_id: int) -> Property:
    # A withdrawn listing is only its owner's business here: no viewings are managed on it.
    listing = await get_visible(listing_id, user, ())
    if not await manages(user, listing):
        raise ApiError(403, Code.FORBIDDEN, "only the listing's seller and the agent they hired "
                                            "for it manage its viewings")
    return listing


async def managed_viewings(user: User) -> Q:
    """The viewings on listings the user manages."""
    return managed_scope(user.id, await active_hires(user))


async def visible_viewings(user: User) -> Q:
    return Q(buyer_id=user.id) | await managed_viewings(user)


async def viewing_for(user: User, viewing_id: int) -> tuple[Viewing, bool]:
    """A viewing the user may see, and whether they manage it (otherwise it is theirs)."""
    viewing = await Viewing.filter(await visible_viewings(user), id=viewing_id).first()
    if viewing is None:
        raise ApiError.not_found("viewing")
    return viewing, viewing.buyer_id != user.id


def forbidden(what: str) -> ApiError:
    return ApiError(403, Code.FORBIDDEN, what)
