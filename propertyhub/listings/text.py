"""One tokeniser for listings and queries, so SQLite and PostgreSQL agree on `q`."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
MAX_QUERY_WORDS = 8


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def search_text(title: str, description: str, address: str, city: str) -> str:
    """Lower-cased words separated by single spaces, with a leading space.

    The leading space lets SQLite match a word prefix with `LIKE '% word%'`;
    PostgreSQL turns the same string into a 'simple' tsvector.
    """
    return " " + " ".join(words(" ".join((title, description, address, city))))
