"""`re`, with a pattern cache the agent's vocabulary fits in.

Python keeps the last 512 compiled patterns; the agent matches over a thousand phrase
patterns a turn (amenities, topics, cities, names), so with `re` itself every turn
recompiled hundreds of them (90 % of a turn's time, measured with cProfile). Modules of
the agent import this as `re`.
"""

from __future__ import annotations

import re as _re
from functools import lru_cache

Match = _re.Match
Pattern = _re.Pattern
escape = _re.escape
compile = _re.compile  # the name users of `re` expect
IGNORECASE = _re.IGNORECASE


@lru_cache(maxsize=16384)
def _compiled(pattern: str, flags: int = 0) -> Pattern:
    return _re.compile(pattern, flags)


def search(pattern: str | Pattern, string: str, flags: int = 0) -> Match | None:
    return (pattern if isinstance(pattern, Pattern) else _compiled(pattern, flags)).search(string)


def match(pattern: str | Pattern, string: str, flags: int = 0) -> Match | None:
    return (pattern if isinstance(pattern, Pattern) else _compiled(pattern, flags)).match(string)


def finditer(pattern: str | Pattern, string: str, flags: int = 0):
    return (pattern if isinstance(pattern, Pattern) else _compiled(pattern, flags)).finditer(string)


def findall(pattern: str | Pattern, string: str, flags: int = 0) -> list:
    return (pattern if isinstance(pattern, Pattern) else _compiled(pattern, flags)).findall(string)


def sub(pattern: str | Pattern, repl, string: str, count: int = 0, flags: int = 0) -> str:
    compiled = pattern if isinstance(pattern, Pattern) else _compiled(pattern, flags)
    return compiled.sub(repl, string, count)


def split(pattern: str | Pattern, string: str, maxsplit: int = 0, flags: int = 0) -> list:
    compiled = pattern if isinstance(pattern, Pattern) else _compiled(pattern, flags)
    return compiled.split(string, maxsplit)
