"""Newest-first keyset pages over a queryset, by id."""

from __future__ import annotations

from typing import Any

from tortoise.queryset import QuerySet

from propertyhub.common import cursor


async def id_page(qs: QuerySet, limit: int, token: str | None) -> tuple[list[Any], str | None]:
    if token:
        state = cursor.decode(token)
        last = state.get("i")
        if not isinstance(last, int):
            raise cursor.invalid()
        qs = qs.filter(id__lt=last)
    rows = await qs.order_by("-id").limit(limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, cursor.encode({"i": rows[-1].id}) if more else None
