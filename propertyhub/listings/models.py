from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class PropertyType(StrEnum):
    HOUSE = "house"
    APARTMENT = "apartment"
    CONDO = "condo"
    TOWNHOUSE = "townhouse"
    LAND = "land"
    COMMERCIAL = "commercial"


class ListingType(StrEnum):
    SALE = "sale"
    RENT = "rent"


class ListingStatus(StrEnum):
    ACTIVE = "active"
    PENDING = "pending"
    SOLD = "sold"
    RENTED = "rented"
    WITHDRAWN = "withdrawn"


class Property(Model):
    id = fields.BigIntField(primary_key=True)
    owner = fields.ForeignKeyField("models.User", related_name="properties", on_delete=fields.CASCADE)
    title = fields.CharField(max_length=200)
    description = fields.TextField(default="")
    property_type = fields.CharEnumField(PropertyType, max_length=16)
    listing_type = fields.CharEnumField(ListingType, max_length=8)
    status = fields.CharEnumField(ListingStatus, max_length=16, default=ListingStatus.ACTIVE)
    price = fields.BigIntField()
    currency = fields.CharField(max_length=3, default="USD")
    bedrooms = fields.SmallIntField(default=0)
    bathrooms = fields.FloatField(default=0)
    area_sqft = fields.IntField(default=0)
    year_built = fields.SmallIntField(null=True)
    address = fields.CharField(max_length=255, default="")
    city = fields.CharField(max_length=120)
    # casefold(city): one case-insensitive match on both databases.
    city_key = fields.CharField(max_length=120, default="")
    state = fields.CharField(max_length=64, default="")
    postal_code = fields.CharField(max_length=20, default="")
    country = fields.CharField(max_length=2, default="US")
    # IANA time zone ("America/Chicago"): viewing times are the listing's local times.
    time_zone = fields.CharField(max_length=64, default="")
    latitude = fields.FloatField(null=True)
    longitude = fields.FloatField(null=True)
    amenities = fields.JSONField(default=list)
    images = fields.JSONField(default=list)
    # Normalised words of title, description, address and city (see listings.text);
    # PostgreSQL indexes a stored tsvector generated from it.
    search_text = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "properties"
