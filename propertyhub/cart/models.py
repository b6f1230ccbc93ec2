from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class CartItem(Model):
    id = fields.BigIntField(primary_key=True)
    buyer = fields.ForeignKeyField("models.User", related_name="cart_items", on_delete=fields.CASCADE)
    property = fields.ForeignKeyField(
        "models.Property", related_name="cart_items", on_delete=fields.CASCADE
    )
    note = fields.CharField(max_length=1000, null=True)
    added_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "carts"
        unique_together = (("buyer", "property"),)
