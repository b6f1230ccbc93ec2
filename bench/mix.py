"""The search mix of shared/search-physics.md: 8 representative searches, 20% next pages."""

from __future__ import annotations

import random
from typing import Any

from propertyhub.listings.search_sql import radius_box
from propertyhub.listings.seed_data import CITIES

WORDS = ["renovated", "modern", "garden", "cozy", "spacious", "quiet", "updated", "bright"]


def query(kind: int, rng: random.Random) -> dict[str, Any]:
    city, _, lat, lng, sale_sqft, _, _ = rng.choice(CITIES)
    if kind == 0:
        return {"city": city, "min_bedrooms": rng.choice([2, 3, 4]),
                "max_price": int(sale_sqft * rng.choice([1500, 2000, 2500]))}
    if kind == 1:
        low = rng.choice([200_000, 300_000, 400_000])
        return {"property_type": "house,townhouse", "min_price": low, "max_price": low + 150_000,
                "sort": "price"}
    if kind == 2:
        return {"lat": lat, "lng": lng, "radius_km": 5, "sort": "distance"}
    if kind == 3:
        return {"q": rng.choice(WORDS), "city": city}
    if kind == 4:
        return {"listing_type": "rent", "max_price": rng.choice([1500, 2000, 3000]),
                "min_bedrooms": rng.choice([1, 2])}
    if kind == 5:
        min_lng, min_lat, max_lng, max_lat = radius_box(lat, lng, 4)
        return {"bbox": f"{min_lng:.4f},{min_lat:.4f},{max_lng:.4f},{max_lat:.4f}",
                "sort": "-price"}
    if kind == 6:
        return {"amenities": rng.choice(["pool,garage", "gym,parking", "garden,fireplace"]),
                "min_area": rng.choice([1500, 2000, 3000])}
    return {}


def next_query(rng: random.Random) -> dict[str, Any]:
    return query(rng.randrange(8), rng)


def is_next_page(rng: random.Random) -> bool:
    return rng.random() < 0.2
