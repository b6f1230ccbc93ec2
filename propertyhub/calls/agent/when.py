"""When the buyer wants to come: "Saturday morning", "tomorrow after 5", "next Tuesday at 3",
"the 11th in the evening", "december 7 at 10:15", in the listing's local time.

Days are read by rules (weekday names, relative days, calendar dates — those through
dateparser); times of day by rules too. Hours without am/pm are viewing hours: 1-7 are
afternoon or evening, 8-11 morning. "next Friday" on a Wednesday is the Friday of next
week ("Friday" alone is this week's).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import dateparser

from propertyhub.calls.agent import regex as re

WEEKDAYS = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tues": 1,
    "tue": 1,
    "wednesday": 2,
    "weds": 2,
    "wed": 2,
    "thursday": 3,
    "thurs": 3,
    "thur": 3,
    "thu": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
}
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
)
PARTS = {"morning": (time(8), time(12)), "afternoon": (time(12), time(17)), "evening": (time(17), time(21))}
DAY = (time(8), time(20))
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# Where a day may be named: tried from the last one back.
# A day mention with its modifiers ("next thursday", "the day after tomorrow"), so the
# last one said wins and "next" stays with its day.
# "the 1st one", "the 2nd listing": a rank in a list, not a date.
_NOT_RANKED = (
    r"(?! (?:one|ones|listing|place|house|home|option|property|unit|condo|apartment|flat|"
    r"townhouse|townhome|rental|result|match|lot|bedroom|floor|time|question|thing)s?\b)"
)
_DAY_WORDS = re.compile(
    rf"\b(?:(?:a|1|one|2|two) weeks? from (?:today|tomorrow|now)|"
    rf"tonight|this (?:evening|afternoon|morning)|day after tomorrow|tomorrow|tmrw|"
    rf"tomorow|later today|today|in \d+ days?|"
    rf"(?:(?:next|this coming|coming|this) )?(?:{_WEEKDAY})s?(?: next week)?|"
    rf"(?:{_MONTH})\.? \d{{1,2}}|(?:on )?the \d{{1,2}}(?:st|nd|rd|th)?{_NOT_RANKED}|\d{{1,2}}(?:st|nd|rd|th)"
    rf" of (?:{_MONTH}))\b"
)


@dataclass(frozen=True)
class Window:
    day: date
    start: time
    end: time
    kind: str  # day | part | at | after | before | between
    part: str | None = None

    def spoken(self) -> str:
        day = f"{self.day:%A}, {self.day:%B} {self.day.day}"
        if self.kind == "part":
            return f"{day}, in the {self.part}"
        if self.kind == "at":
            return f"{day} at {clock_words(self.start)}"
        if self.kind == "after":
            return f"{day} after {clock_words(self.start)}"
        if self.kind == "before":
            return f"{day} before {clock_words(self.end)}"
        if self.kind == "between":
            return f"{day} between {clock_words(self.start)} and {clock_words(self.end)}"
        return day

    def as_data(self) -> dict:
        return {
            "date": self.day.isoformat(),
            "start": self.start.strftime("%H:%M"),
            "end": self.end.strftime("%H:%M"),
            "kind": self.kind,
            "part": self.part,
        }


def clock_words(t: time) -> str:
    hour = t.hour % 12 or 12
    suffix = "am" if t.hour < 12 else "pm"
    if t.hour == 12 and t.minute == 0:
        return "noon"
    return f"{hour}:{t.minute:02d} {suffix}" if t.minute else f"{hour} {suffix}"


def _next_weekday(today: date, weekday: int, next_week: bool) -> date:
    if next_week:  # that day of the coming Monday-to-Sunday week
        monday = today + timedelta(days=7 - today.weekday())
        return monday + timedelta(days=weekday)
    ahead = (weekday - today.weekday()) % 7
    return today + timedelta(days=ahead or 7)


_BUSY_DAY = re.compile(
    r"(?<!after )(?<!before )(?<!from )\b(?:works?|working|busy|away|out of town|traveling|travelling|can "
    r"not do|cannot do|"
    rf"not|except|besides)(?: \w+)?(?: on)? (?:{_WEEKDAY})s?\b"
)


def find_day(text: str, now: datetime) -> tuple[date | None, str | None]:
    """The day named last in the text ("tomorrow doesn't work, make it saturday"), and an
    implied part of day ("tonight" is the evening); a day the buyer is busy is not it
    ("saturday morning, my wife works friday")."""
    text = _BUSY_DAY.sub(" ", text)
    # "make it sunday at 2, saturday i got my son's game": the day asked for is the one made.
    if m := re.search(
        rf"\b(?:make it|make that|change it to|switch to|move it to|how about|what about|"
        rf"let us do|can we do|instead)\s+(?:on\s+)?((?:next |this )?(?:{_WEEKDAY}))",
        text,
    ):
        return _find_day(m.group(1), now)
    for m in reversed(list(_DAY_WORDS.finditer(text))):
        found = _find_day(text[m.start() :], now)
        if found[0] is not None:
            return found
    return _find_day(text, now)


def _find_day(text: str, now: datetime) -> tuple[date | None, str | None]:
    today = now.date()
    if re.search(r"\b(tonight|this evening)\b", text):
        return today, "evening"
    if re.search(r"\bthis afternoon\b", text):
        return today, "afternoon"
    if re.search(r"\b(day after tomorrow)\b", text):
        return today + timedelta(days=2), None
    if re.search(r"\b(tomorrow|tmrw|tomorow)\b", text):
        return today + timedelta(days=1), None
    if re.search(r"\b(today|later today|this morning)\b", text) and not re.search(r"\bfrom today\b", text):
        return today, None
    m = re.search(r"\b(?:a|1|one|2|two) weeks? from (today|tomorrow|now)\b", text)
    if m:
        weeks = 2 if re.search(r"\b(?:2|two) weeks\b", m.group(0)) else 1
        return today + timedelta(days=7 * weeks + (m.group(1) == "tomorrow")), None
    m = re.search(r"\bin (\d+) days?\b", text)
    if m:
        return today + timedelta(days=int(m.group(1))), None
    m = re.search(rf"\b(?:{_MONTH})\.? (\d{{1,2}})(?:st|nd|rd|th)?\b", text) or re.search(
        rf"\b(\d{{1,2}})(?:st|nd|rd|th)? of (?:{_MONTH})\b", text
    )
    if m:
        found = dateparser.parse(
            m.group(0),
            languages=["en"],
            settings={"RELATIVE_BASE": now.replace(tzinfo=None), "PREFER_DATES_FROM": "future"},
        )
        if found is not None:
            return found.date(), None
    m = re.search(rf"\bthe (\d{{1,2}})(?:st|nd|rd|th)\b{_NOT_RANKED}", text) or re.search(
        r"\bon the (\d{1,2})\b", text
    )
    if m and 1 <= int(m.group(1)) <= 31:
        day = int(m.group(1))
        month = today.replace(day=1)
        for _ in range(2):
            try:
                candidate = month.replace(day=day)
            except ValueError:
                candidate = None
            if candidate is not None and candidate >= today:
                return candidate, None
            month = (month + timedelta(days=32)).replace(day=1)
    m = re.search(rf"\b(next|this coming|coming|this)?\s*({_WEEKDAY})s?\b(\s+next week)?", text)
    if m:
        next_week = bool(m.group(3)) or m.group(1) == "next"
        return _next_weekday(today, WEEKDAYS[m.group(2)], next_week), None
    return None, None


def _hour(h: int, minute: int, meridiem: str | None, part: str | None) -> time | None:
    if not (0 <= h <= 23 and 0 <= minute <= 59):
        return None
    if meridiem == "pm" and h < 12:
        h += 12
    elif meridiem == "am" and h == 12:
        h = 0
    elif meridiem is None and h <= 12:
        if part in ("afternoon", "evening") and h < 12:
            h += 12
        elif part is None and 1 <= h <= 7:
            h += 12  # viewing hours: "at 4" is the afternoon
    return time(h, minute)


_CLOCK = (
    r"(?P<h>\d{1,2})(?::(?P<m>\d{2})|\s(?P<m2>[0-5]\d)(?!\d))?"
    r"\s*(?P<mer>am|pm|a m|p m|oclock|in the morning|in the evening|in the afternoon)?"
)


_BUSY_UNTIL = re.compile(
    r"\b(?:get|gets|getting) off(?: work)?\s*$|\b(?:off work|finish|finishes|done|work|working|at work|busy|"
    r"class|school|shift)(?: \w+)?\s*$"
)


def find_time(text: str, part: str | None) -> tuple[str, time] | None:
    """("at" | "after" | "before", time) named in the text, if any."""
    text = re.sub(r"\b(?:noon|midday)\b", "12:00 pm", text)  # not the "noon" of "afternoon"
    text = re.sub(r"\b(\d{1,2}(?::\d{2})?) ?ish\b", r"around \1", text)  # "ten ish"
    text = re.sub(r"\bhalf past (\d{1,2})\b", r"\1:30", text)
    # British "half ten" is 10:30 (not "half a", "half 2 acres").
    text = re.sub(
        r"\bhalf (\d{1,2})\b(?!\s*(?:bed|bath|acre|mil|k\b|percent|%|of\b|hour|block|mile))", r"\1:30", text
    )
    text = re.sub(r"\bquarter past (\d{1,2})\b", r"\1:15", text)
    text = re.sub(r"\bquarter (?:to|till) (\d{1,2})\b", lambda m: f"{int(m.group(1)) - 1}:45", text)
    said = list(
        re.finditer(
            r"\b(?P<rel>at|around|about|by|after|before|from|say|like|ish|past|"
            r"anytime after|sometime after|no earlier than|no later than|until|till)\s+" + _CLOCK + r"\b",
            text,
        )
    )
    # "i have work till 8, can we do tomorrow at 6": the time asked for, not the one busy until.
    # "i get off at four thirty", "i'm at work till four": when the buyer is busy, not the time.
    said = [x for x in said if not _BUSY_UNTIL.search(text, 0, x.start())] or said
    at = [x for x in said if x.group("rel") in ("at", "around", "about", "say", "like")]
    m = at[-1] if at and len(said) > 1 else (said[0] if said else None)
    if m is None:
        m = re.search(
            r"(?P<rel>)\b" + r"(?P<h>\d{1,2})(?::(?P<m>\d{2})|\s(?P<m2>[0-5]\d))?"
            r"\s*(?P<mer>am|pm|a m|p m|oclock)\b",
            text,
        )
    if m is None:  # "can we do 4 instead", "tomorrow evening, 7"
        m = re.search(
            r"\b(?P<rel>do|make it|say|how about|what about|maybe|or|is better ,?|"
            r"(?:push|move|change|bump|switch|shift) (?:it|that) (?:back |up )?(?:to|till|until)|"
            r"(?:morning|afternoon|evening|night|today|tomorrow|day|work|lunch|dinner) ,?)\s+"
            r"(?P<h>\d{1,2})(?:(?::|\s)(?P<m>[0-5]\d))?(?P<m2>)(?P<mer>)\b(?!\s*(?:bed|bath|"
            r"th\b|st\b|nd\b|rd\b|%|k\b|people|kids|dogs|cats|of))",
            text,
        )
        if m is not None and not 1 <= int(m.group("h")) <= 12:
            m = None
    if m is None:
        return None
    minute = int(m.group("m") or m.group("m2") or 0) if "m2" in m.groupdict() else int(m.group("m") or 0)
    mer = (m.group("mer") or "").replace(" ", "")
    meridiem = (
        "am"
        if mer in ("am", "inthemorning")
        else "pm"
        if mer in ("pm", "intheevening", "intheafternoon")
        else None
    )
    at = _hour(int(m.group("h")), minute, meridiem, part)
    if at is None:
        return None
    rel = m.group("rel") or "at"
    if rel == "at" and re.search(r"\b(?:after that|after then|from then on|or later|onwards)\b", text):
        rel = "after"  # "i get off at four, so any time after that"
    kind = (
        "after"
        if rel in ("after", "from", "anytime after", "sometime after", "past", "no earlier than")
        else "before"
        if rel in ("before", "by", "no later than", "until", "till")
        else "at"
    )
    return kind, at


def find_range(text: str, part: str | None) -> tuple[time, time] | None:
    """ "between 10 and noon", "from 4 to 6", "after 5 but before 7"."""
    text = re.sub(r"\b(?:noon|midday)\b", "12 pm", text)
    for m in re.finditer(
        r"\b(?:between|from|after)\s+(?P<h1>\d{1,2})(?::(?P<m1>\d{2}))?\s*(?P<mer1>am|pm)?"
        r",?\s+(?:and|to|till|until|-|but before|and before|before|but by|by)\s+"
        r"(?P<h2>\d{1,2})(?::(?P<m2>\d{2}))?\s*(?P<mer2>am|pm)?\b",
        text,
    ):
        mer1, mer2 = m.group("mer1"), m.group("mer2")
        end = _hour(int(m.group("h2")), int(m.group("m2") or 0), mer2, part)
        start = _hour(
            int(m.group("h1")),
            int(m.group("m1") or 0),
            mer1 or (mer2 if mer2 and int(m.group("h1")) < int(m.group("h2")) else None),
            part,
        )
        if start is not None and end is not None and start >= end and mer1 is None:
            start = _hour(int(m.group("h1")), int(m.group("m1") or 0), "am", part)
        if start is not None and end is not None and start < end:
            return start, end
    return None


_PARTS = {
    "forenoon": "morning",
    "1st thing": "morning",
    "night": "evening",
    "tonight": "evening",
    "after work": "evening",
    "after lunch": "afternoon",
    "lunch": "afternoon",
    "lunchtime": "afternoon",
    "dinner": "evening",
    "dinnertime": "evening",
    "supper": "evening",
    "first thing": "morning",
    "early": "morning",
    "breakfast": "morning",
    "midmorning": "morning",
    "late afternoon": "afternoon",
}


def find_part(text: str) -> str | None:
    text = re.sub(r"\bgood (?:morning|afternoon|evening|night|day)\b", " ", text)  # greetings
    found = list(
        re.finditer(
            r"\b(morning|forenoon|afternoon|evening|night|tonight|after work|after lunch|lunch|"
            r"lunchtime|dinnertime|dinner|supper|first thing|1st thing|breakfast|midmorning|"
            r"late afternoon|early)s?\b",
            text,
        )
    )
    if not found:
        return None
    # The last said, like the day: "i land monday night so tuesday morning would be better".
    return _PARTS.get(found[-1].group(1), found[-1].group(1))


def find_window(text: str, now: datetime) -> Window | None:
    """The window named in the text; None unless a day is named (a time alone is kept only
    with a day: "mornings work best" is no appointment)."""
    day, implied_part = find_day(text, now)
    part = find_part(text) or implied_part
    if day is None and part == "morning" and re.search(r"\bin the morning\b", text):
        day = now.date() + timedelta(days=1)  # "in the morning" with no day: tomorrow's
    if day is None:
        return None
    if (between := find_range(text, part)) is not None:
        return Window(day, *between, "between", part)
    clock = find_time(text, part)
    if clock is not None:
        kind, at = clock
        if kind == "at":
            return Window(day, at, (datetime.combine(day, at) + timedelta(hours=1)).time(), "at", part)
        if kind == "after":
            return Window(day, at, max(at, DAY[1] if part is None else PARTS[part][1]), "after", part)
        return Window(day, DAY[0] if part is None else PARTS[part][0], at, "before", part)
    if part is not None:
        return Window(day, *PARTS[part], "part", part)
    return Window(day, *DAY, "day")
