"""Build users and listings through the public API, as a client would."""

from __future__ import annotations

import itertools
from typing import Any

import httpx

_seq = itertools.count(1)
PASSWORD = "correct horse battery"


class Actor:
    def __init__(self, user: dict[str, Any], tokens: dict[str, Any]) -> None:
        self.user = user
        self.id = user["id"]
        self.tokens = tokens

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens['access_token']}"}


async def register(client: httpx.AsyncClient, role: str = "buyer", **overrides: Any) -> Actor:
    n = next(_seq)
    body = {"email": f"user{n}@example.com", "password": PASSWORD, "name": f"User {n}",
            "role": role}
    body.update(overrides)
    response = await client.post("/api/auth/register", json=body)
    assert response.status_code == 201, response.text
    data = response.json()
    return Actor(data["user"], data)


def listing_body(**overrides: Any) -> dict[str, Any]:
    body = {
        "title": "Sunny family home",
        "description": "Bright three bedroom house near the park",
        "property_type": "house",
        "listing_type": "sale",
        "price": 450_000,
        "bedrooms": 3,
        "bathrooms": 2.5,
        "area_sqft": 1800,
        "year_built": 1998,
        "address": "12 Oak Street",
        "city": "Austin",
        "state": "TX",
        "postal_code": "78701",
        "latitude": 30.2672,
        "longitude": -97.7431,
        "amenities": ["garage", "pool"],
        "images": ["https://img.example.com/1.jpg"],
    }
    body.update(overrides)
    return body


async def create_listing(client: httpx.AsyncClient, owner: Actor, **overrides: Any) -> dict:
    response = await client.post("/api/properties", json=listing_body(**overrides),
                                 headers=owner.auth)
    assert response.status_code == 201, response.text
    return response.json()
