"""Packed arrays of 64-bit integers: a seller's running totals, one element per listing.

Little-endian on every machine, so rows written by one host read the same on another.
"""

from __future__ import annotations

import sys
from array import array

_SWAP = sys.byteorder != "little"


def pack(values: list[int]) -> bytes:
    packed = array("q", values)
    if _SWAP:
        packed.byteswap()
    return packed.tobytes()


def unpack(data: bytes | memoryview | None) -> list[int]:
    if not data:
        return []
    packed = array("q")
    packed.frombytes(bytes(data))
    if _SWAP:
        packed.byteswap()
    return packed.tolist()
