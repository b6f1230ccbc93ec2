"""Viewing times as buyers say them, in the listing's local time."""

from __future__ import annotations

from datetime import datetime

import pytest

from propertyhub.calls.agent.numbers import digitize
from propertyhub.calls.agent.text import normalize
from propertyhub.calls.agent.when import find_window

NOW = datetime(2026, 12, 2, 15, 0)  # a Wednesday afternoon


def window(text: str) -> tuple[str, str, str] | None:
    found = find_window(digitize(normalize(text)), NOW)
    return None if found is None else (found.day.isoformat(), f"{found.start:%H:%M}", f"{found.end:%H:%M}")


@pytest.mark.parametrize(("text", "expected"), [
    ("saturday morning", ("2026-12-05", "08:00", "12:00")),
    ("tomorrow after 5 but before 7", ("2026-12-03", "17:00", "19:00")),
    ("saturday between 10 and noon", ("2026-12-05", "10:00", "12:00")),
    ("friday from 4 to 6", ("2026-12-04", "16:00", "18:00")),
    ("sunday between 11 and 1", ("2026-12-06", "11:00", "13:00")),
    ("monday afternoon, like 1 pm", ("2026-12-07", "13:00", "14:00")),
    ("i have work till 8, can we do tomorrow at 6 instead", ("2026-12-03", "18:00", "19:00")),
    ("make that saturday morning, my wife works friday", ("2026-12-05", "08:00", "12:00")),
    ("not friday, saturday at 10", ("2026-12-05", "10:00", "11:00")),
])
def test_a_viewing_time_is_heard(text, expected):
    assert window(text) == expected


def test_a_time_without_a_day_is_no_appointment():
    assert window("mornings work best for me") is None
