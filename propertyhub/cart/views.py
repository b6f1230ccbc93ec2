from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, empty, json

from propertyhub.accounts.deps import authorized
from propertyhub.accounts.models import Role
from propertyhub.cart import services
from propertyhub.cart.schemas import CartAdd, CartItemPublic, CartPage
from propertyhub.common.openapi import doc
from propertyhub.common.params import page_args, path_id
from propertyhub.common.schemas import PageQuery, load_body

bp = Blueprint("cart", url_prefix="/api/cart")
TAG = "cart"
_one = CartItemPublic()
_many = CartItemPublic(many=True)


@bp.post("", strict_slashes=True)
@authorized(Role.BUYER)
@doc("Add a listing to the cart", tag=TAG, body=CartAdd, responses={201: CartItemPublic},
     errors=(400, 403, 404, 409, 422),
     description="404 for an unknown or withdrawn listing. Items whose listing is withdrawn "
                 "later stay in the cart. The seller's analytics count one cart add per "
                 "buyer and listing, ever: removing it and adding it again does not count "
                 "again.")
async def add(request: Request) -> HTTPResponse:
    data = load_body(request, CartAdd())
    item = await services.add(request.ctx.user.id, data["property_id"], data.get("note"))
    return json(_one.dump(item), 201)


@bp.get("", strict_slashes=True)
@authorized(Role.BUYER)
@doc("The cart, newest first", tag=TAG, query=PageQuery, responses={200: CartPage}, errors=(400, 403))
async def list_cart(request: Request) -> HTTPResponse:
    limit, token = page_args(request)
    items, next_cursor = await services.list_items(request.ctx.user.id, limit, token)
    return json({"items": _many.dump(items), "next_cursor": next_cursor})


@bp.delete("/<item_id>")
@authorized(Role.BUYER)
@doc("Remove a cart item", tag=TAG, responses={204: None}, errors=(403, 404))
async def remove(request: Request, item_id: str) -> HTTPResponse:
    await services.remove(request.ctx.user.id, path_id(item_id, "cart item"))
    return empty()
