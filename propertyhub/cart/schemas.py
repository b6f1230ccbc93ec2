from __future__ import annotations

from marshmallow import Schema, fields, validate

from propertyhub.common.openapi import page_of
from propertyhub.common.schemas import StrictSchema
from propertyhub.listings.schemas import PropertyPublic


class CartAdd(StrictSchema):
    property_id = fields.Integer(required=True, strict=True, validate=validate.Range(1, 2**63 - 1))
    note = fields.String(allow_none=True, validate=validate.Length(max=1000))


class CartItemPublic(Schema):
    id = fields.Integer(dump_only=True)
    property = fields.Nested(PropertyPublic, dump_only=True)
    note = fields.String(dump_only=True, allow_none=True)
    added_at = fields.AwareDateTime(dump_only=True)


CartPage = page_of(CartItemPublic, "CartPage")
