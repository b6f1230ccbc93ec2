"""A buyer's private shortlist."""

from __future__ import annotations

from tortoise.exceptions import IntegrityError

from propertyhub.accounts.models import User
from propertyhub.cart.models import CartItem
from propertyhub.common.activity import CartAdded, activity
from propertyhub.common.errors import ApiError, Code
from propertyhub.common.pagination import id_page
from propertyhub.listings.models import ListingStatus, Property


def _already() -> ApiError:
    return ApiError(409, Code.ALREADY_IN_CART, "this listing is already in your cart")


async def add(buyer_id: int, property_id: int, note: str | None) -> CartItem:
    listing = await Property.get_or_none(id=property_id)
    if listing is None or listing.status == ListingStatus.WITHDRAWN:
        raise ApiError.not_found("listing")  # as leads and calls: off the market
    if await CartItem.filter(buyer_id=buyer_id, property_id=property_id).exists():
        raise _already()
    try:
        item = await CartItem.create(buyer_id=buyer_id, property=listing, note=note)
    except IntegrityError:  # a concurrent add won the unique (buyer, property) row
        raise _already() from None
    await activity.report(CartAdded(buyer_id, listing.id))
    return item


async def holds_listing(user: User, listing_id: int) -> bool:
    """The listing is in the user's cart (so they may still read it once withdrawn)."""
    return await CartItem.filter(buyer_id=user.id, property_id=listing_id).exists()


async def list_items(buyer_id: int, limit: int, token: str | None):
    qs = CartItem.filter(buyer_id=buyer_id).select_related("property")
    return await id_page(qs, limit, token)


async def remove(buyer_id: int, item_id: int) -> None:
    deleted = await CartItem.filter(id=item_id, buyer_id=buyer_id).delete()
    if not deleted:
        raise ApiError.not_found("cart item")
