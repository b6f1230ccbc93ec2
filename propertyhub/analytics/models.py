from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class ListingDaily(Model):
    """One listing's day. `views` and `cart_adds` are counted as they happen; `leads`,
    `call_leads`, `calls` and `call_seconds` are recomputed by the daily rollup."""

    id = fields.BigIntField(primary_key=True)
    property = fields.ForeignKeyField("models.Property", related_name="daily",
                                      on_delete=fields.CASCADE)
    day = fields.DateField()
    views = fields.IntField(default=0)
    cart_adds = fields.IntField(default=0)
    leads = fields.IntField(default=0)
    call_leads = fields.IntField(default=0)
    calls = fields.IntField(default=0)
    call_seconds = fields.IntField(default=0)

    class Meta:
        table = "listing_daily"
        unique_together = (("property", "day"),)
