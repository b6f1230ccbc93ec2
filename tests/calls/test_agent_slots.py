"""The agent's reading of search filters from what a buyer says (typed, never a 500)."""

from __future__ import annotations

import pytest

from propertyhub.calls.agent.numbers import digitize
from propertyhub.calls.agent.slots import Vocabulary, filters_in
from propertyhub.calls.agent.text import normalize


def filters(text: str) -> dict:
    return filters_in(digitize(normalize(text)), Vocabulary({"austin": "Austin"}))


@pytest.mark.parametrize(("text", "max_price"), [
    ("find homes under 600k", 600_000), ("find homes under $1,200,000", 1_200_000),
    ("find homes under 1.5 million", 1_500_000), ("find homes below 450000", 450_000),
    ("anything under five hundred thousand", 500_000), ("under half a million", 500_000),
    ("houses for sale up to four fifty", 450_000), ("under two grand a month", 2_000),
])
def test_a_price_ceiling_is_heard(text, max_price):
    assert filters(text)["max_price"] == max_price


@pytest.mark.parametrize("text", ["find homes under 1.2.3", "find homes under ,,,",
                                  "find homes under .", "find homes under " + "9" * 400,
                                  "find homes under 1,,2..3 million"])
def test_a_malformed_number_is_no_price_ceiling_out_of_range(text):
    assert 0 < filters(text).get("max_price", 1) <= 10**12


def test_an_absurd_number_is_no_budget_at_all():
    assert "max_price" not in filters("find homes under " + "9" * 400)


def test_a_range_said_in_words():
    assert filters("between four and five hundred thousand in austin") == {
        "city": "Austin", "min_price": 400_000, "max_price": 500_000}


@pytest.mark.parametrize(("text", "relative"), [
    ("does the seller have anything else, maybe cheaper?", ["cheaper"]),
    ("anything a bit less expensive", ["cheaper"]), ("something bigger", ["bigger"]),
    ("any with more bedrooms", ["more_bedrooms"]), ("a smaller one and cheaper", ["cheaper", "smaller"]),
])
def test_a_comparison_is_kept_for_the_home_talked_about(text, relative):
    assert filters(text)["relative"] == relative


def test_cheaper_than_a_sum_is_a_price_not_a_comparison():
    found = filters("anything cheaper than 500k")
    assert found["max_price"] == 500_000 and "relative" not in found
