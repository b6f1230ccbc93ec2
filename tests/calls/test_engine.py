"""The rule engine's parsing of what a buyer says."""

from __future__ import annotations

import pytest

from propertyhub.calls.engine import search_filters


@pytest.mark.parametrize(("text", "max_price"), [
    ("find homes under 600k", 600_000), ("find homes under $1,200,000", 1_200_000),
    ("find homes under 1.5 million", 1_500_000), ("find homes below 450000", 450_000),
])
def test_a_price_ceiling_is_heard(text, max_price):
    assert search_filters(text)["max_price"] == max_price


@pytest.mark.parametrize("text", ["find homes under 1.2.3", "find homes under ,,,",
                                  "find homes under .", "find homes under " + "9" * 400,
                                  "find homes under 1,,2..3 million"])
def test_a_malformed_number_is_no_price_filter(text):
    assert "max_price" not in search_filters(text)
