from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class _DayCounts(Model):
    day = fields.DateField()
    views = fields.IntField(default=0)
    cart_adds = fields.IntField(default=0)
    leads = fields.IntField(default=0)
    call_leads = fields.IntField(default=0)
    calls = fields.IntField(default=0)
    call_seconds = fields.IntField(default=0)

    class Meta:
        abstract = True


class ListingDaily(_DayCounts):
    """One listing's day, counted as things happen; when the day is rolled up, `leads`,
    `call_leads`, `calls` and `call_seconds` are recounted from their tables."""

    id = fields.BigIntField(primary_key=True)
    property = fields.ForeignKeyField("models.Property", related_name="daily",
                                      on_delete=fields.CASCADE)

    class Meta:
        table = "listing_daily"
        unique_together = (("property", "day"),)


class SellerDaily(_DayCounts):
    """A seller's day over all their listings, written by the rollup: a month of a
    seller's numbers is 30 rows, whatever the number of listings."""

    id = fields.BigIntField(primary_key=True)
    seller = fields.ForeignKeyField("models.User", related_name="daily",
                                    on_delete=fields.CASCADE)

    class Meta:
        table = "seller_daily"
        unique_together = (("seller", "day"),)


class RolledDay(Model):
    """A day the rollup has closed. Rolled days always form one unbroken range, so that
    running totals are sums of everything before; later days are counted live."""

    day = fields.DateField(primary_key=True)
    rolled_at = fields.DatetimeField()

    class Meta:
        table = "analytics_days"


class SellerTotals(Model):
    """Running totals of all a seller's listings through a day (rolled-up days only), one
    row for each day the seller had numbers: each listing's sums over any closed range
    are the difference of two rows, however long the range and however many listings.

    The columns are packed arrays of 64-bit integers (see `packing`), one element per
    listing in `listing_ids` order, so a row is one read however many listings."""

    id = fields.BigIntField(primary_key=True)
    seller = fields.ForeignKeyField("models.User", related_name="totals",
                                    on_delete=fields.CASCADE)
    day = fields.DateField()
    listing_ids = fields.BinaryField()
    views = fields.BinaryField()
    cart_adds = fields.BinaryField()
    leads = fields.BinaryField()
    calls = fields.BinaryField()

    class Meta:
        table = "seller_totals"
        unique_together = (("seller", "day"),)
