"""One tokeniser for listings and queries, so SQLite and PostgreSQL agree on `q`."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
MAX_QUERY_WORDS = 8


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def city_key(city: str) -> str:
    """The stored case-insensitive form of a city, as the search compares it: case-folding
    may lengthen a city ("Straße" -> "strasse"), so it is cut to the column's 120 characters
    (the city itself is at most 120)."""
    return city.casefold()[:120]


def search_text(title: str, description: str, address: str, city: str) -> str:
    """Lower-cased words separated by single spaces, with a leading space.

    The leading space lets SQLite match a word prefix with `LIKE '% word%'`;
    PostgreSQL turns the same string into a 'simple' tsvector.
    """
    return " " + " ".join(words(" ".join((title, description, address, city))))
